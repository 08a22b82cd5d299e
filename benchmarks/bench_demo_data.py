"""Writing synthetic example workbooks at scale: ``python -m benchmarks.bench_demo_data``.

Prints seconds per municipal workbook and the extrapolated time for 1,000 of them,
for the normal (scale 1) and the large (scale 10) row profile.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from parthe_reports.demo.data import synthetic_region, write_example_data
from parthe_reports.region import load_region


def measure(n: int, scale: int) -> float:
    """Seconds per workbook for ``n`` synthetic municipalities at ``scale``."""
    region = synthetic_region(n, load_region())
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        write_example_data(Path(tmp), region, scale=scale)
        return (time.perf_counter() - start) / (n + 1)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    for scale in (1, 10):
        per = measure(n, scale)
        print(
            f"demo-data scale {scale:>2}: {per * 1000:6.1f} ms/workbook "
            f"(n={n}) → ≈ {per * 1000:.0f} s for 1,000 municipalities"
        )


if __name__ == "__main__":
    main()
