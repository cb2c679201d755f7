#!/usr/bin/env python3
"""CSV ingest, side by side: automl's CSVReader vs pandas.read_csv (C engine) vs pyarrow.csv.read_csv.

Every repetition of every tool runs in a fresh process and times only the read (not the start-up
or imports); peak RSS is the process's maximum resident set. Prints the medians, the ratios
automl/peer (< 1.0 means automl is faster or smaller), and writes the same as JSON.

Usage: ingest_benchmark.py AUTOML_BENCH_BINARY [--repeat N] FILE.csv ...
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

PEERS = {
    "pandas": """
import json, resource, sys, time
import pandas
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
t = time.perf_counter()
df = pandas.read_csv(sys.argv[1], engine="c", low_memory=False)
s = time.perf_counter() - t
print(json.dumps({"tool": "pandas " + pandas.__version__, "seconds": s, "rows": len(df), "columns": df.shape[1],
                  "baseline_rss_mb": base, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
""",
    "pyarrow": """
import json, resource, sys, time
import pyarrow, pyarrow.csv
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
t = time.perf_counter()
table = pyarrow.csv.read_csv(sys.argv[1])
s = time.perf_counter() - t
print(json.dumps({"tool": "pyarrow " + pyarrow.__version__, "seconds": s, "rows": table.num_rows, "columns": table.num_columns,
                  "baseline_rss_mb": base, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
""",
}


def run(command):
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("automl")
    parser.add_argument("files", nargs="+")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    report = []
    for path in args.files:
        size_mb = os.path.getsize(path) / 1e6
        runs = {"automl": [], "pandas": [], "pyarrow": []}
        # Interleave the tools so that machine noise hits all of them alike.
        for _ in range(args.repeat):
            runs["automl"].append(run([args.automl, path]))
            for name, code in PEERS.items():
                runs[name].append(run([sys.executable, "-c", code, path]))
        summary = {"file": os.path.basename(path), "size_mb": round(size_mb, 1)}
        for name, results in runs.items():
            summary[name] = {
                "tool": results[0]["tool"],
                "median_seconds": statistics.median(r["seconds"] for r in results),
                "median_peak_rss_mb": statistics.median(r["peak_rss_mb"] for r in results),
                "baseline_rss_mb": statistics.median(r["baseline_rss_mb"] for r in results),
                "rows": results[0]["rows"], "columns": results[0]["columns"],
            }
        for name in ("pandas", "pyarrow"):
            summary[f"time_ratio_vs_{name}"] = summary["automl"]["median_seconds"] / summary[name]["median_seconds"]
            summary[f"peak_rss_ratio_vs_{name}"] = summary["automl"]["median_peak_rss_mb"] / summary[name]["median_peak_rss_mb"]
        report.append(summary)
        print(f"\n{summary['file']} ({summary['size_mb']} MB, {summary['automl']['rows']} rows x {summary['automl']['columns']} columns), median of {args.repeat}:")
        print(f"  {'tool':<16}{'seconds':>10}{'MB/s':>9}{'peak RSS MB':>13}{'(at start)':>12}")
        for name in ("automl", "pandas", "pyarrow"):
            s = summary[name]
            print(f"  {s['tool']:<16}{s['median_seconds']:>10.3f}{size_mb / s['median_seconds']:>9.0f}{s['median_peak_rss_mb']:>13.0f}{s['baseline_rss_mb']:>12.0f}")
        print(f"  ratio automl/pandas:  time {summary['time_ratio_vs_pandas']:.2f}  peak memory {summary['peak_rss_ratio_vs_pandas']:.2f}")
        print(f"  ratio automl/pyarrow: time {summary['time_ratio_vs_pyarrow']:.2f}  peak memory {summary['peak_rss_ratio_vs_pyarrow']:.2f}")
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "generated", "ingest-results.json")
    with open(out, "w") as f:
        json.dump(report, f, indent=2)
    print(f"\nwritten: {out}")


if __name__ == "__main__":
    main()
