#!/usr/bin/env bash
# Decisions and honest estimates, measured on the shared datasets' fixed test files.
#
# For every dataset: `automl run` with the default metric, `--time-limit SECONDS --parallel 2`, then
# `automl predict` on the _test file. Reported: the saved model's honest estimate and the
# selection's own (optimistic) figure, both printed by the run, against the same metric on the test
# file, and the mean gap of each. For binary datasets also a run with `--metric auc`, and both runs
# scored on the test file by ROC AUC and by F1 at the labels the saved model wrote (its threshold).
# With AUTOML_BASELINE=/path/to/an/older/automl, binary datasets are also run with that binary's
# default metric, for "F1 at least as high as before".
# Usage: bash benchmarks-data/decision-benchmark.sh [SECONDS] [DATASET ...]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
budget=${1:-60}
shift || true
swift build -c release --product automl >&2
automl="$root/.build/release/automl"
source "$root/benchmarks-data/shared-datasets.sh"
out="$root/benchmarks-data/generated/decision-benchmark"
mkdir -p "$out"
results="$out/results.jsonl"
: > "$results"
datasets=("$@")
[ ${#datasets[@]} -gt 0 ] || datasets=("${all_datasets[@]}")

# run BINARY LABEL DATASET [EXTRA ...]: one job and its test scores, as a JSON line in $results.
run() {
  local binary=$1 label=$2 name=$3
  shift 3
  local target=${targets[$name]} task=${tasks[$name]} job="$out/$name-$label"
  rm -rf "$job" "$job.sqlite"
  "$binary" run "$data/${name}_train.csv" --target "$target" --time-limit "${budget}s" --parallel 2 --problem-type "$task" \
    --job-name "$name-$label" --output "$job" --store "$job.sqlite" "$@" > "$job.log" 2>&1
  "$binary" predict --model "$job/model" --input "$data/${name}_test.csv" --output "$job.predictions.csv" >/dev/null
  local scores
  scores=$(python3 "$root/benchmarks-data/decision_scores.py" "$data/${name}_test.csv" "$target" "$task" "$job.predictions.csv")
  python3 - "$job.log" "$name" "$label" "$task" "$scores" <<'PY' | tee -a "$results"
import json, re, sys
log, name, label, task, scores = sys.argv[1:6]
text = open(log).read()
row = {"dataset": name, "run": label, "task": task, **json.loads(scores)}
estimate = re.search(r"Honest estimate: (\S+) (\S+) ± \S+ \(the selection's own figure: (\S+)\)", text)
if estimate:
    row.update(metric=estimate.group(1), estimate=float(estimate.group(2)), selection=float(estimate.group(3)))
threshold = re.search(r"Decision threshold (\S+):", text)
row["threshold"] = float(threshold.group(1)) if threshold else None
# Seconds into the job when the model was written and when every report was ("59 s", "1 min 2 s", "1 min").
def seconds(pattern):
    found = re.search(pattern, text)
    if not found:
        return None
    total = 0.0
    for amount, unit in re.findall(r"([0-9.]+) (min|s)\b", found.group(1)):
        total += float(amount) * (60 if unit == "min" else 1)
    return total
row["model_written"] = seconds(r"model written: .*\((.*) elapsed\)")
row["reports_written"] = seconds(r"reports written \((.*) elapsed\)")
print(json.dumps(row))
PY
}

for name in "${datasets[@]}"; do
  start=$(date +%s.%N)
  run "$automl" default "$name"
  echo "{\"dataset\": \"$name\", \"run\": \"wall\", \"task\": \"${tasks[$name]}\", \"seconds\": $(python3 -c "print($(date +%s.%N) - $start)")}" >> "$results"
  if [ "${tasks[$name]}" = binary ]; then
    run "$automl" auc "$name" --metric auc
    [ -z "${AUTOML_BASELINE:-}" ] || run "$AUTOML_BASELINE" baseline "$name"
  fi
done

python3 - "$results" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
by = {(r["dataset"], r["run"]): r for r in rows}
print("## Honest estimate against the test file (default metric)\n")
print("| dataset | metric | test | honest estimate | gap | selection's figure | gap |")
print("|---|---|---:|---:|---:|---:|---:|")
gaps_new, gaps_old = [], []
for r in rows:
    if r["run"] != "default" or "estimate" not in r:
        continue
    test = r[r["metric"]]
    new, old = r["estimate"] - test, r["selection"] - test
    # Signed so that positive means optimistic, whatever the metric's direction.
    sign = -1 if r["metric"] in ("rmse", "mae", "logloss", "mape") else 1
    scale = abs(test) if sign < 0 else 1
    gaps_new.append(sign * new / scale); gaps_old.append(sign * old / scale)
    print(f"| {r['dataset']} | {r['metric']} | {test:.4f} | {r['estimate']:.4f} | {new:+.4f} | {r['selection']:.4f} | {old:+.4f} |")
if gaps_new:
    mean = lambda xs: sum(xs) / len(xs)
    print(f"\nmean optimism (RMSE gaps relative to the test RMSE): honest estimate {mean(gaps_new):+.4f}, selection's figure {mean(gaps_old):+.4f}; "
          f"mean |gap|: {mean([abs(g) for g in gaps_new]):.4f} against {mean([abs(g) for g in gaps_old]):.4f}")
walls = {r["dataset"]: r["seconds"] for r in rows if r["run"] == "wall"}
timed = [r for r in rows if r["run"] == "default" and r.get("model_written") is not None and r.get("reports_written") is not None]
if timed:
    print("\n## Time spent on the reports after the model is written (default metric)\n")
    print("| dataset | model written (s) | reports written (s) | reports' share | run + predict + scoring wall (s) |")
    print("|---|---:|---:|---:|---:|")
    for r in timed:
        spent = r["reports_written"] - r["model_written"]
        print(f"| {r['dataset']} | {r['model_written']:.1f} | {r['reports_written']:.1f} | {100 * spent / r['reports_written']:.1f}% | {walls.get(r['dataset'], float('nan')):.1f} |")
rows = [r for r in rows if r["run"] != "wall"]
binary = sorted({r["dataset"] for r in rows if r["task"] == "binary"})
if binary:
    print("\n## Binary: default metric (F1 at each pipeline's threshold) against --metric auc, on the test file\n")
    print("| dataset | AUC default | AUC --metric auc | difference | F1 default (threshold) | F1 --metric auc (0.5) | F1 baseline |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in binary:
        d, a, b = by.get((name, "default")), by.get((name, "auc")), by.get((name, "baseline"))
        if not d or not a:
            continue
        base = f"{b['f1']:.4f}" if b else "–"
        print(f"| {name} | {d['auc']:.4f} | {a['auc']:.4f} | {d['auc'] - a['auc']:+.4f} | {d['f1']:.4f} ({d['threshold']}) | {a['f1']:.4f} | {base} |")
PY
