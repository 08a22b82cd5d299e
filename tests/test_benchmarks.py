"""Tests of the benchmark harness (that it runs and reports, never how fast anything is)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from benchmarks.__main__ import NOTES_MARK, _kept_notes
from benchmarks.corpus import corpus, region_toml
from benchmarks.report import Stat
from benchmarks.stages import spaced
from benchmarks.tables import TARGETS
from parthe_reports.demo.data import synthetic_region
from parthe_reports.region import load_region, region_from_dict

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_command_writes_the_table(tmp_path: Path) -> None:
    """It runs at N = 2 with one repetition and writes the stage, baseline and target tables."""
    out = tmp_path / "RESULTS.md"
    out.write_text(f"old table\n{NOTES_MARK}\nThe hand-written note.\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "benchmarks", "--sizes", "2", "--quick", "--flows", "off"]
    cmd += ["--out", str(out), "--data-dir", str(tmp_path / "data")]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    text = out.read_text(encoding="utf-8")
    assert "## Machine" in text and "## Targets" in text
    assert "| stage (N = 2: 3 workbooks, 11 documents)" in text  # 6 phases, 2 profiles, 3 PB
    read_row = next(line for line in text.splitlines() if line.startswith("| read (ingest"))
    assert float(read_row.split("|")[2]) > 0
    naive = next(line for line in text.splitlines() if line.startswith("| (a) pandas"))
    assert "×" in naive
    targets = text.split("## Targets")[1].split("## N = 2")[0]
    assert targets.count("✓") + targets.count("✗") >= 6
    assert (tmp_path / "data" / "normal-n2" / "READY").exists()
    assert "The hand-written note." in text and "old table" not in text


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


def test_region_toml_round_trips() -> None:
    """The synthetic region written as region.toml reads back identical."""
    region = synthetic_region(30, load_region())
    assert region_from_dict(tomllib.loads(region_toml(region))) == region


def test_region_toml_escapes_quotes() -> None:
    """A quote in a name does not end the TOML string early."""
    base = synthetic_region(2, load_region())
    odd = base.__class__(**{**base.__dict__, "name": 'Verbund "Nord"'})
    assert region_from_dict(tomllib.loads(region_toml(odd))).name == 'Verbund "Nord"'


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
