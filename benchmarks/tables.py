"""Markdown tables for the console and RESULTS.md (figures come from ``report``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from benchmarks.report import (
    GIB,
    STAGE_LABELS,
    STAGES,
    estimated,
    exponent,
    figures,
    peak,
    reader_stats,
    stage_stats,
)


@dataclass(frozen=True)
class Target:
    key: str
    label: str
    goal: float
    at_least: bool  # True: figure ≥ goal; False: figure ≤ goal
    fmt: Callable[[float], str]

    def met(self, value: float | None) -> bool | None:
        if value is None:
            return None
        return value >= self.goal if self.at_least else value <= self.goal

    def cell(self, value: float | None, estimate: bool = False) -> str:
        ok = self.met(value)
        if ok is None:
            return "–"
        if estimate:  # scaled up from a sample: a figure to read, not a target met
            return f"≈ {self.fmt(value)} (estimate)"  # type: ignore[arg-type]
        return f"{self.fmt(value)} {'✓' if ok else '✗'}"  # type: ignore[arg-type]


def _sampled(key: str, size: dict[str, Any]) -> bool:
    """Whether a target's figure at one size is scaled up from a sample (an estimate)."""
    if key == "total":
        return estimated(size)
    if key.startswith("naive"):
        return "naive" in size.get("readers", {}).get("estimated", {})
    return False


def _x(v: float) -> str:
    return f"{v:.2f}×"


def _pct(v: float) -> str:
    return f"{v * 100:+.0f} %"


TARGETS = (
    Target(
        "naive_over_read", "reading ≥ 5× faster than pandas/openpyxl (naive ÷ read)", 5, True, _x
    ),
    Target("read_over_floor", "reading ≤ 2× the calamine floor (read ÷ floor)", 2, False, _x),
    Target(
        "validate_over_read",
        "validation adds ≤ 50 % to reading (validate ÷ read)",
        0.5,
        False,
        lambda v: f"{v * 100:.0f} %",
    ),
    Target("render_speedup_2", "profiles on 2 processes ≥ 1.6× of 1", 1.6, True, _x),
    Target(
        "peak_gib",
        "peak memory ≤ 1.5 GiB (PSS of the staged run's process tree)",
        1.5,
        False,
        lambda v: f"{v:.2f} GiB",
    ),
    Target(
        "total",
        "read → documents ≤ 2 min (staged total, 2 processes; not the command)",
        120,
        False,
        lambda v: f"{v:.0f} s",
    ),
)


def _tp(count: float, seconds: float | None, unit: str) -> str:
    return f"{count / seconds:.1f} {unit}/s" if seconds else "–"


def stage_table(n: int, size: dict[str, Any]) -> list[str]:
    """Per-stage median (min–max), throughput and notes for one N."""
    st = stage_stats(size.get("stages", []))
    runs = [r for r in size.get("stages", []) if "times" in r]
    if not runs:
        return [f"No staged run at N = {n}: {size.get('stages', [{}])[0].get('error', 'skipped')}"]
    books = runs[0]["workbooks"]
    docs = sum(runs[0]["documents"].values())
    est = runs[0].get("estimated", {})
    lines = [
        f"| stage (N = {n}: {books} workbooks, {docs} documents) | seconds: median (min–max) of {len(runs)} | throughput | note |",
        "|---|---|---|---|",
    ]
    for key in STAGES:
        s = st.get(key)
        if s is None:
            continue
        unit_count, unit = (docs, "documents") if key == "render" else (books, "workbooks")
        note = ""
        if key == "render":
            parts = [f"contexts {st['plan'].median:.1f} s"] if "plan" in st else []
            parts += [
                f"{k.split('_')[1]} {st[k].median:.1f} s"
                for k in ("render_phase", "render_profile", "render_pruefbericht")
                if k in st
            ]
            note = ", ".join(parts)
            if any(k.startswith("render_") for k in est):
                note += f"; profiles/Prüfberichte estimated from {max(v for k, v in est.items() if k.startswith('render_'))} rendered each"
        if key == "outputs" and "outputs" in est:
            note = f"annotated copies estimated from {est['outputs']}"
        if key == "total":
            pk = peak(size)
            rss = peak(size, "tree_peak_rss") or 0
            note = (
                f"peak memory of the staged run: {pk / GIB:.2f} GiB PSS ({rss / GIB:.2f} GiB RSS)"
                if pk
                else ""
            )
        lines.append(
            f"| {STAGE_LABELS[key]} | {s.cell()} | {_tp(unit_count, s.median, unit)} | {note} |"
        )
    return lines


def baseline_table(n: int, size: dict[str, Any]) -> list[str]:
    """Reader baselines side by side, the whole-run baselines and their ratios."""
    rd = reader_stats(size.get("readers", {}))
    est = size.get("readers", {}).get("estimated", {})
    books = size.get("readers", {}).get("workbooks", 0)
    lines = [
        f"| method (N = {n}) | seconds: median (min–max) | workbooks/s | vs. read |",
        "|---|---|---|---|",
    ]
    labels = {
        "naive": "(a) pandas.read_excel(sheet_name=None, engine='openpyxl')",
        "pandas_calamine": "pandas.read_excel(sheet_name=None, engine='calamine')",
        "floor": "(b) python-calamine, every sheet to rows (floor)",
        "read": "ingest.read_workbook (our reader)",
        "validate": "validate + cross-check (after reading)",
    }
    read = rd["read"].median if "read" in rd else None
    for key, label in labels.items():
        if key in rd:
            note = f" (estimated from {est[key]} files)" if key in est else ""
            ratio = f"{rd[key].median / read:.2f}×" if read else "–"
            lines.append(
                f"| {label}{note} | {rd[key].cell()} | {_tp(books, rd[key].median, 'wb')} | {ratio} |"
            )
    f = figures(size)
    if f["naive_stack"]:
        lines.append(
            f"| naive stack: openpyxl reader, docxtpl on 1 process (estimated from the stages) | {f['naive_stack']:.1f} | | |"
        )
    return lines


def target_table(sizes: dict[int, dict[str, Any]]) -> list[str]:
    """Every target per N with ✓/✗, plus the scaling exponent."""
    ns = sorted(sizes)
    figs = {n: figures(sizes[n]) for n in ns}
    lines = [
        "| target | " + " | ".join(f"N = {n}" for n in ns) + " |",
        "|---" * (len(ns) + 1) + "|",
    ]
    for t in TARGETS:
        cells = [t.cell(figs[n][t.key], _sampled(t.key, sizes[n])) for n in ns]
        lines.append(f"| {t.label} | " + " | ".join(cells) + " |")
    if len(ns) >= 2:
        a, b = ns[-2], ns[-1]
        e = exponent(sizes[a], sizes[b], a, b)
        t = Target("exp", "", 1.0, False, lambda v: f"{v:.2f}")
        lines.append(
            f"| doubling N at most doubles time: log-log slope of total, N = {a} → {b} (≤ 1) | "
            + " | ".join("" for _ in ns[:-1])
            + f" | {t.cell(e, estimated(sizes[a]) or estimated(sizes[b]))} |"
        )
    return lines
