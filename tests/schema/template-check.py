#!/usr/bin/env python3
"""action-lint --template: the skeleton names the schema (installed, or the
clone's own when not installed) in a file that is there, every value
in it is a placeholder that action-lint reports (and nothing else), a copy
with one placeholder left reports just that one, a copy with each value typed
after its placeholder still reports each, and a filled-in copy lints
clean under --strict and validates against the JSON Schema.

  template-check.py ACTION_LINT SCHEMA_DIR SOURCE_DIR
"""
import json
import os
import re
import subprocess
import sys
import tempfile

PLACEHOLDER = re.compile(r"<[^<>#]*>")
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def run(args):
    return subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, check=False)


def values(text):
    """The placeholders outside comments, with their line numbers."""
    found = []
    for n, line in enumerate(text.splitlines(), 1):
        body = line.split(" #", 1)[0]
        if not body.lstrip().startswith("#"):
            found += [(n, m.group(0)) for m in PLACEHOLDER.finditer(body)]
    return found


STRATEGY = {
    "<the school's name>": "Oakfield Primary School",
    "<the school's six-digit URN>": "144612",
    "<local authority>": "North Somerset",
    "<the trust's SEND hub>": "Weston",
    "<academic year, such as 2024-2025>": "2024-2025",
    "<census day, such as 2025-01-16>": "2024-01-18",   # written in September: last January's
    "<number of pupils on roll>": "121",
    "<pupils on SEN support (census code K)>": "18",
    "<pupils with an EHC plan (census code E)>": "8",
    "<when the SEND review took place, such as 2024-07-03>": "2024-07-03",
    "<first key strength>": "Pupils with EHC plans are well included",
    "<second key strength>": "Strong links with the local authority SEND team",
    "<third key strength>": "Teaching assistants are well trained",
    "<first key recommendation>": "A whole-school approach to SEMH needs",
    "<second key recommendation>": "Standardised assessment for pupils on SEN support",
    "<third key recommendation>": "Pupils set and review their own targets",
    "<an area of strength>": "Leaders know pupils with SEND well",
    "<a key recommendation>": "Make SEND part of every appraisal",
    "<what will be done>": "Half-termly SEND governor visits",
    "<what it costs, such as \"\u00a3450\", or 0>": "\"\u00a3450\"",
    "<the steps to make sure it is carried out effectively>":
        "Visit dates agreed in the governors' calendar",
    "<the staff lead and their role>": "Claire West, SENCo",
    "<when, such as T1-T6, Spring 2 or termly>": "T1-T6",
    "<how will we know we have been successful?>": "Notes for all six visits on file",
    "<review date, such as 2025-02-07>": "2025-02-07",
    "<review method, such as governing body minutes>": "Governing body minutes",
    "<total budgeted cost, the sum of the costs>": "\"\u00a3450\"",
}
REVIEW = {
    "<the review's title, such as MAT SEND Review>": "MAT SEND Review",
    "<the trust's name>": "Lighthouse Schools Partnership",
    "<when the review was carried out, such as 2025-04-30>": "2025-04-30",
    "<the evaluative statement, in the reviewers' words>": "staff CPD relates to SEND",
    "<in_place, partly_in_place, not_in_place or not_judged>": "partly_in_place",
    "<what the judgement rests on>": "The CPD programme for 2024/2025",
    "<what will be done>": "Publish the CPD programme",
    "<who will do it, such as Trust or SENCOs>": "Trust",
    "<when, such as T6 2025 or annually>": "T6 2025",
}
# Statement k (from 0) is "k+1.1" and links to the next one.
for k in range(5):
    REVIEW["<statement number, such as \"%d.1\">" % (k + 1)] = "\"%d.1\"" % (k + 1)
REVIEW["<the number of a linked statement>"] = ["\"%d.1\"" % ((k + 1) % 5 + 1) for k in range(5)]


def fill(text, table, keep=None, after=False):
    """text with each placeholder replaced; `keep` (a line number) left as it is;
    `after`: each kept, its value typed after it."""
    used = {}

    def value(line_no, m):
        if line_no == keep:
            return m.group(0)
        v = table.get(m.group(0))
        if v is None:
            fail("the test has no value for %s: add one" % m.group(0))
            return m.group(0)
        if isinstance(v, list):
            used[m.group(0)] = used.get(m.group(0), -1) + 1
            v = v[used[m.group(0)]]
        return m.group(0) + " " + v if after else v

    out = []
    for n, line in enumerate(text.splitlines(), 1):
        body, sep, comment = line.partition(" #")
        if not body.lstrip().startswith("#"):
            body = PLACEHOLDER.sub(lambda m: value(n, m), body)
        out.append(body + sep + comment)
    return "\n".join(out) + "\n"


