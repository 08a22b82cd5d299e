"""Shared test configuration: headless plotting, LibreOffice availability, and a Prefect
home of its own for every test process (``pytest -n 2`` runs two)."""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import socket
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
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


@contextlib.contextmanager
def prefect_harness() -> Iterator[None]:
    """Prefect's test harness (a temporary database, its own API server), with the
    database copied from the set-up's migrated template (``flows.template``) instead of
    migrated anew: ≈ 150 migrations per module were most of a Prefect test file's set-up.
    Without a template (no ``make``) the harness migrates as before."""
    from prefect.testing import utilities

    from flows.template import seed

    def seeded_dir() -> str:
        folder = tempfile.mkdtemp(prefix="parthe-tests-harness-")
        seed(Path(folder) / "prefect-test.db")  # the name the harness gives its database
        return folder

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(utilities, "mkdtemp", seeded_dir)
        with utilities.prefect_test_harness(server_startup_timeout=120):
            yield


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
