#!/usr/bin/env python3
"""An auditor of census-summary --suppress, independent of the command's own.

Generates trusts (a few schools to a few hundred, one to three terms, hubs
and local authorities), runs census-summary on them with every --by, and
reads its CSV output only. From what a reader of that output knows
(census-summary(1), DISCLOSURE CONTROL) it solves with SciPy's linprog the
least and greatest value of every suppressed cell whose true count is small,
and of every small group of schools that a hub row and an LA row name
together (the schools they share, and those of one outside the other), and
fails when one holds fewer than three whole values. The reader also knows
that complements are hidden only around a small count or a small group:
each group of "c" linked by one term's relations holds a small "c" (1 to
N-1) or is linked to such a small group. That disjunction is solved exactly,
with a binary variable per candidate (scipy.optimize.milp). It also checks every
shown count against the generated data, that a "c" is never a 0, that every
small count is a "c", and that a percentage is a "c" with its count.

Usage: audit.py CENSUS_SUMMARY [--trusts N] [--seed S] [--keep DIR] [--by LEVELS]
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
import scipy.linalg
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
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
BIG = 1e6           # more than any count of a generated trust


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
    # Some hubs lie inside one LA (their rows name it), others span LAs: an
    # LA row less such a hub's row gives the LA's schools in the others.
    hub_la = {h: rng.choice(las) for h in hubs if rng.random() < 0.5}
    schools = []
    for i in range(nschools):
        on_roll = rng.choice([rng.randint(1, 12), rng.randint(20, 90), rng.randint(100, 900)])
        hub = rng.choice(hubs)
        schools.append({"urn": str(100000 + i), "la": hub_la.get(hub) or rng.choice(las),
                        "hub": hub, "counts": [school_counts(rng, on_roll)]})
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
        self.upper = []
        self.eq = []      # (dict var -> coef, rhs): sum coef * var = rhs
        self.le = []      # sum coef * var <= rhs
        self.groups = []  # (term, label, units, count): groups of schools no row shows
        self.change = set()   # indices into eq of the change rows' relations
        self.cs = []          # the variables of the terms' "c"
        # Variables census-summary's audit links through counts no row shows
        # (the on_roll of a group of schools bounds its every count).
        self.links = []

    def var(self, low, high=math.inf):
        self.lower.append(low)
        self.upper.append(high)
        self.nvars += 1
        return self.nvars - 1

    def relation(self, kind, terms, rhs=0.0, change=False):
        """terms: list of (coef, cell), a cell being a number or ('v', index)."""
        coefs, const = {}, 0.0
        for a, cell in terms:
            if isinstance(cell, tuple):
                coefs[cell[1]] = coefs.get(cell[1], 0.0) + a
            else:
                const += a * cell
        if not coefs:
            return
        if change:
            self.change.add(len(self.eq))
        (self.eq if kind == "eq" else self.le).append((coefs, rhs - const))


def cell_of(reader, value, change):
    if value != "c":
        return int(value)
    if change:
        return ("v", reader.var(-math.inf))
    reader.cs.append(reader.var(1.0))
    return ("v", reader.cs[-1])


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


def build_reader(rows, pair_truth, n):
    """pair_truth(term, hub, la): the true counts of the schools a hub and an
    LA share, for the groups no row shows; n: the threshold."""
    reader = Reader()
    for row in rows:
        change = ".." in row["term"]
        row["cells"] = {k: cell_of(reader, row[k], change) for k in COUNTS}
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
            span_groups(reader, term, at, [(u["hub"], u["la"], u) for u in units], n)
        else:
            # Each row is the sum of hidden groups of schools: a row's counts
            # are linked, and so are rows that share a school.
            def share(a, b):
                if "all" in (a["level"], b["level"]) or a["level"] == b["level"]:
                    return "all" in (a["level"], b["level"]) or a is b
                h, l = (a, b) if a["level"] == "hub" else (b, a)
                return pair_truth(term, h["key"], l["key"])["on_roll"] > 0
            grouped = at["hub"] + at["la"] + at["all"]
            for a in grouped:
                for b in grouped:
                    if share(a, b):
                        reader.links.append([c[1] for r in (a, b) for c in r["cells"].values()
                                             if isinstance(c, tuple)])
            cross = cross_units(reader, at)
            for (h, l), u in cross.items():
                u["true"] = pair_truth(term, h, l)
            # Without LA rows (or hub rows) the units are the hub (LA) rows.
            units = [(h, l, u) for (h, l), u in cross.items()] or \
                [(r["key"], None, r) for r in at["hub"]] + [(None, r["key"], r) for r in at["la"]]
            span_groups(reader, term, at, units, n)
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
                                   (1, before["cells"][k])], change=True)
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


def span_groups(reader, term, at, units, n):
    """The groups of schools a reader works out by adding and subtracting the
    hub, LA and all rows: the units (hub, la, row) fall into atoms by the hub
    and LA they share (as far as the published levels tell), and every union
    of atoms whose 0/1 vector is orthogonal to the null space of the rows'
    vectors (a linear combination of them) is a group, per column. Those
    with a small true count are audited; each links its units' cells."""
    if not at["hub"] and not at["la"]:
        return
    atoms = {}
    for h, l, u in units:
        atoms.setdefault((h if at["hub"] else None, l if at["la"] else None), []).append(u)
    keys = list(atoms)
    rows = [[float(key[0] == r["key"]) for key in keys] for r in at["hub"]]
    rows += [[float(key[1] == r["key"]) for key in keys] for r in at["la"]]
    rows += [[1.0] * len(keys) for _ in at["all"]]
    null = scipy.linalg.null_space(np.array(rows))
    shown = [{id(u) for u in atoms[key]} for key in keys if len(atoms[key]) == 1]
    for r in at["hub"] + at["la"] + at["all"]:
        shown.append({id(u) for key in keys for u in atoms[key]
                      if r["level"] == "all" or key[r["level"] == "la"] == r["key"]})
    for k in COUNTS:
        values = np.array([sum(u["true"][k] for u in atoms[key]) for key in keys])
        cand = [i for i in range(len(keys)) if values[i] < n]
        if len(cand) > 22:
            raise RuntimeError("%d atoms: too many unions to try" % len(cand))
        for subset in unions(cand, null):
            group = [u for i in subset for u in atoms[keys[i]]]
            if {id(u) for u in group} in shown or not 1 <= values[list(subset)].sum() < n:
                continue
            reader.groups.append((term, "+".join("/".join(map(str, filter(None, keys[i])))
                                                 for i in subset), group, k))
            reader.links.append([u["cells"][k][1] for u in group
                                 if isinstance(u["cells"][k], tuple)])


