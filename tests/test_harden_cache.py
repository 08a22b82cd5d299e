"""The result cache executes nothing it did not write: signed records, poisoned ones ignored."""

from __future__ import annotations

import builtins
import hashlib
import os
import pickle
import shutil
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import flows  # noqa: F401  (Prefect environment defaults before prefect is imported)
from flows import cache
from parthe_reports import runs
from parthe_reports.paths import INPUTS
from parthe_reports.pipeline import RunSummary, keys

STICHTAG = date(2026, 11, 25)


class _Poison:
    """Unpickling this creates a marker file: proof that a record was deserialized."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, tuple[str, str]]:
        return builtins.open, (str(self.marker), "w")


def prefect_record(marker: Path) -> bytes:
    """A Prefect result record as Prefect writes it, naming the pickle serializer."""
    from prefect._internal.result_records import ResultRecord, ResultRecordMetadata
    from prefect.serializers import PickleSerializer

    serializer = PickleSerializer(picklelib="pickle")
    record = ResultRecord(
        metadata=ResultRecordMetadata(serializer=serializer, storage_key="x"),
        result=_Poison(marker),
    )
    return record.serialize()


def test_signed_record_round_trips(tmp_path: Path) -> None:
    """It reads back what it wrote, bound to its key, and refuses it under another key."""
    store = cache.SignedFileSystem(basepath=str(tmp_path / "c"), key_home=str(tmp_path))
    store.write_path("abc", b"payload", _sync=True)
    assert store.read_path("abc", _sync=True) == b"payload"
    shutil.copy(tmp_path / "c" / "abc", tmp_path / "c" / "other")
    with pytest.raises(cache.TamperedRecord):
        store.read_path("other", _sync=True)
    assert (tmp_path / cache.KEY_FILE).stat().st_mode & 0o777 == 0o600


def test_poisoned_record_is_never_unpickled(tmp_path: Path) -> None:
    """It refuses an unsigned Prefect record naming pickle before deserializing it (no marker),
    with a Warnung; the same bytes through Prefect's own reader would run the payload."""
    import logging

    from prefect._internal.result_records import ResultRecord

    marker = tmp_path / "executed"
    store = cache.SignedFileSystem(basepath=str(tmp_path / "c"), key_home=str(tmp_path))
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "key1").write_bytes(prefect_record(marker))
    seen: list[logging.LogRecord] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = seen.append  # type: ignore[method-assign]
    # On the module's own logger: other tests in this process silence Prefect's loggers and
    # may stop propagation, which caplog (on the root) depends on.
    cache.log.addHandler(handler)
    level, cache.log.disabled = cache.log.level, False
    cache.log.setLevel(logging.WARNING)
    try:
        with pytest.raises(cache.TamperedRecord):
            store.read_path("key1", _sync=True)
    finally:
        cache.log.removeHandler(handler)
        cache.log.setLevel(level)
    assert not marker.exists()
    assert any("Warnung" in r.getMessage() for r in seen)
    ResultRecord.deserialize(prefect_record(marker))  # the negative partner: it does execute
    assert marker.exists()


def test_tampered_payload_is_refused(tmp_path: Path) -> None:
    """It refuses a signed record whose payload was changed after signing."""
    store = cache.SignedFileSystem(basepath=str(tmp_path / "c"), key_home=str(tmp_path))
    store.write_path("k", pickle.dumps("harmlos"), _sync=True)
    path = tmp_path / "c" / "k"
    path.write_bytes(path.read_bytes()[:-3] + b"xyz")
    with pytest.raises(cache.TamperedRecord):
        store.read_path("k", _sync=True)


def test_prune_follows_the_runs(tmp_path: Path) -> None:
    """It deletes records no kept run used (older than the oldest run) and keeps the rest,
    and removes the unsigned records older versions kept in outputs/.cache/prefect."""
    outputs, folder = tmp_path / "out", tmp_path / "cache"
    folder.mkdir()
    run = runs.create_run_folder(outputs, datetime.now() - timedelta(hours=1))
    runs.finish_run(run, ok=True)
    old, used = folder / "old", folder / "used"
    for record in (old, used):
        record.write_bytes(b"x")
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    legacy = outputs / ".cache" / "prefect"
    legacy.mkdir(parents=True)
    (legacy / "rec").write_bytes(b"pickle")
    assert cache.prune(folder, outputs) == [old]
    assert used.exists() and not legacy.exists()
    shutil.rmtree(run)
    assert cache.prune(folder, outputs) == [used]  # its run is gone: so is its record


@pytest.fixture(scope="module")
def prefect_env(prefect_api: str) -> Iterator[None]:
    """The process's Prefect API (conftest); the code version pinned (others edit code)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(keys, "code_version", lambda: "test")
        yield


def _run(inputs: Path, outputs: Path) -> RunSummary:
    """A run through Prefect's tasks: earlier runs' keys are forgotten first, so the run-level
    short-cut (pipeline/reuse.py) cannot stand in for the task cache under test here."""
    from flows.runner import run
    from parthe_reports import runs
    from parthe_reports.pipeline.reuse import RUN_KEY

    for info in runs.list_runs(outputs) if outputs.is_dir() else []:
        data = runs.read_run_json(outputs / info.name) or {}
        if data.pop(RUN_KEY, None) is not None:
            runs.atomic_write_json(outputs / info.name / "run.json", data)
    return run(inputs=inputs, outputs=outputs, stichtag=STICHTAG, phases=[1])


@pytest.mark.prefect
@pytest.mark.slow
def test_poisoned_cache_executes_nothing_and_the_run_is_correct(
    prefect_env: None, tmp_path: Path
) -> None:
    """It recomputes every step whose record was swapped for a pickle bomb (in the cache
    folder and in outputs/.cache/prefect), runs nothing from it, and writes the same
    documents; the next run is cached again."""
    from flows.settings import prefect_home

    inputs, outputs, marker = tmp_path / "inputs", tmp_path / "out", tmp_path / "executed"
    shutil.copytree(INPUTS, inputs)
    first = _run(inputs, outputs)
    folder = (
        prefect_home()
        / "ergebnisse"
        / hashlib.sha256(str(outputs.resolve()).encode()).hexdigest()[:16]
    )
    records = sorted(p for p in folder.iterdir() if p.is_file())
    assert records
    legacy = outputs / ".cache" / "prefect"
    legacy.mkdir(parents=True)
    for record in records:
        record.write_bytes(prefect_record(marker))
        (legacy / record.name).write_bytes(prefect_record(marker))
    second = _run(inputs, outputs)
    assert not marker.exists()
    assert sum(c["cached"] for c in second.task_runs.values()) == 0
    assert sum(c["run"] for c in second.task_runs.values()) > 0  # recomputed, not short-cut
    assert second.exit_code == first.exit_code and second.documents == first.documents
    for doc in second.documents:
        assert (second.run_folder / doc).stat().st_size > 0
    third = _run(inputs, outputs)
    assert third.task_runs["read"] == {"run": 0, "cached": 7, "failed": 0}
    assert not marker.exists()
