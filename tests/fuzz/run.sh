#!/bin/sh
# Runs one libFuzzer harness gently (nice, one job), then minimises its
# corpus back into tests/fuzz/corpus/<harness>/, keeping the regression
# inputs (regress-*) whatever they cover. Crashes go to BUILD/fuzz-work/<harness>/.
#
#   tests/fuzz/run.sh BUILD_DIR HARNESS [SECONDS] [LIBFUZZER_OPTION...]
#   e.g. tests/fuzz/run.sh build-fuzz census 600
set -eu
[ $# -ge 2 ] || { echo "usage: $0 BUILD_DIR HARNESS [SECONDS] [OPTION...]" >&2; exit 2; }
build=$(cd "$1" && pwd) h=$2 secs=${3:-600}
shift 2; [ $# -gt 0 ] && shift
src=$(cd "$(dirname "$0")" && pwd)
bin=$build/tests/fuzz/fuzz_$h
keep=$src/corpus/$h
work=$build/fuzz-work/$h
[ -x "$bin" ] || { echo "$0: no $bin: configure with CC=clang -DSENDKIT_FUZZ=ON" >&2; exit 2; }
mkdir -p "$work/corpus" "$work/artifacts" "$keep"

case $h in
yaml|strategy|review) dict=$src/yaml.dict ;;
census) dict=$src/census.dict ;;
*) dict= ;;
esac

cd "$work"
status=0
nice -n 19 "$bin" -jobs=1 -workers=1 -max_total_time="$secs" -timeout=10 \
	-rss_limit_mb=2048 -artifact_prefix="$work/artifacts/" ${dict:+-dict="$dict"} \
	"$@" corpus "$keep" >/dev/null 2>&1 || status=$?
tail -n 3 fuzz-0.log
ls artifacts | sed 's/^/finding: /'

# Minimise: what the saved corpus and this run's finds reach, in fewest files.
rm -rf merged && mkdir merged
nice -n 19 "$bin" -merge=1 merged "$keep" corpus >merge.log 2>&1 || status=$?
if [ -z "$(ls merged)" ]; then
	echo "$0: the merge kept nothing (see $work/merge.log): corpus left as it was" >&2
	exit 2
fi
for f in "$keep"/*; do
	case ${f##*/} in regress-*) ;; *) rm -f "$f" ;; esac
done
for f in merged/*; do
	[ -e "$f" ] && cp "$f" "$keep/"
done
echo "$h: $(ls "$keep" | wc -l) inputs, $(cat "$keep"/* | wc -c) bytes kept"
exit $status
