#!/bin/sh
# The action-lint benchmark: lints N generated strategy files (about 200
# lines each) with action-lint, and does the same job in one run with a
# bare libyaml parse (the floor), a JSON-Schema validator (python3-jsonschema
# over PyYAML's libyaml loader, strategy.schema.json) and yamllint. Prints
# each time and its ratio to the bare parse. The goal: action-lint, checking
# every rule, within 1.5x the bare parse at 1,000, 10,000 and 20,000 files.
#
#     [RUNS=5] [FLOOR_ONLY=1] bench/lint/lint.sh [BUILD_DIR [N]]   (defaults: build, 1000)
#
# FLOOR_ONLY=1 times action-lint and the bare parse only (yamllint takes
# about a minute per 1,000 files).
#
# Needs: yamllint, python3-jsonschema, python3-yaml (apt-get install yamllint
# python3-jsonschema python3-yaml); a tool that is missing is skipped.
# /usr/bin/time, when there, adds CPU times. Not run by ctest.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-build}/bin
n=${2:-1000}
runs=${RUNS:-5}
for tool in action-lint bare-parse gen-strategies; do
	[ -x "$bin/$tool" ] || { echo "lint.sh: $bin/$tool: build first (cmake --build)" >&2; exit 2; }
done
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$bin/gen-strategies" "$dir" "$n"
lines=$(cat "$dir"/*.yaml | wc -l)
echo "$n strategy files, $lines lines in all"

now() { date +%s%N; }
# keep_best FILE MS: FILE holds the smallest MS seen
keep_best() {
	if [ ! -s "$1" ] || [ "$2" -lt "$(cat "$1")" ]; then echo "$2" >"$1"; fi
}
# run_once NAME COMMAND...: times one run, keeps NAME's best wall time in
# $dir/best.NAME and, with /usr/bin/time, its best CPU time (user + system,
# which other work on the machine disturbs less) in $dir/cpu.NAME
run_once() {
	name=$1
	shift
	t0=$(now)
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%U %S' -o "$dir/cpu" "$@" >/dev/null 2>&1 || true
	else
		"$@" >/dev/null 2>&1 || true
	fi
	t1=$(now)
	keep_best "$dir/best.$name" $(( (t1 - t0) / 1000000 ))
	if [ -s "$dir/cpu" ]; then
		keep_best "$dir/cpu.$name" "$(awk 'END { printf "%d", ($1 + $2) * 1000 }' "$dir/cpu")"
	fi
}

echo "load before: $(uptime | sed 's/.*load average/load average/')"
"$bin/bare-parse" "$dir"/*.yaml >/dev/null     # warm the page cache
# The bare parse and action-lint take turns, so that other work on the
# machine weighs on both alike; each keeps its best of $runs runs.
i=0
while [ "$i" -lt "$runs" ]; do
	run_once bare-libyaml-parse "$bin/bare-parse" "$dir"/*.yaml
	run_once action-lint "$bin/action-lint" --as-of 2024-03-01 "$dir"
	i=$((i + 1))
done
names="bare-libyaml-parse action-lint"
if [ "${FLOOR_ONLY:-0}" = 1 ]; then
	:
elif python3 -c 'import jsonschema, yaml; yaml.CSafeLoader' 2>/dev/null; then
	run_once jsonschema+CSafeLoader python3 "$here/jsonschema-lint.py" \
		"$here/strategy.schema.json" "$dir"/*.yaml
	names="$names jsonschema+CSafeLoader"
else
	echo "skipped jsonschema: apt-get install python3-jsonschema python3-yaml" >&2
fi
if [ "${FLOOR_ONLY:-0}" = 1 ]; then
	:
elif command -v yamllint >/dev/null 2>&1; then
	run_once yamllint yamllint -f parsable "$dir"
	names="$names yamllint"
else
	echo "skipped yamllint: apt-get install yamllint" >&2
fi
echo "load after:  $(uptime | sed 's/.*load average/load average/')"
for name in $names; do
	echo "$name $(cat "$dir/best.$name")"
done >"$dir/times"
if [ -s "$dir/cpu.action-lint" ]; then
	echo "CPU time (user + system, best of $runs, 10 ms resolution): bare parse" \
		"$(cat "$dir/cpu.bare-libyaml-parse") ms, action-lint $(cat "$dir/cpu.action-lint") ms"
fi

awk -v runs=$runs '
	NR == 1 { bare = $2 }
	$1 == "action-lint" { lint = $2 }
	{ name[NR] = $1; ms[NR] = $2 }
	END {
		printf "%-24s %10s %10s\n", "tool", "seconds", "x bare"
		for (i = 1; i <= NR; i++)
			printf "%-24s %10.3f %10.1f\n", name[i], ms[i] / 1000, ms[i] / (bare ? bare : 1)
		printf "(action-lint and the bare parse: best of %d runs)\n", runs
		printf "action-lint / bare parse: %.2fx (goal: 1.5x or less)\n", lint / (bare ? bare : 1)
		for (i = 1; i <= NR; i++)
			if (name[i] != "action-lint" && name[i] != "bare-libyaml-parse")
				printf "%s / action-lint: %.0fx\n", name[i], ms[i] / (lint ? lint : 1)
	}' "$dir/times"
