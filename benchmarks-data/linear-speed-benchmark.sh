#!/usr/bin/env bash
# Linear-learner training speed, automl vs scikit-learn (LogisticRegression / Ridge with defaults),
# same run, on the generated 100k x 50 and 1M x 50 tree files with missing values filled with 0.
# automl uses its defaults (L-BFGS for classes, closed-form ridge for values) and 2 BLAS threads.
# Usage: bash benchmarks-data/linear-speed-benchmark.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
binary="$(bash "$here/prepare-learner-benchmark.sh" trees)"
for file in trees_100k_x50 trees_1m_x50; do
  for pair in "label binary value" "value regression label"; do
    set -- $pair
    ours=$("$binary" linear "$here/generated/$file.csv" - "$1" --raw "$2" --drop "$3" --fill-missing 0)
    theirs=$("$here/.venv/bin/python" "$here/linear_speed.py" "$here/generated/$file.csv" "$1" "$2")
    echo "$ours"; echo "$theirs"
    python3 "$here/ratio.py" "$ours" "$theirs" "$file"
  done
done
