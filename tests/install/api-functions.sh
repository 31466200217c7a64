#!/bin/sh
# Prints the name of every function the public headers declare with SK_API,
# one a line, sorted: the list the symbol, C++ and man page tests check.
#   api-functions.sh INCLUDE_DIR
set -eu
for h in "$1"/sendkit/*.h; do
	# Preprocessor lines and comments out, then each declaration up to its "(".
	grep -v '^[[:space:]]*#' "$h" | tr '\n' ' ' |
		sed 's:/\*\([^*]\|\*\+[^*/]\)*\*\+/: :g' | grep -o 'SK_API[^;(]*(' || true
done | sed -E 's/.*[^A-Za-z0-9_]([A-Za-z_][A-Za-z0-9_]*)[[:space:]]*\($/\1/' | LC_ALL=C sort -u
