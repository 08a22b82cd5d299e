"""The command line's outer edge: signals and expected failures become one German sentence
and a documented exit code, never a Python traceback (``--debug`` shows it).

Exit codes (README › Exit codes): 0 fine, 1 input had Fehler or gaps, 2 failed, interrupted
(SIGINT/SIGTERM, after cleanup) or an expected failure named here. SIGINT and SIGTERM raise
:class:`Interrupted`, a ``BaseException`` that neither click (which would print „Aborted!“
and exit 1) nor the run's own ``except Exception`` swallows; on its way out the run's
heartbeat block marks the run folder „abgebrochen“ and Prefect marks the flow run Crashed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import sys
import traceback
from collections.abc import Callable
from types import FrameType
from typing import TypeVar

from parthe_reports.errors import UserError
from parthe_reports.pipeline import EXIT_FAILED

T = TypeVar("T")
SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived; ``signal`` is its number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signal = signum


def _raise_interrupted(signum: int, frame: FrameType | None) -> None:
    raise Interrupted(signum)


def install_signal_handlers() -> None:
    """SIGINT/SIGTERM → :class:`Interrupted` in the main thread (elsewhere: not possible)."""
    for signum in SIGNALS:
        try:
            signal.signal(signum, _raise_interrupted)
        except ValueError:  # not the main thread (tests' runners)
            return


def interrupted_by(exc: BaseException) -> int | None:
    """The signal behind an interruption (ours, Ctrl+C, or Prefect's TerminationSignal)."""
    if isinstance(exc, KeyboardInterrupt):
        return signal.SIGINT
    signum = getattr(exc, "signal", None)
    if not isinstance(exc, Exception) and isinstance(signum, int):
        return signum
    return None


_NO_RIGHTS = (errno.EACCES, errno.EPERM, errno.EROFS)
_NO_SPACE = (errno.ENOSPC, errno.EDQUOT)


def explain(exc: BaseException) -> str | None:
    """One German sentence for an expected failure, or None for a real bug."""
    if isinstance(exc, UserError):
        return str(exc)
    if not isinstance(exc, OSError):
        cause = exc.__cause__ or exc.__context__
        return explain(cause) if cause is not None and cause is not exc else None
    name = f"„{exc.filename}“" if exc.filename else None
    where = name or "die Datei"
    if exc.errno in _NO_SPACE:
        disk = f"von {name}" if name else "des Ausgabeordners"
        return (
            f"Fehler: Auf dem Datenträger {disk} ist kein Platz mehr; bitte Platz "
            "schaffen (z. B. alte Läufe löschen) und erneut starten."
        )
    if exc.errno in _NO_RIGHTS:
        return (
            f"Fehler: Keine Schreib- oder Leserechte für {name or 'eine Datei'}; bitte die "
            "Rechte prüfen oder einen anderen Ordner angeben (--outputs, --inputs)."
        )
    if exc.errno == errno.EADDRINUSE:
        return (
            "Fehler: Der Port ist schon belegt; bitte das andere Programm beenden oder "
            "mit --port einen anderen Port wählen."
        )
    if exc.errno == errno.ENOENT:
        return f"Fehler: {where} gibt es nicht; bitte den Pfad prüfen."
    if exc.errno == errno.ENOTDIR:
        return f"Fehler: Im Pfad {where} ist ein Teil kein Ordner; bitte den Pfad prüfen."
    reason = _REASONS.get(exc.errno or 0) or f"Systemfehler {errno.errorcode.get(exc.errno or 0)}"
    return f"Fehler: {where} ist nicht zugänglich ({reason}); bitte den Pfad prüfen."


_REASONS = {
    errno.EIO: "Ein-/Ausgabefehler des Datenträgers",
    errno.EISDIR: "ein Ordner, keine Datei",
    errno.ENAMETOOLONG: "Name zu lang",
    errno.ELOOP: "zu viele Verweise",
    errno.ETIMEDOUT: "Zeitüberschreitung der Freigabe",
}


def interruption_text(signum: int) -> str:
    """What the user reads after Ctrl+C or a SIGTERM."""
    name = signal.Signals(signum).name
    return (
        f"Abgebrochen ({name}): Der angefangene Lauf ist als „abgebrochen“ vermerkt, "
        "frühere Läufe und „aktuell“ sind unverändert; bitte den Lauf neu starten."
    )


def guarded(call: Callable[[], T], argv: list[str] | None = None) -> T:
    """Run the command line; signals and expected failures exit 2 with one sentence."""
    debug = "--debug" in (sys.argv if argv is None else argv)
    install_signal_handlers()
    try:
        return call()
    except (SystemExit, GeneratorExit):
        raise
    except BaseException as exc:
        sentence = _sentence(exc)
        if sentence is None:
            raise
        if debug:
            traceback.print_exception(exc)
        print(sentence, file=sys.stderr)
        if interrupted_by(exc) is not None:
            _exit_now()
        raise SystemExit(EXIT_FAILED) from None


def _exit_now() -> None:
    """After an interruption every ``finally`` has run (run folder marked, Prefect's flow run
    Crashed, the local API stopped); what is left is waiting for abandoned task threads and
    the interpreter's teardown (≈ 10–20 s measured). Ctrl+C should be quick: leave now,
    after stopping the run's worker processes (they would outlive the command)."""
    pool = sys.modules.get("parthe_reports.pipeline.pool")
    if pool is not None:
        with contextlib.suppress(Exception):
            pool.terminate_shared()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(EXIT_FAILED)


def leave(code: int) -> None:
    """End the program now: every command has finished its work and closed its files (run
    folder, pointer, Prefect's flow run, the local API); what remains is the interpreter
    tearing down Prefect's and pandas' modules, measured at 1–2 s of the example data's run and
    ≈ 9 s under load. Exit handlers run and logs are flushed first."""
    import atexit
    import logging

    with contextlib.suppress(Exception):
        # The exit handlers still run: they join the worker pools (pipeline.pool, isolate),
        # so no worker outlives the command and their CPU time is the command's (wait4).
        atexit._run_exitfuncs()
    with contextlib.suppress(Exception):
        logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)


def _sentence(exc: BaseException) -> str | None:
    signum = interrupted_by(exc)
    if signum is not None:
        return interruption_text(signum)
    return explain(exc)


_STORED = re.compile(r"\[Errno (\d+)\] [^:]*(?:: '(.*)')?$")


def stored_error_text(error: str) -> str | None:
    """The German sentence for an OSError kept as text (run.json, failed documents:
    ``OSError: [Errno 28] No space left on device: '/x'``), without „Fehler:“; else None."""
    found = _STORED.search(error)
    if not found:
        return None
    sentence = explain(
        OSError(int(found[1]), "", found[2]) if found[2] else OSError(int(found[1]), "")
    )
    return sentence.removeprefix("Fehler: ") if sentence else None
