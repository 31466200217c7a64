#!/usr/bin/env bash
# census.sh: times census-summary against the tools a user would otherwise
# pick (DuckDB, sqlite3, mawk, Miller) on one generated national census file,
# in one run, and prints each one's best time, peak memory and ratio to
# census-summary. See bench/README.md.
set -euo pipefail

prog=census.sh
root=$(cd "$(dirname "$0")/.." && pwd)
bench=$root/bench

usage()
{
	cat <<EOF
Usage: bench/census.sh [OPTION]...
Generates a national-scale pupil-level census file once (cached), then times
census-summary, DuckDB (2 threads and 1), sqlite3, mawk and Miller on it, each
where installed, with 'wc -l' as the disk-read floor.

  -b, --build DIR   build folder holding bin/census-summary (default: the newest
                    non-sanitizer build*/ under the repository)
  -d, --dir DIR     work folder for the file, tools and outputs
                    (default \$BENCH_DIR, else /tmp/sendkit-bench)
  -h, --help        show this help and exit
      --no-install  do not apt-get or npm install missing tools
  -n, --runs N      runs per tool, best taken (default \$RUNS, else 3)
      --only LIST   only these, comma-separated: wc,census-summary,duckdb2,
                    duckdb1,mawk,sqlite3,miller
  -r, --rows N      pupils in the file (default \$ROWS, else 9100000)

Environment: CS_ARGS, census-summary's options (default "--by school,all").

Examples:
  cmake --build build && bench/census.sh
  bench/census.sh --runs 5 --only wc,census-summary,duckdb2
  bench/census.sh --rows 1000000 --dir /tmp/small-bench
EOF
}

die()
{
	echo "$prog: $*" >&2
	exit 2
}

work=${BENCH_DIR:-/tmp/sendkit-bench}
runs=${RUNS:-3}
rows=${ROWS:-9100000}
seed=20240118
build=
only=
install=1
cs_args=${CS_ARGS:---by school,all}

while [ $# -gt 0 ]; do
	case $1 in
	-b|--build) build=${2:?}; shift ;;
	--build=*) build=${1#*=} ;;
	-d|--dir) work=${2:?}; shift ;;
	--dir=*) work=${1#*=} ;;
	-h|--help) usage; exit 0 ;;
	--no-install) install=0 ;;
	-n|--runs) runs=${2:?}; shift ;;
	--runs=*) runs=${1#*=} ;;
	--only) only=${2:?}; shift ;;
	--only=*) only=${1#*=} ;;
	-r|--rows) rows=${2:?}; shift ;;
	--rows=*) rows=${1#*=} ;;
	*) echo "$prog: unknown option '$1'" >&2; echo "Try '$prog --help'." >&2; exit 2 ;;
	esac
	shift
