#!/usr/bin/env bash
# The PostgreSQL store under many workers, against Optuna's RDBStorage on the same server in the
# same run (both from a throwaway server started by scripts/start-postgresql.sh, on loopback):
#  1. trial bookkeeping: 1, 4 and 8 worker processes asking for and telling zero-cost trials of a
#     6-D study with random sampling (so the store is measured, not the sampler), TRIALS per worker
#     (default 200): trials/s over the whole run and p50/p99 of ask and tell;
#  2. automl's Bayesian sampler with 8 workers to 200 and 1,000 trials in all (trials/s);
#  3. speed-up of a real job: `automl tune` with 32 trials of a 2 s script, run by 1, 2 and 4
#     processes (the job's own and `automl worker`s), wall time against the ideal 64 s / workers.
# Usage: bash benchmarks-data/store-benchmark.sh [TRIALS]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
trials=${1:-200}
bash benchmarks-data/setup-venv.sh
"$root/benchmarks-data/.venv/bin/pip" install --quiet optuna psycopg2-binary
python="$root/benchmarks-data/.venv/bin/python"
swift build -c release --product automl >&2
swift build -c release --package-path Benchmarks --product StoreBenchmark >&2
automl="$root/.build/release/automl"
bench="$root/Benchmarks/.build/release/StoreBenchmark"
admin=$(bash scripts/start-postgresql.sh 54330 /tmp/automl-benchmark-postgresql)
out="$root/benchmarks-data/generated/store-benchmark"
rm -rf "$out" && mkdir -p "$out"
database() { # a fresh database; prints its URL
  local name="bench_$(date +%s%N)"
  psql -q "$admin" -c "CREATE DATABASE $name" >/dev/null
  echo "${admin%/*}/$name"
}
# summarize NAME FILES...: trials/s over the run and ask/tell percentiles from the workers' CSVs.
summarize() {
  "$python" - "$@" <<'PY'
import sys, statistics
name, files = sys.argv[1], sys.argv[2:]
ask, tell, starts, ends = [], [], [], []
for f in files:
    for line in open(f):
        op, _, value = line.strip().partition(",")
        if op == "ask": ask.append(float(value))
        elif op == "tell": tell.append(float(value))
        elif op == "start": starts.append(float(value))
        elif op == "end": ends.append(float(value))
def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))]
seconds = (max(ends) - min(starts)) / 1000
print(f"{name:<28} {len(ask):>6} {len(ask) / seconds:>10.1f} {pct(ask, 50):>9.2f} {pct(ask, 99):>9.2f} {pct(tell, 50):>9.2f} {pct(tell, 99):>9.2f}")
print(f"RATE {len(ask) / seconds}", file=sys.stderr)
PY
}
declare -A rate
printf '%-28s %6s %10s %9s %9s %9s %9s\n' "case" trials "trials/s" "ask p50" "ask p99" "tell p50" "tell p99"
for workers in 1 4 8; do
  for side in automl optuna; do
    url=$(database)
    study="zero-$workers"
    # SQLAlchemy reads postgresql:// as psycopg 3; the venv has psycopg2.
    peer=${url/postgresql:/postgresql+psycopg2:}
    [ "$side" = optuna ] && "$python" -c "import optuna; optuna.logging.set_verbosity(optuna.logging.WARNING); optuna.create_study(study_name='$study', storage='$peer')"
    pids=()
    for k in $(seq 1 "$workers"); do
      if [ "$side" = automl ]; then
        "$bench" "$url" "$study" "$trials" random "$k" >"$out/$side-$workers-$k.csv" & pids+=($!)
      else
        "$python" benchmarks-data/store_peer.py "$peer" "$study" "$trials" "$k" >"$out/$side-$workers-$k.csv" & pids+=($!)
      fi
    done
    for p in "${pids[@]}"; do wait "$p"; done
    line=$(summarize "$side random, $workers workers" "$out/$side-$workers-"*.csv 2>"$out/rate")
    echo "$line"
    rate[$side-$workers]=$(sed 's/RATE //' "$out/rate")
  done
  echo "  automl / optuna trials/s with $workers workers: $("$python" -c "print(f'{${rate[automl-$workers]} / ${rate[optuna-$workers]}:.2f}x')")"
done
for total in 200 1000; do
  url=$(database)
  pids=()
  for k in $(seq 1 8); do "$bench" "$url" "bayes-$total" $((total / 8)) bayesian "$k" >"$out/bayes-$total-$k.csv" & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p"; done
  summarize "automl bayesian, 8 workers" "$out/bayes-$total-"*.csv 2>/dev/null
done

# 3. Speed-up of a real job.
cat >"$out/two-seconds.sh" <<'SH'
#!/bin/sh
sleep 2
awk -v x="$2" 'BEGIN { printf "loss=%.6f\n", (x - 0.3) * (x - 0.3) }'
SH
chmod +x "$out/two-seconds.sh"
echo
printf '%-8s %10s %10s %11s\n' workers "wall s" "ideal s" efficiency
for workers in 1 2 4; do
  url=$(database)
  start=$(date +%s.%N)
  "$automl" tune --range x:continuous:0:1 --metric "loss=loss=([0-9.]+)" --objective loss --goal minimize --max-trials 32 \
    --max-parallel 1 --job-name speedup --store "$url" --output "$out/speedup-$workers" -- "$out/two-seconds.sh" >"$out/speedup-$workers.log" 2>&1 &
  starter=$!
  pids=()
  for k in $(seq 2 "$workers"); do
    until psql -qtA "$url" -c "SELECT status FROM jobs WHERE name = 'speedup'" 2>/dev/null | grep -q InProgress; do sleep 0.05; done
    "$automl" worker --store "$url" --job speedup --parallel 1 >"$out/speedup-$workers-worker-$k.log" 2>&1 & pids+=($!)
  done
  wait "$starter"
  for p in "${pids[@]}"; do wait "$p"; done
  wall=$("$python" -c "import time; print(f'{time.time() - $start:.1f}')")
  completed=$(psql -qtA "$url" -c "SELECT COUNT(*) FROM trials WHERE study = 'speedup' AND status = 'completed'")
  printf '%-8s %10s %10.1f %10s%%   (%s trials completed)\n' "$workers" "$wall" "$((64 / workers))" "$("$python" -c "print(round(100 * $((64 / workers)) / $wall))")" "$completed"
done
