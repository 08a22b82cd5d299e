"""Tests of the benchmark harness (that it runs and reports, never how fast anything is)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from benchmarks import runs
from benchmarks.__main__ import NOTES_MARK, _kept_notes
from benchmarks.corpus import corpus, example_corpus
from benchmarks.headline import GOALS, command_table, headline_table, slope
from benchmarks.procs import measure_process
from benchmarks.report import Stat
from benchmarks.stages import spaced
from benchmarks.tables import TARGETS, target_table
from parthe_reports.region import load_region

ROOT = Path(__file__).resolve().parent.parent
GIB = 1024**3


@pytest.mark.slow
def test_command_writes_the_table(tmp_path: Path) -> None:
    """It runs the profile at N = 2 with one repetition and writes the headline and profile tables."""
    out = tmp_path / "RESULTS.md"
    out.write_text(f"old table\n{NOTES_MARK}\nThe hand-written note.\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "benchmarks", "--sizes", "2", "--quick", "--no-command"]
    cmd += ["--out", str(out), "--data-dir", str(tmp_path / "data"), "--note", "Vorläufig."]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    text = out.read_text(encoding="utf-8")
    assert "## Machine" in text and "## Targets: the command users run" in text
    assert "**Vorläufig.**" in text
    headline = text.split("## Targets")[1].split("## Profile")[0]
    assert headline.count("not measured (N = 1,000 not in this run)") == 5
    assert "| stage (N = 2: 3 workbooks, 11 documents)" in text  # 6 phases, 2 profiles, 3 PB
    read_row = next(line for line in text.splitlines() if line.startswith("| read (ingest"))
    assert float(read_row.split("|")[2]) > 0
    naive = next(line for line in text.splitlines() if line.startswith("| (a) pandas"))
    assert "×" in naive
    profile = text.split("## Profile")[1].split("### N = 2")[0]
    assert profile.count("✓") + profile.count("✗") >= 4
    assert (tmp_path / "data" / "normal-n2" / "READY").exists()
    assert (tmp_path / "data" / "normal-n2" / "inputs" / "region.toml").exists()
    assert "The hand-written note." in text and "old table" not in text
    again = subprocess.run(
        [*cmd, "--report-only"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert again.returncode == 0 and out.read_text(encoding="utf-8") == text


def test_process_tree_is_measured_whole(tmp_path: Path) -> None:
    """It counts a child's memory and CPU seconds in the figures of the process it started."""
    child = "b = bytearray(300 * 1024 * 1024); import time; t = time.process_time()\n"
    child += "while time.process_time() - t < 0.6: pass\ntime.sleep(0.5)"
    parent = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {child!r}])"
    result = measure_process([sys.executable, "-c", parent])
    assert result["returncode"] == 0
    assert result["memory"]["tree_peak_rss"] > 300 * 1024 * 1024  # the child's, not the parent's
    assert result["cpu_s"] >= 0.6 and result["wall_s"] >= 1.0


def test_process_without_children_is_small() -> None:
    """It reports a short process without children with little memory and CPU."""
    result = measure_process([sys.executable, "-c", "import time; time.sleep(0.3)"])
    assert result["memory"]["tree_peak_rss"] < 200 * 1024 * 1024
    assert result["cpu_s"] < 0.6 and result["returncode"] == 0


FAKE_RUN = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    out = Path(sys.argv[sys.argv.index("--outputs") + 1])
    runs = sorted(out.glob("run-*")) if out.exists() else []
    folder = out / f"run-{len(runs)}"
    folder.mkdir(parents=True)
    for name in ("A.docx", "B.docx", "K.xlsx"):
        (folder / name).write_text(os.environ["PREFECT_HOME"])
    (out / "aktuell").unlink(missing_ok=True)
    (out / "aktuell").symlink_to(folder.name)
    """
)


def test_command_runs_cold_then_warm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """It runs the command twice on one new outputs folder and one fresh Prefect home of its own."""
    script = tmp_path / "fake.py"
    script.write_text(FAKE_RUN, encoding="utf-8")
    monkeypatch.setattr(runs, "command", lambda: [sys.executable, str(script)])
    result = runs.run_command(tmp_path)
    assert set(result) == {"cold", "warm"}
    for label in ("cold", "warm"):
        assert (result[label]["docx"], result[label]["xlsx"]) == (2, 1), result[label]
        assert result[label]["returncode"] == 0 and result[label]["wall_s"] > 0
    assert not list(Path(runs.tempfile.gettempdir()).glob("bench-command-*/outputs"))


def test_failed_command_keeps_its_last_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It keeps the end of a failing command's output and writes no document counts as success."""
    script = tmp_path / "fail.py"
    script.write_text("import sys; print('Fehler: kaputt', file=sys.stderr); sys.exit(2)")
    monkeypatch.setattr(runs, "command", lambda: [sys.executable, str(script)])
    cold = runs.run_command(tmp_path)["cold"]
    assert cold["returncode"] == 2 and "kaputt" in cold["tail"] and cold["docx"] == 0


def _size(
    cold: float, warm: float, core: float, pss: float = 0.5, cpu: float = 1.0
) -> dict[str, Any]:
    mem = {"tree_peak_pss": pss * GIB, "tree_peak_rss": pss * 1.2 * GIB}

    def run(wall: float) -> dict[str, Any]:
        return {"wall_s": wall, "cpu_s": wall * cpu, "memory": mem, "returncode": 0, "docx": 9}

    return {"command": {"cold": run(cold), "warm": run(warm)}, "core": {"cold": run(core)}}


