#!/bin/sh
# Installs the Debian packages sendkit needs, if any are missing. Needs root
# (or sudo) only when something is missing.
#   sh scripts/deps.sh          everything: build, run and every test (CI)
#   sh scripts/deps.sh build    only what building and running the commands
#                               needs (scripts/demo.sh)
set -eu

case "${1:-test}" in
build | test) ;;
*) echo "usage: sh scripts/deps.sh [build|test]" >&2; exit 2 ;;
esac

# Building and running: a C11 compiler, CMake, libyaml, libcsv, lp_solve
# (census-summary --suppress audits with it, LGPL) and libxlsxwriter (-f xlsx),
# whose xlsxwriter.pc links -lz without Debian 12's package depending on zlib.
build="cmake make gcc libc6-dev pkg-config libyaml-dev libcsv-dev liblpsolve55-dev"
build="$build libxlsxwriter-dev zlib1g-dev"

# The tests: cmocka, mandoc (man page lint); the suppression tests audit
# census-summary's output again with SciPy's linprog.
packages="$build libcmocka-dev mandoc python3-scipy"
# The package and completion tests: dpkg-shlibdeps for the .deb, bash-completion.
packages="$packages dpkg-dev bash-completion"
# The header test also compiles each public header as C++.
packages="$packages g++"
# nutshell's HTML test: headless Chromium prints it, pdfinfo counts the pages.
packages="$packages chromium poppler-utils"
# The hub's page sets its tables in DejaVu Sans Condensed (fifteen schools' rows on one line each).
packages="$packages fonts-dejavu-extra"
# The hardening tests: valgrind for the memcheck pass, time (/usr/bin/time)
# for the hostile inputs' memory bound.
packages="$packages valgrind time"
# The JSON Schema test: a real validator, and YAML for Python; the CI example's check.
packages="$packages python3-jsonschema python3-yaml"
# The hostile-output test renders Markdown as two renderers would.
packages="$packages python3-markdown cmark-gfm"
# -f xlsx's round-trip test reads the file back (openpyxl).
packages="$packages python3 python3-openpyxl"
# The WebAssembly build and its tests (scripts/build-wasm.sh): Debian's
# emscripten (which brings node); the libraries from Debian's source packages.
packages="$packages emscripten"
# The libFuzzer harnesses (tests/fuzz, -DSENDKIT_FUZZ=ON): clang and its runtime.
packages="$packages clang libclang-rt-dev"
[ "${1:-test}" = build ] && packages="$build"
# Extra packages a caller asks for (e.g. the tests' chromium).
packages="$packages ${SENDKIT_EXTRA_PACKAGES:-}"

missing=""
for p in $packages; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

echo "sendkit: installing:$missing" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
	if ! command -v sudo >/dev/null 2>&1; then
		echo "sendkit: run this as root, or install them as root first:" >&2
		echo "    su -c 'apt-get update && apt-get install -y$missing'" >&2
		exit 2
	fi
	sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
