#!/usr/bin/env python3
"""Times ydata-profiling (minimal mode) on a CSV file: read with pandas, build the report, write HTML.

Usage: profile_benchmark.py FILE OUTPUT.html   (prints JSON: seconds, peak RSS in MB)
"""
import json
import resource
import sys
import time
import warnings

warnings.filterwarnings("ignore")
import pandas as pd  # noqa: E402
from ydata_profiling import ProfileReport  # noqa: E402

path, output = sys.argv[1], sys.argv[2]
started = time.perf_counter()
frame = pd.read_csv(path)
ProfileReport(frame, minimal=True, progress_bar=False).to_file(output)
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"tool": "ydata-profiling minimal", "file": path, "seconds": round(seconds, 3), "peak_mb": round(peak)}))
