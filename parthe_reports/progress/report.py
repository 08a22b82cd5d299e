"""Write the Fortschrittsbericht into the latest completed run: choose the baseline,
compare, render, and record in ``run.json`` which run the report was based on."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from parthe_reports import manifest as mf
from parthe_reports.history import (
    COMPLETED,
    RunData,
    list_runs,
    load_run,
    read_meta,
    record_progress_report,
)
from parthe_reports.history.query import funding_over_time
from parthe_reports.progress.context import build_context
from parthe_reports.progress.diff import diff_runs
from parthe_reports.progress.model import ProgressDiff
from parthe_reports.progress.periods import PeriodComparison, previous_period_run
from parthe_reports.progress.render import FILE_NAME, render_report
from parthe_reports.progress.template import TEMPLATE
from parthe_reports.runs import atomic_write_json, latest_complete_run


class ProgressError(Exception):
    """A German message for the user: no runs to compare, an unknown run name."""


@dataclass(frozen=True)
class ProgressResult:
    path: Path
    run: str
    baseline: str
    diff: ProgressDiff
    period: PeriodComparison | None = None


def default_baseline(runs: list[Path], latest: Path) -> Path:
    """The run the previous Fortschrittsbericht presented; else the previous completed run.

    A report already written into ``latest`` keeps its baseline (writing it again gives
    the same comparison).
    """
    own = read_meta(latest).get("progress_report")
    earlier = runs[: runs.index(latest)]
    by_name = {r.name: r for r in earlier}
    if own and own.get("baseline") in by_name:
        return by_name[own["baseline"]]
    reported = [r for r in earlier if read_meta(r).get("progress_report")]
    if reported:
        return reported[-1]
    if not earlier:
        raise ProgressError(
            "Für einen Fortschrittsbericht werden mindestens zwei abgeschlossene Läufe benötigt."
        )
    return earlier[-1]


def add_to_manifest(run_dir: Path, path: Path) -> None:
    """List the report in the run's ``manifest.json`` (replacing an earlier entry for it);
    a run without a manifest is left as it is."""
    if not (run_dir / mf.MANIFEST).is_file():
        return
    data = mf.read_manifest(run_dir)
    entry = mf.output_entry(run_dir, path, mf.OutputKind.PROGRESS_REPORT)
    outputs = [o for o in data.get("outputs", []) if o.get("path") != entry.path]
    data["outputs"] = sorted([*outputs, asdict(entry)], key=lambda o: str(o["path"]))
    atomic_write_json(run_dir / mf.MANIFEST, data)


def _period_comparison(
    runs: list[Path], latest: Path, new: RunData, stichtag: date | None
) -> PeriodComparison | None:
    """The latest run against the previous period's last run (None in the first period)."""
    previous = previous_period_run(runs, latest)
    if previous is None:
        return None
    old = load_run(previous)
    return PeriodComparison(new.period, old.period, old.name, diff_runs(old, new, stichtag))


def write_progress_report(
    outputs: Path,
    since: str | None = None,
    stichtag: date | None = None,
    template: Path = TEMPLATE,
) -> ProgressResult:
    """Compare the latest completed run with ``since`` (or the default baseline) and write
    ``Fortschrittsbericht.docx`` into the latest run's folder."""
    runs = list_runs(outputs, status=COMPLETED)
    if not runs:
        raise ProgressError(f"In {outputs} gibt es keinen abgeschlossenen Lauf.")
    # The run ``aktuell`` points to (helper F's pointer), else the newest completed one.
    pointer = latest_complete_run(outputs)
    latest = next((r for r in runs if pointer and r.name == pointer.name), runs[-1])
    if since:
        match = [r for r in runs if r.name == since]
        if not match:
            names = ", ".join(r.name for r in runs) or "keine"
            raise ProgressError(f"Lauf „{since}“ nicht gefunden (abgeschlossene Läufe: {names}).")
        if match[0] == latest:
            raise ProgressError(
                f"Lauf „{since}“ ist der aktuelle Lauf; bitte einen früheren wählen."
            )
        baseline = match[0]
    else:
        baseline = default_baseline(runs, latest)
    old, new = load_run(baseline), load_run(latest)
    diff = diff_runs(old, new, stichtag)
    period = _period_comparison(runs, latest, new, stichtag)
    context = build_context(diff, old, new, period=period)
    path = render_report(context, funding_over_time(outputs), latest / FILE_NAME, template)
    record_progress_report(latest, baseline.name, FILE_NAME)
    add_to_manifest(latest, path)
    return ProgressResult(
        path=path, run=latest.name, baseline=baseline.name, diff=diff, period=period
    )
