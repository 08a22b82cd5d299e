"""Charts: bar charts as native Word charts (``native_charts``), the rest as PNG bytes drawn
with matplotlib's Agg canvas (no pyplot global state).

``draw`` turns a ``ChartSpec`` into what the document embeds. The PNG functions take plain
data (lists, dicts) and return PNG bytes at a fixed size and resolution. German labels and
number formats; each municipality keeps its colour in every chart.
"""

from __future__ import annotations

import functools
import io
import math
import warnings
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from parthe_reports.german import NBSP, date_de, number
from parthe_reports.render.images import ChartImage, NativeChart

if TYPE_CHECKING:
    from parthe_reports.render.context import ChartSpec

DPI = 170  # sharp at print size (16 cm → 1070 px) and cheap to draw and embed
WIDTH_IN = 6.3  # 16 cm: the text width of a portrait page
# Colour-blind-safe palette (Okabe–Ito, then Tableau) in region order.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
    "#4E79A7",
    "#F28E2B",
    "#59A14F",
    "#B07AA1",
)
STATUS_COLORS = {
    "in Vorbereitung": "#BDBDBD",
    "eingereicht": "#56B4E9",
    "bewilligt": "#009E73",
    "abgelehnt": "#D55E00",
    "abgerechnet": "#0072B2",
    "offen": "#BDBDBD",
    "in Arbeit": "#56B4E9",
    "erledigt": "#009E73",
    "verzögert": "#D55E00",
}


def _wrap(text: str, width: int = 34) -> str:
    """A y-axis label on at most two lines."""
    import textwrap

    lines = textwrap.wrap(text, width) or [""]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), width, placeholder=" …")]
    return "\n".join(lines)


def municipality_colors(codes: list[str] | tuple[str, ...]) -> dict[str, str]:
    """A fixed colour per municipality code, by position in the region's order."""
    return {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(codes)}


def _figure(height_in: float) -> Any:
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    _use_document_font(matplotlib)
    fig = Figure(figsize=(WIDTH_IN, height_in), dpi=DPI, layout="constrained")
    return fig


@functools.cache
def _use_document_font(matplotlib: Any) -> None:
    """The documents' font (Liberation Sans, Arial's twin) when installed, else DejaVu Sans.

    Registered from its file: matplotlib's font cache may predate the font's installation.
    """
    from matplotlib import font_manager

    from parthe_reports.render.widths import font_file

    regular, bold = font_file(False), font_file(True)
    if regular is None:
        return
    for f in (regular, bold):
        if f is not None:
            font_manager.fontManager.addfont(str(f))
    matplotlib.rcParams["font.family"] = ["Liberation Sans", "DejaVu Sans"]


def _png(fig: Any) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    with warnings.catch_warnings():
        # A cell may hold an emoji the chart font lacks; it is drawn as a box, not an error.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        fig.savefig(buf, format="png", dpi=DPI, pil_kwargs={"compress_level": 1})
    return buf.getvalue()


def _style(ax: Any) -> None:
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=8)
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.6)
    ax.set_axisbelow(True)


def money_unit(largest: float) -> tuple[float, str]:
    """One unit for a whole axis, by the largest value: (divisor, „Mio. €“ / „T€“ / „€“)."""
    if abs(largest) >= 1_000_000:
        return 1_000_000.0, f"Mio.{NBSP}€"
    if abs(largest) >= 10_000:
        return 1_000.0, "T€"
    return 1.0, "€"


def in_unit(value: float, div: float) -> str:
    """A bar's value in the axis unit: „0,82“ and „1,5“ (Mio. €), „374“ (T€)."""
    v = value / div
    return number(v, 2 if div >= 1_000_000 and abs(v) < 10 else 0 if div < 1_000_000 else 1)


def ordered(items: Sequence[str], order: Sequence[str] | None) -> list[int]:
    """Positions of ``items`` in the order of ``order`` (the tables'); others keep theirs, last."""
    if not order:
        return list(range(len(items)))
    rank = {name: i for i, name in enumerate(order)}
    return sorted(range(len(items)), key=lambda i: (rank.get(items[i], len(rank)), i))


def draw(spec: ChartSpec) -> ChartImage | NativeChart:
    """What the document embeds for ``spec``: a native chart for bars (no matplotlib import),
    else a PNG drawn by the function of ``spec.kind`` in this module."""
    if spec.kind == "stacked_bars":
        from parthe_reports.render.native_charts import stacked_bars

        return stacked_bars(**spec.args, width_cm=spec.width_cm)
    return ChartImage(PNG_CHARTS[spec.kind](**spec.args), spec.width_cm)


