"""The run-level short-cut: an unchanged re-run links the earlier outputs and computes nothing."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from parthe_reports import history, runs
from parthe_reports import manifest as mf
from parthe_reports import pipeline as core
from parthe_reports.paths import INPUTS
from parthe_reports.pipeline import sequence

STICHTAG = date(2026, 11, 25)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Every workbook read and document rendered by the sequence, counted."""
    work: Counter[str] = Counter()
    for name in ("read_book", "render_bytes", "feedback_bytes"):
        real = getattr(sequence, name)

        def wrapper(*args: Any, _real: Any = real, _name: str = name, **kw: Any) -> Any:
            work[_name] += 1
            return _real(*args, **kw)

        monkeypatch.setattr(sequence, name, wrapper)
    return work


def run(inputs: Path, out: Path, phases: tuple[int, ...] = (3,)) -> core.RunSummary:
    return core.run(core.RunOptions(inputs=inputs, outputs=out, phases=phases, stichtag=STICHTAG))


@pytest.mark.slow
def test_unchanged_rerun_links_the_earlier_outputs(tmp_path: Path, counted: Counter[str]) -> None:
    """It reads and renders nothing the second time; the new run folder's files are hard
    links of the first run's, and run.json and the manifest name the run it matched."""
    inputs, out = tmp_path / "inputs", tmp_path / "out"
    shutil.copytree(INPUTS, inputs)
    first = run(inputs, out)
    assert counted["read_book"] == 7 and counted["render_bytes"] == 1
    counted.clear()
    second = run(inputs, out)
    assert sum(counted.values()) == 0
    assert second.reused_from == first.run_folder.name and second.run_folder != first.run_folder
    assert second.documents == first.documents and second.findings == first.findings
    for doc in first.documents:
        assert (second.run_folder / doc).stat().st_ino == (first.run_folder / doc).stat().st_ino
    record = runs.read_run_json(second.run_folder) or {}
    assert (
        record["status"] == runs.STATUS_COMPLETE and record["reused_from"] == first.run_folder.name
    )
    assert record["run_key"] == (runs.read_run_json(first.run_folder) or {})["run_key"]
    assert mf.read_manifest(second.run_folder)["reused_from"] == first.run_folder.name
    assert mf.verify_manifest(second.run_folder) == []
    assert runs.latest_complete_run(out) == second.run_folder
    assert second.sources == first.sources and second.first_findings == first.first_findings
    kept = history.load_run(second.run_folder)  # the Fortschrittsbericht can compare it
    assert kept.tables.keys() == history.load_run(first.run_folder).tables.keys()
    assert kept.sources == history.load_run(first.run_folder).sources


@pytest.mark.slow
def test_a_changed_workbook_or_option_does_the_work(tmp_path: Path, counted: Counter[str]) -> None:
    """It reads every workbook again when one workbook's bytes or the phases changed."""
    inputs, out = tmp_path / "inputs", tmp_path / "out"
    shutil.copytree(INPUTS, inputs)
    run(inputs, out)
    counted.clear()
    other = run(inputs, out, phases=(2,))
    assert other.reused_from is None and counted["read_book"] == 7
    counted.clear()
    nau = inputs / "kommunen" / "NAU.xlsx"
    nau.write_bytes(nau.read_bytes() + b"\0")  # new bytes; a zip reader ignores trailing data
    changed = run(inputs, out)
    assert changed.reused_from is None
    assert counted["read_book"] == 7 and counted["render_bytes"] == 1
