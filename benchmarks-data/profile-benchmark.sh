#!/usr/bin/env bash
# `automl profile` side by side with ydata-profiling (minimal mode) on the same files, same run.
# Usage: bash benchmarks-data/profile-benchmark.sh [ROWS_FOR_PEER]
#   ROWS_FOR_PEER: if given, the peer also runs on a slice of the 1M x 50 file of that many rows
#   (automl runs on the same slice too, so the ratio compares like with like).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
[ -x "$here/.venv/bin/python" ] || bash "$here/setup-venv.sh"
[ -f "$here/generated/numeric_1m_x50.csv" ] || python3 "$here/generate.py"
swift build -c release --product automl --package-path "$root" >&2
automl="$root/.build/release/automl"
work="$(mktemp -d)"
files=("$here/generated/mixed_200k.csv" "$here/generated/numeric_1m_x50.csv")
if [ -n "${1:-}" ]; then
  head -n "$(( $1 + 1 ))" "$here/generated/numeric_1m_x50.csv" > "$work/numeric_slice_$1.csv"
  files+=("$work/numeric_slice_$1.csv")
fi
for file in "${files[@]}"; do
  name="$(basename "$file" .csv)"
  # Median of five runs (the first also warms the page cache for the peer, which runs once). On a
  # virtual machine whose host takes back freed memory, a run that touches such pages first can
  # take twice as long; every run's time is printed.
  times=()
  for _ in 1 2 3 4 5; do
    start=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$work/rss" "$automl" profile "$file" --output "$work/$name-automl" >/dev/null
    end=$(date +%s.%N)
    times+=("$(printf '%.3f' "$(echo "$end - $start" | bc)")")
  done
  ours=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
  runs=$(printf '%s, ' "${times[@]}")
  echo "{\"tool\": \"automl profile\", \"file\": \"$name\", \"seconds\": $ours, \"runs\": [${runs%, }], \"peak_mb\": $(( $(cat "$work/rss") / 1024 ))}"
  if [ "$name" = "numeric_1m_x50" ] && [ -n "${1:-}" ]; then continue; fi
  peer=$("$here/.venv/bin/python" "$here/profile_benchmark.py" "$file" "$work/$name-ydata.html")
  echo "$peer"
  theirs=$(echo "$peer" | python3 -c 'import json,sys; print(json.load(sys.stdin)["seconds"])')
  echo "ratio ydata/automl on $name: $(echo "scale=1; $theirs / $ours" | bc)x"
done
rm -rf "$work"
