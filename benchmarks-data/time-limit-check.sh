#!/usr/bin/env bash
# Does `automl run --time-limit S` end within S + 5 %, reading and profiling included? Runs the job
# (release build, --parallel 2) on every shared dataset and on generated wide files (20 rows x 800
# columns, 200 x 2,000), and prints each job's wall time against the limit.
# Usage: bash benchmarks-data/time-limit-check.sh [SECONDS=15]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
limit=${1:-15}
swift build -c release --product automl >&2
source "$root/benchmarks-data/shared-datasets.sh"
out="$root/benchmarks-data/generated/time-limit-check"
rm -rf "$out"
mkdir -p "$out"
python3 - "$out" <<'PY'
import random, sys
random.seed(7)
for rows, cols in [(20, 800), (200, 2000)]:
    with open(f"{sys.argv[1]}/wide{rows}x{cols}.csv", "w") as f:
        f.write(",".join(f"c{i}" for i in range(cols)) + ",y\n")
        for r in range(rows):
            f.write(",".join(f"{random.random():.3f}" for _ in range(cols)) + f",{r % 2}\n")
PY
allowed=$(python3 -c "print($limit * 1.05)")
within=0; total=0
run() {
  local name=$1 file=$2 target=$3
  local start end seconds
  start=$(date +%s.%N)
  "$root/.build/release/automl" run "$file" --target "$target" --time-limit "${limit}s" --parallel 2 \
    --job-name "$name" --output "$out/$name" --store "$out/store.sqlite" > "$out/$name.log" 2>&1 || echo "$name: exit $? (see $out/$name.log)"
  end=$(date +%s.%N)
  seconds=$(python3 -c "print(f'{$end - $start:.2f}')")
  total=$((total + 1))
  if python3 -c "import sys; sys.exit(0 if $seconds <= $allowed else 1)"; then within=$((within + 1)); verdict=ok; else verdict=OVER; fi
  printf '%-20s %7s s of %s s allowed  %s\n' "$name" "$seconds" "$allowed" "$verdict"
}
for name in "${all_datasets[@]}"; do run "$name" "$data/${name}_train.csv" "${targets[$name]}"; done
run wide20x800 "$out/wide20x800.csv" y
run wide200x2000 "$out/wide200x2000.csv" y
echo "within the limit + 5 %: $within of $total"
