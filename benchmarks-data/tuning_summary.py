"""Tables for the tuning benchmark: median and interquartile range of log10 simple regret.

  python tuning_summary.py regret FILE.csv...      (rows: function,method,seed,evaluation,regret)
  python tuning_summary.py overhead OURS.csv OURS_4_PENDING.csv PEER.csv
"""
import csv
import math
import statistics
import sys
from collections import defaultdict

FLOOR = 1e-12  # a regret of exactly 0 is shown as log10 = -12


def quartiles(values):
    values = sorted(values)
    q = statistics.quantiles(values, n=4, method="inclusive") if len(values) > 1 else [values[0]] * 3
    return q[0], statistics.median(values), q[2]


def regret(paths):
    traces = defaultdict(dict)  # (function, method) -> seed -> {evaluation: regret}
    for path in paths:
        with open(path) as handle:
            for function, method, seed, evaluation, value in csv.reader(handle):
                traces[(function, method)].setdefault(seed, {})[int(evaluation)] = float(value)
    functions = sorted({f for f, _ in traces}, key=["branin", "hartmann6", "rosenbrock4", "ackley5"].index)
    print("| function | method | seeds | log10 regret @10 | @25 | @48 | @50 |")
    print("|---|---|---:|---|---|---|---|")
    medians = defaultdict(dict)
    for function in functions:
        for (f, method), seeds in sorted(traces.items()):
            if f != function:
                continue
            cells = []
            for at in (10, 25, 48, 50):
                logs = [math.log10(max(s[at], FLOOR)) for s in seeds.values() if at in s]
                if not logs:
                    cells.append("")
                    continue
                low, mid, high = quartiles(logs)
                medians[function].setdefault(method, {})[at] = mid
                cells.append(f"{mid:.2f} [{low:.2f}, {high:.2f}]")
            print(f"| {function} | {method} | {len(seeds)} | " + " | ".join(cells) + " |")
    print()
    print("median log10 regret at the end (50; batches of 4: 48), by function:")
    for function in functions:
        row = medians[function]
        ends = {m: v.get(50, v.get(48)) for m, v in row.items()}
        print(f"  {function}: " + ", ".join(f"{m} {ends[m]:.2f}" for m in sorted(ends, key=lambda m: ends[m])))
        for method in sorted(row):
            batched = method + "-batch4"
            if batched in row and 48 in row[method] and 48 in row[batched]:
                seq, par = row[method][48], row[batched][48]
                print(f"    {method}: batches of 4 vs sequential at 48: {par:.2f} vs {seq:.2f}"
                      f" (difference {abs(par - seq) / max(abs(seq), 1e-9) * 100:.0f}% of the sequential log10 regret)")


def overhead(plain_path, pending_path, peer_path):
    """automl's proposal times (CSV: observations,dimension,repeat,steady,cold) without and with 4
    pending trials, beside scikit-optimize's (one cold proposal, no pending trials)."""
    def ours(path):
        steady, cold = defaultdict(list), defaultdict(list)
        with open(path) as handle:
            for count, _, _, a, b in csv.reader(handle):
                steady[int(count)].append(float(a))
                cold[int(count)].append(float(b))
        return steady, cold

    plain_steady, plain_cold = ours(plain_path)
    pending_steady, pending_cold = ours(pending_path)
    peer = defaultdict(list)
    with open(peer_path) as handle:
        for _, count, dimension, _, seconds in csv.reader(handle):
            peer[int(count)].append(float(seconds))
    print("Median ms per proposal, 6-D. Steady: the 2nd to 10th of ten proposals in a row by one sampler; cold: the first.")
    print()
    print("| observations | automl steady | automl cold | automl steady, 4 pending | automl cold, 4 pending | scikit-optimize (cold) | skopt / automl cold |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for count in sorted(plain_steady):
        ms = lambda values: statistics.median(values) * 1000
        theirs = ms(peer[count]) if count in peer else None
        ratio = f"{theirs / ms(plain_cold[count]):.1f}x" if theirs else ""
        print(f"| {count} | {ms(plain_steady[count]):.1f} | {ms(plain_cold[count]):.1f} | {ms(pending_steady[count]):.1f} | "
              f"{ms(pending_cold[count]):.1f} | {'' if theirs is None else f'{theirs:.0f}'} | {ratio} |")


if __name__ == "__main__":
    if sys.argv[1] == "regret":
        regret(sys.argv[2:])
    elif sys.argv[1] == "overhead":
        overhead(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        raise SystemExit(__doc__)
