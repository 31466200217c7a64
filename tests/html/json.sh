#!/bin/sh
# Checks that nutshell's JSON parses, for one school and for several (an
# array), with python3's json module. Exit 77 (skipped) without python3.
#
#   json.sh BIN_DIR SOURCE_DIR
set -u
bin_dir=$1 src_dir=$2
command -v python3 >/dev/null || { echo "python3 not found: skipped"; exit 77; }
cd "$src_dir" || exit 2
export PATH="$bin_dir:$PATH"
fail=0
census-summary --hubs examples/census/hubs.csv -f csv examples/census/autumn-2023.csv \
	examples/census/spring-2024.csv |
	nutshell --census - --as-of 2024-03-01 -f json examples/strategy/holy-trinity-2023-24.yaml |
	python3 -c 'import json, sys; p = json.load(sys.stdin); assert p["figures"][0]["pct"] == 12.6' ||
	{ echo "one school: not the JSON expected"; fail=1; }
nutshell --as-of 2024-03-01 -f json examples/strategy/*.yaml 2>/dev/null |
	python3 -c 'import json, sys; assert len(json.load(sys.stdin)) == 4' ||
	{ echo "several schools: not a JSON array of four"; fail=1; }
nutshell --as-of 2024-03-01 -f json examples/strategy/st-marys-2023-24.yaml 2>/dev/null |
	python3 -m json.tool >/dev/null || { echo "missing pieces: not JSON"; fail=1; }
# --full: every action of the example with its steps and impact, as JSON.
nutshell --full --as-of 2024-03-01 -f json examples/strategy/holy-trinity-2023-24.yaml |
	python3 -c 'import json, sys
p = json.load(sys.stdin)
acts = [a for area in p["areas"] for a in area["actions"]]
assert len(acts) == 14 and all(a["steps"] and "term3" in a["impact"] for a in acts)' ||
	{ echo "--full: not the JSON expected"; fail=1; }
exit $fail
