#!/usr/bin/env bash
# Forest training speed, automl vs scikit-learn (RandomForest / ExtraTrees with defaults: 100
# fully grown trees, sqrt(p) features per split for classes, all p for values, n_jobs = threads),
# same run, on the generated 100k x 50 file (2% missing values, which both take).
# FILES="trees_100k_x50 trees_1m_x50" adds the 1M-row file (scikit-learn needs many minutes there).
# Prints JSON lines and ratios (automl / peer < 1 means automl is faster).
# Usage: bash benchmarks-data/forest-speed-benchmark.sh [ALGORITHM] [THREADS]   (default: random_forest 2)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
algorithm="${1:-random_forest}"
threads="${2:-2}"
binary="$(bash "$here/prepare-learner-benchmark.sh" trees)"
for file in ${FILES:-trees_100k_x50}; do
  for pair in "label binary value" "value regression label"; do
    set -- $pair
    ours=$("$binary" "$algorithm" "$here/generated/$file.csv" - "$1" --raw "$2" --drop "$3" --threads "$threads")
    theirs=$("$here/.venv/bin/python" "$here/tree_speed.py" "$here/generated/$file.csv" "$1" "$2" "$algorithm" "$threads")
    echo "$ours"; echo "$theirs"
    python3 "$here/ratio.py" "$ours" "$theirs" "$file"
  done
done