def unions(cand, null):
    """The subsets of the atoms cand (each atom alone, and those whose 0/1
    vector is orthogonal to null), tried 2^16 at a time."""
    m = len(cand)
    low = min(m, 16)
    bits = (np.arange(1 << low)[:, None] >> np.arange(low)) & 1
    z = null[cand, :]
    for high in range(1 << (m - low)):
        block = np.hstack([bits, np.tile((high >> np.arange(m - low)) & 1, (len(bits), 1))])
        ok = np.all(np.abs(block @ z) < 1e-9, axis=1) | (block.sum(axis=1) == 1)
        for row in block[ok]:
            if row.any():
                yield [cand[i] for i in np.flatnonzero(row)]


def components(reader, change=True):
    """The components of the variables; without `change`, of one term's
    relations only (the groups complements are taken within)."""
    parent = list(range(reader.nvars))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for i, vs in enumerate([list(c) for c, _ in reader.eq + reader.le] + reader.links):
        if not change and i in reader.change:
            continue
        for v in vs[1:]:
            a, b = find(vs[0]), find(v)
            if a != b:
                parent[b] = a
    return find


def disjunctions(reader, n):
    """What the reader knows of complements: each group of "c" linked by a
    term's relations holds a small one (1 to n-1), or a small group of
    schools a hub and an LA row name. Lists of candidates (coefs, const,
    at_least_1), one list per group that has a "c"."""
    group_of = components(reader, change=False)
    cands, has_c = {}, set()
    for v in reader.cs:
        cands.setdefault(group_of(v), []).append(({v: 1.0}, 0.0, False))
        has_c.add(group_of(v))
    for _, _, units, k in reader.groups:
        cells = [u["cells"][k] for u in units]
        coefs = {c[1]: 1.0 for c in cells if isinstance(c, tuple)}
        if coefs:
            const = float(sum(c for c in cells if not isinstance(c, tuple)))
            cands.setdefault(group_of(next(iter(coefs))), []).append((coefs, const, True))
    return [c for g, c in cands.items() if g in has_c]


