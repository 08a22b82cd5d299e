"""Start the pipeline for the portal: through ``serve``'s deployment when that server runs,
else in this process (the same entry as ``parthe-reports run``).

The portal passes the inputs folder to read (its consistent snapshot); everything else is
the deployment's own parameters.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from uuid import UUID

from flows.server import healthy

DEPLOYMENT = "parthe-pipeline/naechtlich"  # flows.deployments: pipeline_flow, "naechtlich"
FINAL_OK = ("COMPLETED",)


def serve_api(api_url: str | None) -> str | None:
    """``api_url`` when a Prefect server answers there (``serve`` runs), else None."""
    return api_url if api_url and healthy(api_url) else None


def start_deployment(api_url: str, inputs: Path) -> str | None:
    """A flow run of the pipeline deployment; its id, or None when there is no deployment."""
    from prefect.deployments import run_deployment
    from prefect.exceptions import ObjectNotFound
    from prefect.settings import temporary_settings

    with temporary_settings(updates={"api.url": api_url}):
        try:
            flow_run: Any = run_deployment(
                DEPLOYMENT, parameters={"inputs": str(inputs)}, timeout=0
            )
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

    with temporary_settings(updates={"api.url": api_url}):
        flow_run = asyncio.run(read())
    state = flow_run.state
    if state is None:
        return "PENDING", False
    return state.type.value, bool(state.is_final())


def run_here(inputs: Path, outputs: Path, region_config: Path, listener: Any) -> Any:
    """The pipeline flow in this process (a local API as ``run`` starts it); its RunSummary."""
    from flows.runner import run

    return run(inputs=inputs, outputs=outputs, region_config=region_config, listener=listener)
