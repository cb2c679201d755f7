#!/usr/bin/env bash
# Kill -9 soak: kills `automl tune` and `automl run` at random moments and resumes them.
#
#   scripts/kill-soak.sh [KILLS_PER_KIND=20] [SEED=1]
#
# For each kind, KILLS_PER_KIND jobs are started, killed with SIGKILL after a random delay, and
# resumed with `--resume` (a job killed before the store recorded it is started again instead).
# Reported per kind: resumes succeeded / tried, trials lost (a trial finished before the kill that
# is missing or changed after the resume), trials duplicated (more trials than the budget, or two
# processes of one trial alive at once, which the trial script detects with a pid lock), and
# processes left behind once everything has ended. Target: 20/20, 0, 0, 0. Not a test: it takes
# about 15 minutes on 2 cores. Needs sqlite3 and a release build (built here).
set -euo pipefail
kills=${1:-20}
RANDOM=${2:-1}
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${AUTOML_SHARED:-$root/../shared/datasets}
(cd "$root" && swift build -c release --product automl >/dev/null)
automl="$root/.build/release/automl"
work=$(mktemp -d /tmp/automl-soak.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"
store="$work/soak.sqlite"

# The trial script: a pid lock per trial number catches two live processes of one trial.
mkdir -p locks
cat > trial.sh <<'SCRIPT'
#!/bin/sh
n=$AUTOML_TRIAL_NUMBER
lock="$SOAK_DIR/locks/$AUTOML_JOB-$n"
# Alive means a process that is not a zombie (a killed trial awaiting its reaper is not running).
if [ -f "$lock" ]; then
  old=$(cat "$lock")
  if [ -r "/proc/$old/status" ] && ! grep -q '^State:[[:space:]]*[ZX]' "/proc/$old/status" && tr '\0' '\n' < "/proc/$old/environ" 2>/dev/null | grep -qx "AUTOML_JOB=$AUTOML_JOB"; then
    echo "$AUTOML_JOB trial $n: process $old still runs" >> "$SOAK_DIR/duplicates.log"
  fi
fi
echo $$ > "$lock"
sleep "0.$(( ($$ % 9) + 1 ))"
awk -v x="$2" 'BEGIN { printf "loss=%.6f\n", (x - 0.3) * (x - 0.3) }'
SCRIPT
chmod +x trial.sh
export SOAK_DIR="$work"
: > duplicates.log

finished() { sqlite3 "$store" "SELECT number || ':' || value FROM trials WHERE study = '$1' AND status IN ('completed','failed','stopped') ORDER BY number" 2>/dev/null || true; }
count() { sqlite3 "$store" "SELECT COUNT(*) || ' ' || COUNT(DISTINCT number) FROM trials WHERE study = '$1'" 2>/dev/null || echo "0 0"; }
status() { sqlite3 "$store" "SELECT status FROM jobs WHERE name = '$1'" 2>/dev/null || true; }

soak() {
  local kind=$1 budget=$2 maxdelay=$3
  local tried=0 succeeded=0 lost=0 duplicated=0 restarted=0 completed=0
  for i in $(seq 1 "$kills"); do
    local name="$kind-$i"
    local start
    if [ "$kind" = tune ]; then
      start=("$automl" tune --range x:continuous:0:1 --metric 'loss=loss=([0-9.]+)' --objective loss --goal minimize
             --max-trials "$budget" --max-parallel 2 --job-name "$name" --store "$store" -- ./trial.sh)
    else
      start=("$automl" run "$shared/titanic_train.csv" --target survived --time-limit 60s --max-candidates "$budget"
             --parallel 2 --algorithms linear,knn,gbdt --job-name "$name" --store "$store" --output "runs/$name")
    fi
    "${start[@]}" > "$name.log" 2>&1 &
    local pid=$!
    sleep "$(( RANDOM % maxdelay )).$(( RANDOM % 10 ))"
    # A kill that comes after the job completed tests nothing: such a job is counted apart.
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    local before
    before=$(finished "$name")
    case "$(status "$name")" in
      "") restarted=$((restarted + 1)); "${start[@]}" >> "$name.log" 2>&1 || true; continue ;;
      Completed) completed=$((completed + 1)); continue ;;
    esac
    tried=$((tried + 1))
    if "$automl" "$kind" --resume "$name" --store "$store" >> "$name.log" 2>&1; then succeeded=$((succeeded + 1)); else echo "resume failed: $name (log: $name.log)" >&2; tail -3 "$name.log" >&2; fi
    local after
    after=$(finished "$name")
    for entry in $before; do
      if ! grep -qx -- "$entry" <<< "$after"; then lost=$((lost + 1)); fi
    done
    read -r rows distinct <<< "$(count "$name")"
    if [ "$rows" -gt "$budget" ] || [ "$rows" -ne "$distinct" ]; then duplicated=$((duplicated + rows - distinct + (rows > budget ? rows - budget : 0))); fi
  done
  local twice
  twice=$(grep -c "^$kind-" duplicates.log || true)
  echo "$kind: resumes succeeded $succeeded/$tried; trials lost $lost; trials duplicated $((duplicated + twice)); killed before the job was recorded (started again) $restarted; ended before the kill $completed"
}

soak tune 16 4
soak run 30 12
sleep 1
# Every process the soak started carries SOAK_DIR in its environment (automl and its trials).
left=0
for proc in /proc/[0-9]*; do
  pid=${proc#/proc/}
  [ "$pid" = "$$" ] && continue
  if grep -qz "^SOAK_DIR=$work\$" "$proc/environ" 2>/dev/null; then left=$((left + 1)); echo "left behind: $(tr '\0' ' ' < "$proc/cmdline" 2>/dev/null)" >&2; fi
done
echo "processes left behind: $left"