class Component:
    """The relations of one component of the suppressed cells, as matrices,
    and the reader's disjunctions over its cells."""

    def __init__(self, reader, variables, eq, le, disj, n):
        self.index = {v: i for i, v in enumerate(variables)}
        self.n = len(variables)
        self.threshold = n
        self.disj = disj
        self.eq, self.le = eq, le
        self.a_eq, self.b_eq = self.matrix(eq)
        self.a_ub, self.b_ub = self.matrix(le)
        self.bounds = [(None if reader.lower[v] == -math.inf else reader.lower[v], None)
                       for v in variables]

    def matrix(self, rel, width=None):
        if not rel:
            return None, None
        rows, cols, vals, rhs = [], [], [], []
        for i, (coefs, b) in enumerate(rel):
            for v, a in coefs.items():
                rows.append(i)
                cols.append(self.index[v])
                vals.append(a)
            rhs.append(b)
        shape = (len(rel), width or self.n)
        return coo_matrix((vals, (rows, cols)), shape=shape).tocsr(), rhs

    def believable(self, x):
        def small(coefs, const, at_least_1):
            value = const + sum(a * x[self.index[v]] for v, a in coefs.items())
            return (not at_least_1 or value > 1 - 1e-6) and value < self.threshold - 1 + 1e-6
        return all(any(small(*c) for c in group) for group in self.disj)

    def solve(self, weights, sign):
        """A believable point that maximises (sign -1) or minimises (sign 1)
        the weighted sum, or None when it is unbounded; every point found is
        kept in seen."""
        c = np.zeros(self.n)
        for v, w in weights.items():
            c[self.index[v]] = sign * w
        res = linprog(c, A_ub=self.a_ub, b_ub=self.b_ub, A_eq=self.a_eq, b_eq=self.b_eq,
                      bounds=self.bounds, method="highs")
        if res.status not in (0, 3):
            raise RuntimeError("linprog: %s (%d variables)" % (res.message, self.n))
        x = res.x if res.status == 0 else None
        if x is None or not self.believable(x):
            x = self.solve_disjunction(c)
        if x is None:
            return None
        self.seen_lo = np.minimum(self.seen_lo, x)
        self.seen_hi = np.maximum(self.seen_hi, x)
        self.points.append(x)
        return x

    def solve_disjunction(self, c):
        """The same over the believable tables only: a binary per candidate,
        at least one of each group small."""
        cands = [cand for group in self.disj for cand in group]
        width = self.n + len(cands)
        cons = []
        obj = np.concatenate([c, np.zeros(len(cands))])
        if self.eq:
            a, b = self.matrix(self.eq, width)
            cons.append(LinearConstraint(a, b, b))
        if self.le:
            a, b = self.matrix(self.le, width)
            cons.append(LinearConstraint(a, -np.inf, b))
        rows, cols, vals, lo, hi = [], [], [], [], []
        for k, (coefs, const, at_least_1) in enumerate(cands):
            # expr <= n-1 + BIG (1 - b); expr >= 1 - BIG (1 - b) when at_least_1
            for sign, bound in ((1, self.threshold - 1 - const), (-1, const - 1)):
                if sign == -1 and not at_least_1:
                    continue
                r = len(lo)
                for v, a in coefs.items():
                    rows.append(r)
                    cols.append(self.index[v])
                    vals.append(sign * a)
                rows.append(r)
                cols.append(self.n + k)
                vals.append(BIG)
                lo.append(-np.inf)
                hi.append(bound + BIG)
        k0 = self.n
        for group in self.disj:
            r = len(lo)
            for _ in group:
                rows.append(r)
                cols.append(k0)
                vals.append(1.0)
                k0 += 1
            lo.append(1.0)
            hi.append(np.inf)
        cons.append(LinearConstraint(
            coo_matrix((vals, (rows, cols)), shape=(len(lo), width)).tocsr(), lo, hi))
        low = [-np.inf if b[0] is None else b[0] for b in self.bounds] + [0.0] * len(cands)
        high = [np.inf] * self.n + [1.0] * len(cands)
        res = milp(obj, constraints=cons, bounds=Bounds(low, high),
                   integrality=[0] * self.n + [1] * len(cands))
        if res.status == 3 or (res.status != 0 and res.x is None and "nbounded" in res.message):
            return None
        if res.status != 0:
            raise RuntimeError("milp: %s (%d variables)" % (res.message, self.n))
        return res.x[:self.n]

    def spread(self, targets):
        """Every believable point a solve finds is a table the reader cannot
        rule out: two solves that move all targets at once prove most of
        them wide."""
        self.seen_lo = np.full(self.n, np.inf)
        self.seen_hi = np.full(self.n, -np.inf)
        self.points = []
        if targets:
            weights = dict.fromkeys(targets, 1.0)
            self.solve(weights, -1)
            self.solve(weights, 1)

    def protected(self, var):
        """Whether var's interval holds MIN_VALUES whole numbers: from the
        points seen if they suffice, else from its own least and greatest."""
        i = self.index[var]
        if wide(self.seen_lo[i], self.seen_hi[i]):
            return True, self.seen_lo[i], self.seen_hi[i]
        return self.sum_protected([var], 0)

    def sum_protected(self, variables, const):
        """The same for const plus the sum of some variables."""
        lo, hi = self.sum_range(variables)
        return wide(const + lo, const + hi), const + lo, const + hi

    def seen_range(self, variables):
        """The least and greatest sum of some variables over the points seen
        (within what the reader can work out), or 0, 0 when none was seen."""
        idx = [self.index[v] for v in variables]
        sums = [sum(x[i] for i in idx) for x in self.points] or [0.0]
        return min(sums), max(sums)

    def sum_range(self, variables):
        """The least and greatest sum of some variables."""
        weights = dict.fromkeys(variables, 1.0)
        idx = [self.index[v] for v in variables]
        x = self.solve(weights, -1)
        hi = math.inf if x is None else sum(x[i] for i in idx)
        return sum(self.solve(weights, 1)[i] for i in idx), hi


