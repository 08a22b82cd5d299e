"""The building blocks of a document template, declared as data.

``build_templates`` turns a ``DocSpec`` into a .docx with docxtpl tags; the context
builders fill exactly the variables these blocks name. Wording around the tags lives in
the .docx afterwards and may be edited in Word.

A column may also declare how its cell is filled (``value``, see ``cells``); a table whose
columns all do is filled from a DataFrame by ``Table.fill``, declared once for both sides.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from parthe_reports.render import cells
from parthe_reports.render.context import Names, Record, Row, records


@dataclass(frozen=True)
class Col:
    """A table column: German header, key in the row dict, width in cm, and optionally
    how its cell is filled from a record (the template never reads ``value``)."""

    header: str
    key: str
    width: float
    align: str = "left"
    value: cells.Cell | None = field(default=None, compare=False, repr=False)
    hyphenate: bool = True  # False: checksums, file names (a hyphen would change them)

    def cell(self, r: Record, names: Names) -> str:
        if self.value is None:
            raise TypeError(f"column {self.key!r} declares no value; fill its rows by hand")
        return self.value(r, names)


@dataclass(frozen=True)
class Table:
    """A table with one row per item of ``rows`` (a context expression)."""

    rows: str
    cols: tuple[Col, ...]
    empty: str  # the sentence printed when there are no rows
    caption: str = ""

    def row(self, r: Record, names: Names) -> Row:
        """One printed row from its columns' ``value``."""
        return {c.key: c.cell(r, names) for c in self.cols}

    def fill(self, df: pd.DataFrame | None, names: Names) -> list[Row]:
        """The printed rows of ``df``, one per record."""
        return [self.row(r, names) for r in records(df)]


@dataclass(frozen=True)
class Matrix:
    """A table with dynamic columns: ``cols`` are header labels, each row has ``label`` and
    ``cells`` (one value per column)."""

    rows: str
    cols: str
    corner: str
    empty: str
    caption: str = ""
    label_width: float = 5.5


@dataclass(frozen=True)
class Chart:
    """An image (``var`` holds a chart) with a caption; skipped with a sentence when None."""

    var: str
    caption: str
    empty: str


@dataclass(frozen=True)
class Text:
    """A paragraph; may contain tags. ``cond`` shows it only when that expression is true."""

    text: str
    style: str = "Normal"
    cond: str = ""


@dataclass(frozen=True)
class Bullets:
    """One bulleted paragraph per item of ``items`` (strings)."""

    items: str
    empty: str


@dataclass(frozen=True)
class Quadrants:
    """A SWOT four-quadrant table from ``item`` with strengths/weaknesses/... strings."""

    item: str


@dataclass(frozen=True)
class Group:
    """A repeated sub-section: a heading per item of ``items`` with ``blocks`` inside.

    ``level`` 3 keeps long series (one Steckbrief per measure) out of the table of
    contents, which lists levels 1–2."""

    items: str
    var: str
    heading: str
    blocks: tuple[Block, ...]
    empty: str
    level: int = 2


@dataclass(frozen=True)
class Summary:
    """The Zusammenfassung: Kernaussagen, the project office's assessment, then the
    Empfehlungen with their reasons (context from ``render.narration``); ``new_page``
    starts the next section on a new page (a summary of at most one page)."""

    new_page: bool = True


@dataclass(frozen=True)
class Findings:
    """A section's Befunde and the project office's assessments of section ``key`` (a key
    of ``parthe_reports.sections``; context from ``render.narration``)."""

    key: str


@dataclass(frozen=True)
class When:
    """``blocks`` only when the context expression ``cond`` is true (nothing otherwise)."""

    cond: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class PageBreak:
    """The next block starts on a new page."""


Block = (
    Table
    | Matrix
    | Chart
    | Text
    | Bullets
    | Quadrants
    | Group
    | Summary
    | Findings
    | When
    | PageBreak
)


@dataclass(frozen=True)
class Section:
    """A Heading 1 section; ``landscape`` puts it on landscape pages of its own.

    With a ``key`` (``parthe_reports.sections``) the section ends with its ``Findings``:
    the Befunde of the narrative and the project office's assessment."""

    title: str
    blocks: tuple[Block, ...]
    landscape: bool = False
    key: str = ""
    cond: str = ""  # shown (heading included) only when this expression is true; portrait only

    @property
    def body(self) -> tuple[Block, ...]:
        """The blocks as written: declared ones, then the section's Findings."""
        return (*self.blocks, Findings(self.key)) if self.key else self.blocks


def with_summary(*sections: Section, new_page: bool = True) -> tuple[Section, ...]:
    """A document's sections behind its Zusammenfassung (the first section, one page)."""
    return (Section("Zusammenfassung", (Summary(new_page),)), *sections)


@dataclass(frozen=True)
class DocSpec:
    """One deliverable's template."""

    name: str  # template file stem, e.g. "Phase4_Massnahmenkatalog"
    title: str  # may contain tags, e.g. "Kommunalprofil {{ municipality_name }}"
    phase: str  # e.g. "Phase 4 – Maßnahmenkatalog"
    sections: tuple[Section, ...]
    extra_vars: tuple[str, ...] = field(default_factory=tuple)
    document: str = ""  # its name in ``parthe_reports.sections`` (assessments, section keys)
    toc: bool = True  # False: never a table of contents (a short document)

    @property
    def has_toc(self) -> bool:
        """A table of contents for documents with more than three sections (appendix counts)."""
        return self.toc and len(self.sections) + 1 > 3


R = "right"
SRC = Col("Ref.", "ref", 1.9, value=cells.source)  # „BOR·M·7“: workbook › sheet › row (refs)
NONE = "Hierzu liegen keine Angaben vor."
