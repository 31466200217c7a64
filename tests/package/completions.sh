#!/bin/bash
# The bash completions in completions/: each offers exactly the long options
# its command's --help lists (with "=" for those that take a value), and a
# few completions come out as a user would see them.
#   completions.sh SOURCE_DIR BIN_DIR
# Exits 77 (skipped) when bash-completion is not installed.
set -u
src=$1 bin=$2
bc=/usr/share/bash-completion/bash_completion
if [ ! -r "$bc" ]; then
	echo "bash-completion is not installed: skipped"
	exit 77
fi
# shellcheck disable=SC1090
. "$bc"
# compopt works only inside a real completion; here it has nothing to do.
# shellcheck disable=SC2317
compopt() { :; }

fail=0
cd "$src" || exit 2

# complete LINE...: the completions bash would offer at the end of LINE.
complete_line()
{
	local line=$1 cmd func
	cmd=${line%% *}
	func=_${cmd//-/_}
	read -r -a COMP_WORDS <<<"$line"
	[[ $line == *' ' ]] && COMP_WORDS+=('')
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE=$line
	COMP_POINT=${#line}
	COMPREPLY=()
	"$func" "$cmd" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
	printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'
}

# expect LINE WANTED: the completions of LINE, sorted and space-separated.
expect()
{
	local got
	got=$(complete_line "$1")
	if [ "$got" != "$2" ]; then
		echo "FAIL: '$1' completes to '$got', expected '$2'"
		fail=1
	fi
}

for file in completions/*; do
	cmd=$(basename "$file")
	# shellcheck disable=SC1090
	. "$file"
	if ! complete -p "$cmd" >/dev/null 2>&1; then
		echo "FAIL: $file does not register a completion for $cmd"
		fail=1
		continue
	fi
	if [ ! -x "$bin/$cmd" ]; then
		echo "FAIL: $cmd is not built in $bin"
		fail=1
		continue
	fi
	# The option lines of --help: "  -f, --format FORMAT  ..." or "      --explain  ...";
	# an argument in capitals means the option takes a value.
	want=$("$bin/$cmd" --help |
		sed -nE 's/^ +(-[a-zA-Z], )?(--[a-z][a-z-]*)( [A-Z][A-Z,.]*)?.*/\2\3/p' |
		sed -E 's/ .+/=/' | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')
	got=$(complete_line "$cmd --")
	if [ "$got" != "$want" ]; then
		echo "FAIL: $cmd: the completion offers '$got'"
		echo "      but --help lists '$want'"
		fail=1
	fi
done

# Every --format value offered is one the command accepts.
declare -A input=(
	[census-summary]=examples/census/spring-2024.csv
	[nutshell]=examples/strategy/holy-trinity-2023-24.yaml
	[review-score]=examples/review/lighthouse-2020.yaml
	[action-lint]=examples/strategy/
)
for file in completions/*; do
	cmd=$(basename "$file")
	[ -x "$bin/$cmd" ] || continue
	for format in $(complete_line "$cmd --format "); do
		if "$bin/$cmd" --format "$format" "${input[$cmd]}" 2>&1 >/dev/null |
			grep -q -- '--format'; then
			echo "FAIL: $cmd does not accept --format $format"
			fail=1
		fi
	done
done

expect "census-summary --f" "--format="
expect "census-summary --format " "csv json markdown table tsv xlsx"
expect "census-summary --format=j" "json"
expect "census-summary -f t" "table tsv"
expect "census-summary --by school,h" "school,hub"
expect "census-summary --by " "all hub la school"
expect "census-summary --hubs examples/census/h" "examples/census/hubs.csv"
expect "census-summary examples/census/sp" "examples/census/spring-2024.csv"
expect "nutshell -f " "html json markdown table"
expect "nutshell --census examples/census/hu" "examples/census/hubs.csv"
expect "nutshell examples/strategy/holy" "examples/strategy/holy-trinity-2023-24.yaml"
expect "nutshell examples/str" "examples/strategy"
expect "review-score --priorities " "1 2 3 4 5"
expect "review-score --exp" "--explain"
expect "review-score examples/review/l" "examples/review/lighthouse-2020.yaml"
expect "nutshell --hu" "--hub="
expect "nutshell --all" "--all-hubs"
if [ -f completions/action-lint ]; then
	expect "action-lint -f " "github json sarif text"
	expect "action-lint examples/st" "examples/strategy"
	expect "action-lint --li" "--list-rules"
fi

[ $fail = 0 ] && echo ok
exit $fail
