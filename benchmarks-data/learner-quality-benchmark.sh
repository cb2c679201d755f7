#!/usr/bin/env bash
# Test-set quality of each built-in learner with its default configuration against its peer
# library with defaults, on every shared dataset (../shared/datasets, fixed train/test splits).
# automl profiles the training file, applies the recommended preprocessing for the learner's
# family and writes the resulting feature matrices; the peers train on exactly those.
# Randomized learners (forests, MLP) run with seeds $SEEDS (default "0 1 2") on both sides and
# are compared on the means: a single seed's AUC on a class with one test row is a coin toss.
# Prints JSON lines, then a Markdown table with the differences (automl - peer).
# DATASETS="a b" limits the run to those datasets.
# Usage: [SEEDS="0 1 2"] [DATASETS="..."] bash benchmarks-data/learner-quality-benchmark.sh [ALGORITHM ...]
#   ALGORITHM: gbdt (default), gbdt-lightgbm, linear, random_forest, extra_trees, knn, mlp
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
datasets="$root/../shared/datasets"
binary="$(bash "$here/prepare-learner-benchmark.sh")"
work="$(mktemp -d)"
results="$work/results.jsonl"
algorithms=("${@:-gbdt}")
for algorithm in "${algorithms[@]}"; do
  case "$algorithm" in random_forest|extra_trees|mlp) seeds=(${SEEDS:-0 1 2}) ;; *) seeds=(0) ;; esac
  # `gbdt-lightgbm`: automl's gbdt set up as LightGBM's defaults are (leaf-wise, 31 leaves,
  # learning rate 0.1, no L2, min hessian 1e-3) against LightGBM alone; plain `gbdt` keeps
  # XGBoost's defaults, which differ from LightGBM's.
  learner="$algorithm"; settings=()
  if [ "$algorithm" = gbdt-lightgbm ]; then
    learner=gbdt
    settings=(--set grow_policy=lossguide --set max_leaves=31 --set max_depth=0 --set eta=0.1 --set lambda=0 --set min_child_weight=0.001)
  fi
  for entry in titanic:survived adult:class bank_churn:Exited penguins:species wine_quality:quality \
               diamonds:price taxis:fare california_housing:median_house_value ames_housing:SalePrice; do
    name="${entry%%:*}"; target="${entry#*:}"
    if [ -n "${DATASETS:-}" ] && [[ " $DATASETS " != *" $name "* ]]; then continue; fi
    for seed in "${seeds[@]}"; do
      ours=$("$binary" "$learner" "$datasets/${name}_train.csv" "$datasets/${name}_test.csv" "$target" --seed "$seed" \
        --export "$work/$name-$algorithm" ${settings[@]+"${settings[@]}"} | sed "s/\"algorithm\": \"$learner\"/\"algorithm\": \"$algorithm\"/")
      echo "$ours" | sed "s/^{/{\"dataset\": \"$name\", \"seed\": $seed, /" | tee -a "$results"
      task=$(echo "$ours" | python3 -c 'import json,sys; print(json.load(sys.stdin)["task"])')
      "$here/.venv/bin/python" "$here/learner_peers.py" "$algorithm" "$task" "$work/$name-$algorithm" 2 "$seed" \
        | sed "s/^{/{\"dataset\": \"$name\", /" | tee -a "$results"
    done
  done
done
python3 - "$results" <<'PY'
import json, sys
from statistics import mean
rows = [json.loads(line) for line in open(sys.argv[1])]
groups = {}
for r in rows:
    groups.setdefault((r["dataset"], r["algorithm"], r["tool"]), []).append(r)
print("\n| dataset | algorithm | seeds | metric | automl | peer | peer value | automl - peer | accuracy automl / peer | fit s automl / peer |")
print("|---|---|---|---|---|---|---|---|---|---|")
for (dataset, algorithm, tool), ours in groups.items():
    if tool != "automl":
        continue
    metric = "rmse" if ours[0]["task"] == "regression" else "auc"
    for (d, a, peer_tool), peer in groups.items():
        if d != dataset or a != algorithm or peer_tool == "automl":
            continue
        o, p = mean(r[metric] for r in ours), mean(r[metric] for r in peer)
        diff = f"{(o - p) / p * 100:+.2f}%" if metric == "rmse" else f"{o - p:+.4f}"
        accuracy = "" if metric == "rmse" else f"{mean(r['accuracy'] for r in ours):.4f} / {mean(r['accuracy'] for r in peer):.4f}"
        seconds = f"{mean(r['fit_seconds'] for r in ours):.3f} / {mean(r['fit_seconds'] for r in peer):.3f}"
        print(f"| {dataset} | {algorithm} | {len(ours)} | {metric} | {o:.4f} | {peer_tool} | {p:.4f} | {diff} | {accuracy} | {seconds} |")
PY
rm -rf "$work"
