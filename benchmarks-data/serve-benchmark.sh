#!/usr/bin/env bash
# `automl serve` under load against the peer users would otherwise deploy: scikit-learn
# HistGradientBoosting behind Flask + gunicorn (2 workers; gunicorn's default sync workers, which
# SageMaker's scikit-learn container uses, and threaded gthread workers, 2 x 4 threads), on
# bank_churn (shared datasets), with wrk on loopback: single-row requests at 1, 16 and 64
# connections, and 1,000-row requests at 16, SECONDS each (default 10). automl serves an ensemble
# (the model of a 60 s default run; up to three seeds until one saves an ensemble) and a single
# gbdt pipeline (that ensemble's heaviest gbdt member, refitted alone with --candidate).
# wrk runs one thread (one core's worth of load generation; it drives 64 connections at tens of
# thousands of requests/s), so the servers have the other core and what wrk leaves. Prints
# requests/s, rows/s, p50/p99/p99.9 latency and the ratio to the faster peer, then each server's
# resident memory beside its model's size on disk.
# Usage: bash benchmarks-data/serve-benchmark.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
seconds=${1:-10}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
bash benchmarks-data/setup-venv.sh
swift build -c release --product automl >&2
automl="$root/.build/release/automl"
python="$root/benchmarks-data/.venv/bin/python"
train=${AUTOML_SHARED:-$root/../shared/datasets}/bank_churn_train.csv
test=${AUTOML_SHARED:-$root/../shared/datasets}/bank_churn_test.csv
out="$root/benchmarks-data/generated/serve-benchmark"
rm -rf "$out" && mkdir -p "$out"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT

# The final model is an ensemble only when one beats the best single pipeline: up to three seeds.
members() { python3 -c "import json; print(len(json.load(open('$1/manifest.json')).get('members') or []))"; }
for seed in 0 1 2; do
  rm -rf "$out/ensemble"
  "$automl" run "$train" --target Exited --time-limit 60s --seed "$seed" --job-name "ensemble-$seed" --output "$out/ensemble" --store "$out/store.sqlite" >"$out/ensemble.log" 2>&1
  [ "$(members "$out/ensemble/model")" -gt 1 ] && break
done
[ "$(members "$out/ensemble/model")" -gt 1 ] || echo "no run saved an ensemble: automl-ensemble below serves a single pipeline" >&2
# The single pipeline: the ensemble's heaviest gbdt member, refitted alone.
first=$(python3 -c "import json; ms = json.load(open('$out/ensemble/model/manifest.json'))['members']; g = [m for m in ms if m['algorithm'] == 'gbdt']; print(max(g, key=lambda m: m['weight'])['trial'] if g else '')")
if [ -n "$first" ]; then
  "$automl" run "$train" --target Exited --candidate "$out/ensemble/candidates/trial-$first.json" --job-name gbdt --output "$out/gbdt" --store "$out/store.sqlite" >"$out/gbdt.log" 2>&1
else
  "$automl" run "$train" --target Exited --time-limit 30s --algorithms gbdt --job-name gbdt --output "$out/gbdt" --store "$out/store.sqlite" >"$out/gbdt.log" 2>&1
fi
"$python" benchmarks-data/serve_peer.py train "$train" Exited "$out/peer.pkl"

