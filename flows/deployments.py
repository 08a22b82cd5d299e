"""Deployments with cron schedules from region.toml [schedules], served by this process."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from prefect.schedules import Cron

from flows.deadlines import deadlines_flow
from flows.pipeline import pipeline_flow
from flows.progress_report import progress_report_flow
from flows.reminders import reminders_flow
from parthe_reports.region import load_region

# region.toml [schedules] key → (flow, deployment name).
DEPLOYMENTS: dict[str, tuple[Any, str]] = {
    "pipeline": (pipeline_flow, "naechtlich"),
    "funding_deadlines": (deadlines_flow, "foerderfristen-woechentlich"),
    "progress_report": (progress_report_flow, "fortschrittsbericht-monatlich"),
    "reminders": (reminders_flow, "erinnerungen-taeglich"),
}


def build_deployments(inputs: Path, outputs: Path, region_config: Path) -> list[Any]:
    """One RunnerDeployment per configured schedule whose flow exists."""
    region = load_region(region_config)
    tz = region.schedules.get("timezone", "Europe/Berlin")
    params = {"inputs": str(inputs), "outputs": str(outputs), "region_config": str(region_config)}
    out = []
    for key, (flow_, name) in DEPLOYMENTS.items():
        cron = region.schedules.get(key)
        if not cron:
            continue
        out.append(
            flow_.to_deployment(
                name=name,
                schedules=[Cron(cron, timezone=tz)],
                parameters=params,
                description=f"Zeitplan aus region.toml [schedules] {key} = „{cron}“ ({tz})",
            )
        )
    return out


def serve_forever(
    inputs: Path,
    outputs: Path,
    region_config: Path,
    port: int,
    echo: Callable[[str], Any] = print,
) -> None:
    """Start (or use $PREFECT_API_URL) a local server, register the deployments, serve them."""
    from flows.server import ensure_api, stop_server

    url, proc = ensure_api(port)
    echo(f"Prefect-Server: {url.removesuffix('/api')} (Oberfläche im Browser)")
    try:
        from prefect import serve
        from prefect.settings import temporary_settings

        with temporary_settings(updates={"api.url": url}):
            deployments = build_deployments(inputs, outputs, region_config)
            for d in deployments:
                echo(f"Zeitplan: {d.flow_name}/{d.name}: {d.schedules[0].schedule.cron}")
            serve(*deployments, print_starting_message=False)
    finally:
        if proc is not None:
            stop_server(proc)
