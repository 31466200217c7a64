#!/usr/bin/python3
"""Every output safe to open (issue 13 items 1-5): runs each command over files
whose every text field, and whose file names, hold hostile values, in every
output format, and checks what a reader's terminal, Markdown renderer,
spreadsheet, CI log or JSON parser would get.

    output.py BIN_DIR SOURCE_DIR [COMMAND]

Checks on every run's standard output and standard error:
  terminal    valid UTF-8; no control character (C0 but line feed, DEL, C1,
              U+2028/9, bidirectional overrides), tab only between TSV cells
              and CR only in --excel's CRLF
  workflow    no line begins "::" (a GitHub Actions workflow command), but
              action-lint -f github's own annotations, whose properties and
              message are escaped; no "##[" anywhere (the older form, which
              the runner finds anywhere in a line)
  formula     no CSV or TSV cell begins with = + - @ tab or CR unless it is
              a number; each guarded cell reads back as it was
  markdown    cmark-gfm and Python-Markdown render it with no tag but the
              document's own (tables, headings, lists, strong, br), and
              every table row with as many cells as its header
  json        parses, and is valid UTF-8
  html        nutshell's page: the terminal and workflow checks above, so a
              value's controls, overrides and line breaks show as escapes
Exit status 0 when all pass, 1 otherwise, 77 when a tool is missing (skipped).
Needs /usr/bin/python3 with python3-yaml and python3-markdown, and cmark-gfm
(scripts/deps.sh installs them).
"""
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser

try:
    import markdown
    import yaml
except ImportError as e:
    print(f"SKIP: {e} (scripts/deps.sh installs python3-markdown and python3-yaml)")
    sys.exit(77)
if not shutil.which("cmark-gfm"):
    print("SKIP: cmark-gfm is missing (scripts/deps.sh installs it)")
    sys.exit(77)

BIN, SRC = sys.argv[1], sys.argv[2]
ONLY = sys.argv[3] if len(sys.argv) > 3 else None

# The body every hostile value carries: OSC 52 (clipboard), clear screen, CR
# and BS to overwrite, DEL, C1 CSI, a right-to-left override, OSC 8 links,
# HTML that runs script, Markdown of every kind, a pipe after a backslash,
# and a line that would be a workflow command.
BODY = ("X\x1b]52;c;aGk=\x07\x1b[2J\r\b\x7f\u009b31m\u202egnp.exe"
        "\x1b]8;;http://evil/\x1b\\link\x1b]8;;\x1b\\ "
        "<script>alert(1)</script><img src=x onerror=alert(1)><svg onload=alert(1)> "
        "a \\| b | *em* _u_ ~~s~~ `c` [l](javascript:alert(1)) <http://evil> www.evil.example "
        "x@evil.example &lt;b&gt; ##[error file=a.yaml]forged ##[add-mask]x "
        "###[stop-commands]tok #")
LINE_BREAK = "\n::error file=forged::forged\r\n::stop-commands::x\n##[add-mask]y"
# What each value begins with: formulas, and the block starts of Markdown.
STARTS = ["=HYPERLINK(\"http://evil\",\"y\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)",
          "\t=1+1", "\r=1+1", "# ", "> ", "- ", "1. ", "<script>", "::warning::"]


# A census name is one line, and at most 200 bytes.
SHORT_BODY = ("X\x1b]52;c;aGk=\x07\x1b[2J\b\x7f\u009b31m\u202egnp.exe <script>x</script>"
              "<img src=x onerror=y> a \\| b | *em* [l](javascript:z) ::error::f ##[add-mask]m")


CENSUS_NAME = b"=1+2 caf\xe9\x1b[2J\n::error::c ##[add-mask]x.csv"
PLAIN_NAME = "=HYPERLINK(\"http://evil\",\"\u00c9cole St John\u2019s\")"


def payload(i, breaks=True):
    if not breaks:
        return STARTS[i % len(STARTS)] + SHORT_BODY
    return STARTS[i % len(STARTS)] + BODY + LINE_BREAK


# ---- inputs

class Counter:
    n = 0

    def next(self):
        self.n += 1
        return self.n


KEEP = {"sendkit", "year", "cost", "budget", "timescale", "due", "judgement", "links",
        "date", "census", "review_date"}


