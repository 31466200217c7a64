#!/usr/bin/env python3
"""An auditor of census-summary --suppress, independent of the command's own.

Generates trusts (a few schools to a few hundred, one to three terms, hubs
and local authorities), runs census-summary on them with every --by, and
reads its CSV output only. From what a reader of that output knows
(census-summary(1), READER'S MODEL) it solves with SciPy's linprog the least
and greatest value of every suppressed cell whose true count is small, and
fails when one holds fewer than three whole values. It also checks every
shown count against the generated data, that a "c" is never a 0, that every
small count is a "c", and that a percentage is a "c" with its count.

Usage: audit.py CENSUS_SUMMARY [--trusts N] [--seed S] [--keep DIR]
"""
import argparse
import csv
import io
import itertools
import math
import os
import random
import subprocess
import sys
import tempfile

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

CODES = ["spld", "mld", "sld", "pmld", "slcn", "asd", "semh", "hi", "vi", "msi", "pd",
         "oth", "nsa"]
NEEDS = CODES + ["unknown"]
AREAS = {
    "cognition_and_learning": ["spld", "mld", "sld", "pmld"],
    "communication_and_interaction": ["slcn", "asd"],
    "social_emotional_mental_health": ["semh"],
    "sensory_and_physical": ["hi", "vi", "msi", "pd"],
    "unclassified": ["oth", "nsa", "unknown"],
}
COUNTS = (["on_roll", "sen_support", "ehcp", "sen"] + list(AREAS)
          + ["need_" + n for n in NEEDS])
PCTS = {"sen_support_pct": "sen_support", "ehcp_pct": "ehcp", "sen_pct": "sen"}
LEVELS = ["school", "hub", "la", "all"]
MIN_VALUES = 3


# ---- generated trusts ----

def school_counts(rng, on_roll):
    rate = rng.choice([0.05, 0.12, 0.2, 0.35, 1.0 if on_roll < 12 else 0.3])
    sen = min(on_roll, int(round(on_roll * rate)))
    ehcp = int(round(sen * rng.choice([0.0, 0.1, 0.2, 0.5])))
    k = sen - ehcp
    weights = [rng.random() ** 3 for _ in CODES]
    sup = dict.fromkeys(CODES, 0)
    ehc = dict.fromkeys(CODES, 0)
    for _ in range(k):
        sup[rng.choices(CODES, weights)[0]] += 1
    for _ in range(ehcp):
        ehc[rng.choices(CODES[:-1], weights[:-1])[0]] += 1
    return {"on_roll": on_roll, "sup": sup, "ehc": ehc}


def perturb(rng, s):
    on_roll = max(1, s["on_roll"] + rng.randint(-4, 4))
    sup = {c: max(0, v + rng.choice([0, 0, 0, -1, 1])) for c, v in s["sup"].items()}
    ehc = {c: max(0, v + rng.choice([0, 0, 0, 0, 1])) for c, v in s["ehc"].items()}
    ehc["nsa"] = 0
    while sum(sup.values()) + sum(ehc.values()) > on_roll:
        side = sup if sum(sup.values()) else ehc
        side[max(side, key=side.get)] -= 1
    return {"on_roll": on_roll, "sup": sup, "ehc": ehc}


def make_trust(rng, nschools, nterms):
    las = ["LA %d" % i for i in range(rng.randint(1, 4))]
    hubs = ["Hub %c" % chr(65 + i) for i in range(rng.randint(1, 5))]
    schools = []
    for i in range(nschools):
        on_roll = rng.choice([rng.randint(1, 12), rng.randint(20, 90), rng.randint(100, 900)])
        schools.append({"urn": str(100000 + i), "la": rng.choice(las), "hub": rng.choice(hubs),
                        "counts": [school_counts(rng, on_roll)]})
    for s in schools:
        for _ in range(1, nterms):
            s["counts"].append(perturb(rng, s["counts"][-1]))
    # A school may be missing from a term.
    present = [[rng.random() > 0.08 or t == 0 for t in range(nterms)] for _ in schools]
    return schools, present


def write_term(path, schools, present, t):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["URN", "school_name", "la_name", "Total pupils", "SEN support", "EHC plan"]
                   + ["SUP_Primary_need_" + c for c in CODES]
                   + ["EHC_Primary_need_" + c for c in CODES if c != "nsa"])
        for s, p in zip(schools, present):
            if not p[t]:
                continue
            c = s["counts"][t]
            w.writerow([s["urn"], "School " + s["urn"], s["la"], c["on_roll"],
                        sum(c["sup"].values()), sum(c["ehc"].values())]
                       + [c["sup"][k] for k in CODES]
                       + [c["ehc"][k] for k in CODES if k != "nsa"])


