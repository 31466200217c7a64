#!/bin/sh
# Runs examples/ci/termly-census.sh as the central team would: on a shared
# drive laid out with a folder per term and one export per school (split
# from the example files; St Aldhelm's spring export is the copy Excel
# saved), then checks that the per-school files summarise to exactly what the
# trust-wide files do. Run from the top of the source tree.
set -eu
src=$PWD
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cd "$t"
mkdir -p census/autumn-2023 census/spring-2024
cp "$src/examples/census/hubs.csv" .

# split FILE FOLDER [URN]: one file per school (the URN is the fifth column),
# leaving out URN.
split()
{
	awk -F, -v dir="$2" -v skip="${3:-}" '
		NR == 1 { header = $0; next }
		$5 != skip {
			f = dir "/" $5 ".csv"
			if (!(f in seen)) { print header > f; seen[f] = 1 }
			print > f
		}' "$1"
}
split "$src/examples/census/autumn-2023.csv" census/autumn-2023
split "$src/examples/census/spring-2024.csv" census/spring-2024 145290
cp "$src/examples/census/excel-export.csv" census/spring-2024/145290.csv

status=0
sh "$src/examples/ci/termly-census.sh" -H hubs.csv -o summaries \
	census/autumn-2023 census/spring-2024 || status=$?

echo "== summaries/summary.csv"
cat summaries/summary.csv
echo "== summaries/summary-published.csv"
cat summaries/summary-published.csv
echo "== the same as from the trust-wide files"
census-summary --by school,hub,la,all --hubs hubs.csv -f csv \
	"$src/examples/census/autumn-2023.csv" "$src/examples/census/spring-2024.csv" \
	2>/dev/null >whole.csv || true
if cmp -s whole.csv summaries/summary.csv; then echo yes; else echo no; fi
exit $status
