"""The peer of `automl serve`: scikit-learn HistGradientBoosting on the same training file, behind
Flask (run by gunicorn), answering POST /invocations with text/csv in and out as SageMaker's
scikit-learn serving container does. Train: `python serve_peer.py train TRAIN.csv TARGET MODEL.pkl`;
serve: `MODEL=MODEL.pkl gunicorn -w 2 -b 127.0.0.1:PORT serve_peer:app`."""
import io
import os
import pickle
import sys

import pandas as pd


def train(path, target, out):
    from sklearn.compose import ColumnTransformer
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OrdinalEncoder

    frame = pd.read_csv(path)
    y = frame.pop(target)
    # Text columns with more than 255 values (names, identifiers) are dropped: HistGradientBoosting's
    # categorical support stops at 255 categories.
    frame = frame[[c for c in frame.columns if frame[c].dtype != object or frame[c].nunique() <= 255]]
    text = [c for c in frame.columns if frame[c].dtype == object]
    encode = ColumnTransformer(
        [("text", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1, encoded_missing_value=-1), text)],
        remainder="passthrough", verbose_feature_names_out=False)
    model = Pipeline([("encode", encode), ("model", HistGradientBoostingClassifier(
        categorical_features=list(range(len(text))), random_state=0))])
    model.fit(frame, y)
    with open(out, "wb") as f:
        pickle.dump((model, list(frame.columns)), f)


if __name__ == "__main__" and sys.argv[1] == "train":
    train(sys.argv[2], sys.argv[3], sys.argv[4])
else:
    from flask import Flask, Response, request

    with open(os.environ["MODEL"], "rb") as f:
        MODEL, COLUMNS = pickle.load(f)
    app = Flask(__name__)

    @app.get("/ping")
    def ping():
        return Response(status=200)

    @app.post("/invocations")
    def invocations():
        frame = pd.read_csv(io.StringIO(request.get_data(as_text=True)))
        labels = MODEL.predict(frame[COLUMNS])
        return Response("\n".join(str(label) for label in labels) + "\n", mimetype="text/csv")
