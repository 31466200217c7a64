#!/bin/sh
# Installs the build into a temporary prefix, then builds examples/api
# against it both ways a user would (pkg-config and find_package) and runs
# it on an example strategy.
#   run.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix

cmake --install "$build" --prefix "$prefix" >/dev/null
pcdir=$(dirname "$(find "$prefix" -name sendkit.pc)")
libdir=$(dirname "$pcdir")
strategy=$src/examples/strategy/holy-trinity-2023-24.yaml

echo "== pkg-config"
# shellcheck disable=SC2046
cc -std=c11 -Wall -Wextra -Werror -o "$tmp/by-pkg-config" "$src/examples/api/list-actions.c" \
	$(PKG_CONFIG_PATH=$pcdir pkg-config --cflags --libs sendkit)
LD_LIBRARY_PATH=$libdir "$tmp/by-pkg-config" "$strategy" >"$tmp/out1"
grep -q "Leadership" "$tmp/out1"

echo "== find_package"
cmake -S "$src/examples/api" -B "$tmp/api" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$tmp/api" >/dev/null
LD_LIBRARY_PATH=$libdir "$tmp/api/list-actions" "$strategy" >"$tmp/out2"
cmp "$tmp/out1" "$tmp/out2"

echo "== soname"
objdump -p "$libdir/libsendkit.so" | grep -q "SONAME *libsendkit.so.0"
echo "== only sk_ symbols exported"
if nm -D --defined-only "$libdir/libsendkit.so" | awk '{print $3}' | grep -v '^sk_' | grep -v '^_' ; then
	echo "symbols outside the sk_ API are exported" >&2
	exit 1
fi
echo ok
