#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) into build-fuzz/ and
# runs each for a bounded time. Any crash, leak, sanitizer report or hang
# (a single input running longer than 10 s) fails the run.
#
# Usage: tests/fuzz/run.sh [SECONDS-PER-TARGET] [TARGET...]
#   SECONDS defaults to 60 (PRESSA_FUZZ_SECONDS overrides); TARGET names as in
#   tests/fuzz/CMakeLists.txt without "_fuzz" (seed_reader json_reader date
#   entity analyzer query cgi wire); default: all.
# Crash inputs are left in build-fuzz/artifacts/<target>/; new corpus entries
# go to build-fuzz/corpus/<target>/ (the committed seeds are never modified).
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
seconds=${1:-${PRESSA_FUZZ_SECONDS:-60}}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(seed_reader json_reader date entity analyzer query cgi wire)
build=${PRESSA_FUZZ_BUILD:-$root/build-fuzz}
jobs=${JOBS:-2}
# A fixed seed makes a CI run repeat what passed before the push; explore with
# PRESSA_FUZZ_SEED=0 (libFuzzer then picks a random seed) and longer runs.
seed=${PRESSA_FUZZ_SEED:-1}

cxx=${CXX_FUZZ:-}
if [ -z "$cxx" ]; then
  for c in clang++-14 clang++; do command -v $c >/dev/null && { cxx=$c; break; }; done
fi
if [ -z "$cxx" ]; then
  echo "fuzz: clang++ not found; run scripts/install-fuzz-deps.sh" >&2
  exit 2
fi

set -e
CXX=$cxx cmake -S "$root" -B "$build" -DPRESSA_FUZZ=ON -DPRESSA_BUILD_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$jobs" --target $(printf '%s_fuzz ' "${targets[@]}")
set +e

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:allocator_may_return_null=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=()
for t in "${targets[@]}"; do
  exe="$build/bin/${t}_fuzz"
  work="$build/corpus/$t"
  art="$build/artifacts/$t"
  mkdir -p "$work" "$art"
  dict=()
  [ -f "$root/tests/fuzz/$t.dict" ] && dict=(-dict="$root/tests/fuzz/$t.dict")
  log="$build/$t.log"
  echo "fuzz: $t for ${seconds}s"
  # New inputs go to $work (first dir); the committed seeds are read only.
  "$exe" "$work" "$root/tests/fuzz/corpus/$t" "${dict[@]}" \
    -seed="$seed" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="$art/" -print_final_stats=1 >"$log" 2>&1
  rc=$?
  stats=$(grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" |
          sed 's/^stat:://' | tr -s ' ' | tr '\n' ' ')
  if [ $rc -ne 0 ]; then
    echo "fuzz: $t FAILED (exit $rc): $stats"
    grep -E 'ERROR|SUMMARY|runtime error|Test unit written|timeout' "$log" | head -20
    echo "fuzz: full log $log; inputs in $art"
    failed+=("$t")
  else
    echo "fuzz: $t ok: $stats"
  fi
done
if [ ${#failed[@]} -ne 0 ]; then
  echo "fuzz: failed: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: all ${#targets[@]} targets ran ${seconds}s each without a crash, leak or hang"
