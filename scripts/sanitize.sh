#!/usr/bin/env bash
# Builds Pressa with AddressSanitizer + UndefinedBehaviorSanitizer into
# build-asan/ and runs the whole test suite (unit and end-to-end) under them.
# Any sanitizer report fails the run: UBSan aborts (-fno-sanitize-recover),
# ASan aborts on the first error and reports leaks at exit.
#
# Usage: scripts/sanitize.sh [ctest arguments...]   e.g. -R e2e_bad_input
set -euo pipefail
cd "$(dirname "$0")/.."
build=${PRESSA_ASAN_BUILD:-build-asan}
jobs=${JOBS:-$(nproc)}
scripts/install-deps.sh
cmake -S . -B "$build" -DPRESSA_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$jobs"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}
# install_embed builds a separate program against the installed (here:
# instrumented) library without the sanitizer runtime; it only checks
# packaging, which the plain `make test` covers.
cd "$build" && ctest --output-on-failure -j "$jobs" --timeout 600 -E '^install_embed$' "$@"