def true_row(counts_list):
    """The counts of a group: the sum of its schools' counts."""
    row = dict.fromkeys(COUNTS, 0)
    for c in counts_list:
        row["on_roll"] += c["on_roll"]
        row["sen_support"] += sum(c["sup"].values())
        row["ehcp"] += sum(c["ehc"].values())
        for n in CODES:
            row["need_" + n] += c["sup"][n] + c["ehc"][n]
    row["sen"] = row["sen_support"] + row["ehcp"]
    for area, needs in AREAS.items():
        row[area] = sum(row["need_" + n] for n in needs)
    return row


def truth(schools, present, terms):
    """(term, level, key) -> true counts, change rows included."""
    out = {}
    for t, term in enumerate(terms):
        groups = {}
        for s, p in zip(schools, present):
            if not p[t]:
                continue
            c = s["counts"][t]
            for level, key in (("school", s["urn"]), ("hub", s["hub"]), ("la", s["la"]),
                               ("all", "all")):
                groups.setdefault((level, key), []).append(c)
        for (level, key), cs in groups.items():
            out[(term, level, key)] = true_row(cs)
    for a, b in zip(terms, terms[1:]):
        for (term, level, key), row in list(out.items()):
            if term == b and (a, level, key) in out:
                before = out[(a, level, key)]
                out[(a + ".." + b, level, key)] = {k: row[k] - before[k] for k in COUNTS}
    return out


# ---- the reader ----

class Reader:
    """Linear relations over the suppressed cells of one output."""

    def __init__(self):
        self.nvars = 0
        self.lower = []
        self.eq = []      # (dict var -> coef, rhs): sum coef * var = rhs
        self.le = []      # sum coef * var <= rhs

    def var(self, low):
        self.lower.append(low)
        self.nvars += 1
        return self.nvars - 1

    def relation(self, kind, terms, rhs=0.0):
        """terms: list of (coef, cell), a cell being a number or ('v', index)."""
        coefs, const = {}, 0.0
        for a, cell in terms:
            if isinstance(cell, tuple):
                coefs[cell[1]] = coefs.get(cell[1], 0.0) + a
            else:
                const += a * cell
        if not coefs:
            return
        (self.eq if kind == "eq" else self.le).append((coefs, rhs - const))


def cell_of(reader, value, low):
    if value == "c":
        return ("v", reader.var(low))
    return int(value)


def within_row(reader, row):
    """sen = K + E; each area = its needs; sen = the areas; counts <= on_roll."""
    r = row["cells"]
    reader.relation("eq", [(1, r["sen"]), (-1, r["sen_support"]), (-1, r["ehcp"])])
    for area, needs in AREAS.items():
        reader.relation("eq", [(1, r[area])] + [(-1, r["need_" + n]) for n in needs])
    reader.relation("eq", [(1, r["sen"])] + [(-1, r[a]) for a in AREAS])
    for k in COUNTS[1:]:
        reader.relation("le", [(1, r[k]), (-1, r["on_roll"])])


def sums(reader, total, parts):
    for k in COUNTS:
        reader.relation("eq", [(1, total["cells"][k])] + [(-1, p["cells"][k]) for p in parts])


def hidden_row(reader):
    return {"cells": {k: ("v", reader.var(0.0)) for k in COUNTS}}


def build_reader(rows):
    reader = Reader()
    for row in rows:
        change = ".." in row["term"]
        row["cells"] = {k: cell_of(reader, row[k], -math.inf if change else 1.0)
                        for k in COUNTS}
    terms = []
    for row in rows:
        if row["term"] not in terms:
            terms.append(row["term"])
    for term in terms:
        if ".." in term:
            continue
        at = {lv: [r for r in rows if r["term"] == term and r["level"] == lv] for lv in LEVELS}
        for lv in LEVELS:
            for r in at[lv]:
                within_row(reader, r)
        if at["school"]:
            units = at["school"]
            for lv, col in (("hub", "hub"), ("la", "la")):
                for g in at[lv]:
                    members = [u for u in units if u[col] == g["key"]]
                    if len(members) == int(g["schools"]):
                        sums(reader, g, members)
            for g in at["all"]:
                if len(units) == int(g["schools"]):
                    sums(reader, g, units)
        else:
            cross = cross_units(reader, at)
            for g in at["all"]:
                for lv in ("hub", "la"):
                    if at[lv]:
                        sums(reader, g, at[lv])
            for lv, i in (("hub", 0), ("la", 1)):
                for g in at[lv] if cross else []:
                    sums(reader, g, [u for pair, u in cross.items() if pair[i] == g["key"]])
    by_key = {(r["term"], r["level"], r["key"]): r for r in rows}
    for r in rows:
        if ".." not in r["term"]:
            continue
        a, b = r["term"].split("..")
        before, after = by_key[(a, r["level"], r["key"])], by_key[(b, r["level"], r["key"])]
        for k in COUNTS:
            reader.relation("eq", [(1, r["cells"][k]), (-1, after["cells"][k]),
                                   (1, before["cells"][k])])
    return reader


