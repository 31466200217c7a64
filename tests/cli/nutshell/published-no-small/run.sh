#!/bin/sh
# A page made for publication (from a census summary made with --suppress 5,
# or with nutshell --suppress 5) never shows a count below 5, in any format,
# wherever its figures come from: the school's row, the strategy's own counts
# when the summary has no row of the strategy's year, no row for the school,
# or an undated term, and no summary at all. Two checks:
# - the page is the same, byte for byte, when the strategy's small count
#   (EHC plan 3) and the count beside it are changed keeping their sum (EHC
#   plan 2, SEN support one more): nothing on it, not even a percentage or a
#   difference, depends on the hidden values;
# - every count in the JSON page (figures, profile of need, groups) is 0 or
#   5 or more.
# Run from the top of the source tree, the built commands on PATH.
set -u
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
st=examples/strategy/st-aldhelms-2023-24.yaml
mkdir "$t/a" "$t/b" "$t/c" "$t/d"
# a: as written (SEN support 9, EHC plan 3), b: 10 and 2; c, d: the same of
# Oakfield's next year, with the summary of the year before.
cp "$st" "$t/a/school.yaml"
sed 's/^  sen_support: 9$/  sen_support: 10/; s/^  ehcp: 3$/  ehcp: 2/' "$st" >"$t/b/school.yaml"
sed 's/^  sen_support: 18$/  sen_support: 23/; s/^  ehcp: 8$/  ehcp: 3/' \
	examples/strategy/oakfield-2024-25.yaml >"$t/c/school.yaml"
sed 's/^  sen_support: 18$/  sen_support: 24/; s/^  ehcp: 8$/  ehcp: 2/' \
	examples/strategy/oakfield-2024-25.yaml >"$t/d/school.yaml"
cmp -s "$t/a/school.yaml" "$t/b/school.yaml" && { echo "the strategies do not differ"; exit 1; }
cmp -s "$t/c/school.yaml" "$t/d/school.yaml" && { echo "the strategies do not differ"; exit 1; }

summary()
{
	census-summary --hubs examples/census/hubs.csv --suppress 5 -f csv "$@" \
		examples/census/spring-2024.csv
}
summary --by school,hub,all >"$t/dated.csv" || exit 1
summary --by school,hub,all --term export >"$t/undated.csv" || exit 1
summary --by hub,all >"$t/no-school.csv" || exit 1

# page NAME ONE OTHER OPTION...: both strategies of a pair in every format.
page()
{
	name=$1 one=$2 other=$3
	shift 3
	for f in table markdown json html; do
		for s in $one $other; do
			# From the strategy's folder, so that its name on the page is the same.
			(cd "$t/$s" && nutshell --as-of 2024-03-01 -f "$f" "$@" school.yaml) \
				>"$t/$name.$s.$f" 2>/dev/null
			[ $? -le 1 ] || { echo "$name: nutshell failed ($f)"; exit 1; }
		done
		if cmp -s "$t/$name.$one.$f" "$t/$name.$other.$f"; then
			echo "$name $f: the same whatever the hidden counts"
		else
			echo "$name $f: DIFFERS with the hidden counts"
		fi
	done
	python3 - "$name" "$t/$name".*.json <<'EOF'
import json, sys
name, files = sys.argv[1], sys.argv[2:]
def counts(v, path=""):
    if isinstance(v, dict):
        for k, x in v.items():
            if k in ("count", "on_roll", "sen_support", "ehcp", "sen") or \
               (path.endswith("need") or path.endswith("broad")) and k == "count":
                if isinstance(x, int) and not isinstance(x, bool):
                    yield path + "." + k, x
            yield from counts(x, path + "." + k)
    elif isinstance(v, list):
        for i, x in enumerate(v):
            yield from counts(x, path + "[%d]" % i)
small = [(f, p) for f in files for p, n in counts(json.load(open(f))) if 1 <= n < 5]
print(name, "json: %s" % ("no count from 1 to 4" if not small else "SMALL COUNTS %r" % small))
EOF
}

page dated a b --census "$t/dated.csv"
page undated a b --census "$t/undated.csv"
page no-school a b --census "$t/no-school.csv"
page other-year c d --census "$t/dated.csv"
page option a b --suppress 5
