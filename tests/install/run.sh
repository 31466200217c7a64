#!/bin/sh
# Installs the build into a temporary prefix and checks what `cmake --install`
# put where; moves the prefix (everything must be relocatable), then builds
# examples/api against it both ways a user would (pkg-config and
# find_package) and runs it on an example strategy; checks the soname and
# that the library exports exactly the functions the headers declare.
#   run.sh BUILD_DIR SOURCE_DIR PROJECT_VERSION
set -eu
build=$1 src=$2 version=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
commands=${SK_COMMANDS:?"the command names (tests/CMakeLists.txt sets SK_COMMANDS)"}

fail()
{
	echo "FAIL: $*" >&2
	exit 1
}
has()
{
	[ -e "$prefix/$1" ] || fail "cmake --install put no $1"
}

cmake --install "$build" --prefix "$tmp/first" >/dev/null
mv "$tmp/first" "$tmp/prefix"
prefix=$tmp/prefix
pcdir=$(dirname "$(find "$prefix" -name sendkit.pc)")
libdir=$(dirname "$pcdir")
lib=${libdir#"$prefix"/}

echo "== layout"
for cmd in $commands; do
	has "bin/$cmd"
	has "share/bash-completion/completions/$cmd"
done
for page in "$src"/man/*.[1-9]; do
	name=$(basename "$page")
	has "share/man/man${name##*.}/$name"
done
for h in "$src"/include/sendkit/*.h; do
	has "include/sendkit/$(basename "$h")"
done
has include/sendkit/version.h
has "$lib/libsendkit.so.$version"
[ "$(readlink "$libdir/libsendkit.so.${version%%.*}")" = "libsendkit.so.$version" ] ||
	fail "libsendkit.so.${version%%.*} is not a link to libsendkit.so.$version"
has "$lib/libsendkit.so"
has "$lib/cmake/sendkit/sendkitConfig.cmake"
has "$lib/cmake/sendkit/sendkitConfigVersion.cmake"
diff -r -I '^# yaml-language-server: ' "$src/examples" "$prefix/share/doc/sendkit/examples" \
	>/dev/null || fail "share/doc/sendkit/examples differs from examples/"
for script in ci/termly-census.sh census/generate.sh; do
	[ -x "$prefix/share/doc/sendkit/examples/$script" ] ||
		fail "share/doc/sendkit/examples/$script is installed without its execute bit"
done
# Each installed example's schema line, its first line (the YAML language
# server reads it only above the content), relative to the file, reaches the
# installed schema (in the source tree it reaches share/sendkit/schema).
schemas=0
for example in "$prefix"/share/doc/sendkit/examples/*/*.yaml; do
	rel=$(sed -n '1s/^# yaml-language-server: \$schema=//p' "$example")
	[ -n "$rel" ] || fail "${example#"$prefix"/}: the first line is not a yaml-language-server schema line"
	schemas=$((schemas + 1))
	case $rel in /*) fail "${example#"$prefix"/}: the schema path $rel is not relative" ;; esac
	cmp -s "$(dirname "$example")/$rel" "$src/share/sendkit/schema/${rel##*/}" ||
		fail "${example#"$prefix"/}: the schema line names $rel, which is not there"
done
[ "$schemas" -gt 0 ] || fail "no installed example has a schema line"
for kind in strategy review; do
	cmp -s "$src/share/sendkit/schema/$kind.schema.json" \
		"$prefix/share/sendkit/schema/$kind.schema.json" ||
		fail "share/sendkit/schema/$kind.schema.json is not the source's"
done
# The licence: Debian's copyright file, and LICENSE too outside /usr.
has share/doc/sendkit/copyright
grep -q '^Copyright: 2026 the sendkit authors$' "$prefix/share/doc/sendkit/copyright" ||
	fail "share/doc/sendkit/copyright does not name the sendkit authors"
grep -q '^CMAKE_INSTALL_PREFIX:PATH=/usr/*$' "$build/CMakeCache.txt" || {
	cmp -s "$src/LICENSE" "$prefix/share/doc/sendkit/LICENSE" ||
		fail "share/doc/sendkit/LICENSE is not the LICENSE file"
}

echo "== the commands run from the moved prefix, without LD_LIBRARY_PATH"
# Unless the build is configured for /usr, where Debian forbids a RUNPATH.
configured=$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$build/CMakeCache.txt")
case $configured in
/usr | /usr/ | /) run_env="LD_LIBRARY_PATH=$libdir" ;;
*) run_env="" ;;
esac
for cmd in $commands; do
	[ "$(env ${run_env:+"$run_env"} "$prefix/bin/$cmd" --version)" = "$cmd (sendkit) $version" ] ||
		fail "installed $cmd does not run"
