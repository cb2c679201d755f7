#!/usr/bin/env bash
# Issue 7's measurement: a 30-trial, 2-parallel tuning job on the scikit-learn script-mode example
# (bank_churn, validation AUC), against the script run once with its own defaults.
# Usage: bash benchmarks-data/tune-example-benchmark.sh   (release build; scikit-learn in benchmarks-data/.venv)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
venv="$root/benchmarks-data/.venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c "import sklearn" 2>/dev/null || "$venv/bin/pip" install --quiet scikit-learn
swift build -c release --product automl >&2
out="$root/benchmarks-data/generated/tune-example"
rm -rf "$out" && mkdir -p "$out"
data="$(cd "$root/../shared/datasets" && pwd)/bank_churn_train.csv"

echo "== the script's defaults"
defaults=$(cd examples/sklearn-script-mode && SM_CHANNEL_TRAIN="$data" SM_MODEL_DIR="$out/defaults-model" "$venv/bin/python" train.py)
echo "$defaults"

echo "== automl tune: 30 trials, 2 in parallel"
start=$(date +%s.%N)
"$root/.build/release/automl" tune --config examples/sklearn-script-mode/job.yaml --store "$out/automl.sqlite" \
  --output "$out/job" -- "$venv/bin/python" train.py | tail -3
end=$(date +%s.%N)
"$root/.build/release/automl" jobs --store "$out/automl.sqlite"
default_auc=${defaults#validation:auc=}
best=$("$root/.build/release/automl" jobs --store "$out/automl.sqlite" | awk 'NR==2 { split($5, a, "="); print a[2] }')
awk -v d="$default_auc" -v b="$best" -v s="$start" -v e="$end" 'BEGIN {
  printf "defaults AUC %.6f, tuned best AUC %.6f (%+.4f), job wall time %.0f s\n", d, b, b - d, e - s }'
