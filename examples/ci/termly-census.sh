#!/bin/sh
# termly-census.sh: the central team's termly census run. Every school's
# census export for a term, saved in one folder, goes into one census summary
# per school, hub, local authority and the whole trust, plus a copy with small
# counts suppressed for publication outside the trust.
#
#   termly-census.sh [-H HUBS.csv] [-o DIR] [-s N] [-t TERM] FOLDER...
#
# See usage() below, census-summary(1) and sendkit(7).
set -u

prog=${0##*/}
census_summary=${CENSUS_SUMMARY:-census-summary}

usage()
{
	cat <<USAGE
Usage: $prog [-H HUBS.csv] [-o DIR] [-s N] [-t TERM] FOLDER...
Summarises every school's census export in FOLDER (each *.csv file in it)
into DIR/summary.csv, with rows per school, hub, local authority and for the
whole trust, and DIR/summary-published.csv for publication: the hub and
trust rows only, with counts from 1 to N-1 shown as "c", and whatever else
would let a reader work them out (census-summary(1)).

With several FOLDERs, each one is a term, labelled with the folder's name, in
the order given (oldest first), and the summaries show each term and the
change since the term before.

Options:
  -H HUBS.csv  the hub of each school (CSV urn,hub), for exports that have
               no hub column
  -o DIR       where to write the summaries (default: the current folder)
  -s N         suppress counts below N in the published copy: 4 or more
               (default 5)
  -t TERM      the term label when there is one FOLDER (default: its name)
  -h           show this help

Exit status: 0 all is well, 1 problems in the data were reported on standard
error (the summaries are written all the same), 2 nothing could be written.
census-summary is found on PATH, or named by the CENSUS_SUMMARY variable.

Example: the spring exports, one file per school, next to the autumn ones:
  $prog -H hubs.csv -o summaries/ census/autumn-2023 census/spring-2024
USAGE
}

hubs='' outdir=. suppress=5 term=''
[ "${1:-}" = --help ] && { usage; exit 0; }
while getopts H:ho:s:t: opt; do
	case $opt in
	H) hubs=$OPTARG ;;
	h) usage; exit 0 ;;
	o) outdir=$OPTARG ;;
	s) suppress=$OPTARG ;;
	t) term=$OPTARG ;;
	*) echo "Try '$prog -h' for more information." >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))

die()
{
	echo "$prog: $*" >&2
	exit 2
}

[ $# -gt 0 ] || { usage >&2; exit 2; }
[ -n "$term" ] && [ $# -gt 1 ] && die "-t names the term of one FOLDER; with several, their names are the terms"
case $suppress in
'' | *[!0-9]*) die "-s: \"$suppress\" is not a whole number" ;;
esac
# The published copy is for outside the trust: it never shows every count.
[ "$suppress" -ge 4 ] 2>/dev/null ||
	die "-s $suppress: the copy for publication must hide small counts: give 4 or more (5 is usual); summary.csv is the copy with every count"
[ -z "$hubs" ] || [ -r "$hubs" ] || die "$hubs: cannot read the hubs file"
command -v "$census_summary" >/dev/null 2>&1 ||
	die "$census_summary: not found; put sendkit's commands on PATH or set CENSUS_SUMMARY"

# The arguments for census-summary: every -t first, then the files in the
# same order, so each file gets its folder's term. Built in "$@" (the only
# array POSIX sh has), after the folders, which are then shifted off.
nfolders=$#
files=0
for folder in "$@"; do
	[ -d "$folder" ] || die "$folder: not a folder"
	label=${term:-$(basename "$folder")}
	for f in "$folder"/*.csv "$folder"/*.CSV; do
		[ -f "$f" ] || continue
		[ "$(basename "$f")" = hubs.csv ] && continue
		set -- "$@" -t "$label"
		files=$((files + 1))
	done
done
for folder in "$@"; do
	[ "$nfolders" -eq 0 ] && break
	nfolders=$((nfolders - 1))
	for f in "$folder"/*.csv "$folder"/*.CSV; do
		[ -f "$f" ] || continue
		[ "$(basename "$f")" = hubs.csv ] && continue
		set -- "$@" "$f"
	done
	shift
done
[ "$files" -gt 0 ] || die "no census exports (*.csv) in the folders given"
[ -n "$hubs" ] && set -- --hubs "$hubs" "$@"

mkdir -p "$outdir" || die "$outdir: cannot create the folder"
errors=$(mktemp) || die "cannot create a temporary file"
trap 'rm -f "$errors"' EXIT

outdir=${outdir%/}
[ -n "$outdir" ] || outdir=/

# summarise LEVELS OUTPUT [OPTION]...: one summary of every file.
summarise()
{
	levels=$1
	shift
	"$census_summary" --by "$levels" -f csv -o "$@"
}

summarise school,hub,la,all "$outdir/summary.csv" "$@"
status=$?
[ $status -le 1 ] || die "$outdir/summary.csv: not written"
# The published copy reads the same files again: its diagnostics would only
# repeat the first run's, so they are shown only if it fails.
# It is protected: census-summary --suppress audits every row, level and term
# change it writes by linear programming and hides more until no count from
# 1 to N-1 can be worked out by arithmetic across them (census-summary(1),
# DISCLOSURE CONTROL). No school rows: the levels a reader outside the trust
# needs keep more of their counts. No LA rows either: beside hub rows they
# name more groups of schools (an LA row less the hub rows inside it), which
# the audit protects too, so fewer counts would be shown. It is one release:
# publish it alone, never beside summary.csv or another suppressed summary of
# the same schools.
summarise hub,all "$outdir/summary-published.csv" --suppress "$suppress" "$@" 2>"$errors"
if [ $? -gt 1 ]; then
	cat "$errors" >&2
	die "$outdir/summary-published.csv: not written"
fi

echo "$prog: $files exports summarised into $outdir/summary.csv and $outdir/summary-published.csv"
exit $status
