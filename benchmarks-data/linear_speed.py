"""Linear-model training speed of scikit-learn on a generated file (missing values filled with 0,
as automl's run does): LogisticRegression (lbfgs) for `label`, Ridge for `value`, defaults
otherwise. Prints one JSON line with fit seconds and peak memory.

Usage: linear_speed.py FILE TARGET TASK
"""
import json
import resource
import sys
import time

import pandas as pd
from sklearn.linear_model import LogisticRegression, Ridge


def main():
    path, target, task = sys.argv[1:4]
    frame = pd.read_csv(path, engine="pyarrow")
    other = "value" if target == "label" else "label"
    x = frame.drop(columns=[target, other]).fillna(0).to_numpy(dtype="float64")
    y = frame[target].to_numpy()
    del frame
    model = LogisticRegression() if task == "binary" else Ridge()
    start = time.perf_counter()
    model.fit(x, y)
    seconds = time.perf_counter() - start
    print(json.dumps({"tool": "sklearn", "task": task, "rows": len(y), "fit_seconds": seconds,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


if __name__ == "__main__":
    main()
