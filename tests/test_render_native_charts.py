"""Native Word charts: the chart parts read back (data, labels, formats, alt text), in
schema order, embedded in the rendered documents."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from lxml import etree

from parthe_reports.render import native_charts
from parthe_reports.render.images import NativeChart
from parthe_reports.render.native_charts import nice_scale, stacked_bars
from tests.test_render_fixtures import example, rendered_example

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS = {"c": C, "a": A}
MUNIS = ["Borsdorf", "Brandis", "Großpösna", "Naunhof", "Belgershain", "Parthenstein"]


def read_chart(xml: bytes) -> dict[str, Any]:
    """What a reader of the chart part sees: bars, series with values and colours, labels."""
    root = etree.fromstring(xml)
    series = {}
    for ser in root.iterfind(".//c:ser", NS):
        name = ser.findtext("c:tx//c:v", namespaces=NS)
        series[name] = {
            "values": [float(v) for v in ser.xpath("c:val//c:pt/c:v/text()", namespaces=NS)],
            "colour": ser.xpath("string(c:spPr/a:solidFill/a:srgbClr/@val)", namespaces=NS),
            "labels": ser.xpath("c:dLbls/c:dLbl//a:t/text()", namespaces=NS),
            "label_format": ser.xpath("string(c:dLbls/c:numFmt/@formatCode)", namespaces=NS),
        }
    first = root.find(".//c:ser", NS)
    return {
        "categories": [] if first is None else first.xpath("c:cat//c:v/text()", namespaces=NS),
        "series": series,
        "axis_title": "".join(root.xpath(".//c:valAx/c:title//a:t/text()", namespaces=NS)),
        "tick_format": root.xpath("string(.//c:valAx/c:numFmt/@formatCode)", namespaces=NS),
        "legend": root.find(".//c:legend", NS) is not None,
        "grouping": root.xpath("string(.//c:grouping/@val)", namespaces=NS),
    }


def charts_in(path: Path) -> list[tuple[str, dict[str, Any]]]:
    """Every chart of a .docx in document order: (alternative text, chart read back)."""
    with zipfile.ZipFile(path) as z:
        doc = etree.fromstring(z.read("word/document.xml"))
        rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
        target = {r.get("Id"): r.get("Target") for r in rels}
        out = []
        for inline in doc.iter("{*}inline"):
            chart = inline.find(".//c:chart", NS)
            if chart is None:
                continue
            rid = chart.get(
                "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
            )
            descr = inline.find("{*}docPr").get("descr", "")
            out.append((descr, read_chart(z.read("word/" + target[rid]))))
        return out


def test_bars_carry_the_data_and_the_unit():
    """It writes each category, each series' values in the axis unit, and the unit once."""
    chart = read_chart(
        stacked_bars(
            ["Schule", "Kita", "Bauhof"], {"Brandis": [1.5e6, 2e5, 0]}, {}, "Bedarf", "K"
        ).xml
    )
    assert chart["categories"] == ["Schule", "Kita"]  # the empty category is left out
    assert chart["series"]["Brandis"]["values"] == [1.5, 0.2]
    assert chart["axis_title"] == "Bedarf (Mio.\u00a0€)"
    assert chart["series"]["Brandis"]["label_format"] == '[$-407]#,##0.00"\u00a0Mio.\u00a0€"'
    assert chart["tick_format"].startswith("[$-407]")  # German separators in Word and LO


def test_a_different_amount_gives_a_different_chart():
    """It writes what it is given (two amounts, two charts, another unit)."""
    small = read_chart(stacked_bars(["Schule"], {"Brandis": [85_000]}, {}, "Bedarf", "K").xml)
    assert small["series"]["Brandis"]["values"] == [85.0]
    assert small["axis_title"] == "Bedarf (T€)"


def test_several_series_stack_with_totals_and_a_legend():
    """It stacks several series, prints each bar's total and hides the totals from the legend."""
    series = {m: [1.2e6 * (i + 1), 3e5] for i, m in enumerate(MUNIS)}
    chart = read_chart(stacked_bars(["Schule", "Kita"], series, {}, "Bedarf", "Kommune").xml)
    assert chart["grouping"] == "stacked" and chart["legend"]
    assert list(chart["series"]) == [*MUNIS, "Summe"]
    assert chart["series"]["Summe"]["values"] == [0.0, 0.0]
    assert chart["series"]["Summe"]["labels"] == ["25,2\u00a0Mio.\u00a0€", "1,8\u00a0Mio.\u00a0€"]
    assert (
        b'<c:legendEntry><c:idx val="0"/><c:delete val="1"/>'
        in stacked_bars(["Schule"], {"A": [1.0], "B": [2.0]}, {}, "x", "K").xml
    )


