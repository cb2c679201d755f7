#!/usr/bin/env bash
# `automl serve` under load against the peer users would otherwise deploy: scikit-learn
# HistGradientBoosting behind Flask + gunicorn (2 workers), on bank_churn (shared datasets), with
# wrk on loopback: single-row requests at 1, 16 and 64 connections, and 1,000-row requests at 16,
# SECONDS each (default 10). automl serves a gbdt model and the model of a default run (an ensemble
# when one wins). Prints requests/s, rows/s, p50/p99/p99.9 latency and the ratio to the peer, then
# each server's resident memory beside its model's size on disk. wrk and the servers share the 2
# cores. Usage: bash benchmarks-data/serve-benchmark.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
seconds=${1:-10}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
bash benchmarks-data/setup-venv.sh
swift build -c release --product automl >/dev/null
automl="$root/.build/release/automl"
python="$root/benchmarks-data/.venv/bin/python"
train=${AUTOML_SHARED:-$root/../shared/datasets}/bank_churn_train.csv
test=${AUTOML_SHARED:-$root/../shared/datasets}/bank_churn_test.csv
out="$root/benchmarks-data/generated/serve-benchmark"
rm -rf "$out" && mkdir -p "$out"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT

"$automl" run "$train" --target Exited --time-limit 30s --algorithms gbdt --job-name gbdt --output "$out/gbdt" --store "$out/store.sqlite" >"$out/gbdt.log" 2>&1
"$automl" run "$train" --target Exited --time-limit 30s --job-name default --output "$out/default" --store "$out/store.sqlite" >"$out/default.log" 2>&1
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
"$automl" serve --model "$out/default/model" --port 18082 --workers 2 >"$out/serve-default.log" 2>&1 & pids+=($!)
(cd benchmarks-data && MODEL="$out/peer.pkl" exec "$root/benchmarks-data/.venv/bin/gunicorn" -w 2 -b 127.0.0.1:18083 serve_peer:app) >"$out/peer.log" 2>&1 & pids+=($!)
wait_for 18081; wait_for 18082; wait_for 18083
echo "default run's model: $(grep -o '"algorithm" *: *"[a-z_]*"' "$out/default/model/manifest.json" | head -1)"

declare -A rps
printf '%-16s %-9s %5s %10s %10s %8s %8s %8s %7s\n' server body conns "req/s" "rows/s" "p50 ms" "p99 ms" "p99.9 ms" errors
for case in "one 1" "one 16" "one 64" "thousand 16"; do
  set -- $case; body=$1; conns=$2; rows=$([ "$body" = one ] && echo 1 || echo 1000)
  for server in automl-gbdt:18081 automl-default:18082 peer-hgb:18083; do
    name=${server%%:*}; port=${server##*:}
    threads=$([ "$conns" = 1 ] && echo 1 || echo 2)
    line=$(BODY="$out/$body.csv" wrk -t"$threads" -c"$conns" -d"${seconds}s" -s "$out/post.lua" "http://127.0.0.1:$port/invocations" | grep '^RESULT')
    read -r _ r p50 p99 p999 errors <<<"$line"
    rps[$name-$body-$conns]=$r
    printf '%-16s %-9s %5s %10.1f %10.1f %8.3f %8.3f %8.3f %7s\n' "$name" "$body" "$conns" "$r" "$(python3 -c "print($r * $rows)")" "$p50" "$p99" "$p999" "$errors"
  done
  for name in automl-gbdt automl-default; do
    echo "  $name / peer-hgb requests/s ($body, $conns conns): $(python3 -c "print(f'{${rps[$name-$body-$conns]} / ${rps[peer-hgb-$body-$conns]}:.1f}x')")"
  done
done

gunicorn_pids=$(pgrep -f "gunicorn -w 2 -b 127.0.0.1:18083" | tr '\n' ' ')
echo "memory: automl-gbdt $(rss "${pids[0]}") (model $(du -sh "$out/gbdt/model" | cut -f1) on disk); automl-default $(rss "${pids[1]}") (model $(du -sh "$out/default/model" | cut -f1)); peer-hgb $(rss $gunicorn_pids) over $(echo $gunicorn_pids | wc -w) processes (model $(du -sh "$out/peer.pkl" | cut -f1))"
