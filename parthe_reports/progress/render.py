"""Render the Fortschrittsbericht: the funding chart (matplotlib, Agg) and the .docx,
through helper E's engine (docxtpl, autoescape on, every template variable checked)."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

from parthe_reports.german import date_de, money_short
from parthe_reports.history.query import FundingPoint
from parthe_reports.progress.template import TEMPLATE
from parthe_reports.render.charts import DPI, STATUS_COLORS, WIDTH_IN
from parthe_reports.render.engine import ChartImage, render_docx

FILE_NAME = "Fortschrittsbericht.docx"


def funding_chart(points: list[FundingPoint]) -> bytes | None:
    """PNG: requested and granted money per kept run; None when there is nothing to draw."""
    if not points or not any(p.requested or p.granted for p in points):
        return None
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    fig = Figure(figsize=(WIDTH_IN, 3.0), dpi=DPI, layout="constrained")
    ax = fig.add_subplot()
    xs = list(range(len(points)))
    w = 0.38
    ax.bar(
        [x - w / 2 for x in xs],
        [p.requested for p in points],
        w,
        label="beantragt",
        color=STATUS_COLORS["eingereicht"],
    )
    ax.bar(
        [x + w / 2 for x in xs],
        [p.granted for p in points],
        w,
        label="bewilligt",
        color=STATUS_COLORS["bewilligt"],
    )
    labels = [date_de(p.stichtag) for p in points]
    if len(set(labels)) < len(labels):  # several runs on one Stichtag: name the run too
        labels = [f"{label}\n{p.run}" for label, p in zip(labels, points, strict=True)]
    ax.set_xticks(xs, labels, fontsize=8, rotation=30 if len(points) > 6 else 0)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: money_short(v)))
    ax.tick_params(axis="y", labelsize=8)
    ax.set_xlabel("Stichtag des Laufs", fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=8, frameon=False)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def render_report(
    context: dict[str, Any],
    points: list[FundingPoint],
    target: Path,
    template: Path = TEMPLATE,
) -> Path:
    """Render ``template`` with ``context`` plus the chart into ``target`` (atomically:
    temp file, then rename). Cell text is autoescaped, so it prints literally."""
    png = funding_chart(points)
    ctx = dict(context, chart=ChartImage(png) if png else None)
    tmp = target.with_name(f".{target.stem}.tmp.docx")
    render_docx(template, ctx, tmp)
    os.replace(tmp, target)
    return target
