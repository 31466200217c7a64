#!/bin/sh
# The action-lint benchmark: lints N generated strategy files (about 200
# lines each) with action-lint, and does the same job in one run with a
# bare libyaml parse (the floor), a JSON-Schema validator (python3-jsonschema
# over PyYAML's libyaml loader, strategy.schema.json) and yamllint. Prints
# each time and its ratio to the bare parse. The goal: action-lint, checking
# every rule, within 2x the bare parse.
#
#     bench/lint/lint.sh [BUILD_DIR [N]]      (defaults: build, 1000)
#
# Needs: yamllint, python3-jsonschema, python3-yaml (apt-get install yamllint
# python3-jsonschema python3-yaml); a tool that is missing is skipped.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-build}/bin
n=${2:-1000}
runs=5
for tool in action-lint bare-parse gen-strategies; do
	[ -x "$bin/$tool" ] || { echo "lint.sh: $bin/$tool: build first (cmake --build)" >&2; exit 2; }
done
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$bin/gen-strategies" "$dir" "$n"
lines=$(cat "$dir"/*.yaml | wc -l)
echo "$n strategy files, $lines lines in all"

now() { date +%s%N; }
# time_tool RUNS NAME COMMAND...
time_tool() {
	r=$1 name=$2
	shift 2
	best=
	i=0
	while [ "$i" -lt "$r" ]; do
		t0=$(now)
		"$@" >/dev/null 2>&1 || true
		t1=$(now)
		ms=$(( (t1 - t0) / 1000000 ))
		if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
		i=$((i + 1))
	done
	echo "$name $best" >>"$dir/times"
}

: >"$dir/times"
"$bin/bare-parse" "$dir"/*.yaml >/dev/null     # warm the page cache
time_tool $runs "bare-libyaml-parse" "$bin/bare-parse" "$dir"/*.yaml
time_tool $runs "action-lint" "$bin/action-lint" --as-of 2024-03-01 "$dir"
if python3 -c 'import jsonschema, yaml; yaml.CSafeLoader' 2>/dev/null; then
	time_tool 1 "jsonschema+CSafeLoader" python3 "$here/jsonschema-lint.py" \
		"$here/strategy.schema.json" "$dir"/*.yaml
else
	echo "skipped jsonschema: apt-get install python3-jsonschema python3-yaml" >&2
fi
if command -v yamllint >/dev/null 2>&1; then
	time_tool 1 "yamllint" yamllint -f parsable "$dir"
else
	echo "skipped yamllint: apt-get install yamllint" >&2
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
		printf "action-lint / bare parse: %.2fx (goal: 2x or less)\n", lint / (bare ? bare : 1)
		for (i = 1; i <= NR; i++)
			if (name[i] != "action-lint" && name[i] != "bare-libyaml-parse")
				printf "%s / action-lint: %.0fx\n", name[i], ms[i] / (lint ? lint : 1)
	}' "$dir/times"
