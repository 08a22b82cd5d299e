"""Run folders, atomic writes and the pointer to the latest complete run."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from docx import Document

from parthe_reports import runs

NOW = datetime(2026, 11, 25, 14, 30, 12)


def test_run_folders_are_exclusive_within_a_second(tmp_path: Path) -> None:
    """It gives two runs started in the same second two different folders."""
    a = runs.create_run_folder(tmp_path, NOW)
    b = runs.create_run_folder(tmp_path, NOW)
    assert (a.name, b.name) == ("2026-11-25_143012", "2026-11-25_143012-2")
    assert runs.read_run_json(a)["status"] == runs.STATUS_RUNNING


def test_atomic_write_replaces_only_on_success(tmp_path: Path) -> None:
    """It writes the file in one step and leaves no temp file behind."""
    target = tmp_path / "a.txt"
    runs.atomic_write_text(target, "eins")
    runs.atomic_write_text(target, "zwei")
    assert target.read_text(encoding="utf-8") == "zwei"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_writer_killed_mid_way_leaves_no_half_written_docx(tmp_path: Path) -> None:
    """It leaves neither a partial .docx nor a temp file when the writer raises mid-way."""

    def half_then_crash(p: Path) -> None:
        p.write_bytes(b"PK\x03\x04 half a zip")
        raise KeyboardInterrupt  # what a killed run looks like to the writer

    target = tmp_path / "Phase1.docx"
    with pytest.raises(KeyboardInterrupt):
        runs.atomic_write(target, half_then_crash)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_rewrite_keeps_the_previous_document(tmp_path: Path) -> None:
    """It keeps the earlier, complete document when a rewrite fails."""
    target = tmp_path / "Bericht.docx"
    doc = Document()
    doc.add_paragraph("Alter Stand")
    runs.atomic_write(target, doc.save)

    def crash(p: Path) -> None:
        p.write_bytes(b"garbage")
        raise RuntimeError("render failed")

    with pytest.raises(RuntimeError):
        runs.atomic_write(target, crash)
    assert [p.text for p in Document(str(target)).paragraphs] == ["Alter Stand"]


def test_atomic_files_are_readable_by_others(tmp_path: Path) -> None:
    """It does not keep mkstemp's private 0600 mode on documents meant for sharing."""
    target = runs.atomic_write_text(tmp_path / "x.txt", "x")
    assert target.stat().st_mode & 0o777 == 0o666 & ~runs._UMASK
    assert 0o666 & ~runs._UMASK != 0o600


def test_pointer_moves_only_for_complete_runs(tmp_path: Path) -> None:
    """It points aktuell/LATEST.txt at a complete run and ignores a failed one."""
    first = runs.create_run_folder(tmp_path, NOW)
    runs.finish_run(first, ok=True, findings=3)
    failed = runs.create_run_folder(tmp_path, datetime(2026, 11, 26))
    runs.finish_run(failed, ok=False)
    assert runs.latest_complete_run(tmp_path) == first
    assert (tmp_path / runs.POINTER).resolve() == first.resolve()
    assert (tmp_path / runs.POINTER_TEXT).read_text().strip() == first.name
    assert [(r.name, r.status) for r in runs.list_runs(tmp_path)] == [
        (first.name, "complete"),
        (failed.name, "failed"),
    ]


def test_pointer_never_moves_backwards(tmp_path: Path) -> None:
    """It keeps the pointer on the newer run when an older one finishes later."""
    older = runs.create_run_folder(tmp_path, NOW)
    newer = runs.create_run_folder(tmp_path, datetime(2026, 11, 25, 15))
    runs.finish_run(newer, ok=True)
    runs.finish_run(older, ok=True)
    assert runs.latest_complete_run(tmp_path) == newer


def test_text_pointer_works_without_symlink(tmp_path: Path) -> None:
    """It finds the latest run from LATEST.txt alone (Windows shares have no symlinks)."""
    run = runs.create_run_folder(tmp_path, NOW)
    runs.finish_run(run, ok=True)
    (tmp_path / runs.POINTER).unlink()
    assert runs.latest_complete_run(tmp_path) == run


def test_prune_keeps_the_latest_and_running(tmp_path: Path) -> None:
    """It deletes the oldest finished runs beyond the limit, never the current or a running one."""
    made = []
    for hour in range(10, 14):
        folder = runs.create_run_folder(tmp_path, datetime(2026, 11, 25, hour))
        made.append(folder)
        if hour != 12:
            runs.finish_run(folder, ok=True)
    removed = runs.prune_runs(tmp_path, keep=1)
    assert removed == made[:2]
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_dir() and not p.is_symlink()) == [
        made[2].name,
        made[3].name,
    ]


_WORKER = """
import sys, time
from pathlib import Path
from parthe_reports import runs
out = Path(sys.argv[1])
while time.time() < float(sys.argv[2]):
    pass
for i in range(5):
    f = runs.create_run_folder(out)
    runs.atomic_write_text(f / "doc.txt", f.name)
    runs.finish_run(f, ok=True)
"""


def test_concurrent_processes_never_share_a_folder(tmp_path: Path) -> None:
    """It lets two processes create runs at the same moment: all complete, distinct, pointer valid."""
    import time

    start = str(time.time() + 1.5)
    procs = [
        subprocess.Popen([sys.executable, "-c", _WORKER, str(tmp_path), start]) for _ in range(2)
    ]
    assert [p.wait(60) for p in procs] == [0, 0]
    listed = runs.list_runs(tmp_path)
    assert len(listed) == 10 and {r.status for r in listed} == {"complete"}
    for r in listed:
        assert (r.path / "doc.txt").read_text() == r.name
    latest = runs.latest_complete_run(tmp_path)
    newest = max(listed, key=lambda r: runs.start_key(r.path))  # start time, not name order
    assert latest is not None and latest.name == newest.name
