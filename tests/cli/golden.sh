#!/bin/sh
# Runs one golden command-line test.
#
#   golden.sh CASE_DIR BIN_DIR SOURCE_DIR
#
# CASE_DIR holds `cmd` (one shell command line, run from SOURCE_DIR with the
# built commands first on PATH), optionally `stdin`, and the expected
# `stdout`, `stderr` and `status`. A missing expectation file means empty
# output (status 0). With SK_REGEN=1 the expectations are rewritten from what
# the command did: review the diff before committing it.
set -u
case_dir=$1 bin_dir=$2 src_dir=$3
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

cd "$src_dir" || exit 2
stdin=/dev/null
[ -f "$case_dir/stdin" ] && stdin=$case_dir/stdin
# SK_TEST_WRAPPER (a command line such as "valgrind -q --error-exitcode=99"):
# every built command runs under it, through a same-named script first on
# PATH (scripts/test.sh's memcheck pass). Unset, nothing changes.
path=$bin_dir
if [ -n "${SK_TEST_WRAPPER:-}" ]; then
	mkdir "$tmp/wrap"
	for c in "$bin_dir"/*; do
		[ -f "$c" ] && [ -x "$c" ] || continue
		# By name through PATH, so the command sees the same argv[0].
		printf '#!/bin/sh\nPATH="%s:$PATH" exec %s %s "$@"\n' \
			"$bin_dir" "$SK_TEST_WRAPPER" "${c##*/}" >"$tmp/wrap/${c##*/}"
		chmod +x "$tmp/wrap/${c##*/}"
	done
	path=$tmp/wrap:$bin_dir
fi
PATH="$path:$PATH" LC_ALL=C.UTF-8 TZ=UTC NO_COLOR=1 \
	CASE="$case_dir" sh -c "$(cat "$case_dir/cmd")" \
	<"$stdin" >"$tmp/stdout" 2>"$tmp/stderr"
echo $? >"$tmp/status"

if [ "${SK_REGEN:-0}" = 1 ]; then
	for f in stdout stderr; do
		if [ -s "$tmp/$f" ]; then cp "$tmp/$f" "$case_dir/$f"; else rm -f "$case_dir/$f"; fi
	done
	if [ "$(cat "$tmp/status")" = 0 ]; then rm -f "$case_dir/status"; else cp "$tmp/status" "$case_dir/status"; fi
	echo "regenerated $case_dir"
	exit 0
fi

fail=0
for f in stdout stderr status; do
	expected=$case_dir/$f
	if [ ! -f "$expected" ]; then
		expected=$tmp/expected-$f
		if [ $f = status ]; then echo 0 >"$expected"; else : >"$expected"; fi
	fi
	if ! cmp -s "$expected" "$tmp/$f"; then
		echo "--- $f differs ($case_dir):"
		diff -u "$expected" "$tmp/$f" | head -n 60
		fail=1
	fi
done
exit $fail
