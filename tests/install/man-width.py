#!/usr/bin/env python3
"""Each man page reads at 80 columns: rendered by mandoc 80 wide, no line of
prose or of a table runs past column 80 (a table too wide for the terminal
breaks apart, as sendkit-census(5)'s did). Lines of a literal display
(.Bd -literal: commands and file contents, copied as written) and a word
that cannot break (a long address) may be longer.

    man-width.py MANDOC PAGE...
"""
import re
import subprocess
import sys

WIDTH = 80


def literal_lines(source):
    """The text of every line inside .Bd -literal ... .Ed, as printed."""
    lines, inside = set(), False
    for line in source.splitlines():
        if line.startswith(".Bd") and "-literal" in line:
            inside = True
        elif line.startswith(".Ed"):
            inside = False
        elif inside:
            lines.add(line.replace("\\e", "\\").replace("\\&", "").strip())
    return lines


def main():
    mandoc, pages = sys.argv[1], sys.argv[2:]
    failed = 0
    for page in pages:
        with open(page, encoding="utf-8") as f:
            literal = literal_lines(f.read())
        out = subprocess.run([mandoc, "-Tutf8", "-Owidth=%d" % WIDTH, page],
                             capture_output=True, check=True).stdout.decode()
        out = re.sub(".\b", "", out)  # bold and underline by overstriking
        for n, line in enumerate(out.splitlines(), 1):
            line = line.expandtabs()
            text = line.strip()
            if len(line) > WIDTH and text not in literal and " " in text:
                print("FAIL: %s: line %d of the page is %d columns: %s"
                      % (page, n, len(line), text[:60]), file=sys.stderr)
                failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
