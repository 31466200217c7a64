#!/bin/sh
# Installs the Debian packages sendkit needs to build and test, if any are
# missing. Needs root (or sudo) only when something is missing.
set -eu

packages="cmake make gcc pkg-config libyaml-dev libcsv-dev libcmocka-dev mandoc"
# census-summary --suppress audits with lp_solve (LGPL); the tests audit it
# again with SciPy's linprog.
packages="$packages liblpsolve55-dev python3-scipy"
# The package and completion tests: dpkg-shlibdeps for the .deb, bash-completion.
packages="$packages dpkg-dev bash-completion"
# The header test also compiles each public header as C++.
packages="$packages g++"
# nutshell's HTML test: headless Chromium prints it, pdfinfo counts the pages.
packages="$packages chromium poppler-utils"
# The hardening tests: valgrind for the memcheck pass, time (/usr/bin/time)
# for the hostile inputs' memory bound.
packages="$packages valgrind time"
# The JSON Schema test: a real validator, and YAML for Python; the CI example's check.
packages="$packages python3-jsonschema python3-yaml"
# The hostile-output test renders Markdown as two renderers would.
packages="$packages python3-markdown cmark-gfm"
# -f xlsx (libxlsxwriter), and its round-trip test reads the file back (openpyxl).
packages="$packages libxlsxwriter-dev python3 python3-openpyxl"
# The libFuzzer harnesses (tests/fuzz, -DSENDKIT_FUZZ=ON): clang and its runtime.
packages="$packages clang libclang-rt-dev"
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
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
