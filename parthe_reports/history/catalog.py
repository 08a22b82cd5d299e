"""Run metadata, the list of kept runs, loading a run, retention.

Builds on helper F's ``runs`` module: the run folder, its ``run.json`` (status "running",
then "complete"/"failed", written last by the pipeline) and the ``aktuell`` pointer are
F's. History adds keys to the same ``run.json``: the input workbooks with their SHA-256,
finding counts per severity, the rows kept per table, the region's municipality names,
and, once a Fortschrittsbericht was written into the run, which run it was compared with.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from parthe_reports import runs
from parthe_reports.dataset import Dataset, SourceInfo, empty_table, sheet_by_key
from parthe_reports.history.store import DATA_DIR, iso, read_tables, write_tables
from parthe_reports.region import half_year, period_name

RUN_META = runs.RUN_FILE
FORMAT = 1
COMPLETED, FAILED, RUNNING = runs.STATUS_COMPLETE, runs.STATUS_FAILED, runs.STATUS_RUNNING


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
    period: str = ""  # the Erhebungsrunde (region.period_name); older runs: by half-year

    def table(self, key: str) -> pd.DataFrame:
        """The table for a sheet key; an empty, correctly shaped one when the run had none."""
        t = self.tables.get(key)
        return t if t is not None else empty_table(sheet_by_key(key))


def read_meta(run_dir: Path) -> dict[str, Any]:
    """The run's ``run.json``, ``{}`` when it has none (not a run folder)."""
    return runs.read_run_json(run_dir) or {}


def update_meta(run_dir: Path, **fields: Any) -> dict[str, Any]:
    """Merge ``fields`` into ``run.json``, written atomically (temp file, then rename)."""
    meta = read_meta(run_dir) | fields
    runs.atomic_write_json(run_dir / RUN_META, meta)
    return meta


def save_run_data(
    dataset: Dataset,
    run_dir: Path,
    manifest: str = "manifest.json",
    started: datetime | None = None,
) -> dict[str, Any]:
    """Keep a run's consolidated input data: ``Eingangsdaten/*.parquet`` plus ``run.json`` keys.

    The pipeline calls this once per run, after the Dataset is built; the run's status
    stays the pipeline's (``runs.finish_run``). Returns the metadata written.
    """
    run_dir.mkdir(parents=True, exist_ok=True)
    rows = write_tables(dataset.tables, run_dir)
    counts = {
        "Fehler": sum(s.errors for s in dataset.sources),
        "Warnung": sum(s.warnings for s in dataset.sources),
        "Hinweis": sum(s.notes for s in dataset.sources),
    }
    meta = read_meta(run_dir)
    return update_meta(
        run_dir,
        history_format=FORMAT,
        run=run_dir.name,
        started=meta.get("started") or (started or datetime.now()).isoformat(timespec="seconds"),
        stichtag=dataset.stichtag.isoformat(),
        period=period_name(dataset.region, dataset.stichtag),
        region=dataset.region.name,
        region_full=dataset.region.full_name or dataset.region.name,
        municipalities={m.code: m.official_name for m in dataset.region.municipalities},
        is_example=dataset.is_example,
        sources=[_source_dict(s) for s in dataset.sources],
        missing_municipalities=list(dataset.missing_municipalities),
        incomplete_municipalities=list(dataset.incomplete_municipalities),
        finding_counts=counts,
        tables=rows,
        manifest=manifest,
    )


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
    """Run folders under ``outputs`` with kept data, oldest first (F's order: by name)."""
    return [
        r.path
        for r in runs.list_runs(outputs)
        if (r.path / DATA_DIR).is_dir() and (status is None or r.status == status)
    ]


def load_run(run_dir: Path) -> RunData:
    """A kept run with its tables typed as in ``Dataset``; ValueError when it has no data."""
    meta = read_meta(run_dir)
    if not meta or not (run_dir / DATA_DIR).is_dir():
        raise ValueError(
            f"{run_dir.name}: keine gespeicherten Eingangsdaten (run.json oder Ordner Eingangsdaten fehlt)"
        )
    return RunData(
        name=run_dir.name,
        path=run_dir,
        stichtag=date.fromisoformat(meta["stichtag"]),
        created=datetime.fromisoformat(str(meta.get("started"))),
        status=str(meta.get("status", "")),
        tables=read_tables(run_dir),
        sources=[_source(s) for s in meta.get("sources", [])],
        municipalities=dict(meta.get("municipalities", {})),
        missing_municipalities=tuple(meta.get("missing_municipalities", ())),
        incomplete_municipalities=tuple(meta.get("incomplete_municipalities", ())),
        is_example=bool(meta.get("is_example", False)),
        meta=meta,
        period=str(meta.get("period") or half_year(date.fromisoformat(meta["stichtag"]))),
    )


def protected_runs(outputs: Path) -> set[str]:
    """Names of runs a Fortschrittsbericht was written into or compared with."""
    keep: set[str] = set()
    for d in list_runs(outputs):
        report = read_meta(d).get("progress_report")
        if report:
            keep.update({d.name, str(report.get("baseline", ""))})
    return keep


def prune_runs(outputs: Path, keep_last: int) -> list[Path]:
    """Delete the oldest finished runs beyond ``keep_last``; returns what was deleted.

    ``runs.prune_runs`` (never the run ``aktuell`` names, never a run still "running"),
    protecting also every run a Fortschrittsbericht was written into or based on.
    """
    return runs.prune_runs(outputs, keep_last, protected=protected_runs(outputs))
