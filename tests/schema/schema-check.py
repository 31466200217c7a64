#!/usr/bin/env python3
"""The JSON Schemas of share/sendkit/schema/ against action-lint and the decoder.

  schema-check.py ACTION_LINT SOURCE_DIR

1. Both schemas are valid draft-07 schemas (python3-jsonschema).
2. Every example names its schema in a yaml-language-server line, its first
   line (the YAML language server reads it only above the content), and
   validates exactly when action-lint finds no structural problem in it
   (the complete examples validate; st-marys, written with gaps, does not).
3. Documents made from the schema, and every mutation of them (each key
   dropped, emptied, made blank with spaces or invisible characters, given a
   map, a list or other text in its place, a number past a count's limit, text
   padded with spaces or a no-break space, an unknown key added, each list item
   replaced), are accepted by the schema
   exactly when action-lint reports no structural finding: the two agree on
   the keys, the kinds of value and what is required (empty-area included: an
   area's strengths, recommendations and actions, a review's statements).
4. The decoder's key tables (lib/strategy.c, lib/review.c) each match one
   object of the schema, key for key and required for required, and each
   key's fetcher (text, count, money or date, list, map) matches its type.
Files are read as YAML 1.2 reads them, as the YAML language server does
(2024-01-18 is text, 012345 is 12345).
"""
import copy
import json
import os
import re
import subprocess
import sys
import tempfile

try:
    import jsonschema
    import yaml
except ImportError as e:
    print("%s (install python3-jsonschema and python3-yaml): skipped" % e)
    sys.exit(77)

STRUCTURAL = {"missing-field", "missing-area", "unknown-key", "misspelt-key", "wrong-type",
              "not-sendkit",
              "of-conflict", "bad-judgement", "empty-area"}
# Keys the schema requires that the decoder reads as optional, since action-lint's
# empty-area (not missing-field) requires them: in the object holding the first
# key, (second) the keys. The mutations check that the two agree on them.
LINT_REQUIRED = {"strategy": ("budget", {"strengths", "recommendations", "actions"}),
                 "review": ("sendkit", {"areas"})}
# Values that are no value to the decoder (only spaces, or characters that print
# as nothing, as Word and web pages paste them), each in place of every value;
# counts past the decoder's limit, and at it, in place of every number; and
# padding round every text.
BLANKS = [("blank: %s" % what, text) for what, text in (
    ("spaces", "   "), ("a no-break space", "\u00a0"), ("a zero-width space", "\u200b"),
    ("every character the decoder takes as blank (lib/text.c)",
     "\t\n\v\f\r \x85\xa0\xad\u1680\u180e" + "".join(chr(c) for c in range(0x2000, 0x200e))
     + "\u2028\u2029\u202f\u205f\u2060\u3000\ufeff"))]
HUGE = [("the number %s" % n, n) for n in (9223372036854775808, -1e20, 1e20, 9000000000000000)] + [
    ("the text %s" % n, n) for n in ("99999999999999999999", "9000000000000000")]
PADS = [("spaces", "  "), ("a no-break space", "\u00a0")]
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


class Loader(yaml.SafeLoader):
    """YAML 1.2 core schema, as the YAML language server reads a file: null,
    true/false, integers (decimal, 0o octal, 0x hex) and floats; dates and the
    rest are text."""


