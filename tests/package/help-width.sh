#!/bin/sh
# Every command's --help fits an 80-column terminal: no line wider than 80
# columns (wc -L counts a character such as £ as one).
#   help-width.sh BIN_DIR
set -u
bin=$1
commands=${SK_COMMANDS:?"the command names (tests/CMakeLists.txt sets SK_COMMANDS)"}
fail=0
for cmd in $commands; do
	"$bin/$cmd" --help >/tmp/help-width.$$ 2>&1 || { echo "FAIL: $cmd --help exits $?"; fail=1; }
	if [ "$(LC_ALL=C.UTF-8 wc -L </tmp/help-width.$$)" -gt 80 ]; then
		echo "FAIL: $cmd --help has lines over 80 columns:"
		LC_ALL=C.UTF-8 awk 'length > 80' /tmp/help-width.$$
		fail=1
	fi
done
rm -f /tmp/help-width.$$
[ $fail = 0 ] && echo ok
exit $fail
