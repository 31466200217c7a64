#!/bin/sh
# Runs one command over its table of hostile inputs, tests/hostile/COMMAND.cases.
# For each line the command must: exit with exactly the status the table
# gives (0, 1 or 2: never a crash, a signal or a sanitizer report); say what
# the table expects, naming the input ("<stdin>" when it came on standard
# input); finish within the time bound; stay within the memory bound.
#
#   run.sh COMMAND BIN_DIR SOURCE_DIR INPUT_DIR [SANITIZED]
#
# Table lines: INPUT STATUS EXPECT ARGUMENT..., where INPUT is a file gen.sh
# wrote, @ in the arguments stands for it (<@ feeds it on standard input) and
# EXPECT is
#   line   a message names the input and a line: "INPUT:N:"
#   file   a message names the input (a whole-file problem has no line)
#   clean  the input is good (e.g. CR-only line ends): no error or warning
#   gap    a known gap (named in the comment above it, and in
#          README.hardening.md): only the status and the bounds are checked
# Messages are looked for on stderr and stdout (action-lint's findings are its
# output).
#
# Bounds: SK_HOSTILE_SECONDS (default 30 s, 60 s in a sanitizer build: the
# slowest input takes about 5 s alone, and CI runs two tests at a time) and
# SK_HOSTILE_RSS_MB (default 512 MB): the peak resident memory is measured
# with /usr/bin/time; without sanitizers the address space is also capped at
# four times that with ulimit -v. AddressSanitizer reserves terabytes of
# address space up front, so in a sanitizer build only the resident memory is
# bounded (at 2048 MB: its shadow memory and quarantine count too). There,
# an input over 10 MB that the command reads through (status 0 or 1: the
# 16-63 MB scalar, list, duplicate keys and aliases) runs in the plain build
# only: its size is what it tests (the bounds), its code paths are those of
# the smaller inputs, and under the sanitizer it took two minutes of CI.
#
# Exit status: 0 all passed, 1 some failed, 77 the command is not built (skipped).
set -u
cmd=$1 bin=$2 src=$3 inputs=$4 sanitized=${5:-0}
case $sanitized in ON|on|1|TRUE|true) sanitized=1 ;; *) sanitized=0 ;; esac
table=$src/tests/hostile/$cmd.cases
if [ ! -x "$bin/$cmd" ]; then
	echo "SKIP: $cmd is not built yet"
	exit 77
fi
if [ ! -x /usr/bin/time ]; then
	echo "$0: /usr/bin/time is missing (Debian package time; scripts/deps.sh installs it)" >&2
	exit 2
fi
if [ "$sanitized" = 1 ]; then
	secs=${SK_HOSTILE_SECONDS:-60} rss_mb=${SK_HOSTILE_RSS_MB:-2048}
else
	secs=${SK_HOSTILE_SECONDS:-30} rss_mb=${SK_HOSTILE_RSS_MB:-512}
fi
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2
ln -s "$inputs" in
ln -s "$src/examples" ex

failed=0 ran=0 gaps=0 plain_only=0
while read -r input status expect args; do
	case $input in ''|'#'*) continue ;; esac
	path=in/$input
	if [ "$sanitized" = 1 ] && [ "$status" != 2 ] &&
		[ "$(wc -c <"$path" 2>/dev/null || echo 0)" -gt 10485760 ]; then
		plain_only=$((plain_only + 1))
		echo "plain build only: $cmd ${args} ($input is over 10 MB)"
		continue
	fi
	name=$path
	case " $args " in *' <@ '*) name='<stdin>' ;; esac
	# shellcheck disable=SC2086
	set -- $(printf '%s\n' "$args" | sed "s|@|$path|g")
	ran=$((ran + 1))
	rm -f stdout stderr time
	(
		[ "$sanitized" = 1 ] || ulimit -v $((rss_mb * 4 * 1024))
		line="$*"
		case $line in
		*'<'*) redirect=${line#*<}; line=${line%%<*} ;;
		*) redirect=/dev/null ;;
		esac
		# shellcheck disable=SC2086
		exec /usr/bin/time -f '%e %M' -o time timeout -k 2 "$secs" \
			env LC_ALL=C.UTF-8 TZ=UTC NO_COLOR=1 "$bin/$cmd" $line \
			<"$redirect" >stdout 2>stderr
	)
	# /usr/bin/time writes "ELAPSED RSS_KB" last, after "Command exited with
	# non-zero status N" or "Command terminated by signal N".
	read -r elapsed rss_kb <<-END || true
	$(tail -n 1 time 2>/dev/null)
	END
	case ${rss_kb:-x} in *[!0-9]*|'') elapsed=? rss_kb=0 ;; esac
	code=$(sed -n 's/^Command exited with non-zero status \([0-9]*\)$/\1/p
		s/^Command terminated by signal \([0-9]*\)$/signal \1/p' time)
	[ -n "$code" ] || code=0
	why=""
	case $code in
	"$status") ;;
	124) why="took more than $secs s" ;;
	*) why="exit status $code, not $status" ;;
	esac
	if grep -q 'Sanitizer\|runtime error:' stderr; then
		why="$why; sanitizer report"
	fi
	if [ "$rss_kb" -gt $((rss_mb * 1024)) ]; then
		why="$why; used $((rss_kb / 1024)) MB (bound $rss_mb MB)"
	fi
	case $expect in
	line)
		cat stderr stdout | grep -qF "$name:" &&
		cat stderr stdout | grep -F "$name:" | grep -q "$name:[0-9][0-9]*:" ||
			why="$why; no message names $name with a line" ;;
	file)
		cat stderr stdout | grep -qF "$name" || why="$why; no message names $name" ;;
	clean)
		! cat stderr stdout | grep -q 'error:\|warning:' || why="$why; a message" ;;
	gap) ;;
	*)
		why="$why; bad expectation \"$expect\" in $table" ;;
	esac
	[ "$expect" = gap ] && gaps=$((gaps + 1))
	if [ -n "$why" ]; then
		failed=$((failed + 1))
		echo "FAIL $cmd $*: ${why#; }"
		sed -n '1,5s/^/    | /p' stderr
	else
		note=""
		[ "$expect" = gap ] && note=", known gap"
		echo "ok   $cmd $* (exit $code, $elapsed s, $((rss_kb / 1024)) MB$note)"
	fi
done <"$table"
more=""
[ "$plain_only" = 0 ] || more=", $plain_only over 10 MB left to the plain build"
echo "$cmd: $ran hostile inputs, $failed failed ($gaps known gaps)$more"
[ "$failed" = 0 ]
