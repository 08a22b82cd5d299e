"""Bounded reading: no claimed dimension, lying zip or repeat count can make a reader allocate."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from parthe_reports.errors import WorkbookError
from parthe_reports.ingest import read_workbook
from parthe_reports.limits import DEFAULT_LIMITS, ReadLimits, limits_from_dict
from parthe_reports.paths import INPUTS
from parthe_reports.region import region_from_dict
from tests import hostile_files as hf


def _refusal(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> tuple[str, str]:
    with pytest.raises(WorkbookError) as info:
        read_workbook(path, limits)
    return info.value.finding.code, info.value.finding.message


def test_sparse_dimension_claim_refused(tmp_path: Path) -> None:
    """It refuses a sheet claiming A1:XFD100000 with two cells, naming sheet, count and limit."""
    path = hf.xlsx(tmp_path / "sparse.xlsx", ["A1", "B2"], dimension="A1:XFD100000")
    code, message = _refusal(path)
    assert code == "too-large"
    assert message == "Blatt Maßnahmen: 1.638.400.000 Zellen angegeben, höchstens 2.000.000."


def test_honest_small_dimension_read(tmp_path: Path) -> None:
    """It reads the same two cells under an honest dimension."""
    path = hf.xlsx(tmp_path / "honest.xlsx", ["A1", "B2"], dimension="A1:B2")
    assert read_workbook(path).sheets["Maßnahmen"].rows == [["x", ""], ["", "x"]]


def test_far_cell_without_dimension_refused(tmp_path: Path) -> None:
    """It refuses two real cells spanning A1:XFD100000 (the dense range a reader builds)."""
    path = hf.xlsx(tmp_path / "far.xlsx", ["A1", "XFD100000"])
    code, message = _refusal(path)
    assert code == "too-large" and "Zellen im belegten Bereich" in message
    assert "1.638.400.000" in message


def test_columns_limit(tmp_path: Path) -> None:
    """It refuses a cell beyond the column limit and reads one within it."""
    assert "Spalten" in _refusal(hf.xlsx(tmp_path / "wide.xlsx", ["ALM1"]))[1]  # column 1001
    assert read_workbook(hf.xlsx(tmp_path / "ok.xlsx", ["ALL1"])).sheets  # column 1000


def test_lying_zip_refused_in_little_time(tmp_path: Path) -> None:
    """It counts the inflated bytes itself: a sheet claiming 1,000 bytes that inflates to 150 MB."""
    path = hf.xlsx(tmp_path / "liar.xlsx", ["A1"], pad=150 * 1024**2)
    hf.lie_about_size(path, hf.SHEET_PART)
    t = time.process_time()  # CPU seconds: the work, not the wait on a busy machine (xdist)
    code, message = _refusal(path)
    assert time.process_time() - t < 5
    assert code == "zip-bomb" and "xl/worksheets/sheet1.xml" in message and "120 MB" in message


def test_padded_but_honest_part_within_limit_read(tmp_path: Path) -> None:
    """It reads a sheet padded to 5 MB that lies about nothing."""
    path = hf.xlsx(tmp_path / "padded.xlsx", ["A1"], pad=5 * 1024**2)
    assert read_workbook(path).sheets["Maßnahmen"].rows == [["x"]]


def test_lying_small_part_is_damaged_not_a_crash(tmp_path: Path) -> None:
    """It calls a zip whose directory lies about a small part damaged, without a library name."""
    path = hf.lie_about_size(hf.xlsx(tmp_path / "liar.xlsx", ["A1"]), "xl/workbook.xml", 10)
    code, message = _refusal(path)
    assert code == "not-a-workbook" and "beschädigt" in message
    assert "Error" not in message and "Zip" not in message


def test_ods_huge_repeat_refused(tmp_path: Path) -> None:
    """It refuses a sub-kilobyte .ods whose repeats expand to 1.6 billion cells."""
    path = hf.huge_repeat_ods(tmp_path / "repeat.ods")
    assert path.stat().st_size < 1024
    assert _refusal(path) == (
        "too-large",
        "Blatt Maßnahmen: 1.638.400.000 Zellen, höchstens 2.000.000.",
    )


def test_ods_trailing_empty_repeats_are_free(tmp_path: Path) -> None:
    """It reads a LibreOffice-style sheet whose empty repeats run to row 1,048,576."""
    raw = read_workbook(hf.libreoffice_tail_ods(tmp_path / "lo.ods"))
    assert raw.sheets["Maßnahmen"].rows == [["x"]]


def test_ods_empty_rows_between_cells_count(tmp_path: Path) -> None:
    """It counts repeated empty rows that a later non-empty row pulls into the range."""
    rows = (
        f"<table:table-row>{hf.ODS_CELL}</table:table-row>"
        '<table:table-row table:number-rows-repeated="300000"><table:table-cell/></table:table-row>'
        f"<table:table-row>{hf.ODS_CELL}</table:table-row>"
    )
    assert _refusal(hf.ods(tmp_path / "gap.ods", rows)) == (
        "too-large",
        "Blatt Maßnahmen: 300.002 Zeilen, höchstens 200.000.",
    )


def test_protected_ods_called_protected(tmp_path: Path) -> None:
    """It calls an .ods with encrypted parts protected, not damaged (the same file unprotected reads)."""
    assert read_workbook(
        hf.ods(tmp_path / "offen.ods", f"<table:table-row>{hf.ODS_CELL}</table:table-row>")
    ).sheets
    enc = '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"/>'
    path = tmp_path / "geschuetzt.ods"
    hf.ods(path, "", manifest_extra=enc)
    code, message = _refusal(path)
    assert code == "encrypted" and "Kennwort" in message


def test_legitimate_200000_rows_read_not_a_bomb(tmp_path: Path) -> None:
    """It reads a legitimate 200,000-row sheet; one row more is refused as rows, not a zip bomb."""
    raw = read_workbook(hf.tall_xlsx(tmp_path / "tall.xlsx", 200_000))
    assert len(raw.sheets["Maßnahmen"].rows) == 200_000
    code, message = _refusal(raw.path, replace(DEFAULT_LIMITS, max_rows=199_999))
    assert (code, message) == ("too-large", "Blatt Maßnahmen: 200.000 Zeilen, höchstens 199.999.")


def test_limits_from_region_toml() -> None:
    """It reads the limits from [inputs] and keeps the defaults for the others."""
    limits = limits_from_dict({"max_rows": 500, "max_part_mb": 10}, "region.toml")
    assert (limits.max_rows, limits.part_bytes) == (500, 10 * 1024**2)
    assert limits.max_cells_per_sheet == DEFAULT_LIMITS.max_cells_per_sheet


@pytest.mark.parametrize("bad", [0, -1, "viel", 1.5, True])
def test_bad_limit_refused(bad: object) -> None:
    """It refuses a limit that is not a positive whole number, in German."""
    with pytest.raises(ValueError, match="max_columns"):
        limits_from_dict({"max_columns": bad}, "region.toml")


def test_region_carries_the_limits() -> None:
    """It puts [inputs] limits on the Region (and defaults without them)."""
    from tests.test_sheet_limit import _raw

    assert region_from_dict(_raw(max_cells_per_workbook=7)).read_limits.max_cells_per_workbook == 7
    assert region_from_dict(_raw()).read_limits == DEFAULT_LIMITS


_READ_ALL = """
import json, resource, sys
from datetime import date
from pathlib import Path
from parthe_reports.discover import discover_inputs
from parthe_reports.pipeline.sequence import read_books
from parthe_reports.region import load_region
paths = discover_inputs(Path(sys.argv[1])).paths
books, unreadable = read_books(paths, {}, load_region(), date(2026, 11, 25), "b")
out = {b.source.workbook: [f.code for f in b.findings if f.severity.value == "Fehler"] for b in books}
print(json.dumps({"books": out, "unreadable": unreadable,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))
"""


def test_hostile_files_cost_only_themselves(tmp_path: Path) -> None:
    """It reads the seven example workbooks beside four hostile ones, peak memory under 1 GiB."""
    inputs = tmp_path / "inputs"
    shutil.copytree(INPUTS, inputs)
    hf.xlsx(inputs / "kommunen" / "sparse.xlsx", ["A1", "B2"], dimension="A1:XFD100000")
    hf.xlsx(inputs / "kommunen" / "far.xlsx", ["A1", "XFD100000"])
    hf.lie_about_size(
        hf.xlsx(inputs / "kommunen" / "liar.xlsx", ["A1"], pad=150 * 1024**2), hf.SHEET_PART
    )
    hf.huge_repeat_ods(inputs / "kommunen" / "repeat.ods")
    done = subprocess.run(
        [sys.executable, "-c", _READ_ALL, str(inputs)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    books = result["books"]
    assert result["unreadable"] == []
    for hostile in ("sparse.xlsx", "far.xlsx", "liar.xlsx", "repeat.ods"):
        assert books[hostile] and set(books[hostile]) <= {"too-large", "zip-bomb"}
    for good in ("BEL.xlsx", "BOR.xlsx", "GRP.xlsx", "NAU.xlsx", "PAR.xlsx", "verbund.xlsx"):
        assert not {"too-large", "zip-bomb", "not-a-workbook"} & set(books[good])
    assert result["peak_mb"] < 1024


def test_cells_without_reference_are_placed_by_count(tmp_path: Path) -> None:
    """It counts columns of cells without r="…" (placed one after another) and prefixed tags."""
    plain = "".join('<c t="inlineStr"><is><t>x</t></is></c>' for _ in range(1001))
    path = hf.xlsx(tmp_path / "ohne_r.xlsx", [])
    hf.replace_sheet(path, f"<sheetData><row>{plain}</row></sheetData>")
    assert _refusal(path)[1] == "Blatt Maßnahmen: 1.001 Spalten, höchstens 1.000."
    prefixed = (
        '<x:sheetData><x:row r="1"><x:c r="XFD100000"><x:v>1</x:v></x:c></x:row></x:sheetData>'
    )
    hf.replace_sheet(path, prefixed, prefix="x")
    assert "Zellen im belegten Bereich" in _refusal(path)[1]
    hf.replace_sheet(
        path, f"<sheetData><row>{plain[: len(plain) // 1001 * 1000]}</row></sheetData>"
    )
    assert len(read_workbook(path).sheets["Maßnahmen"].rows[0]) == 1000
