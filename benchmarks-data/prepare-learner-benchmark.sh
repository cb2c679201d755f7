#!/usr/bin/env bash
# Shared set-up of the learner benchmarks: the peers' venv, the generated files named as
# arguments (generate.py's names, e.g. `trees`), and a release build of LearnerBenchmark, whose
# path it prints (everything else goes to standard error).
# Usage: binary="$(bash benchmarks-data/prepare-learner-benchmark.sh [FILES ...])"
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
bash "$here/setup-venv.sh" >&2
if [ "$#" -gt 0 ]; then "$here/.venv/bin/python" "$here/generate.py" "$@" >&2; fi
swift build -c release --package-path "$root/Benchmarks" --product LearnerBenchmark >&2
echo "$(swift build -c release --package-path "$root/Benchmarks" --show-bin-path)/LearnerBenchmark"
