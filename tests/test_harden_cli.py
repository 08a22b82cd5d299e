"""Expected failures and signals at the command line: one German sentence, exit 2, no
traceback (``--debug`` shows it); SIGTERM/SIGINT clean up first."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parthe_reports import runs
from parthe_reports.cli import app
from parthe_reports.cli.guard import Interrupted, explain, guarded
from parthe_reports.errors import UserError
from parthe_reports.paths import INPUTS, ROOT

runner = CliRunner()


def _fail(exc: BaseException) -> None:
    raise exc


@pytest.mark.parametrize(
    ("exc", "words"),
    [
        (OSError(errno.ENOSPC, "No space left on device", "/srv/out/x.docx"), "kein Platz"),
        (OSError(errno.EROFS, "Read-only file system", "/srv/out"), "Schreib- oder Leserechte"),
        (PermissionError(errno.EACCES, "Permission denied", "/srv/out"), "Schreib- oder Leser"),
        (OSError(errno.EADDRINUSE, "Address already in use"), "Port ist schon belegt"),
        (UserError("Fehler: So nicht; bitte anders."), "So nicht"),
    ],
)
def test_expected_failures_are_one_german_sentence(
    exc: BaseException, words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """It prints one German sentence (naming the path) and exits 2, without a traceback."""
    with pytest.raises(SystemExit) as ended:
        guarded(lambda: _fail(exc), argv=["parthe-reports", "run"])
    assert ended.value.code == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err and "Error" not in err
    assert len(err.strip().splitlines()) == 1
    if getattr(exc, "filename", None):
        assert f"„{exc.filename}“" in err  # type: ignore[attr-defined]


def test_debug_shows_the_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    """It adds the Python traceback with --debug, and still the sentence."""
    exc = OSError(errno.ENOSPC, "No space left on device", "/srv/out")
    with pytest.raises(SystemExit):
        guarded(lambda: _fail(exc), argv=["parthe-reports", "run", "--debug"])
    err = capsys.readouterr().err
    assert "Traceback" in err and "kein Platz" in err


def test_a_bug_is_not_disguised() -> None:
    """It lets an unexpected error through (a bug keeps its traceback)."""
    assert explain(ValueError("kaputt")) is None
    with pytest.raises(ValueError):
        guarded(lambda: _fail(ValueError("kaputt")), argv=[])


def test_an_oserror_behind_another_error_is_explained() -> None:
    """It finds the disk-full cause behind a wrapping error (Prefect re-raises)."""
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device", "/srv/out")
        except OSError as inner:
            raise RuntimeError("Flow crashed") from inner
    except RuntimeError as outer:
        sentence = explain(outer)
    assert sentence is not None and "kein Platz" in sentence


def test_signal_becomes_interrupted_not_keyboard_interrupt() -> None:
    """It turns SIGTERM into Interrupted (not caught by except Exception, nor by click)."""
    from parthe_reports.cli.guard import install_signal_handlers

    old = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        install_signal_handlers()
        with pytest.raises(Interrupted) as caught:
            try:
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(1)
            except Exception:  # what the run's own handler would do: not this
                pytest.fail("Interrupted was caught as an Exception")
        assert caught.value.signal == signal.SIGTERM
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)


def test_a_file_as_outputs_folder_stops_before_prefect(tmp_path: Path) -> None:
    """It refuses an outputs path it cannot write into with one sentence, before Prefect."""
    blocker = tmp_path / "datei"
    blocker.write_text("x")
    result = runner.invoke(app, ["run", "--outputs", str(blocker / "out")])
    assert result.exit_code == 2
    assert "Fehler:" in result.output and "Traceback" not in result.output
    assert "Starte Prefect" not in result.output


@pytest.mark.prefect
@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_signal_during_a_run_exits_2_and_marks_the_run_aborted(tmp_path: Path, signum: int) -> None:
    """It exits 2 after SIGTERM/SIGINT mid-run, with the run folder marked aborted, the
    pointer untouched, and the sentence instead of a traceback."""
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from parthe_reports.cli import app; app()",
            "run",
            "--inputs",
            str(INPUTS),
            "--outputs",
            str(out),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and not list(out.glob("*/Eingangsdaten")):
        assert proc.poll() is None, proc.communicate()[0]
        time.sleep(0.2)
    proc.send_signal(signum)
    output, _ = proc.communicate(timeout=120)
    assert proc.returncode == 2, output
    assert "Abgebrochen" in output and "Traceback" not in output
    (folder,) = [p for p in out.iterdir() if p.is_dir()]
    data = runs.read_run_json(folder)
    assert data is not None and data["status"] == runs.STATUS_ABORTED
    assert runs.latest_complete_run(out) is None
    assert not (folder / runs.HEARTBEAT_FILE).exists()


def test_an_unusable_prefect_home_is_named(tmp_path: Path) -> None:
    """It names PREFECT_HOME and the remedy when Prefect's folder cannot be written."""
    home = tmp_path / "keine-mappe"
    home.write_text("eine Datei, kein Ordner")
    env = {**os.environ, "PREFECT_HOME": str(home)}
    env.pop("PREFECT_API_URL", None)
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from parthe_reports.cli import app; app()",
            "run",
            "--inputs",
            str(INPUTS),
            "--outputs",
            str(tmp_path / "out"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "PREFECT_HOME" in done.stderr and f"„{home}“" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_stored_os_errors_read_as_german() -> None:
    """It turns a stored OSError (failed document, run.json) into its German sentence and
    leaves other stored errors as they are."""
    from parthe_reports.cli.pipeline import error_text

    text = error_text("OSError: [Errno 28] No space left on device: '/srv/aus/P1.docx'")
    assert text.startswith("Auf dem Datenträger von „/srv/aus/P1.docx“ ist kein Platz mehr")
    assert "Errno" not in error_text("PermissionError: [Errno 13] Permission denied: '/x'")
    assert error_text("ValueError: Vorlage fehlt") == "Vorlage fehlt"


@pytest.mark.parametrize(("bad", "code"), [(False, 0), (True, 1)])
def test_program_end_keeps_exit_code_and_flushes_piped_output(
    tmp_path: Path, bad: bool, code: int
) -> None:
    """It ends the program without the interpreter's teardown (cli/guard.leave) yet keeps the
    command's exit code and every line written to a pipe, and leaves no worker process behind."""
    import shutil

    inputs = tmp_path / "inputs"
    shutil.copytree(INPUTS, inputs)
    if bad:
        (inputs / "kommunen" / "BOR.xlsx").write_bytes(b"kein Workbook")
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "from parthe_reports.cli import app; app()",
            "validate",
            str(inputs),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=os.environ | {"PARTHE_TEST_MARK": tmp_path.name},
    )
    assert proc.returncode == code, proc.stdout + proc.stderr
    # The reader's worker processes were joined, not left behind (exit handlers ran).
    assert not _processes_with(f"PARTHE_TEST_MARK={tmp_path.name}")
    assert "Traceback" not in proc.stderr
    assert "Nächster Schritt" in proc.stdout  # the summary's last paragraph arrived
    assert ("die Workbooks von BOR anfordern" in proc.stdout) is bad


def _processes_with(mark: str) -> list[int]:
    """Processes whose environment carries ``mark`` (inherited by every worker they spawn)."""
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if mark.encode() in environ.read_bytes().split(b"\0"):
                found.append(int(environ.parent.name))
        except OSError:  # gone meanwhile, or not ours to read
            continue
    return found


def test_leave_joins_the_worker_pool(tmp_path: Path) -> None:
    """It joins the render/read worker processes before the fast exit: none outlives the
    program (their CPU time then counts as the command's); without the exit handlers they did."""
    mark = f"PARTHE_TEST_MARK={tmp_path.name}"
    script = (
        "from parthe_reports.pipeline.pool import shared\n"
        "from parthe_reports.cli.guard import leave\n"
        "pool = shared()\n"
        "assert pool.submit(abs, -3).result() == 3\n"
        "leave(0)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,  # a leftover worker keeps the pipes open: this times out
        env=os.environ | dict([mark.split("=", 1)]),
    )
    assert proc.returncode == 0, proc.stderr
    time.sleep(0.5)
    assert not _processes_with(mark)
