#!/usr/bin/env python3
"""Churn classifier in SageMaker script-mode style: runs unchanged under SageMaker or `automl tune`.

Hyperparameters arrive as --name value arguments (SageMaker passes them so too); the training data
comes from the `train` channel (SM_CHANNEL_TRAIN); the model goes to SM_MODEL_DIR. The script holds
out 20% of the training file and prints `validation:auc=<value>`, which the tuning job's metric
definition reads.
"""
import argparse
import csv
import os
import pickle

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split


def parse_args():
    parser = argparse.ArgumentParser()
    # scikit-learn's own defaults: what the script does when nobody tunes it.
    parser.add_argument("--learning_rate", type=float, default=0.1)
    parser.add_argument("--max_iter", type=int, default=100)
    parser.add_argument("--max_leaf_nodes", type=int, default=31)
    parser.add_argument("--min_samples_leaf", type=int, default=20)
    parser.add_argument("--l2_regularization", type=float, default=0.0)
    parser.add_argument("--max_features", type=float, default=1.0)
    parser.add_argument("--target", type=str, default="Exited")
    parser.add_argument("--drop", type=str, default="RowNumber,CustomerId,Surname")
    parser.add_argument("--model-dir", type=str, default=os.environ.get("SM_MODEL_DIR", "model"))
    parser.add_argument("--train", type=str, default=os.environ.get("SM_CHANNEL_TRAIN", "train.csv"))
    return parser.parse_args()


def load(path, target, drop):
    """Numeric columns as floats, text columns one-hot encoded (no pandas needed)."""
    with open(path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    columns = [c for c in rows[0].keys() if c != target and c not in drop]
    features, names = [], []
    for column in columns:
        values = [row[column] for row in rows]
        try:
            features.append(np.array([float(v) if v != "" else np.nan for v in values]))
            names.append(column)
        except ValueError:
            for level in sorted(set(values)):
                features.append(np.array([1.0 if v == level else 0.0 for v in values]))
                names.append(f"{column}={level}")
    labels = sorted({row[target] for row in rows})
    y = np.array([labels.index(row[target]) for row in rows])
    return np.column_stack(features), y, names


def main():
    args = parse_args()
    path = args.train if os.path.isfile(args.train) else os.path.join(args.train, "bank_churn_train.csv")
    x, y, _ = load(path, args.target, set(args.drop.split(",")))
    x_fit, x_valid, y_fit, y_valid = train_test_split(x, y, test_size=0.2, random_state=0, stratify=y)
    model = HistGradientBoostingClassifier(
        learning_rate=args.learning_rate,
        max_iter=args.max_iter,
        max_leaf_nodes=args.max_leaf_nodes,
        min_samples_leaf=args.min_samples_leaf,
        l2_regularization=args.l2_regularization,
        max_features=args.max_features,
        early_stopping=False,
        random_state=0,
    )
    model.fit(x_fit, y_fit)
    auc = roc_auc_score(y_valid, model.predict_proba(x_valid)[:, 1])
    print(f"validation:auc={auc:.6f}", flush=True)
    os.makedirs(args.model_dir, exist_ok=True)
    with open(os.path.join(args.model_dir, "model.pkl"), "wb") as handle:
        pickle.dump(model, handle)


if __name__ == "__main__":
    main()
