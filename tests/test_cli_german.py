"""The command line in German: every ``--help``, a failed run, the summary, ``validate`` at
80 columns, the dates of ``runs``."""

from __future__ import annotations

import io
import logging
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import typer
from openpyxl import load_workbook
from typer.testing import CliRunner

from parthe_reports import pipeline as core
from parthe_reports import runs
from parthe_reports.cli import app
from parthe_reports.cli.checks import workbooks_or_exit
from parthe_reports.cli.pipeline import print_summary
from parthe_reports.cli.summary import BookLine, next_step
from parthe_reports.paths import INPUTS, ROOT
from parthe_reports.region import load_region
from tests.workbook_factory import municipal, regional, row

ENGLISH = ("Usage", "Options", "Show this message", "Arguments", "Commands", "[default", "<")
FRAME_ERRORS = ("Traceback", "Error", "FileNotFoundError")
runner = CliRunner(env={"COLUMNS": "80", "TERMINAL_WIDTH": "80"})


def _command_paths(group: typer.Typer = app) -> list[list[str]]:
    """Every command of the app as its argument path, groups included."""
    click_group = typer.main.get_group(group)
    paths: list[list[str]] = [[]]

    def walk(cmd: object, path: list[str]) -> None:
        for name, sub in getattr(cmd, "commands", {}).items():
            paths.append([*path, name])
            walk(sub, [*path, name])

    walk(click_group, [])
    return paths


def _help(group: typer.Typer, path: list[str]) -> str:
    result = CliRunner(env={"COLUMNS": "80"}).invoke(group, [*path, "--help"])
    assert result.exit_code == 0, result.output
    return result.output


def _options_without_help(group: typer.Typer) -> list[str]:
    click_group = typer.main.get_group(group)
    missing = []

    def walk(cmd: object, path: str) -> None:
        for p in getattr(cmd, "params", []):
            if not getattr(p, "help", None):
                missing.append(f"{path} {p.name}")
        for name, sub in getattr(cmd, "commands", {}).items():
            walk(sub, f"{path} {name}")

    walk(click_group, "parthe-reports")
    return missing


def test_every_help_is_german() -> None:
    """It frames every command's help in German, with switches and one metavar style."""
    paths = _command_paths()
    assert ["report", "progress"] in paths and ["run"] in paths
    for path in paths:
        text = _help(app, path)
        assert "Aufruf:" in text and "Diese Hilfe zeigen und beenden." in text, path
        assert not [w for w in ENGLISH if w in text], (path, text)
    assert "JJJJ-MM-TT" in _help(app, ["run"]) and "JJJJ-MM-TT" in _help(
        app, ["report", "progress"]
    )
    assert "ORDNER" in _help(app, ["serve"]) and "DATEI" in _help(app, ["serve"])


def test_every_option_has_help() -> None:
    """It gives every option and argument of every command a help text."""
    assert _options_without_help(app) == []


def test_help_check_catches_an_english_frame() -> None:
    """It would notice a plain Typer app: English frame words, an option without help."""
    plain = typer.Typer()

    @plain.command()
    def hello(name: str = typer.Option("x"), loud: bool = False) -> None:
        """Say hello."""

    text = _help(plain, [])
    # (panel titles are Typer's module strings, German for any app once the CLI is imported)
    assert {"Usage", "Show this message"} <= {w for w in ENGLISH if w in text}
    assert _options_without_help(plain)


def test_empty_inputs_one_german_sentence(tmp_path: Path) -> None:
    """It ends a run on an empty inputs folder with one German sentence, exit 2, no run folder."""
    (tmp_path / "leer").mkdir()
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", "--inputs", str(tmp_path / "leer"), "--outputs", str(out)])
    assert result.exit_code == core.EXIT_FAILED
    text = result.output.strip()
    assert "kein Workbook" in text and "--inputs" in text and len(text.splitlines()) == 1
    assert not [w for w in (*FRAME_ERRORS, "Prüfergebnisse je", "Prefect") if w in text]
    assert not out.exists()


def test_inputs_with_a_workbook_pass_the_check(tmp_path: Path) -> None:
    """It lets a folder with a workbook through the check (and stops a missing folder)."""
    regional(tmp_path / "verbund.xlsx")
    paths, _ = workbooks_or_exit(tmp_path, load_region(INPUTS.parent / "region.toml"))
    assert [p.name for p in paths] == ["verbund.xlsx"]
    with pytest.raises(typer.Exit):
        workbooks_or_exit(tmp_path / "fehlt", load_region(INPUTS.parent / "region.toml"))


