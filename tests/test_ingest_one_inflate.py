"""One inflate for the safety scan: prologs of later parts and the formula flag as they stream."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from parthe_reports import ingest
from parthe_reports.errors import WorkbookError
from parthe_reports.ingest import read_workbook
from parthe_reports.validate.workbook import check_file
from tests.test_ingest import _rewrite
from tests.workbook_factory import REGION, edit, municipal

DOCTYPE = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'


def _sheet_part(path: Path, number: int = 2) -> str:
    with zipfile.ZipFile(path) as z:
        return next(n for n in z.namelist() if n == f"xl/worksheets/sheet{number}.xml")


@pytest.mark.parametrize("part", ["sheet", "xl/styles.xml", "docProps/core.xml", "late.xml"])
def test_entity_declaration_in_a_later_part_refused(tmp_path: Path, part: str) -> None:
    """It refuses a DOCTYPE in any XML part, naming the part, as the separate pass did."""
    src = municipal(tmp_path / "ok.xlsx")
    name = _sheet_part(src) if part == "sheet" else part
    with zipfile.ZipFile(src) as z:
        known = name in z.namelist()
        body = z.read(name).split(b"?>", 1)[-1] if known else b"<x/>"
    change = {name: DOCTYPE + body}
    evil = _rewrite(
        src, tmp_path / "evil.xlsx", **({"replace": change} if known else {"add": change})
    )
    with pytest.raises(WorkbookError) as info:
        read_workbook(evil)
    assert info.value.finding.code == "unsafe-xml"
    assert f"({name})" in info.value.finding.message


def test_entity_declaration_after_50_kib_refused(tmp_path: Path) -> None:
    """It looks at the first 64 KiB of a part, not only at its start (as before)."""
    src = municipal(tmp_path / "ok.xlsx")
    pad = bytes(range(256)) * 200
    evil = _rewrite(src, tmp_path / "evil.xlsx", add={"xl/pad.xml": pad + DOCTYPE})
    with pytest.raises(WorkbookError) as info:
        read_workbook(evil)
    assert info.value.finding.code == "unsafe-xml"


def test_drop_downs_are_not_formulas(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """It scans no sheet for formulas when its only <formula1> belongs to a drop-down."""
    scanned: list[str] = []
    real = ingest._scan_sheet

    def counted(zf: zipfile.ZipFile, part: str) -> object:
        scanned.append(part)
        return real(zf, part)

    monkeypatch.setattr(ingest, "_scan_sheet", counted)
    src = municipal(tmp_path / "ok.xlsx")
    read_workbook(src)
    assert scanned == []
    with_formula = edit(src, lambda wb: wb["Verwaltung"].cell(2, 3, "=1+1.5"))
    sheet = read_workbook(with_formula).sheets["Verwaltung"]
    assert sheet.formulas_without_value == {(1, 2): "=1+1.5"}
    assert len(scanned) == 1
    assert [f.code for f in check_file(with_formula, REGION).findings] == ["formula-without-value"]
