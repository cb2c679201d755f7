#!/usr/bin/env bash
# Boosted-tree training speed, automl vs XGBoost (hist) and LightGBM, same run, same files:
# 100 rounds, depth 6 (LightGBM: 31 leaves), 255 value bins, 2 threads; classification (`label`)
# and regression (`value`) on the generated 100k x 50 and 1M x 50 files. Each tool runs in its own
# process; fit time includes the tool's binning. Prints JSON lines and ratios (automl / peer < 1
# means automl is faster).
# Usage: bash benchmarks-data/tree-speed-benchmark.sh [THREADS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
threads="${1:-2}"
binary="$(bash "$here/prepare-learner-benchmark.sh" trees)"
for file in trees_100k_x50 trees_1m_x50; do
  for pair in "label binary value" "value regression label"; do
    set -- $pair
    ours=$("$binary" gbdt "$here/generated/$file.csv" - "$1" --raw "$2" --drop "$3" --threads "$threads" \
      --set num_round=100 --set max_depth=6 --set max_bin=256)
    echo "$ours"
    for peer in xgboost lightgbm; do
      theirs=$("$here/.venv/bin/python" "$here/tree_speed.py" "$here/generated/$file.csv" "$1" "$2" "$peer" "$threads")
      echo "$theirs"
      python3 "$here/ratio.py" "$ours" "$theirs" "$file"
    done
  done
done
