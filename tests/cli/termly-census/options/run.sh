#!/bin/sh
# examples/ci/termly-census.sh's options and its refusals: -h, one folder
# with -t and -s, a folder with a data problem (exit 1, summaries written
# all the same), and each way it stops before writing anything (exit 2).
# Run from the top of the source tree.
set -u
src=$PWD
script=$src/examples/ci/termly-census.sh
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cd "$t" || exit 2
mkdir spring empty
printf 'urn,hub\n142731,Frome hub\n143058,Frome hub\n' >hubs.csv
# Two schools' spring exports; St Mary's (143058) with one need code mistyped.
awk -F, 'NR == 1 || $5 == 142731' "$src/examples/census/spring-2024.csv" >spring/142731.csv
awk -F, 'NR == 1 || $5 == 143058' "$src/examples/census/spring-2024.csv" |
	awk -F, -v OFS=, '$10 == "ASD" && !done { $10 = "ADS"; done = 1 } 1' >spring/143058.csv

# run DESCRIPTION ARG...: the script's output and exit status.
run()
{
	echo "== $1"
	shift
	sh "$script" "$@"
	echo "exit $?"
}

run "-h" -h | sed -n '1,2p;$p'
run "one folder, its term named, counts under 10 suppressed" \
	-H hubs.csv -t "Spring 2024" -s 10 -o out spring
cut -d, -f1-3,9,11,13 out/summary.csv
cut -d, -f1-3,9,11,13 out/summary-published.csv
run "several folders with -t" -t x spring spring
run "-s not a number" -s five spring
run "-s below 4: a published copy with every count" -s 1 spring
run "-s 0" -s 0 spring
run "no hubs file" -H nowhere.csv spring
run "not a folder" spring/142731.csv
run "no exports in the folder" empty
run "no FOLDER" 2>&1 | sed -n '1,2p;$p'
CENSUS_SUMMARY=/nonexistent/census-summary run "census-summary not found" spring
ls