VALIDATE = {
    "workbook": "GRP.xlsx",
    "in_process": {"seconds": 0.2, "first_s": 0.9},
    "command": {"seconds": 2.0},
}


def test_headline_judges_every_target() -> None:
    """It gives each target ✓ or ✗ with measured ÷ limit when every size was measured."""
    sizes = {6: _size(8, 2, 6), 100: _size(20, 5, 15), 1000: _size(150, 20, 140, 1.2, 1.8)}
    rows = headline_table(sizes, VALIDATE)[2:]
    assert len(rows) == len(GOALS)
    marks = [r.rstrip(" |").rsplit("|", 1)[1].strip() for r in rows]
    assert marks == ["✗", "✓", "✓", "✓", "✓", "✓", "✓", "✓", "✗", "✓"]
    assert "| 1.25 |" in rows[0]  # 150 s ÷ 120 s
    assert slope(sizes) == pytest.approx(0.875, abs=1e-3)  # log(150/20) / log(10)


def test_headline_without_the_large_size_judges_nothing_there() -> None:
    """It says "not measured" and gives no ✓ for targets about a size the run left out."""
    rows = headline_table({6: _size(8, 2, 6)}, {})
    about_1000 = [r for r in rows if "1,000" in r.split("|")[1]]
    assert about_1000 and all("not measured" in r and "✓" not in r for r in about_1000)
    assert "✓" in next(r for r in rows if "first `run`" in r)


def test_command_table_shows_cores_and_memory() -> None:
    """It prints CPU ÷ wall and the tree's peak PSS/RSS per run."""
    lines = command_table(1000, _size(100, 10, 90, 1.0, 1.8))
    cold = next(line for line in lines if "`parthe-reports run`, cold" in line)
    assert "| 1.80 |" in cold and "1.00 / 1.20" in cold


def test_sampled_profile_figures_are_estimates_without_a_tick() -> None:
    """It labels a staged total scaled from a sample as an estimate and never gives it ✓."""
    stages = {"times": {"total": 50.0}, "workbooks": 3, "documents": {"phase": 6}}
    sampled = {"stages": [stages | {"estimated": {"render_profile": 50}}]}
    whole = {"stages": [stages | {"estimated": {}}]}
    row = next(r for r in target_table({100: sampled}) if r.startswith("| read → documents"))
    assert "≈ 50 s (estimate)" in row and "✓" not in row
    row = next(r for r in target_table({100: whole}) if r.startswith("| read → documents"))
    assert "50 s ✓" in row


def test_notes_without_marker_are_not_kept(tmp_path: Path) -> None:
    """Only text after the marker survives a regeneration; a file without it keeps nothing."""
    path = tmp_path / "RESULTS.md"
    path.write_text("old table only\n", encoding="utf-8")
    assert _kept_notes(path) == ""
    assert _kept_notes(tmp_path / "missing.md") == ""


def test_command_refuses_an_unknown_profile(tmp_path: Path) -> None:
    """It refuses a row profile it does not know, before generating anything."""
    cmd = [sys.executable, "-m", "benchmarks", "--profile", "huge", "--data-dir", str(tmp_path)]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "huge" in proc.stderr
    assert not any(tmp_path.iterdir())


def test_corpus_is_reused(tmp_path: Path) -> None:
    """A finished corpus is reused; a half-written one (no READY) is generated again."""
    first = corpus(2, data_dir=tmp_path)
    assert first.generated_s is not None and len(first.workbooks()) == 3
    assert corpus(2, data_dir=tmp_path).generated_s is None
    (first.root / "READY").unlink()
    assert corpus(2, data_dir=tmp_path).generated_s is not None


def test_spaced_sample() -> None:
    """It picks k evenly spaced items, or all when there are not more than k."""
    assert spaced(list(range(10)), 5) == [0, 2, 4, 6, 8]
    assert spaced([1, 2, 3], 5) == [1, 2, 3]


def test_stat_median_and_range() -> None:
    """It gives median, min and max, ignoring missing values; nothing for no values."""
    s = Stat.of([3.0, 1.0, 2.0, None])  # type: ignore[list-item]
    assert s is not None and (s.median, s.low, s.high, s.n) == (2.0, 1.0, 3.0, 3)
    assert Stat.of([]) is None


def test_targets_judge_both_directions() -> None:
    """A ≥ target fails below its goal and a ≤ target fails above it."""
    by_key = {t.key: t for t in TARGETS}
    assert by_key["naive_over_read"].met(6.0) and not by_key["naive_over_read"].met(4.0)
    assert by_key["total"].met(100.0) and not by_key["total"].met(130.0)
    assert by_key["total"].cell(None) == "–"


def test_example_corpus_is_the_example_data(tmp_path: Path) -> None:
    """It copies inputs/ with the project's region beside it, which reads back as that region."""
    c = example_corpus(tmp_path)
    assert len(c.workbooks()) == 7 and c.profile == "example"
    assert load_region(c.region_config) == load_region()
    assert corpus(2, data_dir=tmp_path).region_config.exists()
