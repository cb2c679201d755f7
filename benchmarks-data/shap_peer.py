"""TreeSHAP speed of the `shap` package on the XGBoost model equivalent to automl's: binary
logistic, 100 rounds, depth 6, 256 bins (hist), trained on the same generated file's numeric
columns; times TreeExplainer.shap_values on the first ROWS rows and checks additivity against the
model's raw margin. Prints one JSON line.

Usage: shap_peer.py FILE TARGET DROP ROWS
"""
import json
import sys
import time

import numpy as np
import pandas as pd
import shap
import xgboost as xgb


def main():
    path, target, drop, rows = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    frame = pd.read_csv(path, engine="pyarrow")
    x = frame.drop(columns=[target, drop]).to_numpy(dtype="float64")
    y = frame[target].to_numpy()
    start = time.perf_counter()
    model = xgb.XGBClassifier(n_estimators=100, max_depth=6, learning_rate=0.3, tree_method="hist", max_bin=256, n_jobs=2)
    model.fit(x, y)
    fit = time.perf_counter() - start
    probe = x[:rows]
    explainer = shap.TreeExplainer(model)
    start = time.perf_counter()
    values = explainer.shap_values(probe)
    seconds = time.perf_counter() - start
    margin = model.predict(probe, output_margin=True)
    error = float(np.max(np.abs(values.sum(axis=1) + explainer.expected_value - margin)))
    print(json.dumps({"tool": "shap", "shap_version": shap.__version__, "rows": rows, "features": x.shape[1], "trees": 100,
                      "fit_seconds": fit, "shap_seconds": seconds, "max_additivity_error": error}))


main()
