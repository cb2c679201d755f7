#!/usr/bin/env bash
# Issue 21's large-file measurement: `automl run` with a time limit (default 60 s) on 800,000 rows
# x 50 features of the generated trees_1m_x50.csv (binary `label`; a seeded 80/20 split), then
# `automl predict` on the 200,000 test rows; beside LightGBM with defaults trained in the same
# script. Reports the job's wall time against its limit and both test ROC AUCs.
# Usage: bash benchmarks-data/large-file-benchmark.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
budget=${1:-60}
venv="$root/benchmarks-data/.venv"
[ -x "$venv/bin/python" ] || bash "$root/benchmarks-data/setup-venv.sh"
swift build -c release --product automl >&2
out="$root/benchmarks-data/generated/large-file"
mkdir -p "$out"
source_file="$root/benchmarks-data/generated/trees_1m_x50.csv"
[ -f "$source_file" ] || "$venv/bin/python" "$root/benchmarks-data/generate.py" trees
[ -f "$out/train.csv" ] || "$venv/bin/python" "$root/benchmarks-data/large_file_peer.py" split "$source_file" "$out/train.csv" "$out/test.csv"
rm -rf "$out/job" "$out/store.sqlite"
start=$(date +%s.%N)
"$root/.build/release/automl" run "$out/train.csv" --target label --time-limit "${budget}s" --parallel 2 --metric auc \
  --job-name large --output "$out/job" --store "$out/store.sqlite" > "$out/run.log" 2>&1
end=$(date +%s.%N)
"$root/.build/release/automl" predict --model "$out/job/model" --input "$out/test.csv" --output "$out/predictions.csv" > /dev/null
line=$("$venv/bin/python" "$root/benchmarks-data/large_file_peer.py" score "$out/train.csv" "$out/test.csv" "$out/predictions.csv")
echo "$line" | "$venv/bin/python" -c "
import json, sys
row = json.loads(sys.stdin.read())
wall = $end - $start
print(f\"automl: {wall:.1f} s of {$budget} s allowed, test AUC {row['automl_auc']:.4f}; LightGBM defaults: test AUC {row['lightgbm_auc']:.4f} \"
      f\"(fit {row['lightgbm_fit_seconds']:.1f} s); rows {row['rows_train']} / {row['rows_test']}\")"