def heatmap(
    rows: list[str],
    cols: list[str],
    values: list[list[float | None]],
    order: Sequence[str] | None = None,
) -> bytes:
    """Topic × municipality heat map of a 0–100 value, printed in each cell; ``order``
    (the tables' municipality order) orders the columns."""
    import numpy as np

    pos = ordered(cols, order)
    cols = [cols[j] for j in pos]
    values = [[r[j] for j in pos] for r in values]
    data = np.array([[np.nan if v is None else v for v in r] for r in values], dtype=float)
    fig = _figure(max(2.6, 0.38 * len(rows) + 1.3))
    ax = fig.add_subplot()
    im = ax.imshow(data, cmap="YlGnBu", vmin=0, vmax=100, aspect="auto")
    ax.set_xticks(range(len(cols)), cols, fontsize=8)
    ax.set_yticks(range(len(rows)), rows, fontsize=8)
    ax.tick_params(length=0)
    for i in range(len(rows)):
        for j in range(len(cols)):
            v = data[i, j]
            if not np.isnan(v):
                ax.text(
                    j,
                    i,
                    number(v),
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="white" if v > 60 else "black",
                )
    cbar = fig.colorbar(im, ax=ax, shrink=0.8)
    cbar.ax.tick_params(labelsize=7)
    cbar.set_label("Kooperationspotenzial (0–100)", fontsize=7)
    from matplotlib.ticker import FixedLocator

    cbar.ax.yaxis.set_major_locator(FixedLocator([0, 25, 50, 75, 100]))
    return _png(fig)


def timeline(
    bars: list[tuple[str, str, date, date]],
    group_colors: dict[str, str],
    stichtag: date | None = None,
) -> bytes:
    """Gantt-like chart: (label, group, start, end) per bar, grouped and coloured by group."""
    return _png(_timeline(bars, group_colors, stichtag))


def _timeline(
    bars: list[tuple[str, str, date, date]],
    group_colors: dict[str, str],
    stichtag: date | None = None,
) -> Any:
    from matplotlib.dates import DateFormatter, YearLocator, date2num

    fig = _figure(min(9.0, max(2.4, 0.2 * len(bars) + 1.4)))
    ax = fig.add_subplot()
    ypos = list(range(len(bars)))
    for y, (_label, group, start, end) in zip(ypos, bars, strict=True):
        s, e = date2num(start), date2num(end)
        ax.barh(y, max(e - s, 10), left=s, color=group_colors.get(group, "#888888"), height=0.7)
    ax.set_yticks(ypos, [b[0] for b in bars], fontsize=6 if len(bars) > 25 else 7)
    ax.invert_yaxis()
    ax.xaxis_date()
    # At most eight year labels: „2020202120222023…“ ran together over a long span.
    years = {d.year for b in bars for d in (b[2], b[3])} | ({stichtag.year} if stichtag else set())
    span = max(years) - min(years) + 1 if years else 1
    ax.xaxis.set_major_locator(YearLocator(base=max(1, math.ceil(span / 8))))
    ax.xaxis.set_major_formatter(DateFormatter("%Y"))
    if stichtag:
        ax.axvline(date2num(stichtag), color="#C00000", linewidth=0.8, linestyle="--")
        ax.text(date2num(stichtag), -0.9, " Stichtag", color="#C00000", fontsize=7)
    _style(ax)
    from matplotlib.patches import Patch

    used = list(dict.fromkeys(b[1] for b in bars))
    if len(used) > 1:
        fig.legend(
            handles=[Patch(color=group_colors.get(g, "#888888"), label=g) for g in used],
            fontsize=6,
            loc="outside lower center",
            ncols=2,
            frameon=False,
        )
    return fig


def milestones(items: list[tuple[str, date, str]], stichtag: date | None = None) -> bytes:
    """Milestone plan: (label, due, status) as diamonds on a time axis, coloured by status."""
    from matplotlib.dates import AutoDateLocator, DateFormatter, date2num

    fig = _figure(min(9.0, max(2.2, 0.4 * len(items) + 1.2)))
    ax = fig.add_subplot()
    ypos = list(range(len(items)))
    for y, (_label, due, status) in zip(ypos, items, strict=True):
        ax.plot(
            date2num(due), y, marker="D", markersize=7, color=STATUS_COLORS.get(status, "#888888")
        )
        ax.text(date2num(due), y, "  " + date_de(due), va="center", fontsize=6.5)
    ax.set_yticks(ypos, [_wrap(i[0]) for i in items], fontsize=7)
    ax.invert_yaxis()
    ax.xaxis_date()
    ax.xaxis.set_major_locator(AutoDateLocator(maxticks=6))
    ax.xaxis.set_major_formatter(DateFormatter("%m/%Y"))
    if stichtag:
        ax.axvline(date2num(stichtag), color="#C00000", linewidth=0.8, linestyle="--")
    lo = min(date2num(i[1]) for i in items)
    hi = max(date2num(i[1]) for i in items)
    ax.set_xlim(lo - 30, hi + 90)
    _style(ax)
    from matplotlib.lines import Line2D

    used = list(dict.fromkeys(i[2] for i in items))
    fig.legend(
        handles=[
            Line2D([], [], marker="D", linestyle="", color=STATUS_COLORS.get(s, "#888888"), label=s)
            for s in used
        ],
        fontsize=7,
        loc="outside lower center",
        ncols=min(5, len(used)),
        frameon=False,
    )
    return _png(fig)


PNG_CHARTS: dict[str, Callable[..., bytes]] = {
    "heatmap": heatmap,
    "timeline": timeline,
    "milestones": milestones,
}
