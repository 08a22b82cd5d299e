"""What the notices core passes around: a notice (one e-mail), a Hinweis, a funding deadline."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from parthe_reports.errors import Finding


class Kind(StrEnum):
    """The kinds of notice; the values are what the project office reads."""

    REMINDER = "Erinnerung"  # N days before the Abgabefrist, to a municipality still missing
    OVERDUE = "Fristablauf"  # the day after the Abgabefrist, office in copy
    DIGEST = "Förderfristen"  # weekly, to the project office
    HINT = "Hinweis"  # no e-mail: an address is missing


@dataclass(frozen=True)
class Notice:
    """One e-mail to send (or, without SMTP, to keep). ``event`` is its idempotence key:
    a notice whose event is in the log is never sent again."""

    event: str  # e.g. „erinnerung:2026/II:7:BRA“
    kind: Kind
    to: tuple[str, ...]
    subject: str
    body: str
    cc: tuple[str, ...] = ()
    municipality: str | None = None  # Kürzel; None for the digest
    period: str | None = None  # Erhebungsrunde, e.g. „2026/II“


@dataclass(frozen=True)
class Hint:
    """A notice that could not be addressed: recorded once per event, shown to the office."""

    event: str  # „hinweis:“ + the event of the notice it replaces
    finding: Finding


@dataclass(frozen=True)
class Plan:
    """What is due on one day, before the log removes what was already sent."""

    day: date
    notices: tuple[Notice, ...] = ()
    hints: tuple[Hint, ...] = ()
    # Kürzel → submitted for the period in hand-in (True) or missing (False), for the overview.
    submitted: Mapping[str, bool] = field(default_factory=dict)


@dataclass(frozen=True)
class FundingDeadline:
    """One row of the funding digest (``pipeline.funding_deadlines``: phase 5's deadlines)."""

    deadline: date
    days_left: int
    kind: str  # „Antragsfrist“ or „Frist Verwendungsnachweis“
    label: str  # programme name
    reference: str  # programme or application ID
    municipality: str = ""

    @classmethod
    def from_row(cls, row: Mapping[str, str | None]) -> FundingDeadline:
        """From the plain rows of ``funding_deadlines`` (every value a string or None)."""
        return cls(
            deadline=date.fromisoformat(str(row["deadline"])[:10]),
            days_left=int(str(row.get("days_left") or 0)),
            kind=str(row.get("deadline_kind") or ""),
            label=str(row.get("label") or ""),
            reference=str(row.get("reference") or ""),
            municipality=str(row.get("municipality") or ""),
        )
