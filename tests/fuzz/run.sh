#!/usr/bin/env bash
# Builds the libFuzzer targets (Clang, ASan+UBSan, in build-fuzz/), replays the
# seeds and the regression corpus through each, then fuzzes each target for
# SECONDS (default 60), as many at a time as there are cores.
#
# usage: tests/fuzz/run.sh [SECONDS] [TARGET...]     TARGET: time reader scan map yaml lists report xlsx
# A crash or broken invariant fails the run and leaves the input in
# build-fuzz/artifacts/TARGET/; copy it to tests/corpus/fuzz/TARGET/ with the fix.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(time reader scan map yaml lists report xlsx)
build=${DUTY_FUZZ_BUILD:-build-fuzz}
jobs=$(nproc 2>/dev/null || echo 2)

cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DDUTY_FUZZ=ON -DDUTY_TESTS=OFF >/dev/null
cmake --build "$build" -j"$jobs" --target fuzzers
rm -rf "$build/fuzz-seeds"
python3 tests/fuzz/make_seeds.py . "$build/fuzz-seeds"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
options=(-timeout=20 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1)

# fuzz TARGET: replay every seed and regression input once, then fuzz.
fuzz() {
  local t=$1 bin=$build/tests/fuzz/fuzz_$1
  local work=$build/fuzz-work/$t artifacts=$build/artifacts/$t dict=()
  [[ -f tests/fuzz/$t.dict ]] && dict=(-dict="tests/fuzz/$t.dict")
  mkdir -p "$work" "$artifacts" "tests/corpus/fuzz/$t"
  "$bin" "${options[@]}" -runs=0 -artifact_prefix="$artifacts/" \
    "$build/fuzz-seeds/$t" "tests/corpus/fuzz/$t" || return 1
  "$bin" "${options[@]}" "${dict[@]}" -max_total_time="$seconds" -artifact_prefix="$artifacts/" \
    "$work" "$build/fuzz-seeds/$t" "tests/corpus/fuzz/$t" || return 3
}

failed=() # a seed or regression input broke: always a failure
found=()  # the fuzzer found a new input within the time given
running=()
collect() {
  local rc=0
  wait "${1%%:*}" || rc=$?
  ((rc == 0)) && return 0
  if ((rc == 3)); then found+=("${1#*:}"); else failed+=("${1#*:}"); fi
}
for t in "${targets[@]}"; do
  [[ -x $build/tests/fuzz/fuzz_$t ]] || { echo "no fuzz target \"$t\"" >&2; exit 2; }
  fuzz "$t" >"$build/fuzz-$t.log" 2>&1 &
  running+=("$!:$t")
  if ((${#running[@]} >= jobs)); then
    entry=${running[0]}
    running=("${running[@]:1}")
    collect "$entry"
  fi
done
for entry in "${running[@]}"; do
  collect "$entry"
done

for t in "${targets[@]}"; do
  stats=$(grep -E '^stat::number_of_executed_units' "$build/fuzz-$t.log" | tail -1 | awk '{print $2}')
  echo "fuzz_$t: ${stats:-?} executions in ${seconds}s (log: $build/fuzz-$t.log)"
done
for t in "${failed[@]}" "${found[@]}"; do
  echo "== fuzz_$t FAILED; the input is in $build/artifacts/$t/:" >&2
  ls "$build/artifacts/$t" >&2 || true
  tail -40 "$build/fuzz-$t.log" >&2
done
((${#failed[@]})) && exit 1
# A new find fails the run unless DUTY_FUZZ_FINDS=warn (as .ci/run sets it: a
# find of the time-bounded search is reported loudly, with its input, but does
# not block a change that did not cause it; the replay above always blocks).
if ((${#found[@]})); then
  [[ ${DUTY_FUZZ_FINDS:-fail} == warn ]] || exit 1
  echo "== WARNING: fuzzing found new inputs (${found[*]}); fix them and keep them under tests/corpus/fuzz/" >&2
fi