def cross_units(reader, at):
    """Without school rows: the groups of schools a hub and an LA share, as
    far as the hub rows' la column and the LA rows' hub column tell."""
    if not at["hub"] or not at["la"]:
        return {}
    cross = {}
    for h in at["hub"]:
        for l in at["la"]:
            if (not h["la"] or h["la"] == l["key"]) and (not l["hub"] or l["hub"] == h["key"]):
                cross[(h["key"], l["key"])] = u = hidden_row(reader)
                within_row(reader, u)
    return cross


def components(reader):
    parent = list(range(reader.nvars))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for coefs, _ in reader.eq + reader.le:
        vs = list(coefs)
        for v in vs[1:]:
            a, b = find(vs[0]), find(v)
            if a != b:
                parent[b] = a
    return find


class Component:
    """The relations of one component of the suppressed cells, as matrices."""

    def __init__(self, reader, variables, eq, le):
        self.index = {v: i for i, v in enumerate(variables)}
        self.n = len(variables)
        self.a_eq, self.b_eq = self.matrix(eq)
        self.a_ub, self.b_ub = self.matrix(le)
        self.bounds = [(None if reader.lower[v] == -math.inf else reader.lower[v], None)
                       for v in variables]

    def matrix(self, rel):
        if not rel:
            return None, None
        rows, cols, vals, rhs = [], [], [], []
        for i, (coefs, b) in enumerate(rel):
            for v, a in coefs.items():
                rows.append(i)
                cols.append(self.index[v])
                vals.append(a)
            rhs.append(b)
        return coo_matrix((vals, (rows, cols)), shape=(len(rel), self.n)).tocsr(), rhs

    def solve(self, weights, sign):
        """A point that maximises (sign -1) or minimises (sign 1) the weighted
        sum, or None when it is unbounded; every point found is kept in seen."""
        c = np.zeros(self.n)
        for v, w in weights.items():
            c[self.index[v]] = sign * w
        res = linprog(c, A_ub=self.a_ub, b_ub=self.b_ub, A_eq=self.a_eq, b_eq=self.b_eq,
                      bounds=self.bounds, method="highs")
        if res.status == 3:
            return None
        if res.status != 0:
            raise RuntimeError("linprog: %s (%d variables)" % (res.message, self.n))
        self.seen_lo = np.minimum(self.seen_lo, res.x)
        self.seen_hi = np.maximum(self.seen_hi, res.x)
        return res.x

    def spread(self, targets):
        """Every point a solve finds is a table consistent with the output:
        two solves that move all targets at once prove most of them wide."""
        self.seen_lo = np.full(self.n, np.inf)
        self.seen_hi = np.full(self.n, -np.inf)
        weights = dict.fromkeys(targets, 1.0)
        self.solve(weights, -1)    # when unbounded, single solves tell
        self.solve(weights, 1)

    def protected(self, var):
        """Whether var's interval holds MIN_VALUES whole numbers: from the
        points seen if they suffice, else from its own least and greatest."""
        i = self.index[var]
        if wide(self.seen_lo[i], self.seen_hi[i]):
            return True, self.seen_lo[i], self.seen_hi[i]
        x = self.solve({var: 1.0}, -1)
        hi = math.inf if x is None else x[i]
        if hi != math.inf and wide(self.seen_lo[i], hi):
            return True, self.seen_lo[i], hi
        lo = self.solve({var: 1.0}, 1)[i]
        return wide(lo, hi), lo, hi


def wide(lo, hi):
    return hi == math.inf or math.floor(hi + 1e-6) - math.ceil(lo - 1e-6) >= MIN_VALUES - 1


# ---- one case ----

def read_output(text):
    return list(csv.DictReader(io.StringIO(text)))


