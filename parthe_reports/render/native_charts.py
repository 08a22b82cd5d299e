"""Native Word charts: DrawingML chart parts (``c:chartSpace``) written from the data.

Word and LibreOffice draw them (crisp at any zoom, in the PDF too) and the project office
can restyle them in Word. Writing the XML costs well under a millisecond, where a
matplotlib PNG cost ≈ 85 ms. Word and LibreOffice draw from the values cached in the chart
part; the same values travel as a small embedded workbook (``chart_workbook``), which Word
opens under „Daten bearbeiten“.

Element order follows the schema (ECMA-376 dml-chart.xsd); Word rejects a chart part
whose children are out of order, so every element below is written in sequence order.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from xml.sax.saxutils import escape

from parthe_reports.german import NBSP, text
from parthe_reports.render.chart_workbook import chart_workbook, column
from parthe_reports.render.charts import in_unit, money_unit, ordered
from parthe_reports.render.images import NativeChart

FONT = "Arial"  # the documents' font (LibreOffice draws Liberation Sans, its twin)
GRID = "DDDDDD"
AXIS = "808080"
TEXT = "262626"
SHEET = "Tabelle1"  # the sheet name Word gives the chart's data when the office edits it
CAT_AXIS, VAL_AXIS = 50010001, 50010002
NS = (
    'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
BAR_HEIGHT = 0.65  # of a category's band, as the PNG charts drew it
FEW_BARS = 12  # up to this many bars carry their value
TOTALS = "Summe"  # the zero-length series whose labels print each stack's total
OVERLAP = '<c:overlap val="100"/>'  # a stack's segments on one line


def _x(value: str) -> str:
    """Label text for XML: control characters dropped (XML forbids them), markup escaped."""
    return escape(text(value))


def _text_props(size_pt: float) -> str:
    return (
        '<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="'
        f'{round(size_pt * 100)}"><a:solidFill><a:srgbClr val="{TEXT}"/></a:solidFill>'
        f'<a:latin typeface="{FONT}"/><a:cs typeface="{FONT}"/></a:defRPr></a:pPr>'
        '<a:endParaRPr lang="de-DE"/></a:p></c:txPr>'
    )


def _line(colour: str | None, width_emu: int = 6350) -> str:
    if colour is None:
        return "<c:spPr><a:ln><a:noFill/></a:ln></c:spPr>"
    return (
        f'<c:spPr><a:ln w="{width_emu}"><a:solidFill><a:srgbClr val="{colour}"/>'
        "</a:solidFill></a:ln></c:spPr>"
    )


def _fill(colour: str | None) -> str:
    fill = f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>' if colour else "<a:noFill/>"
    return f"<c:spPr>{fill}<a:ln><a:noFill/></a:ln></c:spPr>"


def _rgb(colour: str) -> str:
    """``#E69F00`` and ``#000`` → ``E69F00`` / ``000000``."""
    c = colour.lstrip("#").upper()
    return "".join(ch * 2 for ch in c) if len(c) == 3 else c[:6]


def _rich(label: str, size_pt: float) -> str:
    """Text of its own (a title, a total): not bold, where Word would make a title bold."""
    sz = round(size_pt * 100)
    return (
        f'<c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{sz}" b="0"/></a:pPr>'
        f'<a:r><a:rPr lang="de-DE" sz="{sz}" b="0"><a:solidFill><a:srgbClr val="{TEXT}"/>'
        f'</a:solidFill><a:latin typeface="{FONT}"/></a:rPr><a:t>{_x(label)}</a:t></a:r>'
        "</a:p></c:rich>"
    )


def _str_ref(ref: str, values: Sequence[str]) -> str:
    pts = "".join(f'<c:pt idx="{i}"><c:v>{_x(v)}</c:v></c:pt>' for i, v in enumerate(values))
    return (
        f"<c:strRef><c:f>{ref}</c:f><c:strCache>"
        f'<c:ptCount val="{len(values)}"/>{pts}</c:strCache></c:strRef>'
    )


def _num_ref(ref: str, values: Sequence[float], fmt_code: str) -> str:
    pts = "".join(f'<c:pt idx="{i}"><c:v>{v!r}</c:v></c:pt>' for i, v in enumerate(values))
    return (
        f"<c:numRef><c:f>{ref}</c:f><c:numCache><c:formatCode>{escape(fmt_code)}"
        f'</c:formatCode><c:ptCount val="{len(values)}"/>{pts}</c:numCache></c:numRef>'
    )


def nice_scale(largest: float, room: float = 1.18, most: int = 6) -> tuple[float, float]:
    """(axis maximum, tick step): ticks of 1, 2, 2.5 or 5 × 10ⁿ, at most ``most`` of them,
    and ``room`` after the longest bar for its printed value."""
    top = max(largest, 1e-9) * room
    magnitude = 10 ** math.floor(math.log10(top / most))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10, 20) if top / (m * magnitude) <= most)
    return float(f"{top:.3g}"), step


