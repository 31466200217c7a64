#!/bin/sh
# The main job on the examples: installs what is missing, builds, and runs
# each sendkit command on the files in examples/. Findings in the example data
# (exit status 1) are part of the demonstration; a command that cannot run
# (exit status 2) stops it.
set -eu
cd "$(dirname "$0")/.."
sh scripts/deps.sh
cmake -S . -B build >/dev/null
cmake --build build -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
PATH="$PWD/build/bin:$PATH"
as_of=2024-03-01

run()
{
	printf '\n$ %s\n' "$*"
	status=0
	sh -c "$*" || status=$?
	if [ "$status" -gt 1 ]; then
		echo "demo: the command above failed (exit status $status)" >&2
		exit "$status"
	fi
}

run census-summary --format table --by school,hub,all \
	--hubs examples/census/hubs.csv examples/census/spring-2024.csv
run "census-summary --format csv --hubs examples/census/hubs.csv \
examples/census/autumn-2023.csv examples/census/spring-2024.csv |
nutshell --format table --as-of $as_of --census - examples/strategy/holy-trinity-2023-24.yaml"
run review-score --format table --as-of 2020-09-01 examples/review/lighthouse-2020.yaml
run action-lint --as-of $as_of examples/
