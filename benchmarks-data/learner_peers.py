"""Peers of automl's built-in learners, with their library defaults, on the exact feature matrices
automl trained and tested on (written by LearnerBenchmark --export DIR: DIR/train.csv, DIR/test.csv,
last column = target). Prints one JSON line per peer with test metrics and fit seconds.

Usage: learner_peers.py ALGORITHM TASK DIR [THREADS] [SEED]
"""
import json
import sys
import time

import numpy as np
import pandas as pd
from sklearn import metrics


def load(path):
    frame = pd.read_csv(path)
    return frame.iloc[:, :-1].to_numpy(dtype=float), frame.iloc[:, -1].to_numpy(dtype=float)


def peers(algorithm, task, threads, seed=0):
    classification = task != "regression"
    if algorithm == "gbdt":
        import lightgbm
        import xgboost
        if classification:
            yield "xgboost", xgboost.XGBClassifier(tree_method="hist", n_jobs=threads, random_state=seed)
            yield "lightgbm", lightgbm.LGBMClassifier(n_jobs=threads, random_state=seed, verbose=-1)
        else:
            yield "xgboost", xgboost.XGBRegressor(tree_method="hist", n_jobs=threads, random_state=seed)
            yield "lightgbm", lightgbm.LGBMRegressor(n_jobs=threads, random_state=seed, verbose=-1)
    elif algorithm == "gbdt-lightgbm":
        import lightgbm
        model = lightgbm.LGBMClassifier if classification else lightgbm.LGBMRegressor
        yield "lightgbm", model(n_jobs=threads, random_state=seed, verbose=-1)
    elif algorithm == "linear":
        from sklearn.linear_model import LogisticRegression, Ridge
        if classification:
            yield "sklearn-logistic", LogisticRegression()
        else:
            yield "sklearn-ridge", Ridge()
    elif algorithm in ("random_forest", "extra_trees"):
        from sklearn import ensemble
        kind = "RandomForest" if algorithm == "random_forest" else "ExtraTrees"
        model = getattr(ensemble, kind + ("Classifier" if classification else "Regressor"))
        yield f"sklearn-{algorithm.replace('_', '-')}", model(n_jobs=threads, random_state=seed)
    elif algorithm == "knn":
        from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
        yield "sklearn-kneighbors", (KNeighborsClassifier if classification else KNeighborsRegressor)(n_jobs=threads)
    elif algorithm == "mlp":
        from sklearn.neural_network import MLPClassifier, MLPRegressor
        yield "sklearn-mlp", (MLPClassifier if classification else MLPRegressor)(random_state=seed)
        if not classification:
            # automl standardizes the target for training; this peer does the same.
            from sklearn.compose import TransformedTargetRegressor
            from sklearn.preprocessing import StandardScaler
            yield "sklearn-mlp-scaled-target", TransformedTargetRegressor(MLPRegressor(random_state=seed), transformer=StandardScaler())
    else:
        raise SystemExit(f"no peer for {algorithm}")


def scores(task, model, x, y):
    if task == "regression":
        predicted = model.predict(x)
        return {"rmse": float(np.sqrt(metrics.mean_squared_error(y, predicted))),
                "r2": float(metrics.r2_score(y, predicted)),
                "mae": float(metrics.mean_absolute_error(y, predicted))}
    probabilities = model.predict_proba(x)
    labels = np.arange(probabilities.shape[1])
    if probabilities.shape[1] == 2:
        auc = metrics.roc_auc_score(y, probabilities[:, 1])
    else:
        auc = metrics.roc_auc_score(y, probabilities, multi_class="ovr", average="macro", labels=labels)
    return {"auc": float(auc),
            "accuracy": float(metrics.accuracy_score(y, probabilities.argmax(axis=1))),
            "logloss": float(metrics.log_loss(y, probabilities, labels=labels))}


def main():
    algorithm, task, directory = sys.argv[1:4]
    threads = int(sys.argv[4]) if len(sys.argv) > 4 else 2
    seed = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    x_train, y_train = load(f"{directory}/train.csv")
    x_test, y_test = load(f"{directory}/test.csv")
    if task != "regression":
        y_train, y_test = y_train.astype(int), y_test.astype(int)
    for name, model in peers(algorithm, task, threads, seed):
        start = time.perf_counter()
        model.fit(x_train, y_train)
        seconds = time.perf_counter() - start
        print(json.dumps({"tool": name, "algorithm": algorithm, "task": task, "seed": seed, "fit_seconds": seconds,
                          **scores(task, model, x_test, y_test)}))


if __name__ == "__main__":
    main()
