#!/bin/sh
# Runs page-test.js (see there) if chromium and the native commands are here.
#   page-test.sh PAGE NATIVE_BIN_DIR SOURCE_DIR OUT_DIR
set -u
command -v chromium >/dev/null || { echo "skipped: no chromium"; exit 77; }
[ -x "$2/action-lint" ] || { echo "skipped: no native build in $2"; exit 77; }
exec node --experimental-websocket "$(dirname "$0")/page-test.js" "$@"
