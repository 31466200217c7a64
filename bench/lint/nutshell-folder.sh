#!/bin/sh
# nutshell writing one profile per school into a folder, for N generated
# strategy files (gen-strategies): the run's bookkeeping of the files it
# has written must not grow with the square of N.
#
#     [RUNS=3] [CENSUS=1] bench/lint/nutshell-folder.sh [BUILD_DIR [N [NUTSHELL]...]]
#
# With CENSUS=1 every run also reads a census summary of the N schools, their
# hubs and LAs and the trust (--census), so that each profile has its rows
# beside the hub, the LA and the trust: finding them must not grow with the
# square of N either.
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
census=
if [ "${CENSUS:-0}" = 1 ]; then
	census=$dir/census.csv
	# One school row each, then a row per hub and LA and one for the trust.
	cat "$dir"/in/*.yaml | awk '
		/^  urn: / { urn = $2 } /^  la: / { la = $2 } /^  hub: / { hub = $2
			printf "spring-2024,school,%s,School %s,%s,%s,1,400,50,8\n", urn, urn, la, hub
			hubs[hub] += 1; las[la] += 1; n++ }
		END {
			for (h in hubs) printf "spring-2024,hub,%s,,,%s,%d,%d,%d,%d\n", h, h, hubs[h], 400 * hubs[h], 50 * hubs[h], 8 * hubs[h]
			for (l in las) printf "spring-2024,la,%s,,%s,,%d,%d,%d,%d\n", l, l, las[l], 400 * las[l], 50 * las[l], 8 * las[l]
			printf "spring-2024,all,all,,,,%d,%d,%d,%d\n", n, 400 * n, 50 * n, 8 * n }' |
		sed '1i term,level,key,name,la,hub,schools,on_roll,sen_support,ehcp' >"$census"
	echo "census summary: $(($(wc -l <"$census") - 1)) rows"
fi
echo "$n strategy files; load: $(uptime | sed 's/.*load average/load average/')"
for nutshell in "$@"; do
	best= cpu=
	i=0
	while [ "$i" -lt "$runs" ]; do
		rm -rf "$dir/out"
		t0=$(date +%s%N)
		if [ -x /usr/bin/time ]; then
			/usr/bin/time -f '%U %S' -o "$dir/cpu" "$nutshell" --as-of 2024-03-01 \
				${census:+--census "$census"} -f json -o "$dir/out/" "$dir/in" \
				>/dev/null 2>&1 || true
			c=$(awk 'END { printf "%d", ($1 + $2) * 1000 }' "$dir/cpu")
			[ -z "$cpu" ] || [ "$c" -lt "$cpu" ] && cpu=$c
		else
			"$nutshell" --as-of 2024-03-01 ${census:+--census "$census"} -f json \
				-o "$dir/out/" "$dir/in" >/dev/null 2>&1 || true
		fi
		ms=$(( ($(date +%s%N) - t0) / 1000000 ))
		[ -z "$best" ] || [ "$ms" -lt "$best" ] && best=$ms
		i=$((i + 1))
	done
	echo "$nutshell: $(ls "$dir/out" | wc -l) files written; best of $runs:" \
		"${best} ms wall${cpu:+, $cpu ms CPU}"
done
