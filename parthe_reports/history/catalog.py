"""Run metadata (``<run>/run.json``), the list of kept runs, loading a run, retention.

``run.json`` is small JSON beside the Parquet files: the Stichtag, the input workbooks
with their SHA-256, the status, finding counts, the manifest's file name and, once a
Fortschrittsbericht was written into the run, which run it was compared with.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

from parthe_reports.dataset import Dataset, SourceInfo, empty_table, sheet_by_key
from parthe_reports.history.store import DATA_DIR, iso, read_tables, write_tables

RUN_META = "run.json"
FORMAT = 1
COMPLETED, FAILED, RUNNING = "completed", "failed", "running"
# A run still "running" after this long was killed; it no longer blocks pruning.
_STALE = timedelta(hours=24)


@dataclass
class RunData:
    """One kept run: its metadata and the typed tables it was built from."""

    name: str
    path: Path
    stichtag: date
    created: datetime
    status: str
    tables: dict[str, pd.DataFrame]
    sources: list[SourceInfo]
    municipalities: dict[str, str] = field(default_factory=dict)  # Kürzel → official name
    missing_municipalities: tuple[str, ...] = ()
    incomplete_municipalities: tuple[str, ...] = ()
    is_example: bool = False
    meta: dict[str, Any] = field(default_factory=dict)

    def table(self, key: str) -> pd.DataFrame:
        """The table for a sheet key; an empty, correctly shaped one when the run had none."""
        t = self.tables.get(key)
        return t if t is not None else empty_table(sheet_by_key(key))


def read_meta(run_dir: Path) -> dict[str, Any]:
    """The run's metadata, ``{}`` when it has none (not a run kept by history)."""
    try:
        return dict(json.loads((run_dir / RUN_META).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return {}


def update_meta(run_dir: Path, **fields: Any) -> dict[str, Any]:
    """Merge ``fields`` into ``run.json``, written atomically (temp file, then rename)."""
    meta = read_meta(run_dir) | fields
    tmp = run_dir / f".{RUN_META}.tmp"
    tmp.write_text(json.dumps(meta, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    os.replace(tmp, run_dir / RUN_META)
    return meta


def save_run_data(
    dataset: Dataset,
    run_dir: Path,
    status: str = RUNNING,
    manifest: str = "manifest.json",
    created: datetime | None = None,
) -> dict[str, Any]:
    """Keep a run's consolidated input data: ``daten/*.parquet`` plus ``run.json``.

    The pipeline calls this once per run after validation; ``mark_status`` then records
    whether the run completed. Returns the metadata written.
    """
    run_dir.mkdir(parents=True, exist_ok=True)
    rows = write_tables(dataset.tables, run_dir)
    counts = {
        "Fehler": sum(s.errors for s in dataset.sources),
        "Warnung": sum(s.warnings for s in dataset.sources),
        "Hinweis": sum(s.notes for s in dataset.sources),
    }
    return update_meta(
        run_dir,
        format=FORMAT,
        run=run_dir.name,
        created=(created or datetime.now()).isoformat(timespec="seconds"),
        stichtag=dataset.stichtag.isoformat(),
        status=status,
        region=dataset.region.name,
        region_full=dataset.region.full_name or dataset.region.name,
        municipalities={m.code: m.official_name for m in dataset.region.municipalities},
        is_example=dataset.is_example,
        sources=[_source_dict(s) for s in dataset.sources],
        missing_municipalities=list(dataset.missing_municipalities),
        incomplete_municipalities=list(dataset.incomplete_municipalities),
        findings=counts,
        tables=rows,
        manifest=manifest,
    )


def mark_status(run_dir: Path, status: str) -> None:
    """Record that a run completed or failed (failed runs are never compared)."""
    update_meta(run_dir, status=status)


def record_progress_report(run_dir: Path, baseline: str, file: str) -> None:
    """Note in ``run.json`` that a Fortschrittsbericht in this run compared it with ``baseline``."""
    update_meta(
        run_dir,
        progress_report={
            "baseline": baseline,
            "file": file,
            "written": datetime.now().isoformat(timespec="seconds"),
        },
    )


def _source_dict(s: SourceInfo) -> dict[str, Any]:
    d = asdict(s)
    d["modified"] = iso(s.modified)
    return d


def _source(d: dict[str, Any]) -> SourceInfo:
    d = dict(d)
    d["modified"] = date.fromisoformat(d["modified"]) if d.get("modified") else None
    return SourceInfo(**d)


def list_runs(outputs: Path, status: str | None = None) -> list[Path]:
    """Run folders under ``outputs`` kept by history, oldest first (pointers skipped)."""
    if not outputs.is_dir():
        return []
    found = []
    for d in outputs.iterdir():
        if d.is_symlink() or not d.is_dir():
            continue
        meta = read_meta(d)
        if not meta or (status and meta.get("status") != status):
            continue
        found.append((str(meta.get("created", "")), d.name, d))
    return [d for _, _, d in sorted(found)]


def load_run(run_dir: Path) -> RunData:
    """A kept run with its tables typed as in ``Dataset``; ValueError when it has no data."""
    meta = read_meta(run_dir)
    if not meta or not (run_dir / DATA_DIR).is_dir():
        raise ValueError(f"{run_dir.name}: keine gespeicherten Daten (run.json/daten fehlt)")
    return RunData(
        name=run_dir.name,
        path=run_dir,
        stichtag=date.fromisoformat(meta["stichtag"]),
        created=datetime.fromisoformat(meta["created"]),
        status=str(meta.get("status", "")),
        tables=read_tables(run_dir),
        sources=[_source(s) for s in meta.get("sources", [])],
        municipalities=dict(meta.get("municipalities", {})),
        missing_municipalities=tuple(meta.get("missing_municipalities", ())),
        incomplete_municipalities=tuple(meta.get("incomplete_municipalities", ())),
        is_example=bool(meta.get("is_example", False)),
        meta=meta,
    )


def protected_runs(outputs: Path) -> set[str]:
    """Names of runs a Fortschrittsbericht was written into or compared with."""
    keep: set[str] = set()
    for d in list_runs(outputs):
        report = read_meta(d).get("progress_report")
        if report:
            keep.update({d.name, str(report.get("baseline", ""))})
    return keep


def prune_runs(outputs: Path, keep_last: int, now: datetime | None = None) -> list[Path]:
    """Delete old run folders; returns what was deleted.

    Kept: the last ``keep_last`` runs, every run a Fortschrittsbericht was written into or
    based on, the run ``aktuell`` points to, and runs still in progress (less than a day old).
    """
    runs = list_runs(outputs)
    keep = {d.name for d in runs[-keep_last:]} if keep_last > 0 else set()
    keep |= protected_runs(outputs)
    pointer = outputs / "aktuell"
    if pointer.exists():
        keep.add(pointer.resolve().name)
    now = now or datetime.now()
    deleted = []
    for d in runs:
        meta = read_meta(d)
        created = datetime.fromisoformat(str(meta.get("created")))
        if d.name in keep or (meta.get("status") == RUNNING and now - created < _STALE):
            continue
        shutil.rmtree(d)
        deleted.append(d)
    return deleted