def lint(action_lint, path, as_of, strict=False):
    r = run([action_lint, "-f", "json", "--as-of", as_of] + (["--strict"] if strict else [])
            + [path])
    return r.returncode, json.loads(r.stdout)["diagnostics"] if r.stdout else []


def check(action_lint, schema_dir, src, kind, table, as_of, tmp):
    r = run([action_lint, "--template", kind])
    if r.returncode != 0 or r.stderr:
        fail("--template %s exited %d: %s" % (kind, r.returncode, r.stderr))
        return
    text = r.stdout
    # The installed schema, or, not installed (run from a clone's build), the
    # clone's own: the modeline names a file that is there either way.
    name = "%s.schema.json" % kind
    installed = os.path.join(schema_dir, name)
    own = os.path.join(src, "share/sendkit/schema", name)
    want = installed if os.path.exists(installed) else own
    modeline = "# yaml-language-server: $schema=" + want
    if text.splitlines()[0] != modeline:
        fail("--template %s does not start with '%s'" % (kind, modeline))
    elif open(want, "rb").read() != open(own, "rb").read():
        fail("--template %s names %s, which is not the source's schema" % (kind, want))
    path = os.path.join(tmp, kind + ".yaml")
    open(path, "w", encoding="utf-8").write(text)
    places = values(text)
    status, diags = lint(action_lint, path, as_of)
    rules = sorted({d["rule"] for d in diags})
    if status != 1 or rules != ["placeholder"]:
        fail("the %s template: exit %d, rules %s; expected 1 and only placeholder" % (
            kind, status, rules))
    if sorted(d["line"] for d in diags) != sorted(n for n, _ in places):
        fail("the %s template: %d placeholders, %d findings" % (kind, len(places), len(diags)))
    print("%s template: %d placeholders, each reported" % (kind, len(places)))

    # One left (the first whose value another rule would also object to).
    keep = places[1][0]
    open(path, "w", encoding="utf-8").write(fill(text, table, keep))
    status, diags = lint(action_lint, path, as_of)
    if status != 1 or [(d["rule"], d["line"]) for d in diags] != [("placeholder", keep)]:
        fail("the %s template with line %d left: exit %d, %s" % (
            kind, keep, status, [(d["rule"], d["line"], d["message"]) for d in diags]))

    # Each value typed after its placeholder, not in its place: each still reported.
    open(path, "w", encoding="utf-8").write(fill(text, table, after=True))
    status, diags = lint(action_lint, path, as_of)
    if status != 1 or sorted((d["rule"], d["line"]) for d in diags) != sorted(
            ("placeholder", n) for n, _ in places):
        fail("the %s template with each value typed after its placeholder: exit %d, %s" % (
            kind, status, [(d["rule"], d["line"], d["message"]) for d in diags]))
    else:
        print("%s template, values typed after the placeholders: each reported" % kind)

    filled = fill(text, table)
    open(path, "w", encoding="utf-8").write(filled)
    status, diags = lint(action_lint, path, as_of, strict=True)
    if status != 0 or diags:
        fail("the filled-in %s: exit %d, %s" % (kind, status, [
            "%d: %s [%s]" % (d["line"], d["message"], d["rule"]) for d in diags]))
    else:
        print("%s template filled in: no findings with --strict" % kind)
    try:
        import jsonschema
        import yaml
    except ImportError:
        print("python3-jsonschema or python3-yaml missing: the filled-in %s is not validated" % kind)
        return
    schema = json.load(open(os.path.join(src, "share/sendkit/schema/%s.schema.json" % kind)))
    errors = [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(
        yaml.load(filled, Loader=yaml.BaseLoader))]
    if errors:
        fail("the filled-in %s does not validate: %s" % (kind, errors))


def main():
    action_lint, schema_dir, src = sys.argv[1:4]
    with tempfile.TemporaryDirectory() as tmp:
        check(action_lint, schema_dir, src, "strategy", STRATEGY, "2024-09-01", tmp)
        check(action_lint, schema_dir, src, "review", REVIEW, "2025-05-01", tmp)
    if failures:
        sys.exit("%d failures" % len(failures))
    print("ok")


main()
