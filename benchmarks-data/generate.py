#!/usr/bin/env python3
"""Writes the benchmark CSV files into benchmarks-data/generated/ with fixed seeds.

numeric_1m_x50.csv  1,000,000 rows x 50 real columns (about 0.5 GB)
trees_1m_x50.csv    1,000,000 rows x 50 real features (2% missing) and two targets, `label` (0/1)
                    and `value` (real), a nonlinear function of 14 features plus noise; the
                    boosted-tree speed benchmark trains on it and on its first 100,000 rows
                    (trees_100k_x50.csv).
mixed_200k.csv      200,000 rows: numbers, strings of cardinality 3 .. 10,000, a boolean, a
                    date-time column, a quoted free-text column with commas; 5% of every column missing.

Usage: generate.py [numeric|mixed ...]   (default: all; existing files are kept)
Needs numpy and pyarrow (benchmarks-data/setup-venv.sh installs them).
"""
import csv
import os
import sys

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "generated")


def numeric(path, rows=1_000_000, cols=50, seed=20261121):
    rng = np.random.default_rng(seed)
    columns = {}
    for j in range(cols):
        scale = 10.0 ** rng.integers(-2, 4)
        values = rng.normal(loc=rng.normal() * scale, scale=scale, size=rows)
        columns[f"x{j}"] = np.round(values, 4)  # 4 decimals: realistic widths, not 17 digits
    pacsv.write_csv(pa.table(columns), path)


def trees(path, rows=1_000_000, cols=50, seed=4242):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(rows, cols))
    weights = rng.normal(size=10)
    value = x[:, :10] @ weights + 2 * np.sin(x[:, 10]) * x[:, 11] + (x[:, 12] > 0.5) * x[:, 13] * 3
    value += rng.normal(scale=1.0, size=rows)
    label = (value > np.median(value)).astype(int)
    x[rng.random(size=(rows, cols)) < 0.02] = np.nan
    columns = {f"x{j}": np.round(x[:, j], 4) for j in range(cols)}
    columns["label"] = label
    columns["value"] = np.round(value, 4)
    pacsv.write_csv(pa.table(columns), path)
    with open(path) as source, open(path.replace("trees_1m", "trees_100k").replace(".partial", ""), "w") as head:
        for k, line in enumerate(source):
            if k > 100_000:
                break
            head.write(line)


def mixed(path, rows=200_000, seed=7):
    rng = np.random.default_rng(seed)
    header = []
    data = []
    for j in range(6):
        header.append(f"num{j}")
        data.append([f"{v:.3f}" for v in rng.normal(100 * j, 10 + j, rows)])
    for j in range(3):
        header.append(f"count{j}")
        data.append([str(v) for v in rng.poisson(3 + 10 * j, rows)])
    for cardinality in (3, 10, 100, 1_000, 10_000):
        header.append(f"cat{cardinality}")
        labels = np.array([f"level_{k:05d}" for k in range(cardinality)])
        # Zipf-like frequencies, as real categories have.
        weights = 1.0 / np.arange(1, cardinality + 1)
        data.append(list(labels[rng.choice(cardinality, rows, p=weights / weights.sum())]))
    header.append("flag")
    data.append(list(np.where(rng.random(rows) < 0.3, "true", "false")))
    header.append("timestamp")
    base = np.datetime64("2019-01-01T00:00:00")
    stamps = base + rng.integers(0, 365 * 24 * 3600, rows).astype("timedelta64[s]")
    data.append([str(s).replace("T", " ") for s in stamps])
    header.append("comment")
    words = ["late", "fine, thanks", "broken", "needs \"review\"", "ok", "returned, refunded", "new"]
    data.append([words[k] + " " + words[(k * 3 + 1) % len(words)] for k in rng.integers(0, len(words), rows)])
    missing = rng.random((len(header), rows)) < 0.05
    with open(path, "w", newline="") as f:
        writer = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        writer.writerow(header)
        for i in range(rows):
            writer.writerow(["" if missing[j, i] else data[j][i] for j in range(len(header))])


def main():
    os.makedirs(OUT, exist_ok=True)
    wanted = sys.argv[1:] or ["numeric", "mixed"]
    for name, function, filename in [
        ("numeric", numeric, "numeric_1m_x50.csv"), ("mixed", mixed, "mixed_200k.csv"), ("trees", trees, "trees_1m_x50.csv"),
    ]:
        path = os.path.join(OUT, filename)
        if name in wanted and not os.path.exists(path):
            print(f"generating {path}", file=sys.stderr)
            function(path + ".partial")
            os.replace(path + ".partial", path)


if __name__ == "__main__":
    main()
