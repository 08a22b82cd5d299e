"""Reading-side messages: hidden files, links out of the inputs folder, unreadable files, formats."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest

from parthe_reports.discover import discover_inputs
from parthe_reports.errors import Severity
from parthe_reports.pipeline import sequence
from parthe_reports.validate import check_file
from tests import hostile_files as hf
from tests.workbook_factory import REGION, municipal, regional


def _folder(tmp: Path) -> Path:
    regional(tmp / "verbund.xlsx")
    municipal(tmp / "kommunen" / "BRA.xlsx")
    return tmp


def test_hidden_workbook_is_named(tmp_path: Path) -> None:
    """It names a workbook whose name starts with a dot and says how to have it read."""
    inputs = _folder(tmp_path)
    municipal(inputs / "kommunen" / ".GRP.xlsx", code="GRP")
    paths, findings = discover_inputs(inputs)
    assert sorted(p.name for p in paths) == ["BRA.xlsx", "verbund.xlsx"]
    assert [(f.code, f.severity) for f in findings] == [("hidden-file", Severity.NOTE)]
    assert "„.GRP.xlsx“ ist eine versteckte Datei" in findings[0].message
    assert "umbenennen" in findings[0].message


def test_link_leaving_the_inputs_folder_is_refused(tmp_path: Path) -> None:
    """It refuses a file link and a folder link pointing outside, with a Warnung each."""
    outside = tmp_path / "fremd"
    municipal(outside / "GRP.xlsx", code="GRP")
    inputs = _folder(tmp_path / "inputs")
    (inputs / "kommunen" / "GRP.xlsx").symlink_to(outside / "GRP.xlsx")
    (inputs / "kommunen" / "Nachbarn").symlink_to(outside, target_is_directory=True)
    (inputs / "passwd.xlsx").symlink_to("/etc/passwd")
    paths, findings = discover_inputs(inputs)
    assert sorted(p.name for p in paths) == ["BRA.xlsx", "verbund.xlsx"]
    assert sorted((f.code, f.workbook) for f in findings) == [
        ("link-outside", "kommunen/GRP.xlsx"),
        ("link-outside", "kommunen/Nachbarn"),
        ("link-outside", "passwd.xlsx"),
    ]
    assert all(f.severity is Severity.WARNING and "außerhalb" in f.message for f in findings)


def test_link_inside_the_inputs_folder_is_read(tmp_path: Path) -> None:
    """It follows a link whose target lies inside the inputs folder."""
    inputs = _folder(tmp_path)
    municipal(inputs / "Ablage" / "GRP.xlsx", code="GRP")
    (inputs / "kommunen" / "GRP.xlsx").symlink_to(inputs / "Ablage" / "GRP.xlsx")
    paths, findings = discover_inputs(inputs)
    assert "GRP.xlsx" in [p.name for p in paths]
    assert not [f for f in findings if f.code == "link-outside"]


def test_unreadable_workbook_gets_a_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It turns a file the file system keeps refusing into a rejected book with a German Fehler."""
    inputs = _folder(tmp_path)
    locked = inputs / "kommunen" / "BRA.xlsx"

    def read_book(path: Path, region: object) -> object:
        if path == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return check_file(path, REGION)

    monkeypatch.setattr(sequence, "read_book", read_book)
    paths = discover_inputs(inputs).paths
    books, unreadable = sequence.read_books(paths, {}, REGION, date(2026, 11, 25), "")
    assert unreadable == ["BRA.xlsx"]
    (book,) = [b for b in books if b.source.workbook == "BRA.xlsx"]
    assert book.rejected
    (finding,) = book.errors
    assert finding.code == "unreadable" and "keine Leseberechtigung" in finding.message
    assert "Permission" not in finding.message
    (other,) = [b for b in books if b.source.workbook == "verbund.xlsx"]
    assert not other.rejected


def test_xlsb_named_with_remedy(tmp_path: Path) -> None:
    """It calls an Excel binary workbook .xlsb by its name and says how to save it as .xlsx."""
    path = tmp_path / "BRA.xlsb"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.bin", b"\x83\x01\x00")
    book = check_file(path, REGION)
    (finding,) = book.errors
    assert finding.code == "xlsb" and "Excel-Binärarbeitsmappe (.xlsb)" in finding.message
    assert "„Excel-Arbeitsmappe (.xlsx)“ speichern" in finding.message


def test_renamed_pdf_is_still_not_a_workbook(tmp_path: Path) -> None:
    """It keeps calling a renamed PDF „keine Arbeitsmappe“ (the .xlsb text is for .xlsb only)."""
    path = tmp_path / "BRA.xlsb"
    path.write_bytes(b"%PDF-1.4")
    (finding,) = check_file(path, REGION).errors
    assert finding.code == "not-a-workbook" and ".xlsb" not in finding.message


def test_protected_ods_through_check_file(tmp_path: Path) -> None:
    """It calls a password-protected .ods protected, without a library's exception name."""
    enc = '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"/>'
    encrypted = bytes(range(256)) * 4  # an encrypted content.xml is not XML
    path = hf.ods(tmp_path / "BRA.ods", "", manifest_extra=enc, raw_content=encrypted)
    (finding,) = check_file(path, REGION).errors
    assert finding.code == "encrypted" and "Kennwort" in finding.message
    assert "Error" not in finding.message and "Calamine" not in finding.message
