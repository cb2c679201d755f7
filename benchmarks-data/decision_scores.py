"""Scores an `automl predict` file against a shared dataset's test file, with the standard library
only: ROC AUC (ties counted as half), F1 of the positive class at the labels automl wrote (the
second class in sorted order, as automl takes it), accuracy, RMSE.

Usage: python3 decision_scores.py TEST.csv TARGET TASK PREDICTIONS.csv
Prints one JSON line: {"auc", "f1", "accuracy"} (binary), {"accuracy"} (multiclass), {"rmse"}.
"""
import csv
import json
import math
import sys


def column(path, name):
    with open(path, newline="") as handle:
        return [row[name] for row in csv.DictReader(handle)]


def auc(positive, scores):
    """Mann-Whitney U over average ranks."""
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    ranks = [0.0] * len(scores)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    p = sum(positive)
    n = len(positive) - p
    return (sum(r for r, y in zip(ranks, positive) if y) - p * (p + 1) / 2) / (p * n)


def main():
    test, target, task, predictions = sys.argv[1:5]
    truth = column(test, target)
    predicted = column(predictions, "prediction")
    keep = [i for i, value in enumerate(truth) if value != ""]
    truth = [truth[i] for i in keep]
    predicted = [predicted[i] for i in keep]
    if task == "regression":
        error = [(float(t) - float(p)) ** 2 for t, p in zip(truth, predicted)]
        print(json.dumps({"rmse": math.sqrt(sum(error) / len(error))}))
        return
    accuracy = sum(t == p for t, p in zip(truth, predicted)) / len(truth)
    if task == "multiclass":
        print(json.dumps({"accuracy": accuracy}))
        return
    positive_class = sorted(set(truth))[1]
    probabilities = [float(v) for v in column(predictions, f"probability_{positive_class}")]
    probabilities = [probabilities[i] for i in keep]
    positive = [t == positive_class for t in truth]
    said = [p == positive_class for p in predicted]
    tp = sum(a and b for a, b in zip(positive, said))
    f1 = 2 * tp / (sum(positive) + sum(said)) if sum(positive) + sum(said) else 0.0
    print(json.dumps({"auc": auc(positive, probabilities), "f1": f1, "accuracy": accuracy}))


main()
