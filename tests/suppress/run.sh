#!/bin/sh
# Runs the independent disclosure auditor (audit.py) on census-summary with
# a Python that has SciPy: python3 on PATH, or Debian's /usr/bin/python3
# (python3-scipy, scripts/deps.sh) when PATH's has none.
# Usage: run.sh CENSUS_SUMMARY [audit.py options]
set -eu
here=$(dirname "$0")
for py in python3 /usr/bin/python3; do
	if "$py" -c 'import scipy.optimize, numpy' 2>/dev/null; then
		exec "$py" "$here/audit.py" "$@"
	fi
done
echo "run.sh: no python3 with SciPy (apt-get install python3-scipy)" >&2
exit 1
