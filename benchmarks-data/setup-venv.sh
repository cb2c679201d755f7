#!/usr/bin/env bash
# Creates benchmarks-data/.venv with the peer tools the benchmarks compare against (from PyPI).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -x "$here/.venv/bin/python" ]; then
  python3 -m venv "$here/.venv"
fi
"$here/.venv/bin/pip" install --quiet --upgrade pip
"$here/.venv/bin/pip" install --quiet numpy pandas pyarrow scipy ydata-profiling scikit-learn xgboost lightgbm flask gunicorn "setuptools<81"
# ydata-profiling 4.x imports pkg_resources, which setuptools 81 removed.