def test_one_series_has_no_legend_and_no_totals_series():
    """It draws one series without a legend and without the totals' series."""
    chart = read_chart(stacked_bars(["Schule"], {"Borsdorf": [5e5]}, {}, "x", "K").xml)
    assert not chart["legend"] and list(chart["series"]) == ["Borsdorf"]
    assert chart["grouping"] == "clustered"


def test_the_tables_order_and_the_colours_are_kept():
    """It orders the bars as the tables list the municipalities, each in its colour."""
    table_order = sorted(MUNIS)
    colours = {"bewilligt": "#009E73"}
    args = (MUNIS, {"bewilligt": [1e5] * 6}, colours, "x", "Status")
    ordered = read_chart(stacked_bars(*args, table_order).xml)
    assert ordered["categories"] == table_order
    assert read_chart(stacked_bars(*args).xml)["categories"] == MUNIS
    assert ordered["series"]["bewilligt"]["colour"] == "009E73"


def test_many_bars_carry_no_values():
    """It leaves the values off when there are more bars than fit a label each."""
    cats = [f"Art {i}" for i in range(native_charts.FEW_BARS + 1)]
    many = read_chart(stacked_bars(cats, {"A": [1.0] * len(cats)}, {}, "x", "K").xml)
    assert many["series"]["A"]["label_format"] == ""
    few = read_chart(stacked_bars(cats[:3], {"A": [1.0] * 3}, {}, "x", "K").xml)
    assert few["series"]["A"]["label_format"] != ""


def test_alternative_text_names_every_bar():
    """It describes the chart and every bar's value for screen readers."""
    chart = stacked_bars(["Schule", "Kita"], {"A": [1e6, 2e5], "B": [1e6, 0]}, {}, "Bedarf", "K")
    assert chart.description.startswith("Balkendiagramm Bedarf (Mio.\u00a0€), gestapelt nach K")
    assert "Schule: 2\u00a0Mio.\u00a0€; " in chart.description
    assert "Kita: 0,2\u00a0Mio.\u00a0€" in chart.description


def _sheet(chart: NativeChart) -> list[list[Any]]:
    assert chart.workbook is not None
    ws = openpyxl.load_workbook(io.BytesIO(chart.workbook))["Tabelle1"]
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_the_embedded_workbook_holds_the_charts_data():
    """It embeds Tabelle1 with the categories, series and values the chart part refers to."""
    chart = stacked_bars(["Schule", "Kita"], {"A": [1e6, 2e5], "B": [1e6, 0]}, {}, "Bedarf", "K")
    data = read_chart(chart.xml)
    rows = _sheet(chart)
    assert rows[0] == ["Bedarf (Mio.\u00a0€)", "A", "B", "Summe"]
    assert [r[0] for r in rows[1:]] == data["categories"]
    assert [r[1] for r in rows[1:]] == data["series"]["A"]["values"]
    assert b"Tabelle1!$B$2:$B$3" in chart.xml and b'<c:externalData r:id="rId1">' in chart.xml


def test_formula_like_labels_stay_text_in_the_workbook():
    """It writes a label starting with = as quote-prefixed text, a plain one without prefix."""
    chart = stacked_bars(["=SUMME(A1)", "Kita"], {"A": [1.0, 2.0]}, {}, "x", "K")
    assert chart.workbook is not None
    ws = openpyxl.load_workbook(io.BytesIO(chart.workbook))["Tabelle1"]
    assert ws["A2"].value == "=SUMME(A1)" and ws["A2"].data_type == "s"
    assert ws["A2"].quotePrefix and not ws["A3"].quotePrefix


def test_hostile_labels_stay_text():
    """It escapes markup in labels: the part parses and reads back the text as typed."""
    label = 'A & B <b>"x"</b>'
    chart = read_chart(stacked_bars([label], {label: [1.0]}, {}, label, "K").xml)
    assert chart["categories"] == [label] and list(chart["series"]) == [label]


def test_scale_has_room_and_round_ticks():
    """It leaves room after the longest bar and steps the ticks by 1, 2, 2,5 or 5 × 10ⁿ."""
    top, step = nice_scale(3.42)
    assert 3.42 * 1.1 < top < 3.42 * 1.3 and step == 1
    assert nice_scale(0.82)[1] == 0.2 and nice_scale(558)[1] == 200


