"""Benchmark inputs: N synthetic municipalities written once per (N, profile) and reused.

The files come from the project's own generator (``demo_data.synthetic_region`` +
``write_example_data``); the synthetic region is also written as a ``region.toml`` so the
pipeline and the Prefect flow load exactly the region the workbooks were made for.
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
from parthe_reports.region import Region, load_region

DATA_DIR = Path(__file__).resolve().parent / ".data"
PROFILES = {"normal": 1, "large": 10}  # profile → demo_data row scale
_GENERATOR = ("demo_data.py", "demo_data_regional.py", "demo_content.py", "xlsx_template.py")


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
        return self.root / "region.toml"

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


def _toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def region_toml(region: Region) -> str:
    """The region as a ``region.toml`` text that ``load_region`` reads back unchanged."""
    lines = [
        f"{k} = {_toml_str(getattr(region, k))}" for k in ("name", "full_name", "district", "state")
    ]
    lines.append("topics = [" + ", ".join(map(_toml_str, region.topics)) + "]")
    lines.append(
        "guiding_questions = [" + ", ".join(map(_toml_str, region.guiding_questions)) + "]"
    )
    for m in region.municipalities:
        lines += ["", "[[municipalities]]"]
        lines += [f"{k} = {_toml_str(getattr(m, k))}" for k in ("code", "name", "kind", "ags")]
        if m.population is not None:
            lines.append(f"population = {m.population}")
        if m.area_km2 is not None:
            lines.append(f"area_km2 = {m.area_km2}")
    lines += ["", "[schedules]"] + [f"{k} = {_toml_str(v)}" for k, v in region.schedules.items()]
    lines += ["", "[retention]", f"keep_last_runs = {region.keep_last_runs}"]
    d = region.documents
    lines += ["", "[documents]"] + [
        f"{k} = {_toml_str(getattr(d, k))}" for k in ("client", "author", "status", "funding")
    ]
    lines.append(f"logo_width_cm = {d.logo_width_cm}")
    if d.logo is not None:
        lines.append(f"logo = {_toml_str(str(d.logo))}")
    return "\n".join(lines) + "\n"


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
    (root / "inputs").mkdir(parents=True)
    (root / "region.toml").write_text(region_toml(region), encoding="utf-8")
    assert load_region(root / "region.toml") == region, "region.toml does not round-trip"
    write_example_data(root / "inputs", region, scale=PROFILES[profile], example=False)
    ready.write_text(version)
    return Corpus(n, profile, root, time.perf_counter() - start)
