"""Peers of `automl run` on the shared datasets: FLAML AutoML and AutoGluon-Tabular (default preset)
with the same time budget, scikit-learn's HistGradientBoosting with its defaults and the linear
baseline of the shared datasets' peer scores, on the same fixed train/test splits, and the
test metric of automl's own predictions file, all scored by the same scikit-learn code.

Usage: python automl_peers.py DATASETS_DIR NAME TARGET TASK BUDGET_SECONDS AUTOML_PREDICTIONS.csv
Prints one JSON line: {"dataset", "metric", "automl", "flaml", "hgb", "linear", "autogluon", and the peers' seconds};
AUTOGLUON=0 leaves AutoGluon out.
"""
import json
import os
import sys
import time

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.metrics import accuracy_score, mean_squared_error, roc_auc_score


def load(directory, name, target):
    train = pd.read_csv(f"{directory}/{name}_train.csv")
    test = pd.read_csv(f"{directory}/{name}_test.csv")
    train = train[train[target].notna()]
    return train, test


def as_features(frame, target, categories):
    """Text columns as pandas categories (HistGradientBoosting's native categorical support); those
    with more than 250 levels (names, tickets), which it refuses, as their category codes."""
    x = frame.drop(columns=[target]).copy()
    for column in x.columns:
        if x[column].dtype == object or str(x[column].dtype) == "bool":
            values = pd.Categorical(x[column].astype("string"), categories=categories.get(column))
            if len(categories.get(column, [])) > 250:
                x[column] = np.where(values.codes >= 0, values.codes, np.nan)
            else:
                x[column] = values
    return x


def score(task, truth, predicted, probabilities=None, classes=None):
    if task == "binary":
        positive = classes[1]
        return roc_auc_score((truth == positive).astype(int), probabilities[:, 1])
    if task == "multiclass":
        return accuracy_score(truth.astype(str), np.asarray(predicted).astype(str))
    return float(np.sqrt(mean_squared_error(truth, predicted)))


def main():
    directory, name, target, task, budget, ours = sys.argv[1:7]
    budget = float(budget)
    train, test = load(directory, name, target)
    metric = {"binary": "auc", "multiclass": "accuracy", "regression": "rmse"}[task]
    truth = test[target]
    if task != "regression":
        classes = sorted(train[target].astype(str).unique())
        truth = truth.astype(str)
    else:
        classes = None

    # automl's predictions file: prediction, probability_<class>...
    predictions = pd.read_csv(ours, dtype={"prediction": str} if task != "regression" else None)
    if task == "binary":
        automl = score(task, truth, None, predictions[[f"probability_{c}" for c in classes]].to_numpy(), classes)
    elif task == "multiclass":
        automl = score(task, truth, predictions["prediction"].astype(str))
    else:
        automl = score(task, truth, predictions["prediction"].to_numpy())

    categories = {c: sorted(train[c].dropna().astype(str).unique()) for c in train.columns if train[c].dtype == object or str(train[c].dtype) == "bool"}
    x_train, x_test = as_features(train, target, categories), as_features(test, target, categories)
    y_train = train[target].astype(str) if task != "regression" else train[target]

    started = time.time()
    if task == "regression":
        hgb = HistGradientBoostingRegressor(categorical_features="from_dtype", random_state=0).fit(x_train, y_train)
        hgb_score = score(task, truth, hgb.predict(x_test))
    else:
        hgb = HistGradientBoostingClassifier(categorical_features="from_dtype", random_state=0).fit(x_train, y_train)
        hgb_score = score(task, truth, hgb.predict(x_test), hgb.predict_proba(x_test), list(hgb.classes_))
    hgb_seconds = time.time() - started

    from flaml import AutoML
    automl_peer = AutoML()
    flaml_metric = {"binary": "roc_auc", "multiclass": "accuracy", "regression": "rmse"}[task]
    flaml_task = "classification" if task != "regression" else "regression"
    started = time.time()
    automl_peer.fit(x_train, y_train, task=flaml_task, metric=flaml_metric, time_budget=budget, n_jobs=2, seed=0, verbose=0)
    flaml_seconds = time.time() - started
    if task == "binary":
        flaml_score = score(task, truth, None, automl_peer.predict_proba(x_test), [str(c) for c in automl_peer.classes_])
    else:
        flaml_score = score(task, truth, automl_peer.predict(x_test))
    linear_score = linear_baseline(task, train, test, target, y_train, truth)
    row = {"dataset": name, "metric": metric, "automl": automl, "flaml": flaml_score, "hgb": hgb_score, "linear": linear_score,
           "flaml_seconds": flaml_seconds, "hgb_seconds": hgb_seconds}
    if os.environ.get("AUTOGLUON", "1") != "0":
        row["autogluon"], row["autogluon_seconds"] = autogluon(task, train, test, target, truth, budget)
    print(json.dumps(row))


def linear_baseline(task, train, test, target, y_train, truth):
    """The shared datasets' linear baseline: median (numbers) or constant (labels) imputation,
    one-hot labels, standard scaling, then Ridge or LogisticRegression."""
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression, Ridge
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler
    x_train, x_test = train.drop(columns=[target]), test.drop(columns=[target])
    labels = [c for c in x_train.columns if x_train[c].dtype == object or str(x_train[c].dtype) == "bool"]
    numbers = [c for c in x_train.columns if c not in labels]
    for frame in (x_train, x_test):
        frame[labels] = frame[labels].astype(str)
    prepare = ColumnTransformer([
        ("numbers", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numbers),
        ("labels", make_pipeline(SimpleImputer(strategy="constant", fill_value="missing"), OneHotEncoder(handle_unknown="ignore")), labels),
    ])
    if task == "regression":
        model = make_pipeline(prepare, Ridge()).fit(x_train, y_train)
        return score(task, truth, model.predict(x_test))
    model = make_pipeline(prepare, LogisticRegression(max_iter=2000)).fit(x_train, y_train)
    return score(task, truth, model.predict(x_test), model.predict_proba(x_test), list(model.classes_))


def autogluon(task, train, test, target, truth, budget):
    """AutoGluon-Tabular with its default preset and the same time limit; (score, wall seconds)."""
    import tempfile
    from autogluon.tabular import TabularPredictor
    eval_metric = {"binary": "roc_auc", "multiclass": "accuracy", "regression": "root_mean_squared_error"}[task]
    frame = train.copy()
    if task != "regression":
        frame[target] = frame[target].astype(str)
    with tempfile.TemporaryDirectory() as path:
        started = time.time()
        predictor = TabularPredictor(label=target, eval_metric=eval_metric, problem_type=task, path=path, verbosity=0)
        predictor.fit(frame, time_limit=budget)
        seconds = time.time() - started
        x_test = test.drop(columns=[target])
        if task == "binary":
            probabilities = predictor.predict_proba(x_test)
            classes = [str(c) for c in probabilities.columns]
            return score(task, truth, None, probabilities.to_numpy(), classes), seconds
        return score(task, truth, predictor.predict(x_test)), seconds


if __name__ == "__main__":
    main()