# Bodies: the header and one test row; the header and 1,000 test rows (the target column kept:
# both servers ignore columns they were not trained on).
head -2 "$test" >"$out/one.csv"
head -1001 "$test" >"$out/thousand.csv"
cat >"$out/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/csv"
wrk.body = io.open(os.getenv("BODY")):read("*a")
function done(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.3f %.3f %.3f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA

wait_for() { for _ in $(seq 1 300); do curl -sf --noproxy '*' "http://127.0.0.1:$1/ping" >/dev/null && return 0; sleep 0.1; done; echo "server on $1 never answered /ping" >&2; exit 1; }
rss() { local total=0; for p in "$@"; do total=$((total + $(awk '/VmRSS/ {print $2}' "/proc/$p/status"))); done; echo "$((total / 1024)) MB"; }

"$automl" serve --model "$out/gbdt/model" --port 18081 --workers 2 >"$out/serve-gbdt.log" 2>&1 & pids+=($!)
"$automl" serve --model "$out/ensemble/model" --port 18082 --workers 2 >"$out/serve-ensemble.log" 2>&1 & pids+=($!)
(cd benchmarks-data && MODEL="$out/peer.pkl" exec "$root/benchmarks-data/.venv/bin/gunicorn" -w 2 -b 127.0.0.1:18083 serve_peer:app) >"$out/peer-sync.log" 2>&1 & pids+=($!)
(cd benchmarks-data && MODEL="$out/peer.pkl" exec "$root/benchmarks-data/.venv/bin/gunicorn" -w 2 -k gthread --threads 4 -b 127.0.0.1:18084 serve_peer:app) >"$out/peer-gthread.log" 2>&1 & pids+=($!)
wait_for 18081; wait_for 18082; wait_for 18083; wait_for 18084
describe() { python3 -c "import json; m = json.load(open('$1/manifest.json')); ms = m.get('members') or []; print(m['algorithm'] + (' of ' + ', '.join(x['algorithm'] + ' (trial ' + str(x['trial']) + ', weight ' + str(x['weight']) + ')' for x in ms) if len(ms) > 1 else ''))"; }
echo "automl-gbdt model: $(describe "$out/gbdt/model")"
echo "automl-ensemble model: $(describe "$out/ensemble/model")"

declare -A rps
printf '%-16s %-9s %5s %10s %10s %8s %8s %8s %7s\n' server body conns "req/s" "rows/s" "p50 ms" "p99 ms" "p99.9 ms" errors
for case in "one 1" "one 16" "one 64" "thousand 16"; do
  set -- $case; body=$1; conns=$2; rows=$([ "$body" = one ] && echo 1 || echo 1000)
  for server in automl-gbdt:18081 automl-ensemble:18082 peer-sync:18083 peer-gthread:18084; do
    name=${server%%:*}; port=${server##*:}
    line=$(BODY="$out/$body.csv" wrk -t1 -c"$conns" -d"${seconds}s" --timeout 10s -s "$out/post.lua" "http://127.0.0.1:$port/invocations" | grep '^RESULT')
    read -r _ r p50 p99 p999 errors <<<"$line"
    rps[$name-$body-$conns]=$r
    printf '%-16s %-9s %5s %10.1f %10.1f %8.3f %8.3f %8.3f %7s\n' "$name" "$body" "$conns" "$r" "$(python3 -c "print($r * $rows)")" "$p50" "$p99" "$p999" "$errors"
  done
  best=$(python3 -c "print(max(${rps[peer-sync-$body-$conns]}, ${rps[peer-gthread-$body-$conns]}))")
  for name in automl-gbdt automl-ensemble; do
    echo "  $name / faster peer requests/s ($body, $conns conns): $(python3 -c "print(f'{${rps[$name-$body-$conns]} / $best:.1f}x')")"
  done
done

peer_pids() { pgrep -f "gunicorn .*-b 127.0.0.1:$1" | tr '\n' ' '; }
sync_pids=$(peer_pids 18083); gthread_pids=$(peer_pids 18084)
echo "memory: automl-gbdt $(rss "${pids[0]}") (model $(du -sh "$out/gbdt/model" | cut -f1) on disk); automl-ensemble $(rss "${pids[1]}") (model $(du -sh "$out/ensemble/model" | cut -f1))"
echo "memory: peer-sync $(rss $sync_pids) over $(echo $sync_pids | wc -w) processes; peer-gthread $(rss $gthread_pids) over $(echo $gthread_pids | wc -w) processes (model $(du -sh "$out/peer.pkl" | cut -f1))"