done
# The template names the schema where it is now, not the configured prefix.
for kind in strategy review; do
	want="# yaml-language-server: \$schema=$(cd "$prefix/share/sendkit/schema" && pwd -P)/$kind.schema.json"
	got=$(env ${run_env:+"$run_env"} "$prefix/bin/action-lint" --template "$kind" | head -n 1)
	[ "$got" = "$want" ] || fail "action-lint --template $kind: '$got', not '$want'"
done

echo "== pkg-config"
pc() { PKG_CONFIG_PATH=$pcdir pkg-config "$@" sendkit; }
[ "$(pc --modversion)" = "$version" ] || fail "sendkit.pc has version $(pc --modversion)"
[ "$(cd "$(pc --variable=prefix)" && pwd -P)" = "$(cd "$prefix" && pwd -P)" ] || fail "sendkit.pc's prefix is not where it was moved"
# libyaml and libcsv are private: only a static link needs them.
pc --libs | grep -Eq -- '-l(yaml|csv)' && fail "pkg-config --libs names libyaml or libcsv"
pc --static --libs | grep -q -- '-lyaml' || fail "pkg-config --static --libs lacks -lyaml"
pc --static --libs | grep -q -- '-lcsv' || fail "pkg-config --static --libs lacks -lcsv"
strategy=$src/examples/strategy/holy-trinity-2023-24.yaml
# shellcheck disable=SC2046
cc -std=c11 -Wall -Wextra -Werror -o "$tmp/by-pkg-config" "$src/examples/api/list-actions.c" \
	$(pc --cflags --libs)
LD_LIBRARY_PATH=$libdir "$tmp/by-pkg-config" "$strategy" >"$tmp/out1"
grep -qx "Leadership" "$tmp/out1" || fail "list-actions printed no areas"
grep -q "lead: " "$tmp/out1" || fail "list-actions printed no actions"

echo "== the program in libsendkit(3)"
awk '/^\.Sh / { ex = /EXAMPLES/ } /^\.Bd -literal/ && ex { lit = 1; next } /^\.Ed/ { lit = 0 }
	lit { gsub(/\\e/, "\\"); print }' "$src/man/libsendkit.3" >"$tmp/man3.c"
grep -q '^main(' "$tmp/man3.c" || fail "no program found in libsendkit.3's EXAMPLES"
# shellcheck disable=SC2046
cc -std=c11 -Wall -Wextra -pedantic -Werror -o "$tmp/man3" "$tmp/man3.c" $(pc --cflags --libs) ||
	fail "the program in libsendkit(3) does not compile"
LD_LIBRARY_PATH=$libdir "$tmp/man3" "$strategy" >"$tmp/out3" || fail "the program in libsendkit(3) failed"
grep -q '^Leadership: .* (.*)$' "$tmp/out3" || fail "the program in libsendkit(3) printed no actions"

echo "== find_package"
cmake -S "$src/examples/api" -B "$tmp/api" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$tmp/api" >/dev/null
"$tmp/api/list-actions" "$strategy" >"$tmp/out2"
cmp "$tmp/out1" "$tmp/out2" || fail "the two builds of list-actions differ"
# The version file: a newer major version than installed is refused.
mkdir "$tmp/newer"
printf 'cmake_minimum_required(VERSION 3.18)\nproject(t NONE)\nfind_package(sendkit %s REQUIRED)\n' \
	"$((${version%%.*} + 1)).0" >"$tmp/newer/CMakeLists.txt"
cmake -S "$tmp/newer" -B "$tmp/newer/build" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null 2>&1 &&
	fail "find_package(sendkit $((${version%%.*} + 1)).0) accepted version $version"

echo "== soname"
objdump -p "$libdir/libsendkit.so" | grep -q "SONAME *libsendkit.so.${version%%.*}$" ||
	fail "the soname is not libsendkit.so.${version%%.*}"

echo "== exported: exactly the functions the headers declare"
sh "$src/tests/install/api-functions.sh" "$prefix/include" >"$tmp/declared"
nm -D --defined-only "$libdir/libsendkit.so" | awk '{ print $3 }' | LC_ALL=C sort >"$tmp/exported"
if ! cmp -s "$tmp/declared" "$tmp/exported"; then
	LC_ALL=C comm -3 "$tmp/declared" "$tmp/exported" |
		sed 's/^\t/exported, not declared: /; s/^sk/declared, not exported: sk/' >&2
	fail "the exported symbols are not the public API"
fi
echo "ok: $(wc -l <"$tmp/declared") functions"
