"""A completed run folder → pre-filled workbooks: the run's kept tables (``history``), its
findings (``Pruefergebnisse.json``) and the rejected rows' originals (``workbooks.rejected``),
handed to ``workbooks.prefill``. Lives here because it joins history, the pipeline's file
names and the workbooks, which are siblings below the command line."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parthe_reports import runs
from parthe_reports.history import COMPLETED, load_run
from parthe_reports.pipeline.plan import FEEDBACK_DIR
from parthe_reports.pipeline.write import FINDINGS_FILE
from parthe_reports.region import Region
from parthe_reports.workbooks.prefill import RunContent, write_prefilled
from parthe_reports.workbooks.rejected import rejected_rows


class PrefillError(Exception):
    """A German sentence: no such run, not completed, no kept data."""


@dataclass
class PrefillResult:
    run: str
    paths: list[Path]
    accepted: int = 0
    rejected: int = 0
    unavailable: list[str] = field(default_factory=list)
    findings_known: bool = True  # False: a run of single phases kept no findings


def run_folder(outputs: Path, name: str) -> Path:
    """``aktuell`` (the pointer) or a run folder's name → its completed folder."""
    if name == runs.POINTER:
        folder = runs.latest_complete_run(outputs)
        if folder is None:
            raise PrefillError(f"In {outputs} gibt es keinen abgeschlossenen Lauf („{name}“).")
        return folder
    folder = outputs / Path(name).name
    meta = runs.read_run_json(folder)
    if meta is None:
        known = ", ".join(r.path.name for r in runs.list_runs(outputs)) or "keine"
        raise PrefillError(f"Lauf „{name}“ nicht gefunden (Läufe: {known}).")
    if meta.get("status") != COMPLETED:
        raise PrefillError(
            f"Lauf „{name}“ ist nicht abgeschlossen (Status „{meta.get('status')}“)."
        )
    return folder


def run_content(folder: Path, region: Region) -> tuple[RunContent, list[str]]:
    """The run's accepted tables and rejected rows; the workbooks whose originals are gone."""
    try:
        data = load_run(folder)
    except ValueError as exc:
        raise PrefillError(str(exc)) from exc
    report = _findings(folder)
    rejected_books = {str(b["workbook"]) for b in report.get("workbooks", []) if b.get("rejected")}
    rejected = rejected_rows(
        data.sources,
        report.get("findings", []),
        rejected_books,
        data.tables,
        region,
        folder / FEEDBACK_DIR,
    )
    content = RunContent(data.name, data.tables, tuple(rejected.rows), data.is_example)
    return content, rejected.unavailable


def _findings(folder: Path) -> dict[str, Any]:
    """``Pruefergebnisse.json`` (a run of single phases has none: no rejected rows then)."""
    try:
        data = json.loads((folder / FINDINGS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def prefill_from_run(outputs: Path, name: str, region: Region, out: Path) -> PrefillResult:
    """Write the pre-filled workbooks of run ``name`` (or ``aktuell``) into ``out``."""
    folder = run_folder(outputs, name)
    content, unavailable = run_content(folder, region)
    paths = write_prefilled(region, content, out)
    accepted = sum(len(t) for t in content.tables.values())
    known = (folder / FINDINGS_FILE).is_file()
    return PrefillResult(folder.name, paths, accepted, len(content.rejected), unavailable, known)
