#!/usr/bin/env python3
"""The newcomer's documents say what is true (ctest -L docs).

usage: check.py SOURCE_DIR BIN_DIR

- README's "Two commands" are `sh scripts/demo.sh` and `sh scripts/test.sh`,
  and the second is a line of .ci/run, so the test command is what CI runs;
- every relative link, in-page anchor, repository path in backquotes and
  man page named as name(N) in README.md, HACKING.md, SECURITY.md and the
  other top-level documents exists;
- every command of a README block marked <!-- docs: run --> runs, with the
  built commands first on PATH, from a scratch folder that sees the
  repository's examples/, tests/ and man/, and exits 0 or 1 (findings in the
  example data are the point of some); 2 or more fails.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

DOCS = ["README.md", "HACKING.md", "SECURITY.md", "examples/README.md", "tests/data/README.md"]
# Their backquoted paths are often in the benchmark's work folder: links only.
LINKS_ONLY = ["bench/README.md", "bench/lint/README.md"]
TOP_DIRS = ("cmd/", "lib/", "include/", "examples/", "man/", "tests/", "scripts/",
            "bench/", "share/", "cmake/", ".ci/", "web/", "completions/")
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def slug(heading):
    """GitHub's anchor for a heading."""
    s = re.sub(r"[`*_]", "", heading.strip().lower())
    s = re.sub(r"[^\w\- ]", "", s)
    return s.replace(" ", "-")


def code_blocks(text):
    """(marker, lines) for each indented code block; marker is the
    <!-- docs: ... --> comment just before it, if any."""
    blocks, lines, i = [], text.split("\n"), 0
    while i < len(lines):
        if lines[i].startswith("    ") and (i == 0 or lines[i - 1].strip() == ""):
            j = i - 2
            marker = lines[j].strip() if j >= 0 else ""
            block = []
            while i < len(lines) and (lines[i].startswith("    ") or lines[i].strip() == ""):
                block.append(lines[i][4:])
                i += 1
            while block and block[-1].strip() == "":
                block.pop()
            blocks.append((marker, block))
        else:
            i += 1
    return blocks


def commands(block):
    """Join continued lines (a trailing \\ or |) into whole commands."""
    out, cur = [], ""
    for line in block:
        cur += line.strip() if cur else line
        if cur.endswith("\\"):
            cur = cur[:-1].rstrip() + " "
        elif cur.endswith("|"):
            cur += " "
        else:
            out.append(cur)
            cur = ""
    return out


def check_paths(src, doc, links_only=False):
    path = os.path.join(src, doc)
    if not os.path.exists(path):
        return
    text = open(path, encoding="utf-8").read()
    here = os.path.dirname(path)
    anchors = {slug(h) for h in re.findall(r"^#+ (.*)$", text, re.M)}
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue
        file, _, anchor = target.partition("#")
        if file and not os.path.exists(os.path.join(here, file)):
            fail("%s: link to %s, which does not exist" % (doc, target))
        if not file and anchor not in anchors:
            fail("%s: link to #%s, which is no heading here" % (doc, anchor))
    for ref in [] if links_only else re.findall(r"`([^`\s]+)`", text):
        ref = ref.rstrip(".,:;")
        if any(c in ref for c in "*<>$={}") or ref.startswith(("build", "/", "-", "share/doc/")):
            continue
        is_doc = re.fullmatch(r"[\w.-]+\.md", ref)
        if not (ref.startswith(TOP_DIRS) or is_doc):
            continue
        if not (os.path.exists(os.path.join(src, ref)) or os.path.exists(os.path.join(here, ref))):
            fail("%s: names `%s`, which does not exist" % (doc, ref))
    for name, sect in re.findall(r"\b([a-z][\w-]*)\(([1-8])\)", text):
        if name.startswith(("sendkit", "libsendkit")) or os.path.exists(
                os.path.join(src, "cmd", name)) or os.path.exists(
                os.path.join(src, "cmd", name + ".c")):
            if not os.path.exists(os.path.join(src, "man", "%s.%s" % (name, sect))):
                fail("%s: names %s(%s), which man/ does not have" % (doc, name, sect))


def check_two_commands(src, readme):
    part = readme.split("\n## Two commands\n", 1)
    if len(part) < 2:
        fail("README.md has no \"## Two commands\" section")
        return
    blocks = code_blocks(part[1])
    cmds = [re.sub(r"\s+#.*", "", c).strip() for c in commands(blocks[0][1])] if blocks else []
    if cmds != ["sh scripts/demo.sh", "sh scripts/test.sh"]:
        fail("README's two commands are %r, not sh scripts/demo.sh and sh scripts/test.sh" % cmds)
    ci = [l.strip() for l in open(os.path.join(src, ".ci/run"), encoding="utf-8")]
    if "sh scripts/test.sh" not in ci:
        fail(".ci/run does not run the README's test command, sh scripts/test.sh")


def run_marked(src, bindir, readme):
    scratch = tempfile.mkdtemp(prefix="sendkit-docs-")
    try:
        for d in ("examples", "tests", "man"):
            os.symlink(os.path.join(src, d), os.path.join(scratch, d))
        env = dict(os.environ, PATH=bindir + os.pathsep + os.environ.get("PATH", ""))
        env.pop("GITHUB_ACTIONS", None)
        ran = 0

        def run(cmd):
            nonlocal ran
            page = re.match(r"man -l (\S+)", cmd)
            if page:  # man-db may be missing here; the page must be there
                if not os.path.exists(os.path.join(src, page.group(1))):
                    fail("README: %s, which does not exist" % cmd)
                return set()
            r = subprocess.run(["sh", "-c", cmd], cwd=scratch, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, timeout=120)
            ran += 1
            out = r.stdout.decode(errors="replace")
            if r.returncode > 1:
                fail("README command exits %d: %s\n%s" % (r.returncode, cmd, out[-600:]))
            return {line.rstrip() for line in out.split("\n")}

        for marker, block in code_blocks(readme):
            if marker == "<!-- docs: run -->":
                for cmd in commands(block):
                    run(cmd)
            elif marker == "<!-- docs: output -->":
                # "$ command" lines, each followed by lines of what it prints.
                seen = set()
                for line in block:
                    if line.startswith("$ "):
                        seen = run(line[2:])
                    elif line.strip() != "..." and line.rstrip() not in seen:
                        fail("README shows a line its command does not print: " + line)
        if ran < 10:
            fail("only %d README commands are marked <!-- docs: run -->" % ran)
        # What the tour makes goes to out/ (ignored by git), not all over the clone.
        for name in sorted(set(os.listdir(scratch)) - {"examples", "tests", "man", "out"}):
            fail("README's commands write %s into the clone: write it under out/" % name)
        print("ran %d README commands" % ran)
    finally:
        shutil.rmtree(scratch)


def main():
    src, bindir = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    readme = open(os.path.join(src, "README.md"), encoding="utf-8").read()
    check_two_commands(src, readme)
    for doc in DOCS:
        check_paths(src, doc)
    for doc in LINKS_ONLY:
        check_paths(src, doc, links_only=True)
    run_marked(src, bindir, readme)
    sys.exit(1 if failures else 0)


main()
