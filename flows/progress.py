"""Progress reporting from a flow to whoever listens (the CLI's rich bar), in-process only.

The flow reports as it collects futures, so this works for every task runner (with Dask
the tasks run elsewhere, but results arrive here).
"""

from __future__ import annotations

from typing import Protocol


class Listener(Protocol):
    def add(self, kind: str, count: int) -> None:
        """``count`` more steps of ``kind`` ("workbook", "document", "other") are planned."""

    def done(self, kind: str, label: str) -> None:
        """One step finished."""


class _Null:
    def add(self, kind: str, count: int) -> None:
        pass

    def done(self, kind: str, label: str) -> None:
        pass


_listener: Listener = _Null()


def set_listener(listener: Listener | None) -> None:
    """Install (or remove with None) the process-wide listener."""
    global _listener
    _listener = listener or _Null()


def add(kind: str, count: int) -> None:
    _listener.add(kind, count)


def done(kind: str, label: str) -> None:
    _listener.done(kind, label)