done
case $runs in ''|*[!0-9]*|0) die "--runs: not a positive count: '$runs'" ;; esac
case $rows in ''|*[!0-9]*|0) die "--rows: not a positive count: '$rows'" ;; esac
case $work in "$root"|"$root"/*)
	case $work in "$root"/bench/work|"$root"/bench/work/*) ;;
	*) die "--dir: keep the work folder out of the repository (or use bench/work)" ;;
	esac ;;
esac
mkdir -p "$work/run" "$work/out"
work=$(cd "$work" && pwd)

wanted()
{
	[ -z "$only" ] && return 0
	case ",$only," in *",$1,"*) return 0 ;; esac
	return 1
}

have() { command -v "$1" >/dev/null 2>&1; }

# ---- tools: install what is missing, where we may ----

if [ "$install" = 1 ] && [ "$(id -u)" = 0 ] && have apt-get; then
	pkgs=()
	have hyperfine || pkgs+=(hyperfine)
	[ -x /usr/bin/time ] || pkgs+=(time)
	{ wanted miller && ! have mlr; } && pkgs+=(miller)
	{ wanted sqlite3 && ! have sqlite3; } && pkgs+=(sqlite3)
	{ wanted mawk && ! have mawk; } && pkgs+=(mawk)
	if [ ${#pkgs[@]} -gt 0 ]; then
		echo "installing: ${pkgs[*]}"
		export DEBIAN_FRONTEND=noninteractive
		apt-get install -y -q "${pkgs[@]}" >/dev/null 2>&1 ||
			{ apt-get update -q >/dev/null 2>&1 &&
			  apt-get install -y -q "${pkgs[@]}" >/dev/null 2>&1; } ||
			echo "  (could not install some of them: those are skipped)"
	fi
fi

duckdb_modules=
find_duckdb()
{
	local d
	for d in "$bench/node_modules" "$work/npm/node_modules"; do
		if [ -f "$d/@duckdb/node-api/package.json" ]; then
			duckdb_modules=$d
			return 0
		fi
	done
	return 1
}
if { wanted duckdb2 || wanted duckdb1; } && have node && ! find_duckdb &&
	[ "$install" = 1 ] && have npm; then
	echo "installing @duckdb/node-api into $work/npm"
	mkdir -p "$work/npm"
	npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$work/npm" \
		@duckdb/node-api >/dev/null 2>&1 || echo "  (npm install failed: DuckDB is skipped)"
	find_duckdb || true
fi

# ---- the build: census-summary and gen-census ----

if [ -z "$build" ]; then
	newest=
	for d in "$root"/build*/; do
		d=${d%/}
		[ -x "$d/bin/census-summary" ] || continue
		grep -q '^SENDKIT_SANITIZE:BOOL=ON' "$d/CMakeCache.txt" 2>/dev/null && continue
		if [ -z "$newest" ] || [ "$d/bin/census-summary" -nt "$newest/bin/census-summary" ]; then
			newest=$d
		fi
	done
	build=${newest:-$root/build}
fi
cs=$build/bin/census-summary
[ -x "$cs" ] || cs=
if [ -n "$cs" ]; then
	btype=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
	case $btype in Release|RelWithDebInfo) ;;
	*) echo "$prog: warning: $build is a '${btype:-unknown}' build; time a Release one" >&2 ;;
	esac
fi

gen=
for g in "$build/bin/gen-census" "$root"/build*/bin/gen-census; do
	if [ -x "$g" ] && [ ! "$bench/gen-census.c" -nt "$g" ]; then
		gen=$g
		break
	fi
done
if [ -z "$gen" ]; then
	gen=$work/gen-census
	if [ ! -x "$gen" ] || [ "$bench/gen-census.c" -nt "$gen" ]; then
		echo "compiling gen-census into $work"
		${CC:-cc} -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -o "$gen" "$bench/gen-census.c" ||
			die "cannot compile bench/gen-census.c"
	fi
fi

# ---- the file, made once for these rows and this generator ----

data=$work/census-$rows.csv
totals=$work/census-$rows.totals.csv
stamp="$(cksum < "$bench/gen-census.c") rows=$rows seed=$seed"
if [ ! -f "$data" ] || [ ! -f "$totals" ] || [ "$(cat "$data.stamp" 2>/dev/null)" != "$stamp" ]; then
	echo "generating $data ($rows rows)"
	rm -f "$data" "$data.stamp"
	t0=$(date +%s%N)
	"$gen" --rows "$rows" --seed "$seed" --totals "$totals" -o "$data.tmp"
	t1=$(date +%s%N)
	mv "$data.tmp" "$data"
	printf '%s\n' "$stamp" > "$data.stamp"
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "  %.1f s\n", (b - a) / 1e9 }'
fi
size=$(wc -c < "$data")
# Read the whole file once, so every tool finds it in the page cache.
cat "$data" > /dev/null

# Expected national counts, by column name, from the generator.
declare -A expect=()
{
	IFS=, read -r -a ek
	IFS=, read -r -a ev
} < "$totals"
for i in "${!ek[@]}"; do
	expect[${ek[$i]}]=${ev[$i]}
done

# ---- measuring ----

timer=
[ -x /usr/bin/time ] && timer=/usr/bin/time
hf=
have hyperfine && hf=hyperfine

names=()
declare -A label=() secs=() rss=() status=() check=()