def check_case(prog, rng, case, tmp, keep):
    nschools = rng.choice([3, 4, 6, 10, 25, 40])
    if case == 15:  # a few hundred schools, once
        nschools = 200
    nterms = 1 if nschools >= 100 else rng.randint(1, 3)
    n = rng.choice([3, 5, 10])
    levels = [lv for lv in LEVELS if rng.random() < 0.5] or ["all"]
    if case < 15:   # every --by, once at least
        levels = [lv for i, lv in enumerate(LEVELS) if (case + 1) >> i & 1]
    if case == 15:
        levels = ["la", "all"]
    schools, present = make_trust(rng, nschools, nterms)
    terms = ["term-%d" % (t + 1) for t in range(nterms)]
    files = []
    for t in range(nterms):
        path = os.path.join(tmp, "case%d-%s.csv" % (case, terms[t]))
        write_term(path, schools, present, t)
        files.append(path)
    hubs = os.path.join(tmp, "case%d-hubs.csv" % case)
    with open(hubs, "w") as f:
        f.write("urn,hub\n" + "".join("%s,%s\n" % (s["urn"], s["hub"]) for s in schools))
    cmd = [prog, "--suppress", str(n), "--by", ",".join(levels), "--hubs", hubs, "-f", "csv"]
    for term in terms:
        cmd += ["-t", term]
    cmd += files
    p = subprocess.run(cmd, capture_output=True, text=True)
    what = "case %d (%d schools, %d terms, --by %s, --suppress %d)" % (
        case, nschools, nterms, ",".join(levels), n)
    if p.returncode != 0:
        return ["%s: exit %d: %s" % (what, p.returncode, p.stderr.strip())]
    rows = read_output(p.stdout)
    true = truth(schools, present, terms)
    problems = []
    for r in rows:
        t = true[(r["term"], r["level"], r["key"])]
        r["true"] = t
        change = ".." in r["term"]
        for k in COUNTS:
            if r[k] == "c":
                if not change and t[k] == 0:
                    problems.append("%s: %s %s %s is a 0 shown as c" % (
                        what, r["term"], r["key"], k))
            elif int(r[k]) != t[k]:
                problems.append("%s: %s %s %s is %s, not %d" % (
                    what, r["term"], r["key"], k, r[k], t[k]))
            elif not change and 1 <= t[k] < n:
                problems.append("%s: %s %s %s: small count %d shown" % (
                    what, r["term"], r["key"], k, t[k]))
        for pct, count in PCTS.items():
            if (r[count] == "c" or r["on_roll"] == "c") and r[pct] != "c":
                problems.append("%s: %s %s %s shown beside a hidden count" % (
                    what, r["term"], r["key"], pct))
    if problems:
        return problems
    reader = build_reader(rows)
    find = components(reader)
    comp_vars, comp_eq, comp_le = {}, {}, {}
    for v in range(reader.nvars):
        comp_vars.setdefault(find(v), []).append(v)
    for rel, into in ((reader.eq, comp_eq), (reader.le, comp_le)):
        for coefs, b in rel:
            into.setdefault(find(next(iter(coefs))), []).append((coefs, b))
    targets = {}
    for r in rows:
        if ".." in r["term"]:
            continue
        for k in COUNTS:
            cell = r["cells"][k]
            if isinstance(cell, tuple) and 1 <= r["true"][k] < n:
                targets.setdefault(find(cell[1]), []).append((r, k, cell[1]))
    for root, cells in targets.items():
        comp = Component(reader, comp_vars[root], comp_eq.get(root, []), comp_le.get(root, []))
        comp.spread([v for _, _, v in cells])
        for r, k, v in cells:
            ok, lo, hi = comp.protected(v)
            if not ok:
                problems.append("%s: %s %s %s %s (true %d) is worked out to %g..%g" % (
                    what, r["term"], r["level"], r["key"], k, r["true"][k], lo, hi))
    if problems and keep:
        with open(os.path.join(keep, "case%d.cmd" % case), "w") as f:
            f.write(" ".join(cmd) + "\n")
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("prog")
    ap.add_argument("--trusts", type=int, default=20)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--keep")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        keep = args.keep
        if keep:
            os.makedirs(keep, exist_ok=True)
        for case in range(args.trusts):
            problems = check_case(args.prog, rng, case, keep or tmp, keep)
            for p in problems[:10]:
                print(p)
            if len(problems) > 10:
                print("... %d more" % (len(problems) - 10))
            failed += bool(problems)
    print("%d of %d trusts failed the audit" % (failed, args.trusts))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
