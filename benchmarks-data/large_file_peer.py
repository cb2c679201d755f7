#!/usr/bin/env python3
"""Issue 21's large-file check, the peer side: splits trees_1m_x50.csv 80/20 (seeded; the `value`
column, a second target, is dropped), or scores automl's predictions and LightGBM with defaults on
the test part by ROC AUC.

Usage: large_file_peer.py split SOURCE TRAIN TEST
       large_file_peer.py score TRAIN TEST PREDICTIONS
"""
import json
import sys
import time

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv


def split(source, train_path, test_path):
    table = pacsv.read_csv(source).drop(["value"])
    mask = np.random.default_rng(0).random(table.num_rows) < 0.8
    pacsv.write_csv(table.filter(pa.array(mask)), train_path)
    pacsv.write_csv(table.filter(pa.array(~mask)), test_path)


def score(train_path, test_path, predictions_path):
    import lightgbm
    from sklearn.metrics import roc_auc_score

    train = pacsv.read_csv(train_path).to_pandas()
    test = pacsv.read_csv(test_path).to_pandas()
    ours = pacsv.read_csv(predictions_path).to_pandas()
    truth = test["label"].to_numpy()
    automl = roc_auc_score(truth, ours["probability_1"].to_numpy())
    started = time.time()
    model = lightgbm.LGBMClassifier(verbose=-1).fit(train.drop(columns=["label"]), train["label"])
    seconds = time.time() - started
    peer = roc_auc_score(truth, model.predict_proba(test.drop(columns=["label"]))[:, 1])
    print(json.dumps({"rows_train": len(train), "rows_test": len(test), "automl_auc": automl, "lightgbm_auc": peer, "lightgbm_fit_seconds": seconds}))


if __name__ == "__main__":
    if sys.argv[1] == "split":
        split(*sys.argv[2:5])
    else:
        score(*sys.argv[2:5])
