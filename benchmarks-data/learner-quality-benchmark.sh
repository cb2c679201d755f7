#!/usr/bin/env bash
# Test-set quality of each built-in learner with its default configuration against its peer
# library with defaults, on every shared dataset (../shared/datasets, fixed train/test splits).
# automl profiles the training file, applies the recommended preprocessing for the learner's
# family and writes the resulting feature matrices; the peers train on exactly those.
# Prints JSON lines, then a Markdown table with the differences (automl - peer).
# Usage: bash benchmarks-data/learner-quality-benchmark.sh [ALGORITHM ...]   (default: gbdt)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
datasets="$root/../shared/datasets"
binary="$(bash "$here/prepare-learner-benchmark.sh")"
work="$(mktemp -d)"
results="$work/results.jsonl"
algorithms=("${@:-gbdt}")
for algorithm in "${algorithms[@]}"; do
  for entry in titanic:survived adult:class bank_churn:Exited penguins:species wine_quality:quality \
               diamonds:price taxis:fare california_housing:median_house_value ames_housing:SalePrice; do
    name="${entry%%:*}"; target="${entry#*:}"
    ours=$("$binary" "$algorithm" "$datasets/${name}_train.csv" "$datasets/${name}_test.csv" "$target" --export "$work/$name-$algorithm")
    echo "$ours" | sed "s/^{/{\"dataset\": \"$name\", /" | tee -a "$results"
    task=$(echo "$ours" | python3 -c 'import json,sys; print(json.load(sys.stdin)["task"])')
    "$here/.venv/bin/python" "$here/learner_peers.py" "$algorithm" "$task" "$work/$name-$algorithm" \
      | sed "s/^{/{\"dataset\": \"$name\", /" | tee -a "$results"
  done
done
python3 - "$results" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
print("\n| dataset | algorithm | metric | automl | peer | peer value | automl - peer |")
print("|---|---|---|---|---|---|---|")
for ours in (r for r in rows if r["tool"] == "automl"):
    metric = "rmse" if ours["task"] == "regression" else "auc"
    for peer in (r for r in rows if r["tool"] != "automl" and r["dataset"] == ours["dataset"] and r["algorithm"] == ours["algorithm"]):
        diff = ours[metric] - peer[metric]
        shown = f"{diff / peer[metric] * 100:+.2f}%" if metric == "rmse" else f"{diff:+.4f}"
        print(f"| {ours['dataset']} | {ours['algorithm']} | {metric} | {ours[metric]:.4f} | {peer['tool']} | {peer[metric]:.4f} | {shown} |")
PY
rm -rf "$work"
