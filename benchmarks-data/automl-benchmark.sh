#!/usr/bin/env bash
# Issue 6's measurement: `automl run --time-limit 60s --parallel 2` then `automl predict` on every
# shared dataset, beside FLAML AutoML(time_budget=60), AutoGluon-Tabular (default preset,
# time_limit=60), scikit-learn HistGradientBoosting defaults and the linear baseline, on the same
# fixed splits; test AUC (binary), accuracy (multiclass) or RMSE (regression), and the
# wall time of each automl job against the time allowed (limit + 5%).
# Usage: bash benchmarks-data/automl-benchmark.sh [SECONDS] [DATASET ...]
# PEER_SECONDS=60 gives FLAML and AutoGluon their own budget (issue 21: automl at 15 s beside FLAML at 60 s).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
budget=${1:-60}
shift || true
peer_budget=${PEER_SECONDS:-$budget}
venv="$root/benchmarks-data/.venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c "import flaml, pandas, sklearn" 2>/dev/null || "$venv/bin/pip" install --quiet "flaml[automl]" pandas scikit-learn
# AutoGluon-Tabular without its neural networks (as the shared datasets' peer scores were made);
# AUTOGLUON=0 leaves it out.
[ "${AUTOGLUON:-1}" = 0 ] || "$venv/bin/python" -c "import autogluon.tabular" 2>/dev/null \
  || "$venv/bin/pip" install --quiet "autogluon.tabular[lightgbm,xgboost,catboost]"
swift build -c release --product automl >&2
source "$root/benchmarks-data/shared-datasets.sh"
out="$root/benchmarks-data/generated/automl-benchmark"
mkdir -p "$out"
results="$out/results.jsonl"
: > "$results"
datasets=("$@")
[ ${#datasets[@]} -gt 0 ] || datasets=("${all_datasets[@]}")
declare -A metrics=([binary]=auc [multiclass]=accuracy [regression]=rmse)
for name in "${datasets[@]}"; do
  target=${targets[$name]}; task=${tasks[$name]}
  job="$out/$name"
  rm -rf "$job" "$out/$name.sqlite"
  start=$(date +%s.%N)
  "$root/.build/release/automl" run "$data/${name}_train.csv" --target "$target" --time-limit "${budget}s" --parallel 2 \
    --metric "${metrics[$task]}" --problem-type "$task" --job-name "$name" --output "$job" --store "$out/$name.sqlite" > "$out/$name.log" 2>&1
  end=$(date +%s.%N)
  "$root/.build/release/automl" predict --model "$job/model" --input "$data/${name}_test.csv" --output "$job/predictions.csv" >/dev/null
  line=$("$venv/bin/python" "$root/benchmarks-data/automl_peers.py" "$data" "$name" "$target" "$task" "$peer_budget" "$job/predictions.csv" 2>>"$out/$name.log")
  echo "$line" | "$venv/bin/python" -c "
import json, sys
row = json.loads(sys.stdin.read()); row['automl_seconds'] = $end - $start; row['allowed_seconds'] = max($budget * 1.05, $budget + 5)
row['automl_budget'] = $budget; row['flaml_budget'] = $peer_budget
print(json.dumps(row))" | tee -a "$results"
done
"$venv/bin/python" - "$results" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
print(f"automl at {rows[0]['automl_budget']} s, FLAML and AutoGluon at {rows[0]['flaml_budget']} s" if rows else "no rows")
print("| dataset | metric | automl | FLAML | AutoGluon | HGB defaults | linear | vs FLAML | vs AutoGluon | vs baselines (1%) | automl wall s (allowed) |")
print("|---|---|---:|---:|---:|---:|---:|---|---|---|---:|")
counts = {"flaml": 0, "autogluon": 0, "baselines": 0}
def at_least(r, peer):
    higher = r["metric"] != "rmse"
    return r["automl"] >= r[peer] if higher else r["automl"] <= r[peer]
def within(r, peer):
    # "never more than 1% worse", relative to the baseline's score
    higher = r["metric"] != "rmse"
    return r["automl"] >= r[peer] * 0.99 if higher else r["automl"] <= r[peer] * 1.01
for r in rows:
    vs_flaml = at_least(r, "flaml")
    vs_ag = at_least(r, "autogluon") if "autogluon" in r else None
    misses = [b for b in ("hgb", "linear") if b in r and not within(r, b)]
    counts["flaml"] += vs_flaml; counts["autogluon"] += bool(vs_ag); counts["baselines"] += not misses
    ag = f"{r['autogluon']:.4f}" if "autogluon" in r else "–"
    print(f"| {r['dataset']} | {r['metric']} | {r['automl']:.4f} | {r['flaml']:.4f} | {ag} | {r['hgb']:.4f} | {r.get('linear', float('nan')):.4f} "
          f"| {'≥' if vs_flaml else '<'} | {'–' if vs_ag is None else ('≥' if vs_ag else '<')} | {'ok' if not misses else '>1% worse than ' + ', '.join(misses)} "
          f"| {r['automl_seconds']:.1f} ({r['allowed_seconds']:.0f}) |")
n = len(rows)
print(f"at least as good as FLAML on {counts['flaml']}/{n}, as AutoGluon on {counts['autogluon']}/{n}; within 1% of both baselines (HGB defaults, linear) on {counts['baselines']}/{n}")
PY
