"""Tree-ensemble training speed of one peer on a generated file. Boosted trees match automl's
settings: 100 rounds, depth 6, 255 bins, the given threads; LightGBM grows 31 leaves; the time
includes building the library's dataset (binning), as automl's fit includes its binning. Forests
(scikit-learn's random_forest / extra_trees) run with their defaults and n_jobs = threads. Prints
one JSON line with fit seconds and peak memory (the data load alone, then the whole run).

Usage: tree_speed.py FILE TARGET TASK PEER THREADS
    (TASK: binary|regression; PEER: xgboost|lightgbm|random_forest|extra_trees)
"""
import json
import resource
import sys
import time

import pandas as pd


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    path, target, task, peer, threads = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
    frame = pd.read_csv(path, engine="pyarrow")
    other = "value" if target == "label" else "label"
    x = frame.drop(columns=[target, other]).to_numpy(dtype="float64")
    y = frame[target].to_numpy()
    del frame
    data_mb = peak_mb()
    if peer == "xgboost":
        import xgboost
        params = {"tree_method": "hist", "max_depth": 6, "eta": 0.3, "max_bin": 256, "nthread": threads,
                  "objective": "binary:logistic" if task == "binary" else "reg:squarederror", "seed": 0}
        start = time.perf_counter()
        dtrain = xgboost.DMatrix(x, label=y, nthread=threads)
        xgboost.train(params, dtrain, num_boost_round=100)
    elif peer in ("random_forest", "extra_trees"):
        from sklearn import ensemble
        kind = "RandomForest" if peer == "random_forest" else "ExtraTrees"
        model = getattr(ensemble, kind + ("Classifier" if task == "binary" else "Regressor"))(n_jobs=threads, random_state=0)
        peer = f"sklearn-{peer}"
        start = time.perf_counter()
        model.fit(x, y)
    else:
        import lightgbm
        params = {"num_leaves": 31, "max_depth": -1, "learning_rate": 0.1, "max_bin": 255, "num_threads": threads,
                  "objective": "binary" if task == "binary" else "regression", "verbose": -1, "seed": 0}
        start = time.perf_counter()
        dtrain = lightgbm.Dataset(x, label=y)
        lightgbm.train(params, dtrain, num_boost_round=100)
    seconds = time.perf_counter() - start
    print(json.dumps({"tool": peer, "task": task, "rows": len(y), "fit_seconds": seconds,
                      "data_rss_mb": data_mb, "peak_rss_mb": peak_mb()}))


if __name__ == "__main__":
    main()
