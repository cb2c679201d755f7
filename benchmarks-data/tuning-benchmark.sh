#!/usr/bin/env bash
# Tuning-engine benchmark (issue 5): sample efficiency on Branin, Hartmann6, Rosenbrock4, Ackley5
# against Optuna TPE, Optuna GPSampler and scikit-optimize gp_minimize; batches of 4; and the time to
# propose a point. Release build; every tool runs single-threaded (BLAS and OpenMP threads = 1) so
# the peers and automl get the same machine.
#
#   benchmarks-data/tuning-benchmark.sh            # SEEDS=10 EVALUATIONS=50 FUNCTIONS="branin ..." PEERS="tpe optuna-gp skopt-gp"
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
seeds="${SEEDS:-10}"
evaluations="${EVALUATIONS:-50}"
functions="${FUNCTIONS:-branin hartmann6 rosenbrock4 ackley5}"
peers="${PEERS:-tpe optuna-gp skopt-gp}"
out="${OUT:-$here/generated/tuning}"
regret="$out/regret"
mkdir -p "$regret"
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1

"$here/setup-venv.sh"
"$here/.venv/bin/pip" install --quiet optuna scikit-optimize torch
(cd "$root/Benchmarks" && swift build -c release --product TunerBenchmark >&2)
bench="$root/Benchmarks/.build/release/TunerBenchmark"

for f in $functions; do
  strategies="bayesian random"
  # Rosenbrock spans eight orders of magnitude: it is also run with the log transform a user would set.
  [ "$f" = rosenbrock4 ] && strategies="bayesian bayesian-log random"
  for s in $strategies; do "$bench" regret --function "$f" --strategy "$s" --seeds "$seeds" --evaluations "$evaluations" > "$regret/$f-$s.csv"; done
  batch_strategy=bayesian
  [ "$f" = rosenbrock4 ] && batch_strategy=bayesian-log
  "$bench" regret --function "$f" --strategy "$batch_strategy" --seeds "$seeds" --evaluations 48 --batch 4 > "$regret/$f-batch4.csv"
  for p in $peers; do "$here/.venv/bin/python" "$here/tuning_peers.py" regret "$f" "$p" "$seeds" "$evaluations" > "$regret/$f-$p.csv"; done
done
"$bench" overhead --observations 50,200,500,2000 --dimension 6 --repeats 7 --pending 0 > "$out/overhead-automl.csv"
"$bench" overhead --observations 50,200,500,2000 --dimension 6 --repeats 7 --pending 4 > "$out/overhead-automl-pending.csv"
for n in 50 200; do "$here/.venv/bin/python" "$here/tuning_peers.py" overhead "$n" 6 5; done > "$out/overhead-skopt.csv"

"$here/.venv/bin/python" "$here/tuning_summary.py" regret "$regret"/*.csv
"$here/.venv/bin/python" "$here/tuning_summary.py" overhead "$out/overhead-automl.csv" "$out/overhead-automl-pending.csv" "$out/overhead-skopt.csv"
