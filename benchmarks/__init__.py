"""Benchmarks: `python -m benchmarks.<module>` prints figures and ratios in one run."""
