#!/bin/bash
# Checks examples/ci/github-actions.yml: it is well-formed YAML (libyaml,
# through bench's bare-parse; its shape too when python3-yaml is there),
# every -DSENDKIT_* option it passes exists, and its action-lint steps,
# run as GitHub runs them (bash -e -o pipefail, GITHUB_ACTIONS=true) in a
# repository laid out as it assumes, annotate the findings and write SARIF.
#   ci-example.sh SOURCE_DIR BIN_DIR BARE_PARSE
set -u
src=$1 bin=$2 bare_parse=$3
workflow=$src/examples/ci/github-actions.yml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad()
{
	echo "FAIL: $*"
	fail=1
}

echo "== YAML"
"$bare_parse" "$workflow" >/dev/null || bad "github-actions.yml is not well-formed YAML"
if python3 -c 'import yaml' 2>/dev/null; then
	python3 - "$workflow" <<'PY' || fail=1
import sys, yaml
w = yaml.safe_load(open(sys.argv[1]))
on = w.get(True, w.get("on"))        # YAML 1.1 reads the key on as true
assert {"push", "pull_request"} <= set(on), "not run on push and pull_request"
steps = w["jobs"]["action-lint"]["steps"]
assert w["jobs"]["action-lint"]["runs-on"], "no runs-on"
for s in steps:
    assert ("uses" in s) != ("run" in s), "a step needs uses or run: %r" % s
    assert "uses" not in s or "@v" in s["uses"], "unpinned action %s" % s["uses"]
print("shape: %d steps" % len(steps))
PY
else
	echo "python3-yaml not found: the shape is not checked"
fi

echo "== build options"
grep -Eo -- '-DSENDKIT_[A-Z_]+' "$workflow" | sort -u >"$tmp/options"
while read -r opt; do
	grep -Eq "option\\(${opt#-D} " "$src/CMakeLists.txt" || bad "$opt is not an option of CMakeLists.txt"
done <"$tmp/options"

echo "== the action-lint steps"
# Each run: script, one file per step.
awk -v dir="$tmp" '
	function flush() {
		if (body != "") { f = sprintf("%s/step%02d.sh", dir, ++n); printf "%s", body > f; close(f) }
		body = ""; block = 0
	}
	block {
		match($0, /^ */)
		if ($0 ~ /^ *$/ || RLENGTH > indent) { body = body substr($0, indent + 3) "\n"; next }
		flush()
	}
	/^ *(- )?run: *\|/ { flush(); block = 1; match($0, /^ */); indent = RLENGTH; next }
	/^ *(- )?run: / { flush(); body = $0; sub(/^ *(- )?run: /, "", body); body = body "\n"; flush() }
	END { flush() }
' "$workflow"
mkdir -p "$tmp/repo/strategies" "$tmp/repo/reviews"
cp "$src"/examples/strategy/*.yaml "$tmp/repo/strategies/"
cp "$src"/examples/review/*.yaml "$tmp/repo/reviews/"
ran=0
for step in "$tmp"/step*.sh; do
	grep -q 'action-lint ' "$step" || continue
	grep -q 'apt-get' "$step" && continue
	ran=$((ran + 1))
	(cd "$tmp/repo" && PATH="$bin:$PATH" GITHUB_ACTIONS=true \
		bash --noprofile --norc -e -o pipefail "$step") >"$tmp/out" 2>&1
	status=$?
	if grep -q -- '--format sarif' "$step"; then
		# Findings are what the report is for: the step must pass.
		[ $status = 0 ] || bad "the SARIF step failed (exit $status): $(cat "$tmp/out")"
		grep -q '"version": "2.1.0"' "$tmp/repo/action-lint.sarif" ||
			bad "the SARIF step wrote no SARIF 2.1.0"
		grep -q '"uri": "strategies/st-marys-2023-24.yaml"' "$tmp/repo/action-lint.sarif" ||
			bad "the SARIF report does not name strategies/st-marys-2023-24.yaml"
	else
		# St Mary's example has errors: the job fails, with annotations.
		[ $status = 1 ] || bad "the check step exited $status, expected 1: $(cat "$tmp/out")"
		grep -q '^::error file=strategies/st-marys-2023-24.yaml,line=[0-9]*,col=[0-9]*,title=' \
			"$tmp/out" || bad "the check step wrote no GitHub annotations: $(head -n 5 "$tmp/out")"
	fi
done
[ $ran = 2 ] || bad "expected the check and the SARIF step, ran $ran"
[ $fail = 0 ] && echo ok
exit $fail
