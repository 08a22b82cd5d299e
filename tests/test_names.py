"""One name for one thing, German capitalisation in the templates, a .gitignore that matches
what is tracked."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from parthe_reports.paths import REGIONAL_WORKBOOK, ROOT
from parthe_reports.region import load_region
from parthe_reports.schema import MUNICIPAL, REGIONAL, WorkbookKind
from parthe_reports.workbooks.template import write_templates

NOUNS = ("Zahl", "Datum", "Betrag", "Prozent", "Auswahl", "Kürzel")
LOWERCASE = re.compile(rf"\b({'|'.join(n.lower() for n in NOUNS)})\b")


def _schema_texts(kind: WorkbookKind) -> list[str]:
    texts = [kind.help]
    for sheet in kind.sheets:
        texts.append(sheet.help)
        texts += [c.help for c in sheet.columns]
    return texts


def _template_texts(path: Path) -> list[str]:
    wb = load_workbook(path)
    return [
        text
        for ws in wb.worksheets
        for dv in ws.data_validations.dataValidation
        for text in (dv.prompt, dv.error)
        if text
    ]


def lowercase_nouns(texts: list[str]) -> list[str]:
    """The texts in which one of ``NOUNS`` is written lowercase."""
    return [t for t in texts if LOWERCASE.search(t)]


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_templates(load_region(), tmp_path_factory.mktemp("vorlagen"))


def test_schema_help_texts_capitalise_nouns() -> None:
    """It writes Zahl, Datum, Betrag, Prozent, Auswahl and Kürzel capitalised in every help text."""
    assert lowercase_nouns(_schema_texts(MUNICIPAL) + _schema_texts(REGIONAL)) == []


def test_template_input_messages_capitalise_nouns(templates: list[Path]) -> None:
    """It capitalises the nouns in every input message and error text of both templates."""
    texts = [t for p in templates for t in _template_texts(p)]
    assert len(texts) > 25 and any("Eine ganze Zahl" in t for t in texts)
    assert lowercase_nouns(texts) == []


def test_noun_check_finds_a_lowercase_noun() -> None:
    """It flags „Eine ganze zahl ab 0.“ (what str.capitalize made of „eine ganze Zahl“)."""
    assert lowercase_nouns(["Eine ganze zahl ab 0.", "Einwohnerzahl.", "Ein Datum."]) == [
        "Eine ganze zahl ab 0."
    ]


def test_region_workbook_has_one_file_name(templates: list[Path], tmp_path: Path) -> None:
    """It names the region workbook alike in the template, the example data and the inputs."""
    from parthe_reports.demo.data import write_example_data

    assert REGIONAL_WORKBOOK.name in {p.name for p in templates}
    example = write_example_data(tmp_path / "beispiel", load_region())
    assert REGIONAL_WORKBOOK.name in {p.name for p in example}
    assert REGIONAL_WORKBOOK.exists()
    assert not {"Verbund.xlsx"} & {p.name for p in [*templates, *example]}


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_gitignore_matches_what_is_tracked() -> None:
    """It ignores no tracked file (``inputs/verbund.xlsx`` is tracked, so not ignored)."""
    ignored = subprocess.run(
        ["git", "ls-files", "--cached", "--ignored", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if ignored.returncode != 0:
        pytest.skip("not a git checkout")
    assert ignored.stdout.split() == []
    check = subprocess.run(  # the partner: a tracked name listed in .gitignore is found
        ["git", "check-ignore", "--no-index", "-q", "outputs/x.docx"], cwd=ROOT, check=False
    )
    assert check.returncode == 0
