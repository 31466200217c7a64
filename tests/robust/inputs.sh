#!/bin/sh
# Inputs are never changed: every command runs over copies of the examples
# (and of the DfE test data), with each kind of output (standard output,
# -o beside the inputs, a folder), and after every run each input must have
# the same bytes (SHA-256) and the same modification time as before.
#
#   inputs.sh BIN_DIR SOURCE_DIR
set -u
bin=$1 src=$2
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
cp -R "$src/examples" "$work/ex"
cp "$src"/tests/data/*.csv "$work/ex/"
cp "$src/tests/cli/nutshell/national-file/national.csv" "$work/ex/national.csv"
rm -rf "$work/ex/api" "$work/ex/ci"
# An old time, so that any rewrite would show even within the same second.
find "$work/ex" -type f -exec touch -d '2020-01-02 03:04:05.123456789' {} +
cd "$work" || exit 2

state() { # every input's checksum, modification time (ns) and name
	find ex -type f ! -name 'written-by-test*' | LC_ALL=C sort | while read -r f; do
		printf '%s %s %s\n' "$(sha256sum <"$f" | cut -d' ' -f1)" \
			"$(stat -c %.9Y "$f")" "$f"
	done
}
state >before
[ -s before ] || { echo "no inputs copied"; exit 2; }

failed=0 ran=0
while IFS= read -r line; do
	case $line in ''|'#'*) continue ;; esac
	ran=$((ran + 1))
	rm -rf out && mkdir out
	# Exit 0 or 1 is fine here (the examples have findings on purpose).
	PATH="$bin:$PATH" LC_ALL=C.UTF-8 TZ=UTC NO_COLOR=1 sh -c "$line" \
		>out/stdout 2>out/stderr </dev/null
	status=$?
	state >after
	why=""
	case $status in 0|1) ;; *) why="exit status $status" ;; esac
	if ! cmp -s before after; then
		why="$why; an input changed: $(diff before after | sed -n 's/^> [^ ]* [^ ]* //p' | head -n 3 | tr '\n' ' ')"
	fi
	# -o beside the inputs leaves only its own result there.
	new=$(find ex -newer before -type f | grep -v '/written-by-test' | head -n 3)
	[ -n "$new" ] && why="$why; a stray file: $new"
	rm -f ex/written-by-test*
	if [ -n "$why" ]; then
		failed=$((failed + 1))
		echo "FAIL $line: ${why#; }"
		sed -n '1,3s/^/    | /p' out/stderr
	else
		echo "ok   $line (exit $status)"
	fi
done <<'END'
census-summary ex/census/autumn-2023.csv ex/census/spring-2024.csv
census-summary --hubs ex/census/hubs.csv --by school,hub,la,all -f json ex/census/autumn-2023.csv ex/census/spring-2024.csv ex/census/excel-export.csv
census-summary -f markdown -o ex/written-by-test.md ex/census/excel-export.csv ex/census/windows-1252.csv
census-summary --threads 2 ex/dfe-sen-school-level-2023.csv ex/dfe-sen-underlying-format-sample.csv
census-summary -f csv - < ex/census/spring-2024.csv
census-summary --hubs ex/census/hubs.csv -f csv ex/census/spring-2024.csv > out/summary.csv && nutshell --as-of 2024-03-01 --census out/summary.csv --national ex/national.csv ex/strategy/holy-trinity-2023-24.yaml
nutshell --as-of 2024-03-01 -f html -o out/ ex/strategy/*.yaml
nutshell --as-of 2024-03-01 -f json -o ex/written-by-test.json ex/strategy/oakfield-2024-25.yaml
nutshell --as-of 2024-03-01 -f markdown - < ex/strategy/st-marys-2023-24.yaml
review-score --as-of 2024-03-01 ex/review/lighthouse-2020.yaml
review-score --as-of 2024-03-01 --explain --priorities 2 -o ex/written-by-test.txt ex/review/
review-score --as-of 2024-03-01 -f json - < ex/review/lighthouse-2020.yaml
action-lint --as-of 2024-03-01 ex/
action-lint --as-of 2024-03-01 --strict -f sarif -o ex/written-by-test.sarif ex/strategy ex/review
action-lint --as-of 2024-03-01 -f github - < ex/review/lighthouse-2020.yaml
END
echo "inputs unchanged: $ran runs, $failed failed"
[ "$ran" -gt 0 ] && [ "$failed" = 0 ]