def _value_format(div: float, largest: float, unit: str, step: float) -> tuple[str, str]:
    """(axis tick format, bar label format) in Excel's codes: the locale tag [$-407] gives
    German separators in Word and LibreOffice alike; the unit is printed once in the axis
    title and after each bar's value."""
    tick = 0 if step >= 1 else 1 if step >= 0.1 else 2
    label = 2 if div >= 1_000_000 and largest / div < 10 else 1 if div >= 1_000_000 else 0
    return f"[$-407]{_digits(tick)}", f'[$-407]{_digits(label)}"{NBSP}{unit}"'


def _digits(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def stack(
    categories: list[str],
    series: dict[str, list[float]],
    order: Sequence[str] | None = None,
) -> tuple[list[str], dict[str, list[float]]]:
    """The bars and segments to draw: empty categories and series dropped, both ordered by
    ``order`` (e.g. the municipalities as the tables list them)."""
    values = {k: [_num(v) for v in vs] for k, vs in series.items()}
    keep = [i for i in range(len(categories)) if any(vs[i] for vs in values.values())]
    keep = [keep[i] for i in ordered([categories[k] for k in keep], order)]
    names = [n for n in series if any(values[n][i] for i in keep)]
    names = [names[i] for i in ordered(names, order)]
    return [categories[i] for i in keep], {n: [values[n][i] for i in keep] for n in names}


def _num(v: object) -> float:
    try:
        f = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0
    return 0.0 if math.isnan(f) else f


def _flags(value: bool) -> str:
    v = "1" if value else "0"
    return (
        f'<c:showLegendKey val="0"/><c:showVal val="{v}"/><c:showCatName val="0"/>'
        '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>'
    )


def _value_labels(fmt_code: str) -> str:
    """Each bar's value after its end (one series: a clustered bar may put it outside)."""
    return (
        f'<c:dLbls><c:numFmt formatCode="{escape(fmt_code, {chr(34): "&quot;"})}" '
        f'sourceLinked="0"/>{_fill(None)}{_text_props(7)}<c:dLblPos val="outEnd"/>'
        f"{_flags(True)}</c:dLbls>"
    )


def _total_labels(texts: Sequence[str]) -> str:
    """A stack's total after its end: a label of its own text on the zero-length last
    segment (stacked bars allow no label outside the bar)."""
    each = "".join(
        f'<c:dLbl><c:idx val="{i}"/><c:layout/><c:tx>{_rich(t, 7)}</c:tx>'
        f'<c:dLblPos val="inBase"/>{_flags(True)}</c:dLbl>'
        for i, t in enumerate(texts)
    )
    return f'<c:dLbls>{each}{_fill(None)}{_text_props(7)}<c:dLblPos val="inBase"/>{_flags(True)}</c:dLbls>'


def _series(
    i: int, name: str, values: Sequence[float], colour: str | None, cats: Sequence[str], labels: str
) -> str:
    col, last = column(i + 1), len(cats) + 1
    return (
        f'<c:ser><c:idx val="{i}"/><c:order val="{i}"/>'
        f"<c:tx>{_str_ref(f'{SHEET}!${col}$1', [name])}</c:tx>{_fill(colour)}"
        f'<c:invertIfNegative val="0"/>{labels}'
        f"<c:cat>{_str_ref(f'{SHEET}!$A$2:$A${last}', cats)}</c:cat>"
        f"<c:val>{_num_ref(f'{SHEET}!${col}$2:${col}${last}', values, 'General')}</c:val>"
        "</c:ser>"
    )


def _axes(title: str, top: float, step: float, tick_fmt: str) -> str:
    cat = (
        f'<c:catAx><c:axId val="{CAT_AXIS}"/><c:scaling><c:orientation val="maxMin"/>'
        '</c:scaling><c:delete val="0"/><c:axPos val="l"/>'
        '<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/>'
        f'<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>{_line(AXIS)}'
        f'{_text_props(8)}<c:crossAx val="{VAL_AXIS}"/><c:crosses val="autoZero"/>'
        '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/>'
        '<c:noMultiLvlLbl val="0"/></c:catAx>'
    )
    val = (
        f'<c:valAx><c:axId val="{VAL_AXIS}"/><c:scaling><c:orientation val="minMax"/>'
        f'<c:max val="{top!r}"/><c:min val="0"/></c:scaling><c:delete val="0"/>'
        f'<c:axPos val="b"/><c:majorGridlines>{_line(GRID)}</c:majorGridlines>'
        f'<c:title><c:tx>{_rich(title, 8)}</c:tx><c:overlay val="0"/></c:title>'
        f'<c:numFmt formatCode="{escape(tick_fmt)}" sourceLinked="0"/>'
        '<c:majorTickMark val="none"/><c:minorTickMark val="none"/>'
        f'<c:tickLblPos val="nextTo"/>{_line(None)}{_text_props(8)}'
        f'<c:crossAx val="{CAT_AXIS}"/><c:crosses val="max"/><c:crossBetween val="between"/>'
        f'<c:majorUnit val="{step!r}"/></c:valAx>'
    )
    return cat + val


def _legend(hide_last: bool) -> str:
    # The totals' series stays out of the legend. In a horizontal bar chart legend entries
    # count from the last series (as Word does; LibreOffice's import follows it): 0 is last.
    entry = (
        '<c:legendEntry><c:idx val="0"/><c:delete val="1"/></c:legendEntry>' if hide_last else ""
    )
    return f'<c:legend><c:legendPos val="b"/>{entry}<c:overlay val="0"/>{_text_props(7)}</c:legend>'


def _chart_space(plot: str, legend: str) -> bytes:
    # externalData: the embedded workbook, the chart part's only relationship (rId1).
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<c:chartSpace {NS}><c:date1904 val="0"/><c:lang val="de-DE"/>'
        '<c:roundedCorners val="0"/><c:chart><c:autoTitleDeleted val="1"/>'
        f'<c:plotArea><c:layout/>{plot}</c:plotArea>{legend}<c:plotVisOnly val="1"/>'
        f'<c:dispBlanksAs val="gap"/></c:chart>{_line(None)}{_text_props(8)}'
        '<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData></c:chartSpace>'
    ).encode()


