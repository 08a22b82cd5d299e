"""The run-level short-cut: nothing changed since a completed run, so nothing is computed.

A run's key covers every input's SHA-256 (and the other files of the inputs folder), the
options, all versions including the code (``keys.base_key``) and the day of the run (the
title pages print it). When the key equals that of a completed run in the same outputs
folder, the new run folder gets that run's files as hard links (a copy where the file
system has none), a manifest naming the earlier run and a run.json recording the match.
It needs neither Prefect nor the worker processes: the command line checks before either
starts (an unchanged re-run then takes about as long as hashing the inputs).
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path
from typing import Any

from parthe_reports import manifest as mf
from parthe_reports import runs
from parthe_reports.discover import discover_inputs
from parthe_reports.errors import Finding
from parthe_reports.pipeline.keys import base_key, cache_key, input_hash
from parthe_reports.pipeline.write import EXIT_FAILED, RunSummary, finish
from parthe_reports.region import Region

RUN_KEY = "run_key"
REUSED_FROM = "reused_from"
HISTORY_DIR = "Eingangsdaten"
# run.json keys of the run itself; the others (counts, the history's metadata) carry over
_OWN_KEYS = {"run", "status", "started", "finished", "progress_report"}


def run_key(
    hashes: dict[str, str | None],
    folder: list[Finding],
    region_config: Path,
    stichtag: date,
    phases: tuple[int, ...],
    pdf: bool,
) -> str | None:
    """The key of a run over these inputs (path → SHA-256) with these options, today;
    None when an input could not be hashed (locked) or there is none."""
    if not hashes or not all(hashes.values()):
        return None
    return cache_key(
        "run",
        sorted(hashes.items()),
        sorted(str(f) for f in folder),
        list(phases),
        pdf,
        base_key(region_config, stichtag),
        date.today().isoformat(),
    )


def key_of_inputs(
    inputs: Path,
    region: Region,
    region_config: Path,
    stichtag: date,
    phases: tuple[int, ...],
    pdf: bool,
) -> str | None:
    """``run_key`` for the inputs folder as it is now (discovered and hashed here)."""
    paths, folder = discover_inputs(inputs, region.ignored_folders)
    hashes = {str(p): input_hash(p) for p in paths}
    return run_key(hashes, folder, region_config, stichtag, phases, pdf)


def matching_run(outputs: Path, key: str) -> Path | None:
    """The newest completed run in ``outputs`` with this key (its files all there)."""
    for info in reversed(runs.list_runs(outputs)):
        data = runs.read_run_json(info.path) or {}
        complete = info.status == runs.STATUS_COMPLETE
        if complete and data.get(RUN_KEY) == key and _outputs_present(info.path):
            return info.path
    return None


def _outputs_present(folder: Path) -> bool:
    try:
        entries = mf.read_manifest(folder)["outputs"]
    except (OSError, ValueError, KeyError):
        return False
    return all((folder / e["path"]).is_file() for e in entries)


def reuse(earlier: Path, outputs: Path, key: str) -> RunSummary:
    """A new run folder holding ``earlier``'s outputs as hard links; its summary."""
    folder = runs.create_run_folder(outputs)
    record = runs.read_run_json(earlier) or {}
    manifest = mf.read_manifest(earlier)
    for entry in manifest["outputs"]:
        _link(earlier / entry["path"], folder / entry["path"])
    history = earlier / HISTORY_DIR  # the input data, for later Fortschrittsberichte
    for data in (p for p in history.rglob("*") if p.is_file()):
        _link(data, folder / data.relative_to(earlier))
    carried = {k: v for k, v in record.items() if k not in _OWN_KEYS}
    runs.write_run_status(folder, runs.STATUS_RUNNING, **carried)
    summary = summary_from_record(folder, record)
    summary.run_key, summary.reused_from = key, earlier.name
    outputs_ = [mf.OutputEntry(**e) for e in manifest["outputs"]]
    inputs_ = [mf.InputEntry(**i) for i in manifest["inputs"]]
    finish(summary, outputs_, inputs_, {REUSED_FROM: earlier.name})
    return summary


def _link(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:  # no hard links here (another file system, a share): a copy
        shutil.copy2(source, target)


def summary_from_record(folder: Path, record: dict[str, Any]) -> RunSummary:
    """A RunSummary from a run.json (what the summary printout needs)."""
    summary = RunSummary(folder, stichtag=record.get("stichtag"))
    summary.workbooks = list(record.get("workbooks", []))
    summary.unreadable = list(record.get("unreadable", []))
    summary.missing = list(record.get("missing_municipalities", []))
    summary.findings = dict(record.get("findings_per_municipality", {}))
    summary.documents = list(record.get("documents", []))
    summary.plausibility = int(record.get("plausibility_findings", 0))
    summary.folder = list(record.get("inputs_folder", []))
    summary.deadlines = list(record.get("deadlines", []))
    summary.first_findings = dict(record.get("first_findings", {}))
    summary.sources = dict(record.get("workbook_files", {}))
    return summary


def try_reuse(
    inputs: Path,
    outputs: Path,
    region: Region,
    region_config: Path,
    stichtag: date,
    phases: tuple[int, ...] = (),
    pdf: bool = False,
) -> RunSummary | None:
    """The short-cut if an earlier completed run matches, else None (then run as usual)."""
    key = key_of_inputs(inputs, region, region_config, stichtag, phases, pdf)
    earlier = matching_run(outputs, key) if key else None
    if key is None or earlier is None:
        return None
    summary = reuse(earlier, outputs, key)
    return summary if summary.exit_code != EXIT_FAILED else None