# The "all" row of a CSV output (the row whose key column is "all") as
# column=value lines; quoted fields are read as CSV.
all_row()
{
	mawk '
	function split_csv(line, f,    n, i, c, q, v) {
		n = 0; v = ""; q = 0
		for (i = 1; i <= length(line); i++) {
			c = substr(line, i, 1)
			if (q) {
				if (c == "\"") {
					if (substr(line, i + 1, 1) == "\"") { v = v c; i++ }
					else q = 0
				} else v = v c
			} else if (c == "\"") q = 1
			else if (c == ",") { f[++n] = v; v = "" }
			else if (c != "\r") v = v c
		}
		f[++n] = v
		return n
	}
	NR == 1 { nh = split_csv($0, h); for (i = 1; i <= nh; i++) if (h[i] == "key") kc = i; next }
	$0 ~ /(^|,)"?all"?(,|$)/ {
		n = split_csv($0, f)
		if (kc && f[kc] != "all") next
		for (i = 1; i <= nh; i++) print h[i] "=" f[i]
		exit
	}' "$1"
}

# Compares a tool's national row with the generator's totals. On roll must be
# every row, or every row but the ragged ones (census-summary leaves those
# out, as documented); SEN support and EHC plans as exact, less what ragged
# rows held; the needs within the number of bad rows (tools differ on "K
# without a need" and the like).
check_output()
{
	local out=$1 line k v d off=0 left=0 bad=${expect[bad_rows]} ragged=${expect[ragged_rows]}
	local total=${expect[on_roll]}
	declare -A got=()
	[ -s "$out" ] || { echo "no output"; return; }
	while IFS= read -r line; do
		got[${line%%=*}]=${line#*=}
	done < <(all_row "$out")
	[ -n "${got[on_roll]:-}" ] || { echo "no all row"; return; }
	v=${got[on_roll]}
	if [ "$v" = "$((total - ragged))" ] && [ "$ragged" -gt 0 ]; then
		left=$ragged
	elif [ "$v" != "${expect[on_roll]}" ]; then
		echo "on_roll $v, not ${expect[on_roll]}"
		return
	fi
	for k in sen_support ehcp; do
		v=${got[$k]:-}
		case $v in ''|*[!0-9]*) echo "$k '$v'"; return ;; esac
		d=$((${expect[$k]} - v))
		if [ "$d" -lt 0 ] || [ "$d" -gt "$left" ]; then
			echo "$k $v, not ${expect[$k]}"
			return
		fi
	done
	for k in "${!expect[@]}"; do
		case $k in need_*) ;; *) continue ;; esac
		v=${got[$k]:-0}
		case $v in ''|*[!0-9]*) v=0 ;; esac
		d=$((v - ${expect[$k]}))
		off=$((off + (d < 0 ? -d : d)))
	done
	if [ "$off" -gt "$bad" ]; then
		echo "needs off by $off"
	elif [ "$left" -gt 0 ]; then
		echo "ok ($left ragged rows left out)"
	else
		echo ok
	fi
}

# measure NAME LABEL COMMAND...: best wall time of $runs runs and peak RSS,
# the command's standard output kept in out/NAME.csv for checking.
measure()
{
	local name=$1 lbl=$2 script=$work/run/$1.sh rssf=$work/run/$1.rss best='' i t0 t1
	shift 2
	names+=("$name")
	label[$name]=$lbl
	{
		echo '#!/bin/sh'
		printf 'exec'
		printf ' %q' "$@"
		printf ' >%q 2>%q\n' "$work/out/$name.csv" "$work/out/$name.err"
	} > "$script"
	rm -f "$rssf"
	printf '%-28s' "$lbl"
	if [ -n "$hf" ]; then
		local json=$work/run/$name.json cmd="sh $script"
		[ -n "$timer" ] && cmd="$timer -a -o $rssf -f %M\ %x sh $script"
		if hyperfine -N -i --runs "$runs" --style none --export-json "$json" \
			"$cmd" >/dev/null 2>"$work/run/$name.hf.err"; then
			best=$(tr -d ' \n' < "$json" | grep -o '"min":[0-9.e+-]*' | head -1 | cut -d: -f2)
		fi
	else
		for ((i = 0; i < runs; i++)); do
			t0=$(date +%s%N)
			if [ -n "$timer" ]; then
				"$timer" -a -o "$rssf" -f '%M %x' sh "$script" || true
			else
				sh "$script" || true
			fi
			t1=$(date +%s%N)
			best=$(awk -v a="$t0" -v b="$t1" -v m="$best" \
				'BEGIN { t = (b - a) / 1e9; print (m == "" || t < m + 0) ? t : m }')
		done
	fi
	secs[$name]=${best:-}
	if [ -s "$rssf" ]; then
		rss[$name]=$(awk '$1 ~ /^[0-9]+$/ && $1 > m { m = $1 } END { print m + 0 }' "$rssf")
		status[$name]=$(awk '$2 ~ /^[0-9]+$/ && $2 > s { s = $2 } END { print s + 0 }' "$rssf")
	else
		rss[$name]=
		status[$name]=
	fi
	check[$name]=$(check_output "$work/out/$name.csv")
	[ "$name" = wc ] && check[$name]=-
	printf '%8.3f s  %8s\n' "${best:-0}" "$(fmt_rss "${rss[$name]}")"
}