# Child order of the chart elements as ECMA-376's dml-chart.xsd declares it (the types
# written here); Word refuses a chart part whose children are out of order.
SCHEMA_ORDER = {
    "chartSpace": "date1904 lang roundedCorners style clrMapOvr pivotSource protection chart "
    "spPr txPr externalData printSettings userShapes extLst",
    "chart": "title autoTitleDeleted pivotFmts view3D floor sideWall backWall plotArea legend "
    "plotVisOnly dispBlanksAs showDLblsOverMax extLst",
    "plotArea": "layout barChart catAx valAx dTable spPr extLst",
    "barChart": "barDir grouping varyColors ser dLbls gapWidth overlap serLines axId extLst",
    "ser": "idx order tx spPr invertIfNegative pictureOptions dPt dLbls trendline errBars cat "
    "val shape extLst",
    "catAx": "axId scaling delete axPos majorGridlines minorGridlines title numFmt majorTickMark "
    "minorTickMark tickLblPos spPr txPr crossAx crosses crossesAt auto lblAlgn lblOffset "
    "tickLblSkip tickMarkSkip noMultiLvlLbl extLst",
    "valAx": "axId scaling delete axPos majorGridlines minorGridlines title numFmt majorTickMark "
    "minorTickMark tickLblPos spPr txPr crossAx crosses crossesAt crossBetween majorUnit "
    "minorUnit dispUnits extLst",
    "scaling": "logBase orientation max min extLst",
    "dLbls": "dLbl delete numFmt spPr txPr dLblPos showLegendKey showVal showCatName "
    "showSerName showPercent showBubbleSize separator showLeaderLines leaderLines extLst",
    "dLbl": "idx delete layout tx numFmt spPr txPr dLblPos showLegendKey showVal showCatName "
    "showSerName showPercent showBubbleSize separator extLst",
    "legend": "legendPos legendEntry layout overlay spPr txPr extLst",
    "title": "tx layout overlay spPr txPr extLst",
}


def out_of_order(xml: bytes) -> list[str]:
    """Elements whose children break the schema's sequence (or are unknown there)."""
    bad = []
    for el in etree.fromstring(xml).iter(f"{{{C}}}*"):
        order = SCHEMA_ORDER.get(etree.QName(el).localname)
        if order is None:
            continue
        seq = order.split()
        kids = [etree.QName(k).localname for k in el if etree.QName(k).namespace == C]
        pos = [seq.index(k) if k in seq else -1 for k in kids]
        if -1 in pos or pos != sorted(pos):
            bad.append(f"{etree.QName(el).localname}: {kids}")
    return bad


def test_chart_parts_follow_the_schema_order():
    """It writes every chart element's children in the schema's order."""
    multi = stacked_bars(["Schule", "Kita"], {"A": [1.0, 2.0], "B": [2.0, 1.0]}, {}, "x", "K")
    one = stacked_bars(["Schule"], {"A": [1.0]}, {}, "x", "K")
    assert out_of_order(multi.xml) == [] and out_of_order(one.xml) == []
    swapped = multi.xml.replace(b'<c:varyColors val="0"/>', b"").replace(
        b'<c:barDir val="bar"/>', b'<c:barDir val="bar"/><c:varyColors val="0"/>', 1
    )
    assert out_of_order(swapped.replace(b"<c:grouping", b"<c:gapWidth val='1'/><c:grouping", 1))


@pytest.mark.slow
def test_documents_embed_the_bars_as_charts_with_their_data():
    """It embeds the profile's investment bars as a chart part holding the profile's data."""
    c = example()[0]
    docs = rendered_example()
    ((descr, chart),) = charts_in(docs["Kommunalprofil_BRA.docx"])
    infra = c.profiles["BRA"].infrastructure
    need = infra.groupby("type")["investment_need"].sum()
    assert sorted(chart["categories"]) == sorted(t for t, v in need.items() if v > 0)
    (values,) = [s["values"] for s in chart["series"].values()]
    assert sum(values) == pytest.approx(need.sum() / 1_000)  # T€
    assert descr.startswith("Balkendiagramm Investitionsbedarf (T€)")
    with zipfile.ZipFile(docs["Kommunalprofil_BRA.docx"]) as z:
        assert "word/embeddings/Microsoft_Excel_Worksheet1.xlsx" in z.namelist()
    phase1 = charts_in(docs["Phase1_Analyse.docx"])
    assert len(phase1) == 1 and "Summe" in phase1[0][1]["series"]  # the heat map is a PNG
    assert charts_in(docs["Phase2_Strategischer_Rahmen.docx"]) == []
