#!/bin/sh
# Runs one libFuzzer harness gently (nice, one worker process that is
# restarted after a crash, so a finding does not end the run), then minimises
# its corpus back into tests/fuzz/corpus/<harness>/, keeping the named inputs
# (seed-*, crash-*, regress-*) whatever they cover. The merged inputs are cut
# to SK_FUZZ_KEEP_MAX_LEN bytes (default 4096) so that the corpus stays small.
# Findings go to BUILD/fuzz-work/<harness>/artifacts/, the log to
# BUILD/fuzz-work/<harness>/fuzz.log. SECONDS 0 only minimises.
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
census|scanner) dict=$src/census.dict ;;
*) dict= ;;
esac

cd "$work"
status=0
start=$(date -u +%FT%TZ)
[ "$secs" = 0 ] || nice -n 15 "$bin" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
	-max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	-artifact_prefix="$work/artifacts/" ${dict:+-dict="$dict"} \
	"$@" corpus "$keep" >fuzz.log 2>&1 || status=$?
echo "$h: from $start to $(date -u +%FT%TZ), exit $status"
grep -E '^#[0-9]+: cov' fuzz.log | tail -n 1
ls artifacts | sed 's/^/finding: /'

# Minimise: what the saved corpus and this run's finds reach, in fewest files.
rm -rf merged && mkdir merged
nice -n 15 "$bin" -merge=1 -max_len="${SK_FUZZ_KEEP_MAX_LEN:-4096}" merged "$keep" corpus \
	>merge.log 2>&1 || status=$?
if [ -z "$(ls merged)" ]; then
	echo "$0: the merge kept nothing (see $work/merge.log): corpus left as it was" >&2
	exit 2
fi
for f in "$keep"/*; do
	case ${f##*/} in seed-* | crash-* | regress-*) ;; *) rm -f "$f" ;; esac
done
for f in merged/*; do
	# libFuzzer names a merged input by its SHA-1: skip copies of named inputs.
	[ -e "$f" ] || continue
	for g in "$keep"/seed-* "$keep"/crash-* "$keep"/regress-*; do
		[ -e "$g" ] && cmp -s "$f" "$g" && continue 2
	done
	cp "$f" "$keep/"
done
echo "$h: $(ls "$keep" | wc -l) inputs, $(cat "$keep"/* | wc -c) bytes kept"
exit $status
