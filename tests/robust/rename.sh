#!/bin/sh
# nutshell --all-hubs -o FOLDER replaces the pages as a whole: when a rename
# fails midway (the shim fail_rename.so makes the Nth fail), the folder holds
# the old pages, byte for byte, no new page and no temporary file; with no
# failure, the new set. A page that cannot be put back stays under its backup
# name, named.
#
#   rename.sh BIN_DIR SOURCE_DIR SHIM
set -u
bin=$1 src=$2 shim=$3
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
cd "$src" || exit 2
export PATH="$bin:$PATH"
# The shim is loaded before a sanitized build's runtime: let it.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
census-summary --hubs examples/census/hubs.csv --by school,hub,la,all -f csv \
	examples/census/autumn-2023.csv examples/census/spring-2024.csv >"$work/summary.csv" || exit 2
pages() {   # pages AS_OF FOLDER [SK_FAIL_RENAME]
	SK_FAIL_RENAME=${3:-} LD_PRELOAD=${3:+$shim} nutshell --census "$work/summary.csv" \
		--all-hubs --as-of "$1" -o "$2" examples/ 2>"$work/err"
}
failed=0
# Last term's pages: Mendip's and the trust's (Weston's is new this time).
pages 2024-03-01 "$work/old"
rm "$work/old/weston-hub.txt"
(cd "$work/old" && ls -A && cat ./*) >"$work/old.list"
for n in 1 2 3; do
	rm -rf "$work/pages" && cp -R "$work/old" "$work/pages"
	pages 2024-08-01 "$work/pages" "$n"
	status=$?
	(cd "$work/pages" && ls -A && cat ./*) >"$work/now.list"
	if [ "$status" != 2 ] || ! cmp -s "$work/old.list" "$work/now.list"; then
		echo "FAIL rename $n failing: exit $status, the folder is not last term's pages:"
		diff "$work/old.list" "$work/now.list" | head -5; sed 's/^/    | /' "$work/err"
		failed=1
	fi
	grep -q "pages/.*: Input/output error" "$work/err" || { echo "FAIL rename $n: not said"; failed=1; }
done
# The rename putting an old page back failing too (renames 3 and 4): that old
# page is never lost but kept under its backup name, which is said.
rm -rf "$work/pages" && cp -R "$work/old" "$work/pages"
pages 2024-08-01 "$work/pages" 3,4
kept=$(sed -n 's/.*cannot put the old page back.*: it is kept as //p' "$work/err")
if [ -z "$kept" ] || ! cmp -s "$kept" "$work/old/mendip-hub.txt"; then
	echo "FAIL renames 3 and 4 failing: the old Mendip page is not kept where said:"
	sed 's/^/    | /' "$work/err"; failed=1
fi
rm -rf "$work/pages" && cp -R "$work/old" "$work/pages"
pages 2024-08-01 "$work/pages"
status=$?
ls -A "$work/pages" >"$work/now.list"
printf '%s\n' mendip-hub.txt trust.txt weston-hub.txt | diff - "$work/now.list" ||
	{ echo "FAIL no failure: not the new set (exit $status)"; failed=1; }
exit $failed
