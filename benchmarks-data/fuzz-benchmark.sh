#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer) of the CSV reader and of the job-file readers, MINUTES each
# (default 10), starting from Fuzz/Seeds/<target>/ plus a corpus kept between runs in
# benchmarks-data/generated/fuzz-corpus/<target>/. Prints, per target: runs, crashes found (target 0),
# corpus size (inputs and bytes) and coverage (libFuzzer's cov: and ft: counters). A crash input is
# copied into Fuzz/Seeds/<target>/crash-<sha1>; commit it with the fix and FuzzSeedReplayTests
# replays it from then on. Not a CI step.
# Usage: bash benchmarks-data/fuzz-benchmark.sh [MINUTES=10] [csv|job|both]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
minutes=${1:-10}
which=${2:-both}
fuzzer=$(bash scripts/build-fuzzer.sh)
targets=(csv job)
[ "$which" != both ] && targets=("$which")
for target in "${targets[@]}"; do
  corpus="$root/benchmarks-data/generated/fuzz-corpus/$target"
  artifacts="$root/benchmarks-data/generated/fuzz-artifacts/$target/"
  mkdir -p "$corpus" "$artifacts"
  log="$root/benchmarks-data/generated/fuzz-$target.log"
  # -rss_limit_mb bounds memory per input; -timeout flags an input that takes over 10 s as a hang.
  # Leak checks off, per input (-detect_leaks=0) and at exit (ASAN_OPTIONS): swift-foundation's
  # FileManager.contents(atPath:) leaks 4 KB buffers (first seen on an empty job file), which is not
  # ours to fix and would end every run or be reported as a crash on the empty input at exit.
  set +e
  ASAN_OPTIONS=detect_leaks=0 AUTOML_FUZZ_TARGET=$target "$fuzzer" "$corpus" "$root/Fuzz/Seeds/$target" \
    -max_total_time=$((minutes * 60)) -rss_limit_mb=4096 -timeout=10 -max_len=65536 -detect_leaks=0 \
    -artifact_prefix="$artifacts" -print_final_stats=1 >"$log" 2>&1
  status=$?
  set -e
  crashes=$(find "$artifacts" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)
  for found in $(find "$artifacts" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \)); do
    cp "$found" "$root/Fuzz/Seeds/$target/$(basename "$found")"
  done
  inputs=$(find "$corpus" -type f | wc -l)
  bytes=$(du -sb "$corpus" | cut -f1)
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  coverage=$(grep -E '^#[0-9]+' "$log" | tail -1 | grep -oE 'cov: [0-9]+ ft: [0-9]+' || echo "?")
  echo "$target: ${minutes} min, exit $status, runs $runs, crashes/timeouts/ooms $crashes, corpus $inputs inputs ($bytes bytes), $coverage; log $log"
done
