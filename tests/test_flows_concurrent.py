"""Two `parthe-reports run` processes started at once, on a fresh Prefect home."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from parthe_reports import manifest as mf
from parthe_reports import runs
from parthe_reports.paths import ROOT

pytestmark = [pytest.mark.prefect, pytest.mark.slow]


def test_two_runs_at_once_both_complete(tmp_path: Path) -> None:
    """It completes both runs in distinct folders with intact manifests and a valid pointer."""
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "home")}
    env.pop("PREFECT_API_URL", None)
    # Two first-time migrations of one fresh database, on a machine other tests keep busy:
    # the second waits for the first (the start-up lock). Patience, not a weaker check.
    env["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "600"
    out = tmp_path / "out"
    cmd = [
        sys.executable,
        "-c",
        "from parthe_reports.cli import app; app()",
        "run",
        "--outputs",
        str(out),
        "--phase",
        "3",
        "--stichtag",
        "2026-11-25",
    ]
    procs = [
        subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    results = [p.communicate(timeout=900) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    for _, err in results:  # quiet: no Prefect tracebacks, no "database is locked"
        assert b"Traceback" not in err and b"locked" not in err
    listed = runs.list_runs(out)
    assert len({r.name for r in listed}) == 2 and {r.status for r in listed} == {"complete"}
    for r in listed:
        assert mf.verify_manifest(r.path) == []
        assert [p.name for p in r.path.glob("Phase3*.docx")]
    latest = runs.latest_complete_run(out)
    assert latest is not None and latest.name == max(r.name for r in listed)
