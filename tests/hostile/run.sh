#!/bin/sh
# Runs one command over its table of hostile inputs, tests/hostile/COMMAND.cases.
# For each line the command must: exit 0, 1 or 2 (no crash, no sanitizer
# report); name the input in a message ("<stdin>" when it came on standard
# input), with a line number where the table says "line"; finish within the
# time bound; stay under the memory bound (RSS, measured; address space too
# with ulimit -v in builds without sanitizers).
#
#   run.sh COMMAND BIN_DIR SOURCE_DIR INPUT_DIR [SANITIZED]
#
# Table lines: INPUT EXPECT ARGUMENT..., where INPUT is a file gen.sh wrote,
# @ in the arguments stands for it (<@ feeds it on standard input) and EXPECT is
#   file   a message names the input
#   line   a message names the input and a line: "INPUT:N:"
#   read   the input is read (exit 0 or 1); any message names it
# Exit status: 0 all passed, 1 some failed, 77 the command is not built (skipped).
set -u
cmd=$1 bin=$2 src=$3 inputs=$4 sanitized=${5:-0}
case $sanitized in ON|on|1|TRUE|true) sanitized=1 ;; *) sanitized=0 ;; esac
table=$src/tests/hostile/$cmd.cases
if [ ! -x "$bin/$cmd" ]; then
	echo "SKIP: $cmd is not built yet"
	exit 77
fi
if [ "$sanitized" = 1 ]; then
	secs=${SK_HOSTILE_SECONDS:-20} rss_mb=${SK_HOSTILE_RSS_MB:-2048}
else
	secs=${SK_HOSTILE_SECONDS:-10} rss_mb=${SK_HOSTILE_RSS_MB:-512}
fi
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2
ln -s "$inputs" in
ln -s "$src/examples" ex
mkdir out

failed=0 ran=0
while read -r input expect args; do
	case $input in ''|'#'*) continue ;; esac
	path=in/$input
	name=$path
	case " $args " in *' <@ '*) name='<stdin>' ;; esac
	# shellcheck disable=SC2086
	set -- $(printf '%s\n' "$args" | sed "s|@|$path|g")
	ran=$((ran + 1))
	rm -rf out/* stdout stderr
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
	# /usr/bin/time writes "ELAPSED RSS_KB" last.
	read -r elapsed rss_kb <<-END || true
	$(tail -n 1 time 2>/dev/null)
	END
	case ${rss_kb:-x} in *[!0-9]*|'') elapsed=? rss_kb=0 ;; esac
	# /usr/bin/time prints "Command exited with non-zero status N" first.
	code=$(sed -n 's/^Command exited with non-zero status \([0-9]*\)$/\1/p; s/^Command terminated by signal \([0-9]*\)$/signal \1/p' time)
	[ -n "$code" ] || code=0
	why=""
	case $code in
	0|1|2) ;;
	124) why="took more than $secs s" ;;
	*) why="exit status $code" ;;
	esac
	if grep -q 'Sanitizer\|runtime error:' stderr; then
		why="$why sanitizer report"
	fi
	if [ "${rss_kb:-0}" -gt $((rss_mb * 1024)) ]; then
		why="$why used $((rss_kb / 1024)) MB (bound $rss_mb MB)"
	fi
	case $expect in
	line)
		grep -F "$name:" stderr | grep -q "$name:[0-9][0-9]*:" ||
			why="$why no message names $name with a line" ;;
	file)
		grep -qF "$name" stderr || why="$why no message names $name" ;;
	read)
		case $code in 0|1) ;; *) why="$why not read (exit $code)" ;; esac
		if [ -s stderr ] && grep -vqF "$name" stderr; then
			why="$why a message does not name $name"
		fi ;;
	*)
		why="$why bad expectation \"$expect\" in $table" ;;
	esac
	if [ -n "$why" ]; then
		failed=$((failed + 1))
		echo "FAIL $cmd $*: $why"
		sed -n '1,5s/^/    | /p' stderr
	else
		echo "ok   $cmd $* (exit $code, $elapsed s, $((rss_kb / 1024)) MB)"
	fi
done <"$table"
echo "$cmd: $ran hostile inputs, $failed failed"
[ "$failed" = 0 ]
