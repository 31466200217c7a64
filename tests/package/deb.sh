#!/bin/sh
# Builds the Debian package the way a packager would (prefix /usr, release
# build, cpack -G DEB), then checks its control fields, its dependencies as
# dpkg-shlibdeps found them, and its files; unpacks it and runs the commands
# from there; and, as root, asks dpkg whether it would install.
#   deb.sh SOURCE_DIR PROJECT_VERSION
# Exits 77 (skipped) when the Debian tools are missing.
set -eu
src=$1 version=$2
for tool in cpack dpkg-deb dpkg-shlibdeps dpkg-architecture; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "$tool not found (install dpkg-dev): skipped"
		exit 77
	fi
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
arch=$(dpkg-architecture -qDEB_HOST_ARCH)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
commands=${SK_COMMANDS:?"the command names (tests/CMakeLists.txt sets SK_COMMANDS)"}

fail()
{
	echo "FAIL: $*"
	exit 1
}

echo "== build"
cmake -S "$src" -B "$tmp/build" -DCMAKE_INSTALL_PREFIX=/usr -DCMAKE_BUILD_TYPE=Release \
	-DSENDKIT_TESTS=OFF >"$tmp/log" 2>&1 || { cat "$tmp/log"; fail "cmake"; }
# Only what the package holds (the library comes with the commands).
# shellcheck disable=SC2086
cmake --build "$tmp/build" -j "$(nproc 2>/dev/null || echo 2)" --target $commands >"$tmp/log" 2>&1 ||
	{ tail -n 40 "$tmp/log"; fail "build"; }
(cd "$tmp/build" && cpack -G DEB) >"$tmp/log" 2>&1 || { cat "$tmp/log"; fail "cpack"; }
deb=$tmp/build/sendkit_${version}-1_${arch}.deb
[ -f "$deb" ] || fail "no $(basename "$deb") in the build folder"

echo "== control"
dpkg-deb -I "$deb"
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = sendkit ] || fail "Package is '$(field Package)'"
[ "$(field Version)" = "$version-1" ] || fail "Version is '$(field Version)'"
[ "$(field Architecture)" = "$arch" ] || fail "Architecture is '$(field Architecture)'"
[ "$(field Section)" = utils ] || fail "Section is '$(field Section)'"
field Maintainer | grep -q '<.*@.*>' || fail "Maintainer has no address"
field Description | grep -q SEND || fail "Description does not say what it is"
depends=$(field Depends)
for dep in libc6 libyaml-0-2 libcsv3; do
	echo "$depends" | grep -Eq "(^|, )$dep( |,|$)" || fail "Depends ($depends) lacks $dep"
done
# Only the libraries' own packages: nothing for building (no -dev), no libsendkit.
echo "$depends" | grep -Eq -- '-dev|sendkit' && fail "Depends ($depends) names a build package"
# Other packages' programs that link libsendkit.so.0 depend on this one.
shlibs=$(dpkg-deb -I "$deb" shlibs)
[ "$shlibs" = "libsendkit ${version%%.*} sendkit (>= $version-1)" ] || fail "shlibs is '$shlibs'"

echo "== files"
dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's|^\./||' >"$tmp/files"
has()
{
	grep -Eqx "$1" "$tmp/files" || fail "no $1 in the package"
}
for cmd in $commands; do
	has "usr/bin/$cmd"
	has "usr/share/man/man1/$cmd\\.1"
	has "usr/share/bash-completion/completions/$cmd"
done
has "usr/lib/$multiarch/libsendkit\\.so\\.0"
has "usr/lib/$multiarch/libsendkit\\.so\\.$version"
has "usr/lib/$multiarch/pkgconfig/sendkit\\.pc"
has "usr/lib/$multiarch/cmake/sendkit/sendkitConfig\\.cmake"
has "usr/include/sendkit/sendkit\\.h"
has "usr/include/sendkit/version\\.h"
has "usr/share/man/man3/libsendkit\\.3"
has "usr/share/man/man5/sendkit-strategy\\.5"
has "usr/share/man/man7/sendkit\\.7"
has "usr/share/doc/sendkit/examples/strategy/holy-trinity-2023-24\\.yaml"
has "usr/share/sendkit/schema/strategy\\.schema\\.json"
has "usr/share/sendkit/schema/review\\.schema\\.json"
has "usr/share/doc/sendkit/copyright"
grep -q '^usr/share/doc/sendkit/LICENSE$' "$tmp/files" &&
	fail "usr/share/doc/sendkit/LICENSE beside the copyright file"
