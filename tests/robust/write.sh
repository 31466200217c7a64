#!/bin/sh
# Write failures: every command, with output it cannot write, must say so
# (naming where it was writing), exit 2, and leave no file, no temporary file
# and no change to a file it was to replace.
#
#   write.sh BIN_DIR SOURCE_DIR
#
# A pipe whose reader has gone (EPIPE, as after "| head -2") is no failure:
# the command ends quietly, with the status it has when its output is read.
#
# The failures, each of which also stops root (CI runs as root):
#   full    standard output is /dev/full (ENOSPC), and -o /dev/full
#   notdir  -o into a "folder" that is a regular file (ENOTDIR)
#   proc    -o into /proc, where no one can create a file
#   fsize   -o a file while the file-size limit is 0 (ulimit -f 0: EFBIG,
#           as on a full disk): the old file there must be left as it was
#   ro      -o into a read-only folder (only when not root)
set -u
bin=$1 src=$2
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
cd "$src" || exit 2
commands=${SK_COMMANDS:?"the command names (tests/CMakeLists.txt sets SK_COMMANDS)"}
failed=0 ran=0 tested=' '

fail() {
	failed=$((failed + 1))
	echo "FAIL $*"
	sed -n '1,5s/^/    | /p' "$work/err"
}

# check NAME STATUS WHERE: the last run exited 2 and said it cannot write WHERE.
check() {
	ran=$((ran + 1))
	if [ "$2" != 2 ]; then
		fail "$1: exit status $2, not 2"
	elif ! grep -F "$3" "$work/err" | grep -qi 'write\|denied\|directory\|space\|large'; then
		fail "$1: no message says it cannot write $3"
	else
		echo "ok   $1 (exit 2: $(head -n 1 "$work/err"))"
	fi
}

# nothing_left NAME DIR: DIR holds only what it held before (keep.txt).
nothing_left() {
	extra=$(ls -A "$2" | grep -vx 'keep.txt')
	if [ -n "$extra" ]; then
		fail "$1: left behind in $2: $extra"
	fi
}

run_cmd() { # run_cmd COMMAND ARG...: the command, stderr into $work/err
	c=$1
	shift
	env LC_ALL=C.UTF-8 TZ=UTC NO_COLOR=1 "$bin/$c" "$@" 2>"$work/err"
}

while read -r cmd args; do
	case $cmd in ''|'#'*) continue ;; esac
	if [ ! -x "$bin/$cmd" ]; then
		echo "SKIP: $cmd is not built"
		continue
	fi
	tested="$tested$cmd "
	# shellcheck disable=SC2086
	set -- $args

	# A pipe with no reader: open it, let the reader go, then write.
	run_cmd "$cmd" "$@" >/dev/null
	want=$?
	mv "$work/err" "$work/err.read"
	rm -f "$work/fifo" && mkfifo "$work/fifo"
	(: <"$work/fifo") &
	exec 4>"$work/fifo"
	wait
	run_cmd "$cmd" "$@" >&4
	status=$?
	exec 4>&-
	ran=$((ran + 1))
	if [ "$status" != "$want" ] || ! cmp -s "$work/err" "$work/err.read"; then
		fail "$cmd pipe: exit status $status (not $want) or a message on a closed pipe"
	else
		echo "ok   $cmd pipe (quiet, exit $status)"
	fi

	run_cmd "$cmd" "$@" >/dev/full
	check "$cmd full" $? "standard output"

	run_cmd "$cmd" -o /dev/full "$@" </dev/null
	check "$cmd -o /dev/full" $? /dev/full
	[ -c /dev/full ] || fail "$cmd -o /dev/full: /dev/full is no longer a device"

	rm -rf "$work/d" && mkdir "$work/d" && echo keep >"$work/d/keep.txt"
	run_cmd "$cmd" -o "$work/d/keep.txt/out" "$@" >/dev/null
	check "$cmd notdir" $? "$work/d/keep.txt/out"
	nothing_left "$cmd notdir" "$work/d"

	run_cmd "$cmd" -o /proc/sendkit-write-test "$@" >/dev/null
	check "$cmd proc" $? /proc/sendkit-write-test
	[ -e /proc/sendkit-write-test ] && fail "$cmd proc: a file was made in /proc"

	# A full disk, as far as the command can tell. SIGXFSZ is ignored so
	# that the write fails with EFBIG instead of killing the command.
	# Its messages go through a FIFO: a file would be under the limit too.
	rm -rf "$work/d" "$work/efifo" && mkdir "$work/d" && echo keep >"$work/d/keep.txt"
	mkfifo "$work/efifo"
	cat "$work/efifo" >"$work/err" &
	status=$(
		ulimit -f 0
		trap '' XFSZ
		env LC_ALL=C.UTF-8 TZ=UTC NO_COLOR=1 "$bin/$cmd" -o "$work/d/keep.txt" "$@" \
			>/dev/null 2>"$work/efifo"
		echo $?
	)
	wait
	check "$cmd fsize" "$status" "$work/d/keep.txt"
	nothing_left "$cmd fsize" "$work/d"
	[ "$(cat "$work/d/keep.txt")" = keep ] || fail "$cmd fsize: the old file was changed"

	if [ "$(id -u)" != 0 ]; then
		rm -rf "$work/d" && mkdir "$work/d" && echo keep >"$work/d/keep.txt"
		chmod 555 "$work/d"
		run_cmd "$cmd" -o "$work/d/out" "$@" >/dev/null
		check "$cmd ro" $? "$work/d/out"
		chmod 755 "$work/d"
		nothing_left "$cmd ro" "$work/d"
	fi
done <<'END'
# command       arguments that write a result (from the examples)
census-summary  -f csv examples/census/spring-2024.csv
nutshell        --as-of 2024-03-01 examples/strategy/holy-trinity-2023-24.yaml
review-score    --as-of 2024-03-01 examples/review/lighthouse-2020.yaml
action-lint     --as-of 2024-03-01 -f json examples/strategy/holy-trinity-2023-24.yaml
END
# Every command is in the table above.
for cmd in $commands; do
	case $tested in
	*" $cmd "*) ;;
	*) failed=$((failed + 1)) && echo "FAIL $cmd: not in write.sh's table of commands" ;;
	esac
done
echo "write failures: $ran checks, $failed failed"
[ "$ran" -gt 0 ] && [ "$failed" = 0 ]
