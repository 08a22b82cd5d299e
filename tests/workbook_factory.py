"""Test workbooks made the way people make them: A's template writer, then edits by openpyxl."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook

from parthe_reports.region import load_region
from parthe_reports.schema import MUNICIPAL, REGIONAL, TEMPLATE_VERSION
from parthe_reports.workbooks.template import master_data_row, write_workbook

REGION = load_region()

# One valid row per sheet; tests override single values.
BASE: dict[str, dict[str, object]] = {
    "administration": {
        "task": "Gewerbeamt",
        "topic": "Verwaltungsaufgaben",
        "posts_fte": 2.5,
        "digitalisation": 3,
    },
    "infrastructure": {
        "object": "Grundschule Nord",
        "type": "Schule",
        "utilisation": 80,
        "investment_need": 100000,
    },
    "swot": {
        "topic": "Kultur",
        "category": "Stärke",
        "statement": "Reges Vereinsleben",
        "weight": 2,
    },
    "measures": {
        "measure_id": "M-BRA-01",
        "title": "Gemeinsamer Bauhof",
        "topic": "Verwaltungsaufgaben",
        "goal_id": "Z1",
        "cost_total": 12500,
        "start": "Q1/2027",
        "end": "Q4/2027",
        "status": "geplant",
    },
    "funding_applications": {
        "application_id": "FA-BRA-01",
        "measure_id": "M-BRA-01",
        "programme_id": "FP01",
        "requested": 50000,
        "granted": 40000,
        "status": "bewilligt",
    },
}
REGIONAL_ROWS = {
    "goals": [{"goal_id": "Z1", "topic": "Verwaltungsaufgaben", "goal": "Gemeinsame Dienste"}],
    "programmes": [{"programme_id": "FP01", "programme": "FR-Regio", "funder": "Land"}],
}


def row(sheet_key: str, **changes: object) -> dict[str, object]:
    """The base row of a sheet with some values changed."""
    return {**BASE[sheet_key], **changes}


def cell(sheet_key: str, column_key: str, excel_row: int = 2) -> str:
    """A1 reference of a column (by schema position) in a template sheet."""
    for kind in (MUNICIPAL, REGIONAL):
        for s in kind.sheets:
            if s.key == sheet_key:
                idx = [c.key for c in s.columns].index(column_key)
                return f"{get_column_letter(idx + 1)}{excel_row}"
    raise KeyError(sheet_key)


def municipal(
    path: Path,
    rows: Mapping[str, Sequence[Mapping[str, object]]] | None = None,
    code: str = "BRA",
    version: str = TEMPLATE_VERSION,
    base: bool = True,
) -> Path:
    """A filled Kommunal-Workbook: Stammdaten plus one base row per sheet unless overridden."""
    m = REGION.municipality(code)
    data: dict[str, Sequence[Mapping[str, object]]] = {"master_data": [master_data_row(m)]}
    if base:
        data.update({k: [dict(v)] for k, v in BASE.items()})
        data["measures"] = [row("measures", measure_id=f"M-{code}-01")]
        data["funding_applications"] = [
            row("funding_applications", application_id=f"FA-{code}-01", measure_id=f"M-{code}-01")
        ]
    data.update(rows or {})
    return write_workbook(path, MUNICIPAL, REGION, m, rows=data, template_version=version)


def regional(path: Path) -> Path:
    """A small valid Verbund-Workbook defining goal Z1 and programme FP01."""
    return write_workbook(path, REGIONAL, REGION, rows=REGIONAL_ROWS)


def edit(path: Path, change: Callable[[Workbook], Any]) -> Path:
    """Open in openpyxl, change, save: what a clerk's Excel session does to the file."""
    wb = load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def soffice_convert(src: Path, fmt: str, out_dir: Path) -> Path:
    """Convert with LibreOffice (own profile per call, timeout)."""
    profile = Path(f"/tmp/lo-{uuid.uuid4().hex}")
    try:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                fmt,
                "--outdir",
                str(out_dir),
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return out_dir / f"{src.stem}.{fmt.split(':')[0]}"
