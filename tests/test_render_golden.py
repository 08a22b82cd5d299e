"""Golden text: what the example documents say, paragraph by paragraph and cell by cell.

The reviewed text lives in tests/test_render_golden/<document>.txt. After an intended
change, regenerate with ``PARTHE_UPDATE_GOLDEN=1 pytest tests/test_render_golden.py``
and review the diff like code.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import docx
import pytest
from docx.table import Table
from docx.text.paragraph import Paragraph

from tests.test_render_fixtures import rendered_example

GOLDEN = Path(__file__).parent / "test_render_golden"
_SHA = re.compile(r"\b[0-9a-f]{64}\b")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

pytestmark = pytest.mark.slow


def extract(path: Path) -> str:
    """Body text in document order: paragraphs as lines, table rows as cells joined by ' | '."""
    d = docx.Document(str(path))
    lines: list[str] = []
    for el in d.element.body.iterchildren():
        if el.tag == _W + "p":
            text = Paragraph(el, d).text
            if text.strip():
                lines.append(text)
        elif el.tag == _W + "tbl":
            for row in Table(el, d).rows:
                lines.append(" | ".join(c.text.replace("\n", " / ") for c in row.cells))
    lines = [_SHA.sub("<sha256>", line) for line in lines]
    return "\n".join(lines) + "\n"


def _names() -> list[str]:
    return sorted(p.stem for p in GOLDEN.glob("*.txt"))


def test_golden_files_cover_every_example_document():
    """It has a reviewed golden text for every document of the example run."""
    assert sorted(Path(n).stem for n in rendered_example()) == _names()


@pytest.mark.parametrize("name", _names())
def test_example_document_text_matches_golden(name):
    """It renders the example data to exactly the reviewed text."""
    path = rendered_example()[f"{name}.docx"]
    got = extract(path)
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("PARTHE_UPDATE_GOLDEN"):
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


def test_extract_sees_a_change():
    """It would notice a changed cell (the comparison is not vacuous)."""
    path = rendered_example()["Phase4_Massnahmenkatalog.docx"]
    text = extract(path)
    assert "M-BRA-01" in text and text != text.replace("M-BRA-01", "M-BRA-99")
