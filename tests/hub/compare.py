#!/usr/bin/env python3
"""Every figure of the hub's and the trust's pages (nutshell --hub/--trust -f
json) against what census-summary, review-score, action-lint and nutshell's
school page give for the same files, and the shares and differences worked
out here by hand from census-summary's counts.

    compare.py BIN_DIR SOURCE_DIR
"""
import json
import os
import subprocess
import sys
import tempfile
from decimal import ROUND_HALF_UP, Decimal

AS_OF = "2024-03-01"
HUBS = "examples/census/hubs.csv"
TERMS = ["examples/census/autumn-2023.csv", "examples/census/spring-2024.csv"]
BROAD = ["cognition_and_learning", "communication_and_interaction",
         "social_emotional_mental_health", "sensory_and_physical", "unclassified"]
MEASURES = ["sen_support", "ehcp", "sen"]
AREAS = ["leadership", "identification", "tracking_and_monitoring",
         "teaching_and_intervention", "developing_provision"]

failures = []


def run(*args, ok=(0, 1)):
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode not in ok:
        sys.exit(f"{' '.join(args)}: exit {p.returncode}: {p.stderr}")
    return p.stdout


def check(what, got, want):
    if got != want:
        failures.append(f"{what}: the page says {got!r}, the other command {want!r}")


def urn_of(path):
    """The URN a strategy or a school review names (None for a trust's)."""
    for line in open(path, encoding="utf-8"):
        if line.strip().startswith("urn:"):
            return line.split(":", 1)[1].strip()
    return None


def field_of(path, key):
    """A top-level field of a YAML file, as written."""
    for line in open(path, encoding="utf-8"):
        if line.startswith(key + ":"):
            return line.split(":", 1)[1].strip()
    return None


def shown_review(reviews, urn):
    """The review the page shows: the latest on or before AS_OF with a statement judged."""
    fit = [p for p, r in reviews.items() if urn_of(p) == urn
           and field_of(p, "date") <= AS_OF and r["overall"]["judged"]]
    return max(fit, key=lambda p: field_of(p, "date"), default=None)


def shown_strategy(lint, urn):
    """The strategy the page shows: AS_OF's school year's, or the latest before."""
    year = int(AS_OF[:4]) - (int(AS_OF[5:7]) < 9)
    fit = [p for p in lint if urn_of(p) == urn and int(field_of(p, "year")[:4]) <= year]
    return max(fit, key=lambda p: field_of(p, "year"), default=None)


def pct(part, whole):
    """Tenths of a percent, rounded half away from zero, as a float with one decimal."""
    q = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return float(q)


