#!/usr/bin/env bash
# Regenerates reports/: the complete output folders of `automl run` on the two bundled datasets
# (benchmarks-data/loans.csv, binary with a date and a text column; benchmarks-data/houses.csv,
# regression) and of the `automl tune` example (examples/shell/job.yaml), plus the profile of
# loans.csv. One pipeline at a time, a fixed seed and a fixed number of candidates, so a rerun on
# the same version gives the same reports but for the timing columns.
# Usage: bash scripts/regenerate-reports.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product automl >/dev/null
automl="$(pwd)/.build/release/automl"
# A fixed, ignored store path, so the commands the reports quote do not change between runs.
store=.build/reports-store.sqlite
mkdir -p .build
rm -f "$store" "$store-wal" "$store-shm"
rm -rf reports/loans reports/loans-run reports/houses-run reports/shell-tune
"$automl" profile benchmarks-data/loans.csv --target defaulted --output reports/loans >/dev/null
"$automl" run benchmarks-data/loans.csv --target defaulted --time-limit 10m --max-candidates 40 --parallel 1 --seed 0 \
  --job-name loans-run --output reports/loans-run --store "$store" >/dev/null
"$automl" run benchmarks-data/houses.csv --target price --time-limit 10m --max-candidates 40 --parallel 1 --seed 0 \
  --job-name houses-run --output reports/houses-run --store "$store" >/dev/null
"$automl" tune --config examples/shell/job.yaml --job-name shell-tune --output reports/shell-tune --store "$store" >/dev/null
# Trial folders hold the example's logs and workspace files: the report is what a visitor reads.
rm -rf reports/shell-tune/trials
echo "reports/ regenerated: $(find reports -type f | wc -l) files"
