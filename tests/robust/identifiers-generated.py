#!/usr/bin/env python3
"""No pupil identifier in any output, for generated pupil files (issue 11).

Each file has UPNs, forenames, surnames (all-caps and two-letter ones too)
and dates of birth, schools with many pupils and with one, its columns in a
random order, some headers mislabelled (a name under a code's header or a
school name's) or misspelt, and rows with their columns shifted (an
unquoted comma in a name, a comma missing, or both in one row, which keeps
the row's field count). census-summary runs on each in every format, at
every level, with and without --suppress, to stdout and with -o; no
identifier may appear in stdout, stderr or the -o file.

    identifiers-generated.py BIN_DIR [FILES] [SEED]
"""
import os
import random
import re
import subprocess
import sys
import tempfile

SURNAMES = ["SMITH", "WU", "NG", "LI", "OKAFOR", "Nowakowska", "Brennan", "Kaur",
            "Abara", "Petrov", "Quayle", "OYELARAN", "Haddad", "Yilmaz", "Zeller"]
FORENAMES = ["Jo", "Al", "Priya", "Oluwaseun", "Zofia", "Kacper", "Imogen", "Ravi",
             "Tomasz", "Elif", "Bartek", "Yusra", "Ffion", "Kwame", "Ines"]
SCHOOLS = [("100101", "Oak Primary"), ("100102", "Elm Academy"), ("100103", "Ash Infants")]
CODES = ["N", "N", "N", "K", "K", "E", "Q"]
NEEDS = ["SPLD", "MLD", "ASD", "SEMH", "SLCN", ""]
COLUMNS = ["UPN", "Surname", "Forename", "DOB", "URN", "School", "LA", "SEND Hub",
           "NCYear", "SEN Provision", "Primary Need"]
YEARS = ["N2", "R", "1", "6", "11", "Year 7", "Reception"]


def typo(name, rnd):
    i = rnd.randrange(len(name))
    return name[:i] + name[i + 1:]


def make_file(rnd, path):
    order = COLUMNS[:]
    rnd.shuffle(order)
    header = order[:]
    # Mislabelled: a name column under a code's or a school name's header,
    # or the other way.
    if rnd.random() < 0.5:
        a = header.index(rnd.choice(["Surname", "Forename"]))
        b = header.index(rnd.choice(["SEN Provision", "Primary Need", "School", "LA",
                                     "SEND Hub", "NCYear", "DOB"]))
        header[a], header[b] = header[b], header[a]
    if rnd.random() < 0.3:
        k = rnd.randrange(len(header))
        header[k] = typo(header[k], rnd)
    blanks = rnd.choice([0, 0, 1, 2])
    ids = set()
    lines = [",".join(header + [""] * blanks)]
    # Schools with one pupil: nothing in the file to disagree with.
    lone = [("1002%02d" % k, "Lone School %d" % k) for k in range(rnd.randrange(1, 4))]
    picks = [rnd.choice(SCHOOLS) for _ in range(rnd.randrange(20, 60))] + lone
    rnd.shuffle(picks)
    for urn, school in picks:
        code = rnd.choice(CODES)
        row = {
            "UPN": "A%012d" % rnd.randrange(10 ** 12),
            "Surname": rnd.choice(SURNAMES),
            "Forename": rnd.choice(FORENAMES),
            "DOB": rnd.choice(["%04d-%02d-%02d", "%04d/%02d/%02d"]) % (
                rnd.randrange(2008, 2020), rnd.randrange(1, 13), rnd.randrange(1, 29)),
            "URN": urn, "School": school, "LA": "Testshire",
            "SEND Hub": rnd.choice(["North", ""]), "NCYear": rnd.choice(YEARS),
            "SEN Provision": code,
            "Primary Need": rnd.choice(NEEDS) if code in "KE" else "",
        }
        for k in ("UPN", "Surname", "Forename", "DOB"):
            ids.add(row[k])
        fields = [row[c] for c in order] + [""] * blanks
        r = rnd.random()
        if r < 0.15 or 0.3 <= r < 0.45:
            # An unquoted comma in a name.
            k = order.index(rnd.choice(["Surname", "Forename"]))
            extra = rnd.choice(FORENAMES)
            ids.add(extra)
            fields[k] = fields[k] + "," + extra
        if 0.15 <= r < 0.25 or 0.3 <= r < 0.45:
            # A comma missing (with the comma above, the field count holds).
            k = rnd.randrange(len(fields) - 1)
            a, b = fields[k], fields[k + 1]
            fields[k:k + 2] = [a + b]
            if a in ids or b in ids:
                ids.add(a + b)
        if 0.25 <= r < 0.3:
            # A typo in a name.
            k = order.index(rnd.choice(["Surname", "Forename"]))
            fields[k] = typo(fields[k], rnd) + "x"
            ids.add(fields[k])
        lines.append(",".join(fields))
    with open(path, "w", newline="") as f:
        f.write("\r\n".join(lines) + "\r\n")
    # Two letters or more: a single letter is too common to search for.
    return {x for x in ids if len(x) >= 2}


def main():
    bindir = sys.argv[1]
    nfiles = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 11
    rnd = random.Random(seed)
    exe = os.path.join(bindir, "census-summary")
    failed = runs = 0
    with tempfile.TemporaryDirectory() as work:
        for n in range(nfiles):
            path = os.path.join(work, "pupils-%d.csv" % n)
            ids = make_file(rnd, path)
            words = re.compile(r"(?<![A-Za-z0-9])(" + "|".join(map(re.escape, ids)) +
                               r")(?![A-Za-z0-9])")
            formats = ("table", "csv", "tsv", "json", "markdown")
            for fmt in formats:
                for suppress in ([], ["--suppress", "5"]):
                    out = os.path.join(work, "out")
                    if os.path.exists(out):
                        os.unlink(out)
                    # -o writes the same text as stdout: each file tries it
                    # in one format, every format in turn.
                    for to_file in (False, True)[:1 + (fmt == formats[n % 5])]:
                        cmd = [exe, "-f", fmt, "--by", "school,hub,la,all",
                               "--threads", str(1 + n % 3)] + suppress
                        cmd += ["-o", out] if to_file else []
                        cmd.append(path)
                        p = subprocess.run(cmd, capture_output=True)
                        runs += 1
                        text = p.stdout.decode("utf-8", "replace") + \
                            p.stderr.decode("utf-8", "replace")
                        if to_file and os.path.exists(out):
                            with open(out, encoding="utf-8", errors="replace") as f:
                                text += f.read()
                        found = sorted(set(words.findall(text)))
                        if p.returncode not in (0, 1, 2) or found:
                            failed += 1
                            print("FAIL %s: exit %d, wrote %s" % (
                                " ".join(cmd), p.returncode, found[:3]))
                            if failed == 1:
                                with open(path) as f:
                                    print(f.read())
                                print(text)
    print("%d files, %d runs, %d failed" % (nfiles, runs, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
