#!/usr/bin/env python3
"""-f xlsx round trip: census-summary and review-score write a workbook that
openpyxl (a real reader) reads back with every cell equal to the CSV output's:
numbers as numbers, names and a suppressed "c" as text, never a formula; one
worksheet, a frozen header row and a filter over the whole table.

    xlsx.py BIN_DIR SOURCE_DIR
"""
import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl

from checks import ENV, check, summary


def run(argv):
    return subprocess.run(argv, env=ENV, capture_output=True, timeout=60)


def column_letter(n):
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def compare(name, argv, xlsx_path, number_columns):
    r = run(argv + ["-f", "csv"])
    rows = list(csv.reader(io.StringIO(r.stdout.decode())))
    w = run(argv + ["-f", "xlsx", "-o", xlsx_path])
    check(w.returncode == r.returncode and w.stdout == b"",
          f"{name}: exit {w.returncode} as for CSV ({r.returncode}) {w.stderr[:200]!r}")
    wb = openpyxl.load_workbook(xlsx_path)
    check(len(wb.worksheets) == 1, f"{name}: one worksheet")
    ws = wb.worksheets[0]
    check(ws.freeze_panes == "A2", f"{name}: header row frozen ({ws.freeze_panes})")
    ref = f"A1:{column_letter(len(rows[0]))}{len(rows)}"
    check(ws.auto_filter.ref == ref, f"{name}: filter over {ref} ({ws.auto_filter.ref})")
    check((ws.max_row, ws.max_column) == (len(rows), len(rows[0])),
          f"{name}: {len(rows)} rows of {len(rows[0])} columns")
    header = rows[0]
    bad = []
    numbers = suppressed = 0
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            cell = ws.cell(row=i + 1, column=j + 1)
            if cell.data_type == "f":
                bad.append((i, header[j], "a formula"))
            elif text == "":
                if cell.value is not None:
                    bad.append((i, header[j], cell.value))
            elif i > 0 and header[j] in number_columns and text != "c":
                numbers += 1
                if isinstance(cell.value, str) or float(text) != cell.value:
                    bad.append((i, header[j], text, cell.value))
            else:
                suppressed += text == "c"
                if cell.value != text or cell.data_type != "s":
                    bad.append((i, header[j], text, cell.value))
    check(not bad, f"{name}: every cell equal to the CSV's ({numbers} numbers, "
          f"{suppressed} suppressed) {bad[:5]}")
    widths = [ws.column_dimensions[column_letter(j + 1)].width for j in range(len(header))]
    check(all(w and w >= min(len(h), 60) for w, h in zip(widths, header)),
          f"{name}: column widths fit the header ({widths[:6]}...)")
    return ws, rows


def main():
    bin_dir, src = sys.argv[1], sys.argv[2]
    os.chdir(src)
    census = os.path.join(bin_dir, "census-summary")
    review = os.path.join(bin_dir, "review-score")
    counts = {"schools", "on_roll", "sen_support", "sen_support_pct", "ehcp", "ehcp_pct",
              "sen", "sen_pct"}
    with tempfile.TemporaryDirectory() as d:
        header = run([census, "-f", "csv", "examples/census/spring-2024.csv"]).stdout
        census_numbers = set(header.decode().splitlines()[0].split(",")[6:]) | counts
        compare("census-summary", [census, "--by", "school,hub,la,all", "--suppress", "5",
                                   "--hubs", "examples/census/hubs.csv",
                                   "examples/census/autumn-2023.csv",
                                   "examples/census/spring-2024.csv"],
                os.path.join(d, "census.xlsx"), census_numbers)
        compare("census-summary --columns", [census, "--columns", "name,areas",
                                             "examples/census/spring-2024.csv"],
                os.path.join(d, "areas.xlsx"), census_numbers)
        review_numbers = {"statements", "judged", "in_place", "partly_in_place",
                          "not_in_place", "score_pct", "actions", "actions_without_owner",
                          "actions_without_due", "actions_overdue", "broken_links"}
        # A file name that a spreadsheet would take for a formula stays text.
        hostile = os.path.join(d, "=HYPERLINK(1+1).yaml")
        shutil.copy("examples/review/lighthouse-2020.yaml", hostile)
        ws, _ = compare("review-score", [review, "--as-of", "2024-03-01",
                                         "examples/review/lighthouse-2020.yaml"],
                        os.path.join(d, "review.xlsx"), review_numbers)
        w = run([review, "--as-of", "2024-03-01", "-f", "xlsx", "-o",
                 os.path.join(d, "h.xlsx"), hostile])
        cells = [c for row in openpyxl.load_workbook(os.path.join(d, "h.xlsx")).active.iter_rows()
                 for c in row if c.value and str(c.value).startswith("/")]
        check(w.returncode == 0 and cells and all(c.data_type == "s" and c.value == hostile
                                                   for c in cells),
              f"review-score: a file named =HYPERLINK(...) is text ({len(cells)} cells)")
        # Text that is not UTF-8, or holds control characters that XML 1.0
        # forbids, goes in as the CSV's escapes: the workbook stays well-formed.
        folder = os.fsencode(os.path.join(d, "names"))
        os.makedirs(folder)
        for name in (b"caf\xe9.yaml", b"tab\t\x1b[2J\x7f\x01.yaml"):
            shutil.copy("examples/review/lighthouse-2020.yaml", os.path.join(folder, name))
        compare("review-score, names not UTF-8", [review, "--as-of", "2024-03-01", folder],
                os.path.join(d, "names.xlsx"), review_numbers)
        compare("census-summary -t not UTF-8",
                [census, "-t", b"T\xff\x02", "examples/census/spring-2024.csv"],
                os.path.join(d, "term.xlsx"), census_numbers)
        for cmd in ([census, "examples/census/spring-2024.csv"],
                    [review, "--as-of", "2024-03-01", "examples/review/lighthouse-2020.yaml"]):
            out = os.path.join(d, "bad-columns.xlsx")
            w = run(cmd[:1] + ["--columns", "name,nothing", "-f", "xlsx", "-o", out] + cmd[1:])
            check(w.returncode == 2 and not os.path.exists(out),
                  f"{os.path.basename(cmd[0])}: a bad --columns leaves no file ({w.returncode})")
        w = run([census, "-f", "xlsx", "examples/census/spring-2024.csv"])
        check(w.returncode == 2 and w.stdout == b"" and b"-o FILE.xlsx" in w.stderr,
              f"census-summary: -f xlsx into a pipe refused ({w.returncode})")
    return summary("xlsx")


if __name__ == "__main__":
    sys.exit(main())