skip()
{
	names+=("$1")
	label[$1]=$2
	secs[$1]=
	rss[$1]=
	status[$1]=
	check[$1]="skipped: $3"
	printf '%-28s skipped (%s)\n' "$2" "$3"
}

fmt_rss()
{
	if [ -z "$1" ]; then
		echo "?"
	elif [ "$1" -ge 1048576 ]; then
		awk -v k="$1" 'BEGIN { printf "%.1f GB", k / 1048576 }'
	else
		awk -v k="$1" 'BEGIN { printf "%.1f MB", k / 1024 }'
	fi
}

# ---- the run ----

ncpu=$(nproc 2>/dev/null || echo '?')
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)
load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)
echo "file:    $data"
echo "         $rows rows, $size bytes ($(awk -v b="$size" 'BEGIN { printf "%.0f", b / 1e6 }') MB)"
echo "machine: $ncpu cores${cpu:+, $cpu}, load $load"
echo "runs:    best of $runs${hf:+ (hyperfine)}"
if awk -v l="$load" 'BEGIN { exit !(l > 0.5) }'; then
	echo "$prog: warning: the machine is busy (load $load): times will be noisy" >&2
fi
floor=
[ -n "$timer" ] && floor=$("$timer" -f %M sh -c 'exec true' 2>&1 >/dev/null | tail -1)
echo

wanted wc && measure wc "wc -l (disk-read floor)" wc -l "$data"

if wanted census-summary; then
	if [ -n "$cs" ]; then
		# shellcheck disable=SC2086
		measure census-summary "census-summary" "$cs" $cs_args "$data"
	else
		skip census-summary "census-summary" "not built: cmake --build build"
	fi
fi

for th in 2 1; do
	wanted duckdb$th || continue
	lbl="DuckDB, $th thread$([ "$th" = 1 ] || echo s)"
	if ! have node; then
		skip duckdb$th "$lbl" "node not installed"
	elif [ -z "$duckdb_modules" ]; then
		skip duckdb$th "$lbl" "npm @duckdb/node-api not installed"
	else
		measure duckdb$th "$lbl" env DUCKDB_NODE_MODULES="$duckdb_modules" \
			node "$bench/duckdb-census.mjs" "$data" "$th" /dev/stdout
	fi
done

if wanted mawk; then
	if have mawk; then
		measure mawk "mawk" mawk -f "$bench/census.awk" "$data"
	else
		skip mawk "mawk" "not installed"
	fi
fi

if wanted sqlite3; then
	if have sqlite3; then
		measure sqlite3 "sqlite3 (.import, GROUP BY)" sh "$bench/census-sqlite.sh" "$data"
	else
		skip sqlite3 "sqlite3 (.import, GROUP BY)" "not installed"
	fi
fi

if wanted miller; then
	if have mlr; then
		measure miller "Miller (mlr put)" mlr --icsv --ocsv --allow-ragged-csv-input \
			put -q -f "$bench/census.mlr" "$data"
	else
		skip miller "Miller (mlr put)" "not installed"
	fi
