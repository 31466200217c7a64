#!/bin/sh
# Every public header compiles on its own with strict warnings.
#   headers.sh SOURCE_DIR GENERATED_INCLUDE_DIR
set -eu
src=$1 gen=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for h in "$src"/include/sendkit/*.h; do
	name=$(basename "$h")
	printf '#include <sendkit/%s>\nint main(void) { return 0; }\n' "$name" >"$tmp/t.c"
	${CC:-cc} -std=c11 -Wall -Wextra -pedantic -Werror -I"$src/include" -I"$gen" \
		-c "$tmp/t.c" -o "$tmp/t.o" || { echo "$name does not compile alone" >&2; exit 1; }
done
echo ok
