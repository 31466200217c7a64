#!/bin/sh
# The main job on the examples: installs what is missing, builds, and runs
# each sendkit command on the files in examples/.
set -eu
cd "$(dirname "$0")/.."
sh scripts/deps.sh
cmake -S . -B build >/dev/null
cmake --build build -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
bin=build/bin
as_of=2024-03-01

run() {
	printf '\n$ %s\n' "$*"
	"$@" || true   # findings (exit 1) are part of the demonstration
}

if [ -x $bin/census-summary ]; then
	run $bin/census-summary --format table --by school,hub,all \
		--hubs examples/census/hubs.csv examples/census/spring-2024.csv
fi
if [ -x $bin/nutshell ]; then
	run $bin/nutshell --format table --as-of $as_of \
		examples/strategy/holy-trinity-2023-24.yaml
fi
if [ -x $bin/review-score ]; then
	run $bin/review-score --format table --as-of 2020-09-01 examples/review/lighthouse-2020.yaml
fi
if [ -x $bin/action-lint ]; then
	run $bin/action-lint --as-of $as_of examples/
fi
