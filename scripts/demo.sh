#!/bin/sh
# The main job on the examples: installs what building and running sendkit
# needs if it is missing (not the test tools), builds the four commands into
# build-demo/, and runs each on the files in examples/. Findings in the
# example data (exit status 1) are part of the demonstration; a command that
# cannot run (exit status 2) stops it.
set -eu
cd "$(dirname "$0")/.."
sh scripts/deps.sh build
jobs=$(nproc 2>/dev/null || echo 2)
echo "== building sendkit into build-demo/ (a minute or two)"
cmake -S . -B build-demo -DCMAKE_BUILD_TYPE=Release -DSENDKIT_TESTS=OFF >/dev/null
cmake --build build-demo -j "$jobs" >/dev/null
PATH="$PWD/build-demo/bin:$PATH"
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

run census-summary --format table --columns headline --by school,hub,all \
	--hubs examples/census/hubs.csv examples/census/spring-2024.csv
run "census-summary --format csv --by school,hub,la,all --hubs examples/census/hubs.csv \
examples/census/autumn-2023.csv examples/census/spring-2024.csv |
nutshell --format table --as-of $as_of --census - examples/strategy/holy-trinity-2023-24.yaml"
run review-score --format table --as-of 2020-09-01 examples/review/lighthouse-2020.yaml
run action-lint --as-of $as_of examples/

cat <<END

== done. To run the commands yourself, put them on your PATH:
    export PATH="$PWD/build-demo/bin:\$PATH"
and read their manuals without installing: man -l man/sendkit.7
END
