"""The progress-report flow: Fortschrittsbericht for the latest completed run, then
retention (keep the last N runs plus every run a report was based on). Wiring only; the
work is in ``parthe_reports.progress`` and ``parthe_reports.history``.

``parthe-reports serve`` registers ``progress_report_flow`` monthly
(region.toml ``[schedules] progress_report``).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact

from parthe_reports import history
from parthe_reports.german import money
from parthe_reports.paths import INPUTS, OUTPUTS, REGION_CONFIG
from parthe_reports.progress import ProgressError, ProgressResult, write_progress_report
from parthe_reports.region import load_region

log = logging.getLogger("flows.progress_report")

write_report = task(name="fortschrittsbericht")(write_progress_report)
prune = task(name="aufbewahrung")(history.prune_runs)


def report_markdown(result: ProgressResult) -> str:
    """The report in a few German lines for the Prefect UI."""
    d, f = result.diff, result.diff.figures
    return "\n".join(
        [
            f"# Fortschrittsbericht {result.run}",
            "",
            f"Verglichen mit Lauf {result.baseline}. Datei: [{result.path.name}]"
            f"({result.path.as_uri()})",
            "",
            f"- Bewilligte Fördermittel: {money(f.granted_after)} "
            f"(neu bewilligt: {money(f.newly_granted)})",
            f"- Maßnahmen begonnen: {len(d.measures_started)}, "
            f"abgeschlossen: {len(d.measures_finished)}",
            f"- Neu verspätete Meilensteine: {len(d.milestones_late)}",
            f"- Fristen in 90 Tagen: {f.deadlines_90}",
        ]
    )


@flow(name="parthe-progress-report", log_prints=False)
def progress_report_flow(
    outputs: str = str(OUTPUTS),
    since: str | None = None,
    region_config: str = str(REGION_CONFIG),
    inputs: str = str(INPUTS),
) -> dict[str, Any]:
    """Write the Fortschrittsbericht and prune old runs; with fewer than two completed runs
    there is nothing to compare, which is reported, not a failure.

    ``inputs`` is not read (the report works on kept runs); it is accepted because
    ``flows.deployments`` gives every scheduled flow the same parameters."""
    out = Path(outputs)
    try:
        result = write_report(out, since)
    except ProgressError as exc:
        log.warning("Kein Fortschrittsbericht: %s", exc)
        return {"written": False, "reason": str(exc), "deleted": []}
    create_markdown_artifact(report_markdown(result), key="fortschrittsbericht")
    deleted = prune(out, load_region(Path(region_config)).keep_last_runs)
    return {
        "written": True,
        "path": str(result.path),
        "run": result.run,
        "baseline": result.baseline,
        "deleted": [p.name for p in deleted],
    }