def test_bad_stichtag_is_a_german_sentence(tmp_path: Path) -> None:
    """It answers a mistyped Stichtag in German (and accepts TT.MM.JJJJ as well)."""
    bad = runner.invoke(app, ["validate", str(INPUTS), "--stichtag", "2026-13-01"])
    assert bad.exit_code == 2 and "kein Datum" in bad.output and "JJJJ-MM-TT" in bad.output
    assert not [w for w in (*FRAME_ERRORS, "Invalid", "Usage") if w in bad.output]
    good = runner.invoke(app, ["validate", str(INPUTS), "--stichtag", "25.11.2026"])
    assert good.exit_code == 0 and "Stichtag 25.11.2026" in good.output


@pytest.fixture(scope="module")
def grp_error_run(tmp_path_factory: pytest.TempPathFactory) -> core.RunSummary:
    """One core run on the example data with one Fehler in Großpösna's Maßnahmen."""
    base = tmp_path_factory.mktemp("grp")
    inputs = base / "inputs"
    shutil.copytree(INPUTS, inputs)
    path = inputs / "kommunen" / "GRP.xlsx"
    wb = load_workbook(path)
    ws = wb["Maßnahmen"]
    col = next(c.column for c in ws[1] if c.value == "Kosten gesamt")
    ws.cell(2, col).value = "zwölf"
    wb.save(path)
    options = core.RunOptions(inputs=inputs, outputs=base / "out", stichtag=date(2026, 11, 25))
    return core.run(options)


def _summary(result: core.RunSummary, capsys: pytest.CaptureFixture[str]) -> str:
    print_summary(result, result.run_folder.parent)
    return capsys.readouterr().out


