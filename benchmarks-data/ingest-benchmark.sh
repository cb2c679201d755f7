#!/usr/bin/env bash
# CSV ingest benchmark, one command: sets up the peers' venv, generates the files (fixed seeds),
# builds the benchmark in release mode and runs automl, pandas and pyarrow side by side.
# Usage: benchmarks-data/ingest-benchmark.sh [REPEATS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
bash "$here/setup-venv.sh"
"$here/.venv/bin/python" "$here/generate.py" numeric mixed
swift build -c release --package-path "$root/Benchmarks" --product IngestBenchmark
binary="$(swift build -c release --package-path "$root/Benchmarks" --show-bin-path)/IngestBenchmark"
"$here/.venv/bin/python" "$here/ingest_benchmark.py" "$binary" --repeat "${1:-5}" \
  "$here/generated/numeric_1m_x50.csv" "$here/generated/mixed_200k.csv"
