#!/bin/sh
# nutshell writing one profile per school into a folder, for N generated
# strategy files (gen-strategies): the run's bookkeeping of the files it
# has written must not grow with the square of N.
#
#     [RUNS=3] bench/lint/nutshell-folder.sh [BUILD_DIR [N [NUTSHELL]...]]
#
# Defaults: build, 20000, BUILD_DIR/bin/nutshell; name other nutshell
# binaries (an older build) to time them on the same files. Prints each
# one's best wall and CPU time (user + system, with /usr/bin/time). Not run by ctest.
set -eu
build=${1:-build}
n=${2:-20000}
runs=${RUNS:-3}
[ $# -gt 2 ] && shift 2 || set -- "$build/bin/nutshell"
[ -x "$build/bin/gen-strategies" ] || {
	echo "nutshell-folder.sh: $build/bin/gen-strategies: build first" >&2; exit 2; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/in"
"$build/bin/gen-strategies" "$dir/in" "$n"
echo "$n strategy files; load: $(uptime | sed 's/.*load average/load average/')"
for nutshell in "$@"; do
	best= cpu=
	i=0
	while [ "$i" -lt "$runs" ]; do
		rm -rf "$dir/out"
		t0=$(date +%s%N)
		if [ -x /usr/bin/time ]; then
			/usr/bin/time -f '%U %S' -o "$dir/cpu" "$nutshell" --as-of 2024-03-01 \
				-f json -o "$dir/out/" "$dir/in" >/dev/null 2>&1 || true
			c=$(awk 'END { printf "%d", ($1 + $2) * 1000 }' "$dir/cpu")
			[ -z "$cpu" ] || [ "$c" -lt "$cpu" ] && cpu=$c
		else
			"$nutshell" --as-of 2024-03-01 -f json -o "$dir/out/" "$dir/in" \
				>/dev/null 2>&1 || true
		fi
		ms=$(( ($(date +%s%N) - t0) / 1000000 ))
		[ -z "$best" ] || [ "$ms" -lt "$best" ] && best=$ms
		i=$((i + 1))
	done
	echo "$nutshell: $(ls "$dir/out" | wc -l) files written; best of $runs:" \
		"${best} ms wall${cpu:+, $cpu ms CPU}"
done
