"""Daily hand-in reminders, deadline notices and the weekly funding digest (wiring only).

``parthe-reports serve`` registers ``reminders_flow`` (region.toml ``[schedules] reminders``).
The facts come from the inputs folder through the run's cache; the rules, texts, sending
and the once-per-event log are in ``parthe_reports.notices``. Every notice of this run is
also a Prefect artifact, so the office sees them in the UI with or without SMTP.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from flows.fanout import PrefectFanOut
from flows.settings import prefect_home, result_cache
from parthe_reports import notices
from parthe_reports.german import date_de
from parthe_reports.notices.log import LOG_FILE
from parthe_reports.notices.sources import read_facts
from parthe_reports.paths import INPUTS, OUTPUTS, REGION_CONFIG
from parthe_reports.region import load_region

# Never cached: what is due depends on the clock and the log, not on the arguments alone.
plan_notices = task(name="faellige-benachrichtigungen", cache_policy=NO_CACHE)(notices.due_notices)
send_notices = task(name="benachrichtigungen-senden", cache_policy=NO_CACHE)(notices.deliver)


def state_folder(settings: notices.NoticeSettings) -> Path:
    """The notices log: ``[benachrichtigung] ablage``, else under Prefect's home."""
    return settings.state_folder(prefect_home() / notices.STATE_FOLDER)


def notices_markdown(day: date, outcome: notices.Outcome, folder: Path) -> str:
    """This run's notices in German, with their full text, for the Prefect UI."""
    lines = [f"# Benachrichtigungen vom {date_de(day)}", ""]
    if not outcome.entries:
        lines.append("Heute ist nichts Neues fällig.")
    for e in outcome.entries:
        status = notices.STATUS_DE.get(e.status, e.status)
        if e.kind == notices.Kind.HINT.value:
            lines += ["## Hinweis", "", e.body, ""]
            continue
        copy = f" · Kopie: {', '.join(e.cc)}" if e.cc else ""
        lines += [f"## {e.kind}: {e.subject}", "", f"An: {', '.join(e.to)}{copy} · {status}"]
        lines += [""] + [f"> {line}" if line else ">" for line in e.body.splitlines()] + [""]
    lines += [
        f"Bereits erledigt und nicht erneut gesendet: {outcome.already_done}.",
        f"Protokoll: `{folder / LOG_FILE}`",
    ]
    return "\n".join(lines)


@flow(name="parthe-erinnerungen", log_prints=False)
def reminders_flow(
    inputs: Path = INPUTS,
    outputs: Path = OUTPUTS,
    region_config: Path = REGION_CONFIG,
    today: date | None = None,
) -> list[dict[str, Any]]:
    """Send (or, without SMTP, record) what is due today and not yet done; returns the log
    entries this run wrote."""
    region_config = Path(region_config)
    region = load_region(region_config)
    settings = notices.load_notice_settings(region_config)
    day = today or date.today()
    fan_out = PrefectFanOut(storage=result_cache(Path(outputs)))
    facts = read_facts(Path(inputs), Path(outputs), region, region_config, day, fan_out)
    plan = plan_notices(region, day, facts.submissions, facts.funding, settings)
    folder = state_folder(settings)
    outcome = send_notices(plan, folder, settings, region, datetime.now().astimezone())
    create_markdown_artifact(
        notices_markdown(day, outcome, folder),
        key="benachrichtigungen",
        description=f"Erinnerungen und Hinweise vom {date_de(day)}",
    )
    return [asdict(e) for e in outcome.entries]
