"""Benchmark inputs: N synthetic municipalities written once per (N, profile) and reused.

The files come from the project's own generator (``synthetic_region`` +
``write_example_data``), with the synthetic region's ``region.toml`` in the inputs folder
(as ``demo-data --municipalities`` writes it), where ``run`` and ``validate`` find it.
A finished corpus is marked by ``READY`` (holding the generator's version), so an
interrupted generation is redone instead of benchmarked half-written.
"""

from __future__ import annotations

import hashlib
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from parthe_reports.demo.data import synthetic_region, write_example_data
from parthe_reports.demo.region_file import write_region_file
from parthe_reports.paths import INPUTS, REGION_CONFIG
from parthe_reports.region import load_region

DATA_DIR = Path(__file__).resolve().parent / ".data"
PROFILES = {"normal": 1, "large": 10}  # profile → demo_data row scale
_GENERATOR = (
    "demo/data.py",
    "demo/regional.py",
    "demo/content.py",
    "demo/region_file.py",
    "workbooks/template.py",
)


@dataclass(frozen=True)
class Corpus:
    """One generated input folder: ``inputs/`` (workbooks) and ``region.toml``."""

    n: int
    profile: str
    root: Path
    generated_s: float | None  # seconds to generate now; None: reused from the cache

    @property
    def inputs(self) -> Path:
        return self.root / "inputs"

    @property
    def region_config(self) -> Path:
        return self.inputs / "region.toml"

    def workbooks(self) -> list[Path]:
        """Every workbook of the corpus (municipal ones first, then the Verbund-Workbook)."""
        return [*sorted((self.inputs / "kommunen").glob("*.xlsx")), self.inputs / "verbund.xlsx"]

    def megabytes(self) -> float:
        return sum(p.stat().st_size for p in self.workbooks()) / 1024**2


def _generator_version() -> str:
    import parthe_reports

    pkg = Path(parthe_reports.__file__).parent
    h = hashlib.sha256()
    for name in _GENERATOR:
        p = pkg / name
        if p.exists():
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def corpus(n: int, profile: str = "normal", data_dir: Path = DATA_DIR) -> Corpus:
    """The corpus for ``n`` municipalities, generated now unless a finished one is cached."""
    root = data_dir / f"{profile}-n{n}"
    ready = root / "READY"
    version = _generator_version()
    if ready.exists() and ready.read_text().strip() == version:
        return Corpus(n, profile, root, None)
    shutil.rmtree(root, ignore_errors=True)
    start = time.perf_counter()
    region = synthetic_region(n, load_region())
    # The region file beside the workbooks, as `demo-data --municipalities` writes it: the
    # command finds it there without --region, exactly as a user's load test does.
    write_region_file(region, REGION_CONFIG, root / "inputs")
    write_example_data(root / "inputs", region, scale=PROFILES[profile], example=False)
    ready.write_text(version)
    return Corpus(n, profile, root, time.perf_counter() - start)


def example_corpus(data_dir: Path = DATA_DIR) -> Corpus:
    """The example data (``inputs/`` and the project's region) copied afresh: what a new user runs."""
    region = load_region()
    root = data_dir / "example"
    shutil.rmtree(root, ignore_errors=True)
    start = time.perf_counter()
    shutil.copytree(INPUTS, root / "inputs")
    write_region_file(region, REGION_CONFIG, root / "inputs")
    (root / "READY").write_text("example")
    return Corpus(len(region.municipalities), "example", root, time.perf_counter() - start)


def corpus_for(n: int, profile: str = "normal", data_dir: Path = DATA_DIR) -> Corpus:
    """N = the example region's size (6) with the normal profile: the example data; else synthetic."""
    if profile == "normal" and n == len(load_region().municipalities):
        return example_corpus(data_dir)
    return corpus(n, profile, data_dir)
