"""Deployments with cron schedules from region.toml [schedules], served by this process."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from prefect.schedules import Cron
from prefect.utilities.annotations import freeze
from prefect.utilities.callables import ParameterSchema

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


# Parameters the service fixes from its own configuration; a caller cannot change them.
FIXED = ("inputs", "outputs", "region_config")


def build_deployments(inputs: Path, outputs: Path, region_config: Path) -> list[Any]:
    """One RunnerDeployment per configured schedule whose flow exists.

    The folders and the region file are the service's (``serve --inputs/--outputs/--region``):
    frozen parameters (read-only, a single allowed value) in a schema that allows no other
    names, enforced by the API. A flow run asking for another outputs folder is refused
    (422) before anything runs; the Stichtag and the phases stay free."""
    region = load_region(region_config)
    tz = region.schedules.get("timezone", "Europe/Berlin")
    paths = {"inputs": inputs, "outputs": outputs, "region_config": region_config}
    out = []
    for key, (flow_, name) in DEPLOYMENTS.items():
        cron = region.schedules.get(key)
        if not cron:
            continue
        deployment = flow_.to_deployment(
            name=name,
            schedules=[Cron(cron, timezone=tz)],
            parameters=fixed_parameters(flow_, paths),
            description=f"Zeitplan aus region.toml [schedules] {key} = „{cron}“ ({tz})",
            enforce_parameter_schema=True,
        )
        out.append(strict_schema(deployment))
    return out


def fixed_parameters(flow_: Any, paths: dict[str, Path]) -> dict[str, Any]:
    """The service's paths, frozen (as text: the API compares JSON), for those of ``FIXED``
    the flow takes."""
    accepted = flow_.parameters.properties
    return {name: freeze(str(value)) for name, value in paths.items() if name in accepted}


class _StrictSchema(ParameterSchema):
    """Prefect's parameter schema with ``additionalProperties: false`` (no unknown names)."""

    additionalProperties: bool = False  # the JSON Schema keyword


def strict_schema(deployment: Any) -> Any:
    """The deployment with a parameter schema that refuses parameters the flow does not
    declare (Prefect's own schema allows any extra name)."""
    schema = deployment._parameter_openapi_schema
    strict = _StrictSchema(**schema.model_dump(exclude_unset=True))
    strict.additionalProperties = False  # set explicitly: kept by model_dump(exclude_unset)
    deployment._parameter_openapi_schema = strict
    return deployment


def serve_forever(
    inputs: Path,
    outputs: Path,
    region_config: Path,
    port: int,
    echo: Callable[[str], Any] = print,
) -> None:
    """Start (or use $PREFECT_API_URL) a local server with a password, register the
    deployments, serve them; the server child stops with us, however we end."""
    from flows.server import ensure_api, stop_server
    from flows.settings import SERVICE_ENV, prefect_home, service_auth

    auth = None if os.environ.get("PREFECT_API_URL") else service_auth(create=True)
    url, proc = ensure_api(port, auth=auth)
    echo(f"Prefect-Server: {url.removesuffix('/api')} (Oberfläche im Browser)")
    if auth:
        echo(f"Anmeldung: Benutzer und Passwort aus {prefect_home() / SERVICE_ENV}")
    try:
        from prefect import serve
        from prefect.settings import temporary_settings

        updates: dict[str, Any] = {"api.url": url}
        if auth:
            updates["api.auth_string"] = auth
        with temporary_settings(updates=updates):
            deployments = build_deployments(inputs, outputs, region_config)
            _crash_earlier_runs(deployments)
            for d in deployments:
                echo(f"Zeitplan: {d.flow_name}/{d.name}: {d.schedules[0].schedule.cron}")
            serve(*deployments, print_starting_message=False)
    finally:
        if proc is not None:
            stop_server(proc)


def _crash_earlier_runs(deployments: list[Any]) -> None:
    """Runs of these deployments still RUNNING now belong to an earlier ``serve`` (its API
    died with it): Crashed. Runs started by ``run`` are judged by their process tag."""
    from prefect import get_client

    from flows.crashed import mark_crashed

    ids = []
    with get_client(sync_client=True) as client:
        for d in deployments:
            try:
                ids.append(client.read_deployment_by_name(f"{d.flow_name}/{d.name}").id)
            except Exception:  # not registered yet (first start): nothing of it can be running
                continue
    mark_crashed(ids)
