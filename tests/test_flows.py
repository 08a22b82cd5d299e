"""The Prefect flows: caching by content (counted task runs), Dask equivalence, failures, artifacts."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import flows  # noqa: F401  (Prefect environment defaults before prefect is imported)
from parthe_reports import pipeline as core
from parthe_reports import runs
from parthe_reports.paths import INPUTS
from parthe_reports.pipeline import RunSummary, Stage, keys, sequence, write
from tests.test_pipeline import docx_text

pytestmark = [pytest.mark.prefect, pytest.mark.slow]
STICHTAG = date(2026, 11, 25)


@pytest.fixture(scope="module")
def prefect_env(prefect_api: str) -> Iterator[None]:
    """The process's Prefect API (conftest); the code version pinned (others edit code)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(keys, "code_version", lambda: "test")
        yield


def run(**kwargs: Any) -> RunSummary:
    from flows.runner import run as run_flow

    return run_flow(stichtag=STICHTAG, **kwargs)


def texts(result: RunSummary) -> dict[str, str]:
    folder = result.run_folder
    return {d: docx_text(folder / d) for d in result.documents}


@pytest.fixture(scope="module")
def three_runs(prefect_env: None, tmp_path_factory: pytest.TempPathFactory) -> list[RunSummary]:
    """First run, unchanged re-run, re-run after NAU's workbook changed."""
    base = tmp_path_factory.mktemp("cache")
    inputs = base / "inputs"
    shutil.copytree(INPUTS, inputs)
    out = base / "out"
    first = run(inputs=inputs, outputs=out)
    second = run(inputs=inputs, outputs=out)
    nau = inputs / "kommunen" / "NAU.xlsx"
    nau.write_bytes(nau.read_bytes() + b"\0")  # new bytes; a zip reader ignores trailing data
    third = run(inputs=inputs, outputs=out)
    return [first, second, third]


def test_first_run_renders_everything(three_runs: list[RunSummary]) -> None:
    """It reads every workbook and renders every document in the first run."""
    first = three_runs[0]
    assert first.exit_code in (0, 1), first
    assert first.task_runs["read"] == {"run": 7, "cached": 0, "failed": 0}
    assert first.task_runs["render"]["cached"] == 0
    assert len(first.documents) == first.task_runs["render"]["run"] > 6


def test_unchanged_rerun_comes_from_the_cache(three_runs: list[RunSummary]) -> None:
    """It recomputes nothing when no workbook changed (the run-level short-cut: not even a
    cached task), and writes documents with the same text into a new run folder."""
    first, second, _ = three_runs
    assert second.task_runs == {}
    assert second.reused_from == first.run_folder.name
    assert second.run_folder != first.run_folder
    assert texts(second) == texts(first)


def test_one_changed_workbook_rereads_only_that_one(three_runs: list[RunSummary]) -> None:
    """It re-reads only NAU.xlsx and keeps the other workbooks' Prüfberichte and copies."""
    first, _, third = three_runs
    runs_ = third.task_runs
    assert runs_["read"] == {"run": 1, "cached": 6, "failed": 0}
    # annotated copies only of workbooks with findings (NAU.xlsx among them)
    with_findings = sum(1 for counts in first.findings.values() if sum(counts.values()))
    assert runs_["feedback"] == {"run": 1, "cached": with_findings - 1, "failed": 0}
    reports = [d for d in first.documents if d.startswith(core.FEEDBACK_DIR + "/")]
    assert len(reports) == 7
    # the six other Prüfberichte are cached; regional documents depend on all inputs
    assert runs_["render"]["cached"] == 6
    assert runs_["render"]["run"] == len(first.documents) - 6


def test_runs_are_kept_and_pointer_is_latest(three_runs: list[RunSummary]) -> None:
    """It keeps all three run folders and points aktuell at the third."""
    out = three_runs[0].run_folder.parent
    assert [r.status for r in runs.list_runs(out)] == ["complete"] * 3
    assert runs.latest_complete_run(out) == three_runs[2].run_folder


def test_dask_runner_gives_the_same_documents(three_runs: list[RunSummary], tmp_path: Path) -> None:
    """It renders documents with the same text on a local Dask cluster of 2 worker processes."""
    import dask.config

    # Worker processes that start slowly on a busy machine (xdist, other jobs) are waited
    # for instead of timing out after distributed's 30 s; the nanny hands them this config.
    slow = {f"distributed.comm.timeouts.{k}": "180s" for k in ("connect", "tcp")}
    with dask.config.set(slow | {"distributed.deploy.lost-worker-timeout": "180s"}):
        on_dask = run(outputs=tmp_path / "out", dask=True)
    assert on_dask.task_runs["read"]["run"] == 7  # its own empty cache: really computed
    assert on_dask.exit_code == three_runs[0].exit_code
    assert texts(on_dask) == texts(three_runs[0])


