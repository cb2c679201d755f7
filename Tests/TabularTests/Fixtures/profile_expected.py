#!/usr/bin/env python3
"""Independent reference values for the profiler tests, computed with pandas and scipy.

Run from the repository root with the benchmark venv (bash benchmarks-data/setup-venv.sh):
    benchmarks-data/.venv/bin/python Tests/TabularTests/Fixtures/profile_expected.py
It reads ../shared/datasets/NAME.csv and writes profile_expected.json beside this script.
Definitions: std with n-1; pandas skew (adjusted Fisher-Pearson G1) and kurt (excess G2);
quantiles with linear interpolation; Pearson over pairwise-complete rows; Spearman as Pearson of
per-column average ranks; Cramér's V without bias correction (scipy.stats.contingency.association).
"""
import json
import pathlib

import numpy as np
import pandas as pd
from scipy.stats.contingency import association

HERE = pathlib.Path(__file__).resolve().parent
DATASETS = HERE.parents[2].parent / "shared" / "datasets"
NAMES = ["titanic", "adult", "bank_churn", "penguins", "wine_quality", "diamonds", "taxis",
         "california_housing", "ames_housing"]
LEVELS = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99]


def finite(x):
    return None if x is None or (isinstance(x, float) and not np.isfinite(x)) else float(x)


def dataset(name):
    frame = pd.read_csv(DATASETS / f"{name}.csv")
    numeric = [c for c in frame.columns
               if pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])]
    columns = {}
    for c in frame.columns:
        s = frame[c]
        entry = {"missing": int(s.isna().sum()), "distinct": int(s.nunique(dropna=True))}
        if c in numeric and s.notna().sum() > 0:
            v = s.dropna().astype(float)
            entry.update({
                "mean": float(v.mean()), "std": finite(v.std(ddof=1)), "min": float(v.min()),
                "max": float(v.max()), "skewness": finite(v.skew()), "kurtosis": finite(v.kurt()),
                "zeros": int((v == 0).sum()), "negatives": int((v < 0).sum()),
                "quantiles": [float(np.quantile(v, q)) for q in LEVELS],
            })
        columns[c] = entry
    pearson = frame[numeric].corr(method="pearson")
    spearman = frame[numeric].rank().corr(method="pearson")
    pairs = []
    for i, a in enumerate(numeric):
        for b in numeric[i + 1:]:
            pairs.append({"a": a, "b": b, "pearson": finite(pearson.loc[a, b]),
                          "spearman": finite(spearman.loc[a, b])})
    labels = [c for c in frame.columns
              if c not in numeric and frame[c].isna().sum() == 0 and 2 <= frame[c].nunique() <= 100]
    cramers = []
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            table = pd.crosstab(frame[a], frame[b]).to_numpy()
            cramers.append({"a": a, "b": b, "v": float(association(table, method="cramer"))})
    return {"rows": int(len(frame)), "duplicates": int(frame.duplicated().sum()), "columns": columns,
            "numeric_pairs": pairs, "cramers_v": cramers}


def main():
    result = {name: dataset(name) for name in NAMES}
    (HERE / "profile_expected.json").write_text(json.dumps(result, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
