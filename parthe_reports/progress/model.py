"""What changed between two runs: the model the Fortschrittsbericht is rendered from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Item:
    """One entry that appeared, disappeared or reached a state (e.g. a milestone done)."""

    key: str  # the contract ID (Maßnahmen-Nr., Antrags-Nr.) or the identifying text
    title: str
    values: dict[str, Any]  # column key → value, as in the run's typed table
    source: str  # workbook › sheet › Zeile n


@dataclass(frozen=True)
class FieldChange:
    """One field of one entry that changed (a status, an amount, a period, a text)."""

    key: str
    title: str
    field: str  # column key, or "period" for Beginn–Ende
    before: Any
    after: Any
    source: str


@dataclass(frozen=True)
class Deadline:
    """A date within the 90 days after the Stichtag."""

    due: date
    kind: str  # "Antragsfrist" / "Frist Verwendungsnachweis"
    key: str  # Programm-Nr. / Antrags-Nr.
    title: str
    municipality: str | None
    days_left: int
    source: str


@dataclass(frozen=True)
class DeliveryIssue:
    """A municipality whose data did not move on since the baseline, or has Fehler now."""

    code: str
    name: str
    reason: str  # "unverändert" / "fehlt" / "Fehler"
    detail: str  # German sentence


@dataclass(frozen=True)
class KeyFigures:
    """The figures of the one-page summary, before (baseline) and after (this run)."""

    granted_before: float
    granted_after: float
    newly_granted: float  # money granted between the two runs
    in_progress_before: int
    in_progress_after: int
    done_before: int
    done_after: int
    late_before: int
    late_after: int
    deadlines_90: int


@dataclass
class ProgressDiff:
    """Everything the Fortschrittsbericht reports, as comparable lists."""

    old_run: str
    new_run: str
    old_stichtag: date
    new_stichtag: date
    stichtag: date
    figures: KeyFigures
    measures_new: list[Item] = field(default_factory=list)
    measures_removed: list[Item] = field(default_factory=list)
    measures_status: list[FieldChange] = field(default_factory=list)
    measures_cost: list[FieldChange] = field(default_factory=list)
    measures_period: list[FieldChange] = field(default_factory=list)
    measures_renamed: list[FieldChange] = field(default_factory=list)
    measures_started: list[str] = field(default_factory=list)  # keys
    measures_finished: list[str] = field(default_factory=list)
    applications_new: list[Item] = field(default_factory=list)
    applications_removed: list[Item] = field(default_factory=list)
    applications_status: list[FieldChange] = field(default_factory=list)
    applications_amounts: list[FieldChange] = field(default_factory=list)
    applications_granted: list[str] = field(default_factory=list)
    applications_refused: list[str] = field(default_factory=list)
    milestones_late: list[Item] = field(default_factory=list)
    milestones_done: list[Item] = field(default_factory=list)
    milestones_moved: list[FieldChange] = field(default_factory=list)
    change_done: list[Item] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    swot_added: list[Item] = field(default_factory=list)
    swot_removed: list[Item] = field(default_factory=list)
    goals_added: list[Item] = field(default_factory=list)
    goals_removed: list[Item] = field(default_factory=list)
    goals_changed: list[FieldChange] = field(default_factory=list)
    assessments_changed: list[Item] = field(default_factory=list)  # Verbund › Bewertungen
    deliveries: list[DeliveryIssue] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        """True when any content section has an entry (deadlines and deliveries aside)."""
        skip = {"deadlines", "deliveries", "measures_started", "measures_finished"}
        skip |= {"applications_granted", "applications_refused"}
        return any(isinstance(v, list) and v and k not in skip for k, v in vars(self).items())
