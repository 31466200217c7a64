#!/usr/bin/env python3
"""scan-speed.py: the census reader's throughput on three shapes of file.

  pupil   a gen-census pupil-level file, single-letter codes (N, K, E, MLD)
  mis     the same pupils as an information system labels them
          ("K - SEN Support", "ASD - Autistic Spectrum Disorder")
  wide    DfE's 75-column school-level layout: the filled rows of
          dfe-sen-underlying-format-sample.csv repeated, each with its own URN

Prints the best of --runs CPU times (user + system: steadier than wall time
on a shared machine) of `census-summary --by all` and the
bytes per second of each. Generated files are kept in --dir (never in the
repository) and reused.

    bench/scan-speed.py [--build DIR] [--dir DIR] [--rows N] [--runs N]
                        [--threads N] [--only pupil,mis,wide]
"""
import argparse
import csv
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WIDE_SOURCE = os.path.join(ROOT, "..", "..", "shared", "data",
                           "dfe-sen-underlying-format-sample.csv")

PROVISION = {"N": "N - No Special Educational Need", "K": "K - SEN Support",
             "E": "E - Education, Health and Care Plan"}
NEED = {"SPLD": "SpLD - Specific Learning Difficulty",
        "MLD": "MLD - Moderate Learning Difficulty",
        "SLD": "SLD - Severe Learning Difficulty",
        "PMLD": "PMLD - Profound & Multiple Learning Difficulty",
        "SLCN": "SLCN - Speech, Language and Communication Needs",
        "ASD": "ASD - Autistic Spectrum Disorder",
        "SEMH": "SEMH - Social, Emotional and Mental Health",
        "HI": "HI - Hearing Impairment", "VI": "VI - Visual Impairment",
        "MSI": "MSI - Multi-Sensory Impairment", "PD": "PD - Physical Disability",
        "OTH": "OTH - Other Difficulty/Disability",
        "NSA": "NSA - SEN support but no specialist assessment of type of need"}


def pupil_file(args):
    path = os.path.join(args.dir, "pupil-%d.csv" % args.rows)
    if not os.path.exists(path):
        subprocess.run([os.path.join(args.build, "bin", "gen-census"), "--rows",
                        str(args.rows), "--seed", "7", "-o", path], check=True)
    return path


def mis_file(args):
    path = os.path.join(args.dir, "mis-%d.csv" % args.rows)
    if os.path.exists(path):
        return path
    with open(pupil_file(args), newline="", encoding="utf-8") as src, \
         open(path + ".tmp", "w", newline="", encoding="utf-8") as dst:
        rd = csv.reader(src)
        wr = csv.writer(dst, lineterminator="\n")
        head = next(rd)
        wr.writerow(head)
        prov, n1, n2 = (head.index(c) for c in
                        ("SEN Provision", "Primary Need", "Secondary Need"))
        for row in rd:
            if len(row) == len(head):
                row[prov] = PROVISION.get(row[prov], row[prov])
                row[n1] = NEED.get(row[n1], row[n1])
                row[n2] = NEED.get(row[n2], row[n2])
            wr.writerow(row)
    os.rename(path + ".tmp", path)
    return path


def wide_file(args):
    path = os.path.join(args.dir, "wide-%d.csv" % args.rows)
    if os.path.exists(path):
        return path
    with open(WIDE_SOURCE, newline="", encoding="utf-8-sig") as src:
        rd = csv.reader(src)
        head = next(rd)
        filled = [r for r in rd if any(r)]
    urn, laestab = head.index("URN"), head.index("laestab")
    with open(path + ".tmp", "w", newline="", encoding="utf-8") as dst:
        wr = csv.writer(dst, lineterminator="\n")
        wr.writerow(head)
        for i in range(args.rows // 4):
            row = list(filled[i % len(filled)])
            row[urn] = str(100000 + i % 900000)
            row[laestab] = str(1000000 + i % 9000000)
            wr.writerow(row)
    os.rename(path + ".tmp", path)
    return path


def best_time(args, path):
    cmd = [os.path.join(args.build, "bin", "census-summary"), "--by", "all",
           "--threads", str(args.threads), path]
    best = None
    for _ in range(args.runs):
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, use = os.wait4(proc.pid, 0)
        t = use.ru_utime + use.ru_stime
        best = t if best is None else min(best, t)
    return best


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--dir", default="/tmp/sendkit-scan-speed")
    ap.add_argument("--rows", type=int, default=1000000,
                    help="pupils (pupil, mis); the wide file has rows/4 schools")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--only", default="pupil,mis,wide")
    args = ap.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    make = {"pupil": pupil_file, "mis": mis_file, "wide": wide_file}
    print("| file | bytes | best CPU s | MB/s |")
    print("| --- | --- | --- | --- |")
    for name in args.only.split(","):
        path = make[name](args)
        size = os.path.getsize(path)
        t = best_time(args, path)
        print("| %s | %d | %.3f | %.0f |" % (name, size, t, size / t / 1e6))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