def main():
    bin_dir, src = sys.argv[1], sys.argv[2]
    os.chdir(src)
    os.environ["PATH"] = bin_dir + os.pathsep + os.environ["PATH"]
    summary_csv = run("census-summary", "--hubs", HUBS, "--by", "school,hub,la,all",
                      "-f", "csv", *TERMS)
    summary = json.loads(run("census-summary", "--hubs", HUBS, "--by", "school,hub,la,all",
                             "-f", "json", *TERMS))
    with tempfile.NamedTemporaryFile("w", suffix=".csv") as f:
        f.write(summary_csv)
        f.flush()
        pages = [json.loads(run("nutshell", "--census", f.name, "--as-of", AS_OF,
                                "-f", "json", *opt, "examples/"))
                 for opt in (["--hub", "Mendip"], ["--hub", "Weston"], ["--trust"])]

    latest, previous = "spring-2024", "autumn-2023"
    rows = {(r["term"], r["level"], r["key"]): r for r in summary}
    reviews = {}
    for name in sorted(os.listdir("examples/review")):
        path = f"examples/review/{name}"
        out = json.loads(run("review-score", "--as-of", AS_OF, "-f", "json", path))
        reviews[path] = {r["area"]: r for r in out["rows"]}
    lint = {}
    budgets = {}
    for name in sorted(os.listdir("examples/strategy")):
        path = f"examples/strategy/{name}"
        lint[path] = json.loads(run("action-lint", "--as-of", AS_OF, "-f", "json", path))
        budgets[path] = json.loads(run("nutshell", "--as-of", AS_OF, "-f", "json",
                                       path))["total_budget_pence"]

    figures = 0
    for page in pages:
        who = page["hub"] or "trust"
        check(f"{who}: term", page["term"], latest)
        check(f"{who}: previous term", page["previous_term"], previous)
        for line in page["schools"]:
            level = {"trust": "all"}.get(line["level"], line["level"])
            if level == "national":
                continue
            key = line["urn"] if level == "school" else "all" if level == "all" else line["name"]
            row, change = rows[(latest, level, key)], rows[(f"{previous}..{latest}", level, key)]
            for col in ["on_roll"] + MEASURES + [m + "_pct" for m in MEASURES]:
                check(f"{who}: {key} {col}", line[col], row[col])
                figures += 1
            check(f"{who}: {key} change in all SEN", line["sen_change"], change["sen"])
            check(f"{who}: {key} change in all SEN %", line["sen_pct_change"], change["sen_pct"])
            figures += 2
        for line in page["need"]:
            level = {"trust": "all"}.get(line["level"], line["level"])
            if level == "national":
                continue
            key = next(s["urn"] for s in page["schools"] if s["name"] == line["name"]) \
                if level == "school" else "all" if level == "all" else line["name"]
            row = rows[(latest, level, key)]
            for b in BROAD:
                check(f"{who}: {key} share of {b}", line[b], pct(row[b], row["sen"]))
                figures += 1
        for line in page["reviews"]:
            path = shown_review(reviews, line["urn"])
            if path is None:
                check(f"{who}: {line['name']} review", line["review_date"], None)
                continue
            r = reviews[path]
            for a in AREAS + ["overall"]:
                check(f"{who}: {path} {a} score", line[f"{a}_score"], r[a]["score_pct"])
                check(f"{who}: {path} {a} rating", line[a], r[a]["rating"])
                figures += 2
            for col in ["actions_overdue", "actions_without_owner", "actions_without_due"]:
                check(f"{who}: {path} {col}", line[col], r["overall"][col])
                figures += 1
        for line in page["strategies"]:
            path = shown_strategy(lint, line["urn"])
            if path is None:
                check(f"{who}: {line['name']} strategy", line["year"], None)
                continue
            check(f"{who}: {path} errors", line["lint_errors"], lint[path]["errors"])
            check(f"{who}: {path} warnings", line["lint_warnings"], lint[path]["warnings"])
            check(f"{who}: {path} budget", line["budget_pence"], budgets[path])
            figures += 3
        group = ("hub", page["hub"]) if page["hub"] else ("all", "all")
        for f in page["focus_needs"]:
            col = f["key"] if f["kind"] == "broad_area" else "need_" + f["key"]
            row = rows[(latest, *group)]
            check(f"{who}: focus {col} count", f["count"], row[col])
            check(f"{who}: focus {col} share", f["share"], pct(row[col], row["sen"]))
            # The difference of the two shares shown, so that the page adds up.
            shown = (Decimal(str(f["share"])) - Decimal(str(f["national_share"])))
            check(f"{who}: focus {col} difference", f["difference"], float(shown))
            figures += 3
        for t in page["trend"]:
            row = rows[(t["term"], *group)]
            for m in MEASURES:
                check(f"{who}: trend {t['term']} {m}", t[m + "_pct"], row[m + "_pct"])
                figures += 1
        for a in page["focus_reviews"]:
            shown = [shown_review(reviews, s["urn"]) for s in page["reviews"]]
            scored = [reviews[p][a["area"]] for p in shown
                      if p and reviews[p][a["area"]]["judged"]]
            check(f"{who}: {a['area']} schools reviewed", a["reviewed"], len(scored))
            check(f"{who}: {a['area']} priority", a["priority"],
                  sum(s["rating"] == "priority" for s in scored))
            figures += 2

    for f in failures:
        print(f)
    print(f"{figures} figures compared, {len(failures)} differ")
    return 1 if failures or figures < 200 else 0


if __name__ == "__main__":
    sys.exit(main())
