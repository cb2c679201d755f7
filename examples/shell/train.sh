#!/bin/sh
# A training "script" in plain shell: reads its hyperparameters from --name value arguments,
# prints a loss per epoch, and lets the tuner read them with the regex in job.yaml.
# The loss is a made-up bowl with its minimum at rate=0.05, width=32, optimizer=adam.
rate=0.1; width=16; optimizer=sgd; epochs=5
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) rate=$2 ;;
    --width) width=$2 ;;
    --optimizer) optimizer=$2 ;;
    --epochs) epochs=$2 ;;
  esac
  shift 2
done
epoch=1
while [ "$epoch" -le "$epochs" ]; do
  awk -v r="$rate" -v w="$width" -v o="$optimizer" -v e="$epoch" -v n="$epochs" 'BEGIN {
    penalty = (o == "adam") ? 0 : 0.3
    base = (log(r / 0.05))^2 + ((w - 32) / 32)^2 + penalty
    printf "epoch %d: loss=%.6f\n", e, base + 1.0 / e
  }'
  epoch=$((epoch + 1))
done
