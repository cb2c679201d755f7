"""Prints automl's time and peak memory as ratios of a peer's, from two JSON result lines.

Usage: ratio.py OURS_JSON THEIRS_JSON NAME
"""
import json
import sys

ours, theirs, name = json.loads(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3]
print(f"ratio automl/{theirs['tool']} on {name} {ours['task']}: time {ours['fit_seconds'] / theirs['fit_seconds']:.2f}, "
      f"peak memory {ours['peak_rss_mb'] / theirs['peak_rss_mb']:.2f}")
