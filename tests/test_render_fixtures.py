"""Shared inputs of the render tests: the example data run through validation and
consolidation, the same data with hostile text in every text cell, and docx text helpers."""

from __future__ import annotations

import dataclasses
import functools
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pandas as pd

from parthe_reports.consolidate import Consolidated, consolidate
from parthe_reports.dataset import Dataset, sheet_by_key
from parthe_reports.errors import Finding, Severity
from parthe_reports.region import load_region
from parthe_reports.render import DocumentJob, plan_documents, render_document
from parthe_reports.schema import ColumnType
from parthe_reports.validate.model import ValidatedWorkbook

GENERATED = date(2026, 11, 25)
LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherung" * 2
HOSTILE = (
    "A & B <b>fett</b> \"Zitat\" 'x' {{ x }} {% if %} {_{ y }_} Zeile1\nZeile2\tTab 🚀 "
    + LONG_WORD
    + " Ende"
)
HOSTILE_RAW = HOSTILE.replace("Ende", "En\x07d\x1be")  # control characters, removed on output

Example = tuple[Consolidated, Dataset, list[ValidatedWorkbook]]


@functools.cache
def _example_files(root: str) -> Example:
    from parthe_reports.demo.data import TODAY, write_example_data
    from parthe_reports.validate.workbook import build_dataset, check_file

    region = load_region()
    paths = write_example_data(Path(root), region)
    books = [check_file(p, region) for p in paths]
    ds = build_dataset(books, region, TODAY)
    return consolidate(ds), ds, books


def example(tmp_root: Path | None = None) -> Example:
    """The shipped example data (Beispieldaten), validated and consolidated (once per process)."""
    return _example_files(_scratch())


@functools.cache
def _scratch() -> str:
    import tempfile

    return tempfile.mkdtemp(prefix="parthe-render-tests-")


@functools.cache
def rendered_example() -> dict[str, Path]:
    """Every example document rendered once per process: file name → path."""
    out = Path(_scratch()) / "docs"
    return {j.file_name: p for j, p in render_all(example(), out)}


def hostile(ex: Example) -> Example:
    """The example with hostile text put in front of every free-text cell and finding."""
    _c, ds, books = ex
    tables = {}
    for key, df in ds.tables.items():
        df = df.copy()
        sheet = sheet_by_key(key)
        for col in sheet.columns:
            if col.type is ColumnType.TEXT and col.key not in ("ags", "email") and not df.empty:
                df[col.key] = [
                    f"{HOSTILE_RAW} {v}" if isinstance(v, str) else HOSTILE_RAW for v in df[col.key]
                ]
        tables[key] = df
    ds2 = dataclasses.replace(ds, tables=tables)
    books2 = [
        dataclasses.replace(
            b,
            findings=[
                *b.findings,
                Finding(
                    "hostile",
                    Severity.WARNING,
                    HOSTILE_RAW,
                    b.source.workbook,
                    "Maßnahmen",
                    7,
                    "Titel",
                    "B7",
                    HOSTILE_RAW,
                    HOSTILE_RAW,
                ),
            ],
        )
        for b in books
    ]
    return consolidate(ds2), ds2, books2


def render_all(
    ex: Example, out: Path, template_dir: Path | None = None
) -> list[tuple[DocumentJob, Path]]:
    """Plan and render every document of ``ex`` into ``out``."""
    c, ds, books = ex
    jobs = plan_documents(c, ds, books, generated=GENERATED, template_dir=template_dir)
    out.mkdir(parents=True, exist_ok=True)
    return [(j, render_document(j, out / j.file_name)) for j in jobs]


def doc_text(path: Path) -> str:
    """All text of a .docx: body paragraphs, table cells (nested included), headers, footers."""
    d = docx.Document(str(path))
    parts: list[str] = []
    body = d.element.body
    for p in body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"):
        parts.append(docx.text.paragraph.Paragraph(p, d).text)
    for s in d.sections:
        parts.extend(p.text for p in s.header.paragraphs)
        parts.extend(p.text for p in s.footer.paragraphs)
    return "\n".join(parts)


def headings(path: Path, level: int = 1) -> list[str]:
    d = docx.Document(str(path))
    return [
        p.text for p in d.paragraphs if p.style is not None and p.style.name == f"Heading {level}"
    ]


def tables_with_header(path: Path, first_header: str, second: str | None = None) -> list[Any]:
    """Tables whose header row starts with ``first_header`` (and ``second``)."""
    d = docx.Document(str(path))
    out = []
    for t in d.tables:
        cells = [c.text for c in t.rows[0].cells]
        if (
            cells
            and cells[0] == first_header
            and (second is None or (len(cells) > 1 and cells[1] == second))
        ):
            out.append(t)
    return out


def data_rows(tables: list[Any]) -> int:
    return sum(len(t.rows) - 1 for t in tables)


def frame_len(df: pd.DataFrame) -> int:
    return len(df.index)