def test_failing_render_task_does_not_stop_the_others(
    prefect_env: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It writes the other documents when one render task fails, and reports exit code 2."""
    monkeypatch.setattr(sequence, "render_bytes", render_all_but_phase3)
    result = run(outputs=tmp_path / "out", phases=[2, 3])
    assert [d[:6] for d in result.failed_documents] == ["Phase3"]
    assert [d[:6] for d in result.documents] == ["Phase2"]
    assert result.task_runs["render"]["failed"] == 1
    assert result.exit_code == core.EXIT_FAILED
    assert runs.latest_complete_run(tmp_path / "out") is None


def render_all_but_phase3(job: Any) -> bytes:
    """Module level: the render workers import it by name (a closure would not pickle)."""
    if job.file_name.startswith("Phase3"):
        raise RuntimeError("Vorlage kaputt")
    return write.render_bytes(job)


def test_run_publishes_artifacts(three_runs: list[RunSummary]) -> None:
    """It leaves a Markdown summary naming the documents and a funding-deadline table."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(
                key=ArtifactFilterKey(any_=["lauf-zusammenfassung", "foerderfristen-90-tage"])
            )
        )
    assert {a.key for a in found} == {"lauf-zusammenfassung", "foerderfristen-90-tage"}
    # Other tests of this module run flows too: pick the third run's own summary.
    third = three_runs[2].run_folder.name
    (summary,) = [
        str(a.data) for a in found if a.key == "lauf-zusammenfassung" and third in str(a.data)
    ]
    assert "Prüfergebnisse je Kommune" in summary
    assert three_runs[2].documents[0] in summary


def test_only_flow_runs_carry_the_process_tag(three_runs: list[RunSummary]) -> None:
    """Crash marking needs the process tag on flow runs; task runs go without it (a tagged
    task run asks the API for tag concurrency slots: one more round trip per task)."""
    from prefect.client.orchestration import get_client

    from flows.crashed import TAG_PREFIX

    with get_client(sync_client=True) as client:
        flow_runs = client.read_flow_runs()
        task_runs = client.read_task_runs()
    assert flow_runs and task_runs
    assert all(any(t.startswith(TAG_PREFIX) for t in r.tags) for r in flow_runs)
    assert not [r.name for r in task_runs if any(t.startswith(TAG_PREFIX) for t in r.tags)]


def test_locked_workbook_is_retried_but_bad_content_is_not(
    prefect_env: None, tmp_path: Path
) -> None:
    """It retries reading a workbook locked on a share (PermissionError), never a ValueError."""
    from prefect import flow

    from flows import fanout

    calls: list[str] = []

    def flaky_read(path: Path) -> str:
        calls.append(path.name)
        if path.name == "locked.xlsx" and calls.count(path.name) == 1:
            raise PermissionError(13, "gesperrt")
        if path.name == "bad.xlsx":
            raise ValueError("kein Retry")
        return path.name

    fast = fanout.TASKS[Stage.READ].with_options(retry_delay_seconds=[0, 0, 0])

    @flow
    def two() -> list[str]:
        ok = fast(flaky_read, [tmp_path / "locked.xlsx"], key=None)
        bad = fast(flaky_read, [tmp_path / "bad.xlsx"], key=None, return_state=True)
        return [*ok, str(bad.result(raise_on_failure=False))]

    assert two() == ["locked.xlsx", "ValueError: kein Retry"]
    assert calls == ["locked.xlsx", "locked.xlsx", "bad.xlsx"]


def test_batched_tasks_for_many_workbooks(
    three_runs: list[RunSummary], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It batches reading and rendering above the thresholds: fewer task runs, same documents."""
    from flows import fanout

    for stage in (Stage.READ, Stage.RENDER, Stage.FEEDBACK):
        monkeypatch.setitem(fanout.BATCH_ABOVE, stage, 2)
    monkeypatch.setattr(fanout, "MAX_TASKS_PER_STAGE", 3)
    batched = run(outputs=tmp_path / "out")
    assert batched.task_runs["read"]["run"] == 3  # 7 workbooks in 3 tasks
    assert batched.task_runs["render"]["run"] == 3
    assert batched.failed_documents == {}
    assert texts(batched) == texts(three_runs[0])


def test_deadlines_flow_reads_through_the_run_sequence(prefect_env: None, tmp_path: Path) -> None:
    """It lists the funding deadlines of the next 90 days, read by the same sequence as a run."""
    from flows.deadlines import deadlines_flow

    rows = deadlines_flow(outputs=tmp_path / "out", stichtag=STICHTAG)
    assert rows, "the example data have deadlines within 90 days"
    assert all(0 <= int(r["days_left"] or -1) <= 90 for r in rows)
    assert [r["deadline"] for r in rows] == sorted(r["deadline"] for r in rows)
    empty = deadlines_flow(outputs=tmp_path / "out", stichtag=date(2040, 1, 1))
    assert empty == []
