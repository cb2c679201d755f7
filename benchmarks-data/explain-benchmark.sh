#!/usr/bin/env bash
# TreeSHAP speed: automl's exact TreeSHAP against the `shap` package's TreeExplainer on the
# equivalent XGBoost model (100 trees, depth 6), same generated 100k x 50 file, values for the first
# 1,000 rows, in the same run; automl with 1 and 2 threads. Prints JSON lines and ratios
# (automl / shap < 1 means automl is faster).
# Usage: bash benchmarks-data/explain-benchmark.sh [ROWS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
rows="${1:-1000}"
bash "$here/setup-venv.sh" >&2
"$here/.venv/bin/python" -c "import shap" 2>/dev/null || "$here/.venv/bin/pip" install --quiet shap >&2
"$here/.venv/bin/python" "$here/generate.py" trees >&2
swift build -c release --package-path "$root/Benchmarks" --product ExplainBenchmark >&2
binary="$(swift build -c release --package-path "$root/Benchmarks" --show-bin-path)/ExplainBenchmark"
file="$here/generated/trees_100k_x50.csv"
theirs=$("$here/.venv/bin/python" "$here/shap_peer.py" "$file" label value "$rows")
echo "$theirs"
for threads in 1 2; do
  ours=$("$binary" "$file" label value --rows "$rows" --threads "$threads")
  echo "$ours"
  python3 -c "
import json, sys
ours, theirs = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f\"ratio automl/shap, TreeSHAP of {ours['rows']} rows, {ours['trees']} trees, {ours['features']} features, automl on {ours['threads']} thread(s): \"
      f\"{ours['shap_seconds'] / theirs['shap_seconds']:.2f} ({ours['shap_seconds']:.3f} s against {theirs['shap_seconds']:.3f} s)\")" "$ours" "$theirs"
done
