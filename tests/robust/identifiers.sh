#!/bin/sh
# No pupil identifier is ever written out: census-summary (and nutshell fed
# its summary) run over every pupil-level example, and over a copy with a
# broken value in every tenth row (so that rows with pupils in them are
# reported), in every format and at every level; no UPN, surname, forename
# or date of birth from the inputs may appear in the output or a message.
#
#   identifiers.sh BIN_DIR SOURCE_DIR
set -u
bin=$1 src=$2
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2
ex=$src/examples/census
pupils="$ex/autumn-2023.csv $ex/spring-2024.csv $ex/excel-export.csv $ex/windows-1252.csv"

# Every tenth pupil gets an unknown provision, need and year: each is reported.
awk -F, 'NR > 1 && NR % 10 == 0 { $9 = "Q"; $10 = "ZZZ"; $8 = "Y99" } { print }' OFS=, \
	"$ex/spring-2024.csv" >broken.csv

# The identifiers: the first four columns of each pupil row (UPN, surname,
# forename, date of birth), whatever the header calls them.
for f in $pupils broken.csv; do
	sed -n '/^A[0-9]\{12\},/p' "$f" | cut -d, -f1-4 | tr ',' '\n'
done | tr -d '\r' | grep -v '^$' | LC_ALL=C sort -u >identifiers
count=$(wc -l <identifiers)
if [ "$count" -lt 1000 ]; then
	echo "only $count identifiers found in the examples: the test would prove little"
	exit 2
fi

failed=0 ran=0
run() { # run COMMAND_LINE: no identifier in what it writes
	ran=$((ran + 1))
	PATH="$bin:$PATH" LC_ALL=C.UTF-8 TZ=UTC NO_COLOR=1 sh -c "$1" >out 2>err </dev/null
	status=$?
	case $status in
	0|1) ;;
	*) failed=$((failed + 1)); echo "FAIL $1: exit status $status"; return ;;
	esac
	# Whole words only: a forename may be part of a school's name.
	found=$(cat out err | LC_ALL=C grep -owF -f identifiers | sort -u | head -n 3 | tr '\n' ' ')
	if [ -n "$found" ]; then
		failed=$((failed + 1))
		echo "FAIL $1: wrote $found"
	else
		echo "ok   $1 (exit $status, $(wc -c <out) bytes out, $(wc -l <err) messages)"
	fi
}

for format in csv tsv json markdown table; do
	run "census-summary -f $format --by school,hub,la,all --hubs $ex/hubs.csv $pupils broken.csv"
done
run "census-summary --suppress 5 -f csv --by school,la,all broken.csv"
# MIS forms, ambiguous ones (reported) and a codes file among them.
awk -F, 'NR > 1 && NR % 7 == 0 { $9 = "K - EHC Plan" } NR > 1 && NR % 11 == 0 { $9 = "Monitoring" }
	NR > 1 && NR % 13 == 0 { $9 = "Wave 3" } { print }' OFS=, "$ex/spring-2024.csv" >mis.csv
printf 'label,code\nWave 3,K\n' >codes.csv
run "census-summary -f csv --by school,all --codes codes.csv mis.csv broken.csv"
run "census-summary -f csv - < broken.csv"
run "census-summary -f csv --hubs $ex/hubs.csv $ex/autumn-2023.csv broken.csv > summary.csv;
	nutshell --as-of 2024-03-01 -f json --census summary.csv $src/examples/strategy/holy-trinity-2023-24.yaml"
echo "identifiers: $count in the inputs, $ran runs, $failed failed"
[ "$failed" = 0 ]
