"""Shared test configuration: headless plotting, LibreOffice availability, and a Prefect
home of its own for every test process (``pytest -n 2`` runs two)."""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import tempfile
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")


def _own_prefect_home() -> str:
    """A fresh, empty Prefect home for this test process, removed when it ends.

    Set before any test module imports Prefect (it reads its settings once, at import).
    Two xdist workers sharing one home would share its SQLite database, its migration lock
    and its result cache: runs then wait on each other, or one reads the other's cache.
    A developer's own home (and a server in ``PREFECT_API_URL``) is never touched.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    home = tempfile.mkdtemp(prefix=f"parthe-tests-prefect-{worker}-")
    os.environ["PREFECT_HOME"] = home
    os.environ.pop("PREFECT_API_URL", None)
    atexit.register(shutil.rmtree, home, True)
    return home


PREFECT_HOME = _own_prefect_home()


@pytest.fixture(scope="session")
def _local_prefect_api() -> Iterator[str]:
    """One in-process Prefect API for this test process (in its own home, above; its
    database copied from the set-up's template, ``flows.template``), started on first use
    and shared by the modules that run flows. Prefect's test harness started a server
    subprocess per module instead (a second Prefect import and start-up each time)."""
    import flows  # noqa: F401  (Prefect environment defaults before prefect is imported)
    from flows.local_api import LocalAPI, drain_workers

    api = LocalAPI()
    api.start()
    yield api.url
    drain_workers()
    api.stop()


@pytest.fixture(scope="module")
def prefect_api(_local_prefect_api: str) -> Iterator[str]:
    """This module's flows use the process's API (settings and, for Dask's worker
    processes, the environment); other modules keep starting their own."""
    from prefect.settings import temporary_settings

    with (
        pytest.MonkeyPatch.context() as mp,
        temporary_settings(updates={"api.url": _local_prefect_api}),
    ):
        mp.setenv("PREFECT_API_URL", _local_prefect_api)
        yield _local_prefect_api


def free_port() -> int:
    """A TCP port on 127.0.0.1 no one listens on now (the OS picks it; never a fixed one)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(
    what: str,
    check: Callable[[], Any],
    timeout: float,
    retry_on: tuple[type[Exception], ...] = (),
    every: float = 0.5,
) -> Any:
    """Poll ``check`` until it gives something truthy (a server starting, a child ending);
    ``retry_on``: errors that mean "ask again" (a busy server under load)."""
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            value = check()
        except retry_on as exc:
            last, value = exc, None
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out waiting for {what} (last: {last!r})")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip LibreOffice tests where soffice is missing (.ci/run installs it, so CI runs them)."""
    if shutil.which("soffice"):
        return
    skip = pytest.mark.skip(reason="LibreOffice (soffice) is not installed")
    for item in items:
        if "libreoffice" in item.keywords:
            item.add_marker(skip)
