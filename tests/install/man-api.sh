#!/bin/sh
# Every function the public headers declare with SK_API is documented in
# man/libsendkit.3 (named with .Fn or .Fo), so no API goes undocumented.
#   man-api.sh SOURCE_DIR
set -eu
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sh "$src/tests/install/api-functions.sh" "$src/include" >"$tmp/declared"
grep -Eo '(Fn|Fo) sk_[A-Za-z0-9_]+' "$src/man/libsendkit.3" | cut -d' ' -f2 |
	LC_ALL=C sort -u >"$tmp/documented"
missing=$(LC_ALL=C comm -23 "$tmp/declared" "$tmp/documented" | tr '\n' ' ')
if [ -n "$missing" ]; then
	echo "FAIL: not documented in man/libsendkit.3: $missing" >&2
	exit 1
fi
# And nothing documented that the headers no longer declare.
stale=$(LC_ALL=C comm -13 "$tmp/declared" "$tmp/documented" | tr '\n' ' ')
if [ -n "$stale" ]; then
	echo "FAIL: man/libsendkit.3 documents functions no header declares: $stale" >&2
	exit 1
fi
echo "ok: $(wc -l <"$tmp/declared") functions"
