#!/bin/sh
# Times census-summary's disclosure audit (--suppress) on a national
# school-level file: by default DfE's 2023 school-level data in tests/data
# (24,442 schools, Open Government Licence v3.0), --by school,la,all.
#
#   bench/suppress.sh [FILE] [N]     (N: the --suppress threshold, default 10)
#
# Prints the wall time and peak memory with and without --suppress: the
# difference is the audit. Set BUILD to the build folder (default: build).
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
file=${1:-$src/tests/data/dfe-sen-school-level-2023.csv}
n=${2:-10}
bin=${BUILD:-$src/build}/bin/census-summary
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for s in 0 "$n"; do
	/usr/bin/time -f "--suppress $s: %e s wall, %U s user, %M KB peak" \
		"$bin" --by school,la,all --suppress "$s" -f csv -o "$out" "$file" 2>&1 |
		grep -e '--suppress'
	echo "  rows with a c: $(grep -c ',c' "$out" || true)"
done
