"""Render the Fortschrittsbericht: the funding chart (matplotlib, Agg) and the .docx."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from parthe_reports.history.query import FundingPoint
from parthe_reports.progress.template import TEMPLATE
from parthe_reports.render.formatting import date_de, money_short

FILE_NAME = "Fortschrittsbericht.docx"


def funding_chart(points: list[FundingPoint]) -> bytes:
    """PNG: requested and granted money per kept run (grouped bars, German labels)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    fig = Figure(figsize=(6.4, 3.2), dpi=150)
    ax = fig.add_subplot()
    xs = range(len(points))
    width = 0.38
    ax.bar(
        [x - width / 2 for x in xs],
        [p.requested for p in points],
        width,
        label="beantragt",
        color="#9db4cf",
    )
    ax.bar(
        [x + width / 2 for x in xs],
        [p.granted for p in points],
        width,
        label="bewilligt",
        color="#1f4e79",
    )
    ax.set_xticks(
        list(xs),
        [date_de(p.stichtag) for p in points],
        fontsize=8,
        rotation=30 if len(points) > 6 else 0,
    )
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: money_short(v)))
    ax.tick_params(axis="y", labelsize=8)
    ax.set_xlabel("Stichtag des Laufs", fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=8, frameon=False)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def render_report(
    context: dict[str, Any],
    points: list[FundingPoint],
    target: Path,
    template: Path = TEMPLATE,
) -> Path:
    """Render ``template`` with ``context`` plus the chart into ``target`` (atomically).

    Autoescaping is on: any cell text (``&``, ``<``, ``{{ }}``) is printed literally.
    """
    tpl = DocxTemplate(str(template))
    ctx = dict(context)
    ctx["chart"] = InlineImage(tpl, io.BytesIO(funding_chart(points)), width=Mm(160))
    tpl.render(ctx, autoescape=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tpl.save(str(tmp))
    os.replace(tmp, target)
    return target