grep -v '^usr/' "$tmp/files" | grep -v '^$' && fail "files outside usr/"
# Stripped, as Debian ships binaries.
dpkg-deb -x "$deb" "$tmp/root"
for cmd in $commands; do
	readelf -S "$tmp/root/usr/bin/$cmd" | grep -q '\.symtab' &&
		fail "usr/bin/$cmd is not stripped"
	readelf -d "$tmp/root/usr/bin/$cmd" | grep -Eq 'RPATH|RUNPATH' &&
		fail "usr/bin/$cmd has an RPATH, which Debian forbids"
done

echo "== copyright"
# Debian's machine-readable format: MIT (Expat), with LICENSE's permission notice.
copyright=$tmp/root/usr/share/doc/sendkit/copyright
head -n 1 "$copyright" |
	grep -qx 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' ||
	fail "the copyright file is not in the machine-readable format"
awk '/^Files: \*$/ { f = 1 } f && /^$/ { exit } f' "$copyright" >"$tmp/stanza"
grep -qx 'Copyright: 2026 the sendkit authors' "$tmp/stanza" &&
	grep -qx 'License: Expat' "$tmp/stanza" ||
	fail "the copyright file's Files: * stanza is not MIT, 2026 the sendkit authors"
sed -n '/^Permission is hereby granted/,$p' "$src/LICENSE" | sed 's/^$/./; s/^/ /' >"$tmp/notice"
awk '/^License: Expat$/ { n = NR } { line[NR] = $0 } END { for (i = n + 1; i <= NR; i++) print line[i] }' \
	"$copyright" | diff "$tmp/notice" - ||
	fail "the copyright file's Expat text is not LICENSE's"

# lp_solve, linked statically, under the LGPL: named, with where its source is.
awk 'NR > 1 && /^$/ { exit } 1' "$copyright" >"$tmp/header"
grep -q 'lp_solve 5.5 (LGPL-2.1' "$tmp/header" && grep -q 'linked statically' "$tmp/header" &&
	grep -q 'source package lp-solve' "$tmp/header" && grep -qx 'License: LGPL-2.1' "$copyright" ||
	fail "the copyright file does not name lp_solve (LGPL-2.1, static, its source)"

echo "== run from the unpacked package"
root=$tmp/root
export LD_LIBRARY_PATH="$root/usr/lib/$multiarch"
for cmd in $commands; do
	ldd "$root/usr/bin/$cmd" | grep -q 'not found' && fail "$cmd: a library is not found"
	[ "$("$root/usr/bin/$cmd" --version)" = "$cmd (sendkit) $version" ] ||
		fail "$cmd --version"
done
ex=$root/usr/share/doc/sendkit/examples
[ -x "$ex/ci/termly-census.sh" ] || fail "examples/ci/termly-census.sh is packaged without its execute bit"
"$root/usr/bin/census-summary" --hubs "$ex/census/hubs.csv" "$ex/census/spring-2024.csv" |
	"$root/usr/bin/nutshell" --census - -f json --as-of 2024-03-01 \
		"$ex/strategy/holy-trinity-2023-24.yaml" >"$tmp/nutshell.json" 2>"$tmp/err" ||
	{ cat "$tmp/err"; fail "census-summary | nutshell"; }
grep -q '"Holy Trinity CE Primary School"' "$tmp/nutshell.json" || fail "nutshell wrote no profile"
"$root/usr/bin/action-lint" --as-of 2024-03-01 "$ex/strategy/holy-trinity-2023-24.yaml" \
	>/dev/null || fail "action-lint on a complete strategy"
"$root/usr/bin/review-score" --as-of 2020-09-01 -f csv "$ex/review/lighthouse-2020.yaml" |
	grep -q ',overall,' || fail "review-score"

if [ "$(id -u)" = 0 ]; then
	echo "== dpkg --dry-run -i"
	if dpkg --dry-run -i "$deb" >"$tmp/log" 2>&1; then
		cat "$tmp/log"
	elif grep -q 'lock' "$tmp/log"; then
		echo "dpkg's database is locked (apt is running): not checked"
	else
		cat "$tmp/log"
		fail "dpkg would not install the package"
	fi
fi
echo ok