def hostile_tree(node, counter, key=None):
    """Every free-text string in a YAML tree replaced by a hostile value."""
    if isinstance(node, dict):
        return {k: v if k in KEEP else hostile_tree(v, counter, k) for k, v in node.items()}
    if isinstance(node, list):
        return [hostile_tree(v, counter, key) for v in node]
    if isinstance(node, str):
        return payload(counter.next())
    return node


def write_yaml(path, tree):
    with open(path, "w", encoding="utf-8") as f:
        yaml.safe_dump(tree, f, allow_unicode=True, sort_keys=False, width=1 << 20)


def make_inputs(d):
    os.makedirs(d)
    with open(f"{SRC}/examples/strategy/holy-trinity-2023-24.yaml", encoding="utf-8") as f:
        strategy = yaml.safe_load(f)
    with open(f"{SRC}/examples/review/lighthouse-2020.yaml", encoding="utf-8") as f:
        review = yaml.safe_load(f)
    write_yaml(f"{d}/strategy.yaml", hostile_tree(strategy, Counter()))
    write_yaml(f"{d}/review.yaml", hostile_tree(review, Counter()))

    # The census: hostile school, LA and hub names (no line breaks: a census
    # row is one line), and the original names of each school to check.
    names = {}
    with open(f"{SRC}/examples/census/spring-2024.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    head = rows[0]
    school, la, urn = head.index("School"), head.index("LA"), head.index("URN")
    for row in rows[1:]:
        n = len(names)
        if row[urn] not in names:
            names[row[urn]] = (payload(2 * n, False), payload(2 * n + 1, False))
        row[school], row[la] = names[row[urn]]
    with open(f"{d}/census.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    with open(f"{d}/hubs.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["urn", "hub"])
        for i, u in enumerate(sorted(names)):
            w.writerow([u, payload(i + 5, False)])

    # A census whose first school's name is a formula, with no control
    # characters: through census-summary's CSV it must come back as it was.
    with open(f"{d}/plain.csv", "w", encoding="utf-8", newline="") as f:
        first = rows[1][urn]
        with open(f"{SRC}/examples/census/spring-2024.csv", encoding="utf-8",
                  newline="") as g:
            plain = list(csv.reader(g))
        for r in plain[1:]:
            if r[urn] == first:
                r[school] = PLAIN_NAME
        csv.writer(f).writerows(plain)

    # A strategy without a school name: nutshell takes it from the census.
    st = hostile_tree(strategy, Counter())
    del st["school"]["name"]
    st["school"]["urn"] = int(rows[1][urn])
    write_yaml(f"{d}/unnamed.yaml", st)

    # Hostile file names in a folder: workflow commands, controls, and bytes
    # that are not UTF-8; a dozen of each kind of finding, past GitHub's ten.
    folder = os.fsencode(f"{d}/folder")
    os.makedirs(folder)
    bad = dict(strategy, sendkit="strategy")
    bad["summary"] = dict(strategy["summary"], on_roll=-1)
    for i in range(12):
        for name in (f"::stop-commands::x{i}.yaml".encode(),
                     f"  ::error::y{i}\x1b[2J\r\n::warning::z.yaml".encode(),
                     b"caf\xe9" + str(i).encode() + b"\x9b31m.yaml",
                     f"##[add-mask]x{i}.yaml".encode()):
            with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                yaml.safe_dump(hostile_tree(bad, Counter()), f, allow_unicode=True)
    # A census whose file name (the default term label) is hostile.
    shutil.copy(f"{d}/census.csv", os.path.join(os.fsencode(d), CENSUS_NAME))
    rfolder = os.fsencode(f"{d}/reviews")
    os.makedirs(rfolder)
    for name in (b"::stop-commands::r.yaml", b"=cmd|' -C calc'!A0 \xe9\x1b[2J.yaml",
                 b"-2+3\n::error::r.yaml", b"##[error file=a.yaml]forged.yaml"):
        shutil.copy(f"{d}/review.yaml", os.path.join(rfolder, name))
    return names


# ---- checks

TERMINAL_BAD = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
ANNOTATION = re.compile(r"^::(error|warning|notice) file=[^:,\r]*(,line=\d+,col=\d+)?"
                        r",title=[^:,\r]*::[^\r]*$")
ALLOWED_TAGS = {"table", "thead", "tbody", "tr", "th", "td", "p", "h1", "h2", "h3", "h4",
                "ul", "ol", "li", "strong", "br", "hr"}
# GitHub's renderer makes a mail address a link of the same text (no escape
# stops it), and nutshell's own text names options in code.
SAME_TEXT_MAILTO = re.compile(r'<a href="mailto:([^"<>]*)">\1</a>')
OWN_CODE = re.compile(r"<code>--[a-z-]+</code>")


def check_terminal(text, allow_tab, allow_crlf, allow_ff=False):
    if allow_ff:
        text = text.replace("\f", "")
    if allow_crlf:
        text = text.replace("\r\n", "\n")
    if allow_tab:
        text = text.replace("\t", " ")
    m = TERMINAL_BAD.search(text)
    return [] if not m else [f"terminal: control character U+{ord(m.group()):04X} "
                             f"in ...{text[max(0, m.start() - 30):m.start()]!r}"]


def check_workflow(text, annotations):
    problems = []
    for line in text.split("\n"):
        if not line.strip().startswith("::"):
            continue
        if annotations and ANNOTATION.match(line):
            continue
        problems.append(f"workflow command: {line[:80]!r}")
    for line in text.split("\n"):
        if "##[" in line:
            problems.append(f"workflow command ##[: {line[:80]!r}")
    return problems


def is_number(s):
    return re.fullmatch(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?", s) is not None


def check_cells(rows):
    problems = []
    for row in rows:
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not is_number(cell):
                problems.append(f"formula: cell {cell[:40]!r}")
    return problems


def check_csv(text, tsv):
    text = text.lstrip("\ufeff")
    if tsv:
        rows = [line.split("\t") for line in text.replace("\r\n", "\n").split("\n") if line]
    else:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    return check_cells(rows)


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.bad, self.rows = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS or attrs and tag not in ("th", "td"):
            self.bad.append(tag + "".join(f" {k}" for k, _ in attrs))
        if tag == "tr":
            self.rows.append(0)
        elif tag in ("th", "td"):
            self.rows[-1] += 1

    def handle_endtag(self, tag):
        if tag == "table":
            self.rows.append(None)


def check_markdown(text):
    problems = []
    cmark = subprocess.run(["cmark-gfm", "-e", "table", "-e", "strikethrough", "-e",
                            "autolink", "-e", "tagfilter"], input=text.encode(),
                           capture_output=True, check=True).stdout.decode()
    python = markdown.markdown(text, extensions=["tables"])
    for name, html in (("cmark-gfm", cmark), ("Python-Markdown", python)):
        p = Tags()
        p.feed(OWN_CODE.sub("", SAME_TEXT_MAILTO.sub("", html)))
        if p.bad:
            problems.append(f"markdown: {name} made <{'>, <'.join(sorted(set(p.bad)))}>")
        # Each table's rows have as many cells as its header row.
        width = None
        for n in p.rows:
            if n is None:
                width = None
            elif width is None:
                width = n
            elif n != width:
                problems.append(f"markdown: {name} made a row of {n} cells under a "
                                f"header of {width}")
                break
    return problems


def check_json(out):
    try:
        json.loads(out.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        return [f"json: {e}"]
    return []


# ---- runs

FAILED = []
RUNS = [0]


def run(cmd, args, kind, cwd, stdin=None, annotations=False):
    """Runs one command and checks its output as `kind` says: table, csv,
    tsv, excel, json, markdown, html, text (explain, priorities, lint text),
    github, sarif."""
    if ONLY and cmd != ONLY:
        return b""
    RUNS[0] += 1
    env = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC", NO_COLOR="1")
    p = subprocess.run([os.path.join(BIN, cmd)] + args, cwd=cwd, env=env, input=stdin,
                       capture_output=True, timeout=120)
    shown = " ".join(os.fsdecode(a) if isinstance(a, bytes) else a for a in args)
    problems = []
    if p.returncode not in (0, 1):
        problems.append(f"exit status {p.returncode}: {p.stderr[:300]!r}")
    for stream, data in (("stdout", p.stdout), ("stderr", p.stderr)):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            problems.append(f"{stream}: not UTF-8: {e}")
            continue
        out = stream == "stdout"
        problems += [f"{stream}: {m}" for m in
                     check_terminal(text, out and kind in ("tsv", "excel-tsv"),
                                    out and kind in ("excel", "excel-tsv"),
                                    out and kind == "pages")]
        problems += [f"{stream}: {m}" for m in check_workflow(text, out and annotations)]
        if not out:
            continue
        if kind in ("csv", "tsv", "excel", "excel-tsv"):
            problems += check_csv(text, kind in ("tsv", "excel-tsv"))
        elif kind == "markdown":
            problems += check_markdown(text)
        elif kind in ("json", "sarif"):
            problems += check_json(data)
    if not p.stdout and kind != "none":
        problems.append("no output")
    for m in problems:
        FAILED.append(f"{cmd} {shown}: {m}")
    print(f"{'FAIL' if problems else 'ok  '} {cmd} {shown!r} (exit {p.returncode})")
    for m in problems[:5]:
        print(f"    | {m}")
    return p.stdout


def main():
    work = tempfile.mkdtemp()
    try:
        d = os.path.join(work, "in")
        names = make_inputs(d)
        cs, by = "census-summary", ["--by", "school,hub,la,all", "--hubs", "hubs.csv"]
        for fmt in ("table", "csv", "tsv", "json", "markdown"):
            run(cs, by + ["-f", fmt, "census.csv"], fmt, d)
            run(cs, by + ["-f", fmt, "--suppress", "5", "census.csv"], fmt, d)
        run(cs, by + ["--excel", "census.csv"], "excel", d)
        run(cs, by + ["--excel", "-f", "tsv", "census.csv"], "excel-tsv", d)
        for fmt in ("table", "csv", "tsv", "json", "markdown"):
            run(cs, ["-f", fmt, CENSUS_NAME], fmt, d)
            run(cs, ["-f", fmt, "-t", "x ##[stop-commands]tok", "census.csv"], fmt, d)
        summary = run(cs, ["--by", "school", "plain.csv"], "csv", d)
        with open(os.path.join(d, "summary.csv"), "wb") as f:
            f.write(summary)

        rs = "review-score"
        for fmt in ("table", "csv", "tsv", "json", "markdown"):
            run(rs, ["--as-of", "2020-09-01", "-f", fmt, "review.yaml", "reviews"], fmt, d)
        run(rs, ["--as-of", "2020-09-01", "--excel", "reviews"], "excel", d)
        run(rs, ["--as-of", "2020-09-01", "--explain", "review.yaml", "reviews"], "text", d)
        run(rs, ["--as-of", "2020-09-01", "--priorities", "3", "review.yaml"], "text", d)
        run(rs, ["--as-of", "2020-09-01", "-"], "csv", d,
            stdin=open(os.path.join(d, "review.yaml"), "rb").read())

        nu = "nutshell"
        for fmt in ("table", "markdown", "json", "html"):
            run(nu, ["--as-of", "2024-03-01", "-f", fmt, "strategy.yaml"], fmt, d)
            run(nu, ["--as-of", "2024-03-01", "-f", fmt, "--census", "summary.csv",
                     "unnamed.yaml"], fmt, d)
            # Profiles one after another: a form feed between them on a terminal.
            run(nu, ["--as-of", "2024-03-01", "-f", fmt, "folder"],
                "pages" if fmt == "table" else fmt, d)
        # The name from the census summary comes back as it was, apostrophe undone.
        if not ONLY or ONLY == nu:
            got = run(nu, ["--as-of", "2024-03-01", "-f", "json", "--census", "summary.csv",
                           "unnamed.yaml"], "json", d)
            try:
                name = json.loads(got)["school"]["name"]
            except (ValueError, KeyError, TypeError) as e:
                name = f"(not found: {e})"
            if name != PLAIN_NAME:
                FAILED.append(f"nutshell: the census name came back as {name!r}, "
                              f"not {PLAIN_NAME!r}")

        al = "action-lint"
        for fmt, kind in (("text", "text"), ("json", "json"), ("github", "github"),
                          ("sarif", "sarif")):
            run(al, ["--as-of", "2024-03-01", "-f", fmt, "."], kind,
                os.path.join(d, "folder"), annotations=fmt == "github")
            run(al, ["--as-of", "2024-03-01", "-f", fmt, "strategy.yaml", "review.yaml"],
                kind, d, annotations=fmt == "github")
    finally:
        shutil.rmtree(work)
    for m in FAILED:
        if m.startswith(("census-summary: name", "nutshell: the census")):
            print(f"FAIL {m}")
    print(f"hostile output: {RUNS[0]} runs, {len(FAILED)} problems")
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
