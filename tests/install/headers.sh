#!/bin/sh
# Every public header compiles on its own with strict warnings, as C and,
# when a C++ compiler is found, as C++, with and without the not-yet-stable
# part (SENDKIT_UNSTABLE_API, libsendkit(3) Stability); and its functions
# keep C linkage there (extern "C"), so C++ programs link against libsendkit.
#   headers.sh SOURCE_DIR GENERATED_INCLUDE_DIR
set -eu
src=$1 gen=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cxx=${CXX:-c++}
command -v "$cxx" >/dev/null 2>&1 || cxx=''
flags="-Wall -Wextra -pedantic -Werror -I$src/include -I$gen"

for h in "$src"/include/sendkit/*.h; do
for unstable in '' '#define SENDKIT_UNSTABLE_API'; do
	name=$(basename "$h")
	printf '%s\n#include <sendkit/%s>\nint main(void) { return 0; }\n' "$unstable" "$name" \
		>"$tmp/t.c"
	# shellcheck disable=SC2086
	${CC:-cc} -std=c11 $flags -c "$tmp/t.c" -o "$tmp/t.o" ||
		{ echo "FAIL: $name does not compile alone as C11" >&2; exit 1; }
	if [ -n "$cxx" ]; then
		cp "$tmp/t.c" "$tmp/t.cpp"
		# shellcheck disable=SC2086
		"$cxx" -std=c++11 $flags -c "$tmp/t.cpp" -o "$tmp/t.o" ||
			{ echo "FAIL: $name does not compile alone as C++11" >&2; exit 1; }
	fi
done
done

if [ -z "$cxx" ]; then
	echo "no C++ compiler: C++ not checked"
	echo ok
	exit 0
fi
# A C++ file that refers to every SK_API function: each must come out of
# the object file as an undefined symbol under its plain C name.
sh "$src/tests/install/api-functions.sh" "$src/include" >"$tmp/api"
{
	echo '#define SENDKIT_UNSTABLE_API'
	for h in "$src"/include/sendkit/*.h; do
		echo "#include <sendkit/$(basename "$h")>"
	done
	echo 'typedef void (*fn)(void);'
	echo 'fn volatile sink;'
	echo 'int main() {'
	sed 's/.*/sink = reinterpret_cast<fn>(\&&);/' "$tmp/api"
	echo 'return 0; }'
} >"$tmp/all.cpp"
# shellcheck disable=SC2086
"$cxx" -std=c++11 $flags -c "$tmp/all.cpp" -o "$tmp/all.o"
nm -u "$tmp/all.o" | awk '{ print $2 }' | LC_ALL=C sort >"$tmp/undefined"
missing=$(LC_ALL=C comm -23 "$tmp/api" "$tmp/undefined" | tr '\n' ' ')
if [ -n "$missing" ]; then
	echo "FAIL: these functions lack C linkage in C++ (extern \"C\"): $missing" >&2
	exit 1
fi
echo "ok: $(wc -l <"$tmp/api") functions, C and C++"
