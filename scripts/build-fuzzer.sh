#!/usr/bin/env bash
# Builds `automl-fuzz` with libFuzzer (clang's) and the address sanitizer: coverage-guided fuzzing
# of the CSV reader and the job-file readers (automl YAML, SageMaker JSON).
#
#   scripts/build-fuzzer.sh            # prints the path of the fuzzer binary
#
# Every module is compiled with coverage instrumentation in its own build folder (.build-fuzz), so
# the ordinary build is untouched. Run it with benchmarks-data/fuzz-benchmark.sh, or by hand:
#   AUTOML_FUZZ_TARGET=csv "$(scripts/build-fuzzer.sh)" CORPUS_DIR -max_total_time=60
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# Address sanitizer and libFuzzer's coverage counters on every Swift module; libFuzzer itself comes
# without its main (SwiftPM gives the executable its own), from the toolchain's clang runtime.
runtime=$(dirname "$(command -v swiftc)")/../lib/clang
library=$(find -L "$runtime" -name 'libclang_rt.fuzzer_no_main-x86_64.a' | head -1)
[ -n "$library" ] || { echo "no libclang_rt.fuzzer_no_main in $runtime: this toolchain has no libFuzzer" >&2; exit 2; }
swift build -c release --product automl-fuzz --build-path .build-fuzz --sanitize address \
  -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp -Xswiftc -DFUZZING \
  -Xlinker "$library" >&2
echo "$root/.build-fuzz/release/automl-fuzz"