Loader.yaml_implicit_resolvers = {}
for tag, regexp, first in (
        ("null", r"^(?:~|null|Null|NULL|)$", "~nN"),
        ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
        ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
        ("float", r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", "-+.0123456789")):
    Loader.add_implicit_resolver("tag:yaml.org,2002:" + tag, re.compile(regexp), list(first) + [""])
Loader.add_constructor("tag:yaml.org,2002:int", lambda l, n: core_int(l.construct_scalar(n)))
Loader.add_constructor("tag:yaml.org,2002:float", lambda l, n: float(l.construct_scalar(n)))


def core_int(text):
    base = {"0o": 8, "0x": 16}.get(text[:2], 10)
    return int(text[2:] if base != 10 else text, base)


def load(path):
    with open(path, encoding="utf-8-sig") as f:
        return yaml.load(f, Loader=Loader)


def lint(action_lint, paths):
    """Structural rules action-lint reports, per file."""
    out = subprocess.run([action_lint, "-f", "json", "--as-of", "2024-03-01", "--"] + paths,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if out.returncode not in (0, 1):
        sys.exit("action-lint exited %d: %s" % (out.returncode, out.stderr.decode()))
    found = {p: set() for p in paths}
    for d in json.loads(out.stdout)["diagnostics"]:
        if d["rule"] in STRUCTURAL:
            found[d["file"]].add(d["rule"])
    return found


def resolve(schema, node):
    while "$ref" in node:
        node = schema["definitions"][node["$ref"].rsplit("/", 1)[1]]
    return node


def types(node):
    t = node.get("type", [])
    return set([t] if isinstance(t, str) else t)


def sample(schema, node, branch):
    """A valid value for `node`: every key of every map, one item per list."""
    node = resolve(schema, node)
    if "const" in node:
        return node["const"]
    if "examples" in node:
        return node["examples"][0]
    if "anyOf" in node and "object" not in types(node):
        first = node["anyOf"][0]
        return first["enum"][0] if "enum" in first else 12
    t = types(node)
    if "object" in t:
        skip = set()
        for i, alt in enumerate(node.get("oneOf", [])):
            if i != branch:
                skip |= set(alt["required"])
        return {k: sample(schema, v, branch) for k, v in node["properties"].items() if k not in skip}
    if "array" in t:
        return [sample(schema, node["items"], branch)]
    return "Some text"


def paths(doc, path=()):
    """Every place in doc: (path to the parent, key or index)."""
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield path, k
            yield from paths(v, path + (k,))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield path, i
            yield from paths(v, path + (i,))


def at(doc, path):
    for p in path:
        doc = doc[p]
    return doc


def mutations(doc):
    """(what, document) for each change the two should agree on."""
    yield "the document itself", doc
    areas = set(doc.get("areas", {}))
    seen = set()
    for parent, key in paths(doc):
        where = "/".join(str(p) for p in parent + (key,))
        container = at(doc, parent)
        value = container[key]
        changes = [("null", None), ("a map", {"zz": "v"}), ("a list", ["v"]), ("text", "v")]
        if not isinstance(value, (dict, list)):
            changes.append(("empty text", ""))
        # Blank, huge and padded values once per key (the same key under each
        # area is the same rule), to keep the test quick.
        shape = tuple("area" if p in areas else p
                      for p in parent + (key,) if not isinstance(p, int))
        if shape not in seen:
            seen.add(shape)
            if not isinstance(value, (dict, list)):
                changes += BLANKS
            if isinstance(value, int) and not isinstance(value, bool):
                changes += HUGE
            if isinstance(value, str):
                changes += [("%s with %s round it" % (value, what), pad + value + pad)
                            for what, pad in PADS]
        if isinstance(container, dict):
            changes.append(("dropped", KeyError))
        for what, new in changes:
            m = copy.deepcopy(doc)
            if new is KeyError:
                del at(m, parent)[key]
            else:
                at(m, parent)[key] = new
            yield "%s %s" % (where, what), m
    for parent, key in list(paths(doc)) + [((), None)]:
        target = at(doc, parent + ((key,) if key is not None else ()))
        if isinstance(target, dict):
            m = copy.deepcopy(doc)
            at(m, parent + ((key,) if key is not None else ()))["zz_unknown"] = "v"
            yield "%s with an unknown key" % "/".join(str(p) for p in parent + (key,)), m


def agree(action_lint, kind, schema, docs, tmp):
    validator = jsonschema.Draft7Validator(schema)
    files = []
    for i, (what, doc) in enumerate(docs):
        path = os.path.join(tmp, "%s-%04d.yaml" % (kind, i))
        with open(path, "w", encoding="utf-8") as f:
            yaml.safe_dump(doc, f, allow_unicode=True, sort_keys=False)
        files.append((what, doc, path))
    found = lint(action_lint, [p for _, _, p in files])
    for what, doc, path in files:
        schema_ok = validator.is_valid(doc)
        lint_ok = not found[path]
        if schema_ok != lint_ok:
            fail("%s, %s: the schema %s it, action-lint %s" % (
                kind, what, "accepts" if schema_ok else "rejects",
                "accepts it" if lint_ok else "reports " + ", ".join(sorted(found[path]))))
    return len(files)


def schema_objects(schema, node, out):
    node = resolve(schema, node)
    if "properties" in node:
        out.append(node)
        for v in node["properties"].values():
            schema_objects(schema, v, out)
    if "items" in node:
        schema_objects(schema, node["items"], out)
    return out


def type_class(schema, node):
    node = resolve(schema, node)
    t = types(node) - {"null"}
    if "anyOf" in node:
        return "count" if any(a.get("type") == "integer" for a in node["anyOf"]) else "text"
    if "object" in t:
        return "map"
    if "array" in t:
        return "maps" if "$ref" in node["items"] or "object" in types(node["items"]) else "list"
    return "money-or-date" if t == {"string", "number"} else "text"


FETCH = {"text": "text", "count": "count", "amount": "money-or-date", "timed": "money-or-date",
         "list": "list", "maps": "maps", "child": "map"}


def decoder(src, name):
    """The key tables of lib/NAME.c and the class of value each key is fetched as."""
    code = open(os.path.join(src, "lib", name + ".c")).read()
    tables = {}
    for table, body in re.findall(r"static const sk_decode__key (\w+)\[[^\]]*\] = \{(.*?)\};",
                                  code, re.S):
        tables[table] = {(k, r == "REQ") for k, r in re.findall(r'\{"(\w+)", (REQ|OPT)\}', body)}
    fetched = {}
    for fn, key in re.findall(r'sk_decode__(\w+)\([^;]*?"(\w+)"', code):
        if fn in FETCH:
            if fetched.get(key, FETCH[fn]) != FETCH[fn]:
                fail("lib/%s.c fetches %s as both %s and %s" % (name, key, fetched[key], FETCH[fn]))
            fetched[key] = FETCH[fn]
    return tables, fetched


def tables_agree(src, kind, schema):
    tables, fetched = decoder(src, kind)
    if len(tables) < 3:
        fail("lib/%s.c: found only %d key tables" % (kind, len(tables)))
    objects = schema_objects(schema, schema, [])
    marker, by_lint = LINT_REQUIRED[kind]
    shapes = [{(k, k in o.get("required", []) and not (marker in o["properties"] and k in by_lint))
               for k in o["properties"]} for o in objects]
    areas = set(schema["properties"]["areas"]["properties"])
    for table, keys in tables.items():
        if keys not in shapes:
            fail("%s: lib/%s.c's %s %s is no object of the schema" % (kind, kind, table, sorted(keys)))
    for shape in shapes:
        if {k for k, _ in shape} != areas and shape not in tables.values():
            fail("%s: the schema's object %s is no table of lib/%s.c" % (kind, sorted(shape), kind))
    checked = 0
    for o in objects:
        for k, v in o["properties"].items():
            if k in fetched:
                checked += 1
                if type_class(schema, v) != fetched[k]:
                    fail("%s: %s is %s in the schema but read as %s by lib/%s.c" % (
                        kind, k, type_class(schema, v), fetched[k], kind))
    print("%s: %d key tables and %d typed keys agree with the decoder" % (kind, len(tables), checked))


def slip_keys_agree(src, schemas):
    """lib/yaml_slips.c's own lists of the formats' keys (the YAML layer has no
    schema to ask) against the schemas: every key, and the top level's."""
    code = open(os.path.join(src, "lib", "yaml_slips.c")).read()
    lists = {}
    for fn, body in re.findall(r"static bool (format_key|top_key_at)\(.*?\{\s*static const char "
                               r"\*const \w+\[\] = \{(.*?)\};", code, re.S):
        lists[fn] = set(re.findall(r'"(\w+)"', body))
    if set(lists) != {"format_key", "top_key_at"}:
        fail("lib/yaml_slips.c: found the key lists %s, not format_key's and top_key_at's"
             % sorted(lists))
        return
    every, top = set(), set()
    for schema in schemas.values():
        top |= set(schema["properties"])
        areas = set(schema["properties"].get("areas", {}).get("properties", {}))
        every |= {k for o in schema_objects(schema, schema, []) for k in o["properties"]} - areas
    if lists["format_key"] != every:
        fail("lib/yaml_slips.c's format_key lacks %s and has %s, which no schema has" % (
            sorted(every - lists["format_key"]), sorted(lists["format_key"] - every)))
    if lists["top_key_at"] != top:
        fail("lib/yaml_slips.c's top_key_at lacks %s and has %s, which no schema's top level has"
             % (sorted(top - lists["top_key_at"]), sorted(lists["top_key_at"] - top)))
    print("lib/yaml_slips.c: its %d keys and %d top-level keys are the schemas'" % (
        len(every), len(top)))


def examples(action_lint, src, schemas):
    ok = 0
    for kind in schemas:
        folder = os.path.join(src, "examples", kind)
        files = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".yaml"))
        found = lint(action_lint, files)
        for path in files:
            line = "# yaml-language-server: $schema=../../share/sendkit/schema/%s.schema.json" % kind
            first = open(path, "rb").readline()
            if first.rstrip(b"\n").decode("utf-8", "replace") != line:
                fail("%s does not start with the line '%s'" % (path, line))
            valid = jsonschema.Draft7Validator(schemas[kind]).is_valid(load(path))
            if valid != (not found[path]):
                fail("%s: the schema %s it but action-lint %s" % (
                    path, "accepts" if valid else "rejects",
                    "accepts it" if not found[path] else "reports " + ", ".join(sorted(found[path]))))
            ok += valid
            print("%s: %s" % (os.path.relpath(path, src), "valid" if valid else
                             "not valid, as action-lint finds (%s)" % ", ".join(sorted(found[path]))))
    if ok < 3:
        fail("only %d examples validate" % ok)


NUMBER_LINE = re.compile(r"^(\s*[a-z_]+:\s+)([0-9]+)\s*$")


def number_forms(action_lint, src, schema, tmp):
    """Each whole number of an example written as YAML 1.2 also reads it (121.0,
    1.21e2, 0x79, 0o171), quoted, and as a fraction: the schema and action-lint
    agree on each."""
    path = os.path.join(src, "examples", "strategy", "oakfield-2024-25.yaml")
    lines = open(path, encoding="utf-8").read().split("\n")
    validator = jsonschema.Draft7Validator(schema)
    files = []
    for i, line in enumerate(lines):
        m = NUMBER_LINE.match(line)
        if not m:
            continue
        n = int(m.group(2))
        for form in ("%d.0" % n, "%e" % n, hex(n), "0o%o" % n, '"%s"' % hex(n), '"%d"' % n,
                     "%d.5" % n):
            f = os.path.join(tmp, "number-%04d.yaml" % len(files))
            with open(f, "w", encoding="utf-8") as out:
                out.write("\n".join(lines[:i] + [m.group(1) + form] + lines[i + 1:]))
            files.append(("line %d as %s" % (i + 1, form), f))
    if len(files) < 7:
        fail("no whole numbers found in %s" % path)
    found = lint(action_lint, [f for _, f in files])
    for what, f in files:
        schema_ok = validator.is_valid(load(f))
        if schema_ok != (not found[f]):
            fail("strategy, %s: the schema %s it, action-lint %s" % (
                what, "accepts" if schema_ok else "rejects",
                "accepts it" if not found[f] else "reports " + ", ".join(sorted(found[f]))))
    print("strategy: %d whole numbers in other forms, schema and action-lint agree on each"
          % len(files))


def main():
    action_lint, src = sys.argv[1], sys.argv[2]
    schemas = {}
    for kind in ("strategy", "review"):
        with open(os.path.join(src, "share/sendkit/schema/%s.schema.json" % kind)) as f:
            schemas[kind] = json.load(f)
        jsonschema.Draft7Validator.check_schema(schemas[kind])
    examples(action_lint, src, schemas)
    with tempfile.TemporaryDirectory() as tmp:
        for kind, schema in schemas.items():
            n = 0
            branches = len(schema["properties"].get("of", {}).get("oneOf", [None]))
            for branch in range(branches):
                docs = list(mutations(sample(schema, schema, branch)))
                n += agree(action_lint, kind, schema, docs, tmp)
            if kind == "review":
                both = sample(schema, schema, 0)
                both["of"]["school"] = sample(schema, schema, 1)["of"]["school"]
                n += agree(action_lint, kind, schema, [("of naming a trust and a school", both)], tmp)
            print("%s: %d documents, schema and action-lint agree on each" % (kind, n))
            tables_agree(src, kind, schema)
        number_forms(action_lint, src, schemas["strategy"], tmp)
    slip_keys_agree(src, schemas)
    if failures:
        sys.exit("%d disagreements" % len(failures))
    print("ok")


main()
