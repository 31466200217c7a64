#!/bin/bash
# Runs every command line in the EXAMPLES section of man/sendkit.7 on the
# example files, laid out as the page assumes (strategies/, reviews/,
# exports/<term>/, hubs.csv...; the page's shared drive /mnt/send/ is the
# test's folder). Each must exit 0, or 1 where the deliberately flawed
# example files have problems to report, and every -o file must be written.
#   man-examples.sh SOURCE_DIR BIN_DIR      (SK_SHOW=1 prints each command)
set -u
src=$1 bin=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PATH="$bin:$PATH"

mkdir -p "$tmp/run/strategies" "$tmp/run/reviews" "$tmp/run/exports/spring-2024" "$tmp/cmds"
cd "$tmp/run" || exit 2
ex=$src/examples
cp "$ex"/strategy/*.yaml strategies/
cp "$ex"/review/*.yaml reviews/
cp "$ex/census/hubs.csv" "$ex/census/spring-2024.csv" .
cp "$ex/census/spring-2024.csv" exports/spring-2024/
cp "$ex/census/autumn-2023.csv" autumn.csv
cp "$ex/census/spring-2024.csv" spring.csv

# One file per "$ " line of a literal display, with its continuation lines,
# the mdoc escapes undone.
awk -v dir="$tmp/cmds" '
	/^\.Sh EXAMPLES/ { examples = 1; next }
	/^\.Sh / { examples = 0 }
	!examples { next }
	/^\.Bd -literal/ { literal = 1; f = ""; next }
	/^\.Ed/ { literal = 0; next }
	!literal { next }
	{
		gsub(/\\e/, "\\"); gsub(/\\\(dq/, "\""); gsub(/\\-/, "-"); gsub(/\\&/, "")
		gsub(/\/mnt\/send\//, "")
	}
	/^\$ / { f = sprintf("%s/%02d.sh", dir, ++n); sub(/^\$ /, "") }
	f != "" { print > f }
' "$src/man/sendkit.7"

count=0 fail=0
# The diagnostic shown under CONVENTIONS is the one census-summary gives
# today for a provision code it does not know ("Q" on line 5), unfolded.
shown=$(awk '/^Diagnostics name the file/ { d = 1 } d && /^\.Bd/ { l = 1; next }
	l && /^\.Ed/ { exit } l { sub(/^    /, " "); printf "%s", $0 }' "$src/man/sendkit.7")
sed '5s/,N,,$/,Q,,/' spring.csv >"$tmp/q.csv"
(cd "$tmp" && cp q.csv spring.csv && census-summary --by all spring.csv 2>&1 >/dev/null |
	head -n 1) >"$tmp/real"
if [ "$shown" != "$(cat "$tmp/real")" ]; then
	echo "FAIL: sendkit(7)'s example diagnostic is not the one census-summary gives:"
	echo "  page: $shown"; echo "  real: $(cat "$tmp/real")"
	fail=1
fi
for f in "$tmp"/cmds/*.sh; do
	[ -n "${SK_SHOW:-}" ] && { echo "--- $f"; cat "$f"; }
	count=$((count + 1))
	bash -o pipefail "$f" >"$tmp/out" 2>"$tmp/err"
	status=$?
	if [ $status -gt 1 ]; then
		echo "FAIL (exit $status): $(cat "$f")"
		head -n 5 "$tmp/err"
		fail=1
		continue
	fi
	grep -Eo -- '-o [^ ]+' "$f" | cut -d' ' -f2 >"$tmp/outputs"
	while read -r out; do
		if ! [ -s "$out" ] && [ -z "$(ls -A "$out" 2>/dev/null)" ]; then
			echo "FAIL: nothing written to $out by: $(cat "$f")"
			fail=1
		fi
	done <"$tmp/outputs"
done
if [ $count -lt 8 ]; then
	echo "FAIL: only $count example command lines found in man/sendkit.7"
	fail=1
fi
[ $fail = 0 ] && echo "ok: $count examples"
exit $fail