@pytest.mark.slow
def test_summary_names_finding_report_and_next_step(
    grp_error_run: core.RunSummary,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """It prints GRP's Fehler as „Datei › Blatt › Zelle: …“, its two files and the next step."""
    monkeypatch.setenv("COLUMNS", "80")
    text = _summary(grp_error_run, capsys)
    assert "GRP.xlsx › Maßnahmen › I2: „zwölf“ ist keine Zahl" in text
    folder = grp_error_run.run_folder / core.FEEDBACK_DIR
    assert f"Prüfbericht: {folder / 'Pruefbericht_GRP.docx'}" in text
    assert f"markierte Kopie: {folder / 'GRP_Rueckmeldung.xlsx'}" in text
    assert "Nächster Schritt: die Prüfberichte an GRP schicken" in text
    assert "Verbund:" in text and "verbund.xlsx:" not in text  # one name for the region
    assert not [w for w in FRAME_ERRORS if w in text]


@pytest.mark.slow
def test_summary_of_a_clean_workbook_lists_no_files(
    grp_error_run: core.RunSummary, capsys: pytest.CaptureFixture[str]
) -> None:
    """It shows neither findings nor files for a workbook without Fehler and Warnungen (PAR)."""
    text = _summary(grp_error_run, capsys)
    assert "PAR: 0 Fehler, 0 Warnungen, 0 Hinweise" in text
    assert "Pruefbericht_PAR.docx" not in text and "PAR_Rueckmeldung" not in text


def test_next_step_says_nothing_to_do_only_when_clean() -> None:
    """It says there is nothing to do for clean workbooks, and names whom to send otherwise."""
    clean = [BookLine("BRA", {"Fehler": 0, "Warnung": 0}), BookLine("Verbund", {})]
    assert next_step(clean).startswith("Nächster Schritt: keiner")
    dirty = [BookLine("BRA", {"Fehler": 2}), BookLine("Verbund", {"Fehler": 1})]
    step = next_step(dirty, missing=["NAU"])
    assert "an BRA schicken" in step and "Verbund-Workbook korrigieren" in step
    assert "Workbooks von NAU anfordern" in step and "keiner" not in step


def test_failed_run_summary_has_no_class_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It prints a crash's cause without the Python class name and without a next step."""
    folder = runs.create_run_folder(tmp_path)
    failed = core.RunSummary(folder, stichtag="2026-11-25", error="OSError: Platte voll")
    text = _summary(failed, capsys)
    assert "Platte voll" in text and "OSError" not in text and "Nächster Schritt" not in text
    assert "Prüfergebnisse je" not in text  # no empty heading


def _validate_inputs(tmp: Path) -> Path:
    regional(tmp / "verbund.xlsx")
    rows = {"measures": [row("measures", cost_total="zwölf")]}
    municipal(tmp / "kommunen" / "Brandis_Erhebung_2026_final_Version.xlsx", rows)
    return tmp


def test_validate_headers_fit_80_columns(tmp_path: Path) -> None:
    """It prints every header of the workbook table whole at 80 columns, no line wider."""
    result = runner.invoke(app, ["validate", str(_validate_inputs(tmp_path))])
    assert result.exit_code == 1, result.output
    table = result.output.split("Plausibilitätsprüfung")[0]
    for header in ("Workbook", "Datei", "Fehler", "Warn.", "Hinw.", "Zeilen", "übern.", "abgel."):
        assert re.search(rf"(^|\s){re.escape(header)}(\s|$)", table), header
    assert "…" not in table and max(len(x) for x in table.splitlines()) <= 80
    assert "Nächster Schritt: die Prüfberichte an BRA schicken" in result.output


def test_validate_table_would_be_cut_with_long_headers(tmp_path: Path) -> None:
    """It shows why the headers are short: the former long headers are cut at 80 columns."""
    from rich.console import Console
    from rich.table import Table

    table = Table()
    for header in ("Workbook", "Kommune", "Fehler", "Warnungen", "Hinweise", "Zeilen gelesen"):
        table.add_column(header)
    for header in ("übernommen", "abgelehnt"):
        table.add_column(header)
    table.add_row("Brandis_Erhebung_2026_final.xlsx", "BRA", *["0"] * 6)
    console = Console(width=80, record=True)
    console.print(table)
    assert "…" in console.export_text()


def test_runs_prints_german_dates(tmp_path: Path) -> None:
    """It lists runs with TT.MM.JJJJ dates, never ISO."""
    folder = runs.create_run_folder(tmp_path)
    runs.finish_run(folder, ok=True, stichtag="2026-11-25", findings=0, exit_code=0)
    runs.create_run_folder(tmp_path)  # a second one, still running in this process
    dead = runs.create_run_folder(tmp_path)  # a third whose process is gone
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    runs.write_run_status(dead, runs.STATUS_RUNNING, pid=gone.pid)
    result = runner.invoke(app, ["runs", "--outputs", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "abgeschlossen" in result.output and "abgebrochen" in result.output
    assert "läuft" in result.output
    assert "…" not in result.output  # nothing cut at 80 columns
    assert "25.11.2026" in result.output and "2026-11-25" not in result.output
    assert not re.search(r"\d{4}-\d\d-\d\d \d", result.output)  # start time not ISO either


def readme_outputs() -> list[tuple[re.Pattern[str], bool]]:
    """README › „What a run writes“: each file pattern, and whether every run writes it."""
    text = (ROOT / "README.md").read_text("utf-8")
    table = text.split("| file | what it is |")[1].split("\n\n")[0]
    patterns = []
    for line in table.splitlines()[2:]:
        files, what = line.strip("|").split(" | ", 1)
        for token in re.findall(r"`([^`]+)`", files):
            rx = re.escape(token).replace(r"\*", "[^/]*")
            rx = re.sub(r"<[^>]+>", "[^/]+", rx)
            rx = re.sub(r"\\\.(\w+)\\\|(\w+)$", r"\\.(\1|\2)", rx)  # Daten/*.parquet|csv
            patterns.append((re.compile(rx + "$"), not what.startswith("with `")))
    return patterns


def _unlisted(folder: Path, patterns: list[tuple[re.Pattern[str], bool]]) -> list[str]:
    files = [p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()]
    return [f for f in files if not any(rx.match(f) for rx, _ in patterns)]


@pytest.mark.slow
def test_readme_lists_every_file_a_run_writes(grp_error_run: core.RunSummary) -> None:
    """It finds every file of a real run in the README's table, and every row in the run."""
    patterns = readme_outputs()
    folder = grp_error_run.run_folder
    assert _unlisted(folder, patterns) == []
    files = [p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()]
    unused = [rx.pattern for rx, always in patterns if always and not any(map(rx.match, files))]
    assert unused == []


@pytest.mark.slow
def test_readme_check_notices_an_unlisted_file(grp_error_run: core.RunSummary) -> None:
    """It would notice a file the README does not list."""
    patterns = [(rx, always) for rx, always in readme_outputs() if "Konsolid" not in rx.pattern]
    assert _unlisted(grp_error_run.run_folder, patterns) == ["Konsolidiert.xlsx"]


@pytest.mark.slow
def test_cli_run_prints_the_summary(
    grp_error_run: core.RunSummary, monkeypatch: pytest.MonkeyPatch, console_log: io.StringIO
) -> None:
    """It prints, through ``parthe-reports run``, GRP's finding, its Prüfbericht and the next
    step, in German only (the flow itself replaced by the finished run)."""
    import flows.runner

    monkeypatch.setattr(flows.runner, "run", lambda **kwargs: grp_error_run)
    inputs = grp_error_run.run_folder.parent.parent / "inputs"
    result = runner.invoke(
        app, ["run", "--inputs", str(inputs), "--outputs", str(tmp_out(grp_error_run))]
    )
    assert result.exit_code == core.EXIT_INPUT_ERRORS, result.output
    assert "„zwölf“ ist keine Zahl" in result.output and "Pruefbericht_GRP.docx" in result.output
    assert "Nächster Schritt:" in result.output
    assert not [w for w in (*FRAME_ERRORS, "Usage", "Still processing") if w in result.output]


def tmp_out(summary: core.RunSummary) -> Path:
    return summary.run_folder.parent


@pytest.fixture
def console_log() -> Iterator[io.StringIO]:
    """Prefect's logging as configured at import, plus a console-like handler on the root
    logger writing into a buffer; handler levels restored afterwards."""
    import flows.runner  # noqa: F401  (configures Prefect's logging, as `run` does)

    buffer = io.StringIO()
    probe = logging.StreamHandler(buffer)
    logging.getLogger().addHandler(probe)
    loggers = [logging.getLogger(), *logging.root.manager.loggerDict.values()]
    handlers = {h: h.level for lg in loggers for h in getattr(lg, "handlers", [])}
    yield buffer
    logging.getLogger().removeHandler(probe)
    for handler, level in handlers.items():
        handler.setLevel(level)


def _chatter() -> None:
    logging.getLogger("EventsWorker").warning("Still processing items: 2 items remaining...")
    try:
        raise FileNotFoundError("Keine Workbooks")
    except FileNotFoundError:
        logging.getLogger("parthe_reports.pipeline").exception("Lauf fehlgeschlagen")


def _prefect_console_levels() -> list[int]:
    from prefect.logging.handlers import PrefectConsoleHandler

    loggers = [logging.getLogger(), *logging.root.manager.loggerDict.values()]
    return [
        h.level
        for lg in loggers
        for h in getattr(lg, "handlers", [])
        if isinstance(h, PrefectConsoleHandler)
    ]


def test_prefect_chatter_is_silenced(console_log: io.StringIO) -> None:
    """It lets none of Prefect's log lines or tracebacks reach the terminal without --debug."""
    from parthe_reports.cli.pipeline import _quiet_logging

    _quiet_logging(debug=False)
    _chatter()
    assert console_log.getvalue() == ""
    levels = _prefect_console_levels()
    assert levels and min(levels) > logging.CRITICAL


def test_prefect_chatter_shows_with_debug(console_log: io.StringIO) -> None:
    """It keeps Prefect's log lines and the traceback with --debug."""
    from parthe_reports.cli.pipeline import _quiet_logging

    _quiet_logging(debug=True)
    _chatter()
    assert "Still processing" in console_log.getvalue() and "Traceback" in console_log.getvalue()
    assert max(_prefect_console_levels()) <= logging.WARNING


@pytest.mark.parametrize(
    ("args", "german"),
    [
        (["run", "--foo"], "Die Option --foo gibt es hier nicht"),
        (["run", "--phase", "x"], "Der Wert für --phase passt nicht (erwartet: N)"),
        (["runn"], "Den Befehl „runn“ gibt es nicht. Gemeint ist wohl: run, runs"),
        (["run", "--inputs"], "Die Option --inputs braucht einen Wert"),
        (["validate", "a", "b"], "Diese Angaben versteht der Befehl nicht: b"),
    ],
)
def test_mistyped_call_is_answered_in_german(args: list[str], german: str) -> None:
    """It answers a mistyped call in German, in a „Fehler“ frame, with exit code 2."""
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert german in result.output and "Fehler" in result.output and "Aufruf:" in result.output
    english = ("No such", "Invalid", "Usage", "Error", "Try ", "Got unexpected", "requires")
    assert not [w for w in english if w in result.output]


def test_unknown_usage_errors_pass_unchanged() -> None:
    """It leaves a usage error it has no German for as it is (so the test above can fail)."""
    from typer._click.exceptions import UsageError

    from parthe_reports.cli.german import german_error

    error = UsageError("Something new")
    assert german_error(error, None) is error  # type: ignore[arg-type]
