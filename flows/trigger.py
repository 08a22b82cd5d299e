"""Start the pipeline for the portal: through ``serve``'s deployment when that server runs,
else in this process (the same entry as ``parthe-reports run``).

In process, the run reads the portal's consistent snapshot of the inputs folder. Through
``serve``, the deployment's paths are fixed by the service (issue 18: a caller may not choose
them), so the run reads the service's inputs folder, which must be the portal's; the portal
takes no snapshot then. Both calls carry the service's password (``service_auth``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from uuid import UUID

from flows.server import healthy
from flows.settings import service_auth
from parthe_reports.pipeline import Listener

DEPLOYMENT = "parthe-pipeline/naechtlich"  # flows.deployments: pipeline_flow, "naechtlich"
FINAL_OK = ("COMPLETED",)


def serve_api(api_url: str | None) -> str | None:
    """``api_url`` when a Prefect server answers there (``serve`` runs), else None."""
    return api_url if api_url and healthy(api_url) else None


def _api(api_url: str) -> dict[str, Any]:
    """Settings for a call to ``serve``'s API: its address and the service's password."""
    updates: dict[str, Any] = {"api.url": api_url}
    auth = service_auth()
    if auth:
        updates["api.auth_string"] = auth
    return updates


def start_deployment(api_url: str) -> str | None:
    """A flow run of the pipeline deployment with the service's own parameters; its id, or
    None when there is no deployment."""
    from prefect.deployments import run_deployment
    from prefect.exceptions import ObjectNotFound
    from prefect.settings import temporary_settings

    with temporary_settings(updates=_api(api_url)):
        try:
            flow_run: Any = run_deployment(DEPLOYMENT, timeout=0)
        except ObjectNotFound:
            return None
    return str(flow_run.id)


def deployment_state(api_url: str, flow_run_id: str) -> tuple[str, bool]:
    """The flow run's state type (``RUNNING``, ``COMPLETED`` …) and whether it is final."""
    import asyncio

    from prefect.client.orchestration import get_client
    from prefect.settings import temporary_settings

    async def read() -> Any:
        async with get_client() as client:
            return await client.read_flow_run(UUID(flow_run_id))

    with temporary_settings(updates=_api(api_url)):
        flow_run = asyncio.run(read())
    state = flow_run.state
    if state is None:
        return "PENDING", False
    return state.type.value, bool(state.is_final())


def run_here(inputs: Path, outputs: Path, region_config: Path, listener: Listener) -> Any:
    """The pipeline flow in this process (a local API as ``run`` starts it); its RunSummary."""
    from flows.runner import run

    return run(inputs=inputs, outputs=outputs, region_config=region_config, listener=listener)