def wide(lo, hi):
    return hi == math.inf or math.floor(hi + 1e-6) - math.ceil(lo - 1e-6) >= MIN_VALUES - 1


# ---- one case ----

def read_output(text):
    return list(csv.DictReader(io.StringIO(text)))


def check_case(prog, rng, case, tmp, keep, by=None):
    nschools = rng.choice([3, 4, 6, 10, 25, 40])
    if case == 15:  # a few hundred schools, once
        nschools = 200
    nterms = 1 if nschools >= 100 else rng.randint(1, 3)
    n = rng.choice([4, 5, 10])
    levels = [lv for lv in LEVELS if rng.random() < 0.5] or ["all"]
    if case < 15:   # every --by, once at least
        levels = [lv for i, lv in enumerate(LEVELS) if (case + 1) >> i & 1]
    if case == 15:
        levels = ["la", "all"]
    if by:
        levels = by.split(",")
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
    if keep:
        with open(os.path.join(keep, "case%d.cmd" % case), "w") as f:
            f.write(" ".join(cmd) + "\n")
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
    def pair_truth(term, hub, la):
        t = terms.index(term)
        return true_row([s["counts"][t] for s, p in zip(schools, present)
                         if p[t] and s["hub"] == hub and s["la"] == la])
    reader = build_reader(rows, pair_truth, n)
    find = components(reader)
    disj = {}
    for group in disjunctions(reader, n):
        disj.setdefault(find(next(iter(group[0][0]))), []).append(group)
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
    comps = {}

    def component(root):
        if root not in comps:
            comps[root] = Component(reader, comp_vars[root], comp_eq.get(root, []),
                                    comp_le.get(root, []), disj.get(root, []), n)
            comps[root].spread([v for _, _, v in targets.get(root, [])])
        return comps[root]
    for root, cells in targets.items():
        for r, k, v in cells:
            ok, lo, hi = component(root).protected(v)
            if not ok:
                problems.append("%s: %s %s %s %s (true %d) is worked out to %g..%g" % (
                    what, r["term"], r["level"], r["key"], k, r["true"][k], lo, hi))
    for term, label, units, k in reader.groups:
        value = sum(u["true"][k] for u in units)
        cells = [u["cells"][k] for u in units]
        variables = [c[1] for c in cells if isinstance(c, tuple)]
        const = sum(c for c in cells if not isinstance(c, tuple))
        by_comp = {}
        for v in variables:
            by_comp.setdefault(find(v), []).append(v)
        for how in ("seen_range", "sum_range"):
            lo = hi = const
            for root, vs in by_comp.items():
                a, b = getattr(component(root), how)(vs)
                lo, hi = lo + a, hi + b
            if how == "seen_range" and any(not component(root).points for root in by_comp):
                continue
            if wide(lo, hi):
                break
        if not wide(lo, hi):
            problems.append("%s: %s group %s %s (true %d) is worked out to %g..%g" % (
                what, term, label, k, value, lo, hi))
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("prog")
    ap.add_argument("--trusts", type=int, default=20)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--keep")
    ap.add_argument("--by", help="every case with this --by only")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        keep = args.keep
        if keep:
            os.makedirs(keep, exist_ok=True)
        for case in range(args.trusts):
            try:
                problems = check_case(args.prog, rng, case, keep or tmp, keep, args.by)
            except RuntimeError as e:
                # The reader's model does not hold of the output: a "c"
                # group with no small count or group in it.
                problems = ["case %d: %s" % (case, e)]
            for p in problems[:10]:
                print(p)
            if len(problems) > 10:
                print("... %d more" % (len(problems) - 10))
            failed += bool(problems)
    print("%d of %d trusts failed the audit" % (failed, args.trusts))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
