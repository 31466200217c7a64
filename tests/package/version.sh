#!/bin/sh
# Every command prints the version set in CMakeLists.txt's project(), the one
# place it is set, as "NAME (sendkit) X.Y.Z" with exit status 0.
#   version.sh BIN_DIR PROJECT_VERSION
set -u
bin=$1 version=$2
commands=${SK_COMMANDS:?"the command names (tests/CMakeLists.txt sets SK_COMMANDS)"}
fail=0
for cmd in $commands; do
	if [ ! -x "$bin/$cmd" ]; then
		echo "FAIL: $cmd is not built in $bin"
		fail=1
		continue
	fi
	got=$("$bin/$cmd" --version 2>&1)
	status=$?
	if [ "$got" != "$cmd (sendkit) $version" ] || [ $status != 0 ]; then
		echo "FAIL: $cmd --version printed '$got' (exit $status), expected '$cmd (sendkit) $version'"
		fail=1
	fi
done
[ $fail = 0 ] && echo ok
exit $fail
