"""Figures → the Markdown tables of RESULTS.md: stages per N, baselines, targets with ✓/✗."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from typing import Any

GIB = 1024**3
STAGES = ("read", "validate", "consolidate", "render", "total", "outputs", "total_all")
STAGE_LABELS = {
    "read": "read (ingest: checks + calamine)",
    "validate": "validate (typing, rules, cross-check)",
    "consolidate": "consolidate (dataset + phase models)",
    "render": "render (contexts + docx + charts, 2 processes)",
    "total": "**total: the whole job** (read → documents; the issue's definition)",
    "outputs": "other outputs (annotated copies, Konsolidiert.xlsx, Parquet, JSON)",
    "total_all": "total with the other outputs",
}


@dataclass(frozen=True)
class Stat:
    """Median, min and max of repeated measurements."""

    median: float
    low: float
    high: float
    n: int

    @classmethod
    def of(cls, values: list[float]) -> Stat | None:
        vals = [v for v in values if v is not None]
        if not vals:
            return None
        return cls(statistics.median(vals), min(vals), max(vals), len(vals))

    def cell(self) -> str:
        if self.n == 1:
            return f"{self.median:.2f}"
        return f"{self.median:.2f} ({self.low:.2f}–{self.high:.2f})"


def stage_stats(runs: list[dict[str, Any]]) -> dict[str, Stat]:
    """Stage name → Stat over the repetitions of the staged run (failed runs left out)."""
    ok = [r for r in runs if "times" in r]
    names = {k for r in ok for k in r["times"]}
    out = {k: Stat.of([r["times"].get(k) for r in ok]) for k in names}
    return {k: v for k, v in out.items() if v is not None}


def reader_stats(readers: dict[str, Any]) -> dict[str, Stat]:
    return {k: s for k, v in readers.get("runs", {}).items() if (s := Stat.of(v)) is not None}


def peak(size: dict[str, Any], key: str = "tree_peak_pss") -> float | None:
    """Largest peak memory (bytes) of the staged runs (the profile)."""
    mems = [r.get("memory", {}).get(key) for r in size.get("stages", [])]
    vals = [m for m in mems if m]
    return max(vals) if vals else None


def estimated(size: dict[str, Any]) -> bool:
    """Whether the staged figures scale up a sample (then they are estimates, never ✓)."""
    return any(r.get("estimated") for r in size.get("stages", []) if "times" in r)


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def figures(size: dict[str, Any]) -> dict[str, float | None]:
    """The ratios the targets are about, for one size."""
    rd = reader_stats(size.get("readers", {}))
    st = stage_stats(size.get("stages", []))
    med = {k: v.median for k, v in {**st}.items()}
    r = {k: v.median for k, v in rd.items()}
    runs = [x for x in size.get("stages", []) if "profiles_1" in x]
    speedups = [x["profiles_1"] / x["profiles_2"] for x in runs if x.get("profiles_2")]
    speedup = statistics.median(speedups) if speedups else None
    render_1 = None
    if speedup and "render" in med:
        docs = sum(med.get(f"render_{k}", 0.0) for k in ("phase", "profile", "pruefbericht"))
        render_1 = med.get("plan", 0.0) + docs * speedup
    naive_stack = None
    if render_1 is not None and "naive" in r:
        naive_stack = r["naive"] + med["validate"] + med["consolidate"] + render_1
    return {
        "naive_over_read": _ratio(r.get("naive"), r.get("read")),
        "naive_over_read_validate": _ratio(
            r.get("naive"), (r.get("read") or 0) + (r.get("validate") or 0)
        ),
        "read_over_floor": _ratio(r.get("read"), r.get("floor")),
        "validate_over_read": _ratio(r.get("validate"), r.get("read")),
        "render_speedup_2": speedup,
        "peak_gib": (peak(size) or 0) / GIB or None,
        "total": med.get("total"),
        "naive_stack": naive_stack,
        "naive_stack_speedup": _ratio(naive_stack, med.get("total")),
    }


def exponent(
    small: dict[str, Any], large: dict[str, Any], n_small: int, n_large: int
) -> float | None:
    """log-log slope of total time between two sizes (1 = linear)."""
    a, b = figures(small)["total"], figures(large)["total"]
    if not a or not b or n_large == n_small:
        return None
    return math.log(b / a) / math.log(n_large / n_small)