fi

# ---- the table ----

ref=${secs[census-summary]:-}
ratio()
{
	if [ -z "$1" ] || [ -z "$ref" ]; then
		echo "-"
		return
	fi
	awk -v t="$1" -v r="$ref" 'BEGIN { if (r > 0) printf "%.2fx", t / r; else print "-" }'
}

md=$work/results.md
{
	echo "| tool | time (best of $runs) | peak RSS | time / census-summary | national totals |"
	echo "| --- | ---: | ---: | ---: | --- |"
} > "$md"
echo
printf '%-28s %10s %10s %14s  %s\n' "tool" "time" "peak RSS" "/ census-sum." "national totals"
for n in "${names[@]}"; do
	t=${secs[$n]}
	ts=-
	[ -n "$t" ] && ts=$(printf '%.2f s' "$t")
	r=$(fmt_rss "${rss[$n]}")
	[ -z "${secs[$n]}" ] && r=-
	st=${check[$n]}
	if [ -n "${status[$n]}" ] && [ "${status[$n]}" != 0 ]; then
		st="$st (exit ${status[$n]})"
	fi
	printf '%-28s %10s %10s %14s  %s\n' "${label[$n]}" "$ts" "$r" "$(ratio "$t")" "$st"
	printf '| %s | %s | %s | %s | %s |\n' "${label[$n]}" "$ts" "$r" "$(ratio "$t")" "$st" >> "$md"
done
echo
[ -n "$floor" ] && echo "peak RSS includes about $(fmt_rss "$floor") of the launching shell (sh -c 'exec true')"
echo "outputs in $work/out, this table as Markdown in $md"

# ---- the goals (issue 11) and the sanity check ----

status_all=0
if [ -n "$ref" ]; then
	echo
	if [ "${check[census-summary]%% *}" = ok ]; then
		echo "census-summary: the all row matches the generator's totals" \
			"(${expect[on_roll]} rows, ${expect[ragged_rows]} of them ragged)"
	else
		echo "census-summary: WRONG: ${check[census-summary]}"
		status_all=1
	fi
	d2=${secs[duckdb2]:-}
	if [ -n "$d2" ]; then
		x=$(awk -v d="$d2" -v r="$ref" 'BEGIN { printf "%.2f", d / r }')
		if awk -v x="$x" 'BEGIN { exit !(x >= 5) }'; then
			echo "goal met: ${x}x faster than DuckDB (2 threads); the goal is 5x"
		else
			echo "goal missed: ${x}x faster than DuckDB (2 threads); the goal is 5x"
		fi
	fi
	m=${rss[census-summary]:-}
	if [ -n "$m" ]; then
		if [ "$m" -lt 16384 ]; then
			echo "goal met: peak memory $(fmt_rss "$m"), under 16 MB"
		else
			echo "goal missed: peak memory $(fmt_rss "$m"); the goal is under 16 MB"
		fi
	fi
fi
# Memory must not grow with the number of pupils: census-summary's peak RSS
# on smaller files made the same way.
if [ -n "$ref" ] && [ -n "$timer" ] && [ "$rows" -gt 1000000 ]; then
	printf 'census-summary peak RSS by rows:'
	for r in 100000 1000000; do
		f=$work/census-$r.csv
		st="$(cksum < "$bench/gen-census.c") rows=$r seed=$seed"
		if [ ! -f "$f" ] || [ "$(cat "$f.stamp" 2>/dev/null)" != "$st" ]; then
			"$gen" --rows "$r" --seed "$seed" --totals "$work/census-$r.totals.csv" -o "$f"
			printf '%s\n' "$st" > "$f.stamp"
		fi
		# shellcheck disable=SC2086
		m=$("$timer" -f %M "$cs" $cs_args "$f" 2>&1 >/dev/null | tail -1) || true
		printf ' %s %s,' "$r" "$(fmt_rss "$m")"
	done
	printf ' %s %s\n' "$rows" "$(fmt_rss "${rss[census-summary]}")"
fi
exit $status_all