def stacked_bars(
    categories: list[str],
    series: dict[str, list[float]],
    colors: dict[str, str],
    xlabel: str,
    legend_title: str,
    order: Sequence[str] | None = None,
    width_cm: float = 16.0,
) -> NativeChart:
    """Horizontal bars, one per category, one segment per series (money), the total after
    each bar (up to ``FEW_BARS`` bars); a legend only for several series.

    Values are written in the axis unit („Mio. €“, „T€“, „€“, chosen by the largest total).
    """
    cats, values = stack(categories, series, order)
    totals = [sum(col) for col in zip(*values.values(), strict=True)] or [0.0] * len(cats)
    largest = max([*totals, 1.0])
    div, unit = money_unit(largest)
    title = f"{xlabel} ({unit})" if xlabel else unit
    top, step = nice_scale(largest / div)
    tick_fmt, label_fmt = _value_format(div, largest, unit, step)
    names = list(values)
    labelled = len(cats) <= FEW_BARS
    scaled = {n: [v / div for v in values[n]] for n in names}
    parts = []
    for i, name in enumerate(names):
        labels = _value_labels(label_fmt) if labelled and len(names) == 1 else ""
        colour = _rgb(colors.get(name, "#888888"))
        parts.append(_series(i, name, scaled[name], colour, cats, labels))
    totalled = labelled and len(names) > 1
    if totalled:
        texts = [f"{in_unit(t, div)}{NBSP}{unit}" for t in totals]
        scaled[TOTALS] = [0.0] * len(cats)
        parts.append(_series(len(names), TOTALS, scaled[TOTALS], None, cats, _total_labels(texts)))
    grouping = "stacked" if len(names) > 1 else "clustered"
    gap = round((1 - BAR_HEIGHT) / BAR_HEIGHT * 100)
    plot = (
        f'<c:barChart><c:barDir val="bar"/><c:grouping val="{grouping}"/>'
        f'<c:varyColors val="0"/>{"".join(parts)}<c:gapWidth val="{gap}"/>'
        f"{OVERLAP if len(names) > 1 else ''}"
        f'<c:axId val="{CAT_AXIS}"/><c:axId val="{VAL_AXIS}"/></c:barChart>'
        + _axes(title, top, step, tick_fmt)
    )
    legend = _legend(totalled) if len(names) > 1 else ""
    height_in = max(2.4, 0.42 * len(cats) + 1.4 + (0.3 if len(names) > 1 else 0.0))
    return NativeChart(
        _chart_space(plot, legend),
        width_cm,
        round(height_in * 2.54, 2),
        _describe(xlabel, unit, cats, totals, div, legend_title, names),
        chart_workbook(cats, scaled, title),
    )


def _describe(
    xlabel: str,
    unit: str,
    cats: Sequence[str],
    totals: Sequence[float],
    div: float,
    legend_title: str,
    names: Sequence[str],
) -> str:
    """The alternative text a screen reader speaks: what is shown and every bar's value."""
    bars = "; ".join(
        f"{c}: {in_unit(t, div)}{NBSP}{unit}" for c, t in zip(cats, totals, strict=True)
    )
    by = f", gestapelt nach {legend_title} ({', '.join(names)})" if len(names) > 1 else ""
    return f"Balkendiagramm {xlabel or 'Werte'} ({unit}){by}. {bars}."
