#!/bin/sh
# Builds sendkit twice and runs every test in both: a plain build with
# warnings as errors (and the same code as WebAssembly, under node and in
# headless Chromium), then AddressSanitizer + UndefinedBehaviorSanitizer
# (with leak checking). Between them, Valgrind's memcheck runs
# census-summary's golden tests on the plain build (the hand-written census
# scanner: uninitialised reads that the sanitizers do not see); last,
# ThreadSanitizer runs the census reader's tests. Any finding fails.
# Installs missing Debian packages first.
set -eu
cd "$(dirname "$0")/.."
sh scripts/deps.sh

jobs=$(nproc 2>/dev/null || echo 2)
started=$(date +%s)
stage() { echo "== $* (at $(($(date +%s) - started)) s)"; }

stage "plain build (warnings are errors)"
cmake -S . -B build -DSENDKIT_WERROR=ON >/dev/null
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs"

# The WebAssembly build (emscripten): every golden test and the unit tests
# under node, and the page in headless Chromium against build/'s commands.
stage "WebAssembly build (node, headless Chromium)"
sh scripts/build-wasm.sh build-wasm
ctest --test-dir build-wasm --output-on-failure -j "$jobs" -L wasm

# golden.sh runs each command through SK_TEST_WRAPPER. Definite leaks count
# as errors; an error makes the command exit 99, which fails the test.
stage "memcheck (valgrind) over census-summary's golden tests"
SK_TEST_WRAPPER="valgrind -q --error-exitcode=99 --leak-check=full \
--errors-for-leak-kinds=definite --show-leak-kinds=definite" \
	ctest --test-dir build --output-on-failure -j "$jobs" -L golden -R '^cli\.census-summary/'

stage "sanitizer build (address, undefined, leaks)"
cmake -S . -B build-san -DSENDKIT_SANITIZE=ON -DSENDKIT_WERROR=ON >/dev/null
cmake --build build-san -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	ctest --test-dir build-san --output-on-failure -j "$jobs"

# The census reader's threads under ThreadSanitizer: its unit tests (every
# range cut, 1 to 16 threads) and the census fuzz corpus.
stage "thread sanitizer build (census reader)"
cmake -S . -B build-tsan -DSENDKIT_SANITIZE=thread -DSENDKIT_WERROR=ON >/dev/null
cmake --build build-tsan -j "$jobs" --target test_census test_census_read replay_census
TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
	ctest --test-dir build-tsan --output-on-failure -j "$jobs" -R '^(unit\.census|unit\.census_read|fuzz\.census)$'

# The libFuzzer build (clang, coverage, ASan + UBSan): the scanner-vs-libcsv
# harness builds and runs its saved corpus (tests/fuzz/run.sh fuzzes it).
stage "libFuzzer build (clang): scanner against libcsv"
CC=clang cmake -S . -B build-fuzz -DSENDKIT_FUZZ=ON >/dev/null
cmake --build build-fuzz -j "$jobs" --target fuzz_scanner
build-fuzz/tests/fuzz/fuzz_scanner tests/fuzz/corpus/scanner/* >build-fuzz/replay.log 2>&1 ||
	{ cat build-fuzz/replay.log; exit 1; }
stage "done"
