"""What a document shows as a picture: an image (chart PNG or logo) or a native Word chart."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import quoteattr

EMU_PER_CM = 360_000
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
CHART_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CHART_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
WORKBOOK_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PACKAGE_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"
_INLINE_NS = (
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


@dataclass(frozen=True)
class ChartImage:
    """A drawn chart (PNG bytes) and its printed width; placed in the document as an image."""

    png: bytes
    width_cm: float = 16.0


@dataclass(frozen=True)
class NativeChart:
    """A chart part (``c:chartSpace`` XML) with its printed size and alternative text.

    Picklable plain data; ``inline`` places it in a document while the template renders.
    """

    xml: bytes
    width_cm: float
    height_cm: float
    description: str  # the alternative text (Word: „Alternativtext“), for screen readers
    workbook: bytes | None = None  # the data as .xlsx, for „Daten bearbeiten“ in Word

    def inline(self, tpl: Any) -> InlineChart:
        """The value the template prints (docxtpl calls ``__html__`` while rendering)."""
        return InlineChart(tpl, self)


class InlineChart:
    """A native chart in a docxtpl template: adds the chart part to the part being rendered
    and prints the ``w:drawing`` that refers to it."""

    def __init__(self, tpl: Any, chart: NativeChart) -> None:
        self.tpl, self.chart = tpl, chart

    def __html__(self) -> str:
        from docx.opc.part import Part

        part = self.tpl.current_rendering_part
        package = part.package
        name = package.next_partname("/word/charts/chart%d.xml")
        chart = Part(name, CHART_CONTENT_TYPE, self.chart.xml, package)
        if self.chart.workbook is not None:
            book = package.next_partname("/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx")
            xlsx = Part(book, WORKBOOK_CONTENT_TYPE, self.chart.workbook, package)
            # The chart XML refers to its workbook as rId1: a new part's first relationship.
            if chart.relate_to(xlsx, PACKAGE_RELATIONSHIP) != "rId1":
                raise RuntimeError("chart part: the workbook is not its first relationship")
        rid = part.relate_to(chart, CHART_RELATIONSHIP)
        return f'</w:t></w:r><w:r>{drawing(self.chart, rid)}</w:r><w:r><w:t xml:space="preserve">'

    __str__ = __html__


def drawing(chart: NativeChart, rid: str) -> str:
    """The run content placing a chart part inline (docPr ids are renumbered by docxtpl)."""
    cx, cy = round(chart.width_cm * EMU_PER_CM), round(chart.height_cm * EMU_PER_CM)
    return (
        f'<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0" {_INLINE_NS}>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="1" name="Diagramm" descr={quoteattr(chart.description)}/>'
        f'<wp:cNvGraphicFramePr/><a:graphic><a:graphicData uri="{CHART_URI}">'
        f'<c:chart r:id="{rid}"/></a:graphicData></a:graphic></wp:inline></w:drawing>'
    )
