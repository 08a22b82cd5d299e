"""The region as configuration: municipalities and topic areas, read from ``region.toml``."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from parthe_reports.discover import DEFAULT_IGNORED_FOLDERS
from parthe_reports.limits import DEFAULT_LIMITS, ReadLimits, limits_from_dict
from parthe_reports.paths import REGION_CONFIG

# Data rows one sheet may have before it is refused (real workbooks have a few hundred;
# a pasted full export has tens of thousands). Overridden by region.toml › [inputs].
MAX_SHEET_ROWS = 20_000

_AGS = re.compile(r"^\d{8}$")
_CODE = re.compile(r"^[A-ZÄÖÜ]{2,5}$")


@dataclass(frozen=True)
class Municipality:
    """One member of the cooperation."""

    code: str  # Kürzel, e.g. "BRA"
    name: str
    kind: str  # "Stadt" or "Gemeinde"
    ags: str  # 8-digit Amtlicher Gemeindeschlüssel, kept as text (leading digits matter)
    population: int | None = None
    area_km2: float | None = None
    email: str = ""  # Ansprechpartner for hand-in reminders; none when empty

    @property
    def official_name(self) -> str:
        """E.g. „Stadt Brandis“."""
        return f"{self.kind} {self.name}"


STATUSES = ("Entwurf", "Fassung")


@dataclass(frozen=True)
class ReportingPeriod:
    """One Erhebungsrunde (``[[perioden]]``): its data's Stichtag and the hand-in deadline."""

    name: str  # label printed in documents and the portal, e.g. „2026/II“
    stichtag: date  # reference date of the data collected in this round
    deadline: date  # Abgabefrist: the workbooks are due at the end of this day


@dataclass(frozen=True)
class DocumentsConfig:
    """Title page and document properties (``[documents]`` in region.toml).

    Empty texts fall back to defaults derived from the region (``Region.documents_*``).
    """

    client: str = ""  # Auftraggeber; default: the cooperation's full name
    author: str = ""  # Bearbeitung; default: „Projektbüro <name>“
    status: str = "Entwurf"  # „Entwurf“ or „Fassung“ (printed as „Fassung vom <date>“)
    logo: Path | None = None  # PNG or JPEG, relative to region.toml
    logo_width_cm: float = 4.0
    funding: str = ""  # e.g. „Gefördert durch …“; nothing printed when empty


@dataclass(frozen=True)
class Judgement:
    """Thresholds that are a matter of judgement, read by ``narrative`` (``[judgement]``).

    Each decides whether a generated sentence says something; the defaults are documented
    in ``region.toml``. Percentages are on the 0–100 scale, amounts in euros.
    """

    high_vacancy_rate: float = 25.0  # a municipality's share of vacant posts counts as high
    low_digitalisation: float = 2.5  # mean Digitalisierungsgrad (1–5) below this counts as low
    large_investment_need: float = 3_000_000.0  # one municipality's need named as large
    poor_condition_share: float = 25.0  # share of objects mangelhaft/kritisch named as high
    outdated_document_years: int = 10  # a document older than this counts as outdated
    top_fields: int = 3  # how many Top-Kooperationsfelder the Priorisierung names
    rank_divergence: int = 4  # ranks apart at which priority and potential „diverge“
    low_approval: float = 66.7  # a workshop result below this approval counts as contested
    cost_concentration: float = 40.0  # one topic's share of all measure costs named as high
    quick_win_months: int = 12  # Quick Win: start within this many months of the Stichtag
    quick_win_max_cost: float = 50_000.0  # Quick Win: Kosten gesamt at most this
    low_funding_rate: float = 50.0  # a funding rate below this counts as low
    urgent_deadline_days: int = 30  # a deadline within this many days is urgent
    profile_gap: float = 20.0  # points between own and regional cluster score worth naming


@dataclass(frozen=True)
class Region:
    """The cooperation: its name, members and topic areas in their defined order."""

    name: str
    municipalities: tuple[Municipality, ...]
    topics: tuple[str, ...]
    guiding_questions: tuple[str, ...] = ()
    full_name: str = ""
    district: str = ""
    state: str = ""
    schedules: dict[str, str] = field(default_factory=dict)
    keep_last_runs: int = 20
    judgement: Judgement = field(default_factory=Judgement)
    documents: DocumentsConfig = field(default_factory=DocumentsConfig)
    # [inputs]: sub-folders of old versions not read, and the most data rows one sheet may have.
    ignored_folders: tuple[str, ...] = DEFAULT_IGNORED_FOLDERS
    max_sheet_rows: int = MAX_SHEET_ROWS
    read_limits: ReadLimits = DEFAULT_LIMITS  # what one workbook may hold (limits.py)
    periods: tuple[ReportingPeriod, ...] = ()  # [[perioden]], ordered by Stichtag
    office_email: str = ""  # [kontakt] projektbuero: copy of notices, funding digest

    @cached_property  # asked per cell by validation: at 1,000 municipalities a rebuilt tuple costs
    def codes(self) -> tuple[str, ...]:
        return tuple(m.code for m in self.municipalities)

    def period_of(self, day: date) -> ReportingPeriod | None:
        """The period a Stichtag belongs to: the first whose Stichtag is on or after ``day``."""
        return next((p for p in self.periods if day <= p.stichtag), None)

    def municipality(self, code: str) -> Municipality:
        for m in self.municipalities:
            if m.code == code:
                return m
        raise KeyError(code)


def load_region(path: Path = REGION_CONFIG) -> Region:
    """Read and check a region config file; raises ValueError with a German message."""
    with path.open("rb") as fh:
        raw = tomllib.load(fh)
    return region_from_dict(raw, source=path.name, base_dir=path.parent)


def region_from_dict(
    raw: dict, source: str = "region.toml", base_dir: Path | None = None
) -> Region:
    munis = tuple(_municipality(m, source) for m in raw.get("municipalities", []))
    codes = [m.code for m in munis]
    if not munis:
        raise ValueError(f"{source}: keine Kommunen konfiguriert ([[municipalities]] fehlt)")
    if len(set(codes)) != len(codes):
        raise ValueError(f"{source}: Kürzel doppelt vergeben: {codes}")
    topics = tuple(raw.get("topics", []))
    if not topics:
        raise ValueError(f"{source}: keine Themenbereiche konfiguriert (topics fehlt)")
    return Region(
        name=raw["name"],
        full_name=raw.get("full_name", raw["name"]),
        district=raw.get("district", ""),
        state=raw.get("state", ""),
        municipalities=munis,
        topics=topics,
        guiding_questions=tuple(raw.get("guiding_questions", [])),
        schedules=dict(raw.get("schedules", {})),
        keep_last_runs=int(raw.get("retention", {}).get("keep_last_runs", 20)),
        judgement=_judgement(raw.get("judgement", {}), source),
        documents=_documents(raw.get("documents", {}), source, base_dir),
        **_inputs(raw.get("inputs", {}), source),
        periods=_periods(raw.get("perioden", []), source),
        office_email=str(raw.get("kontakt", {}).get("projektbuero", "")).strip(),
    )


def _periods(raw: list, source: str) -> tuple[ReportingPeriod, ...]:
    """``[[perioden]]``: name, stichtag and abgabefrist as TOML dates, names unique."""
    periods = []
    for entry in raw:
        name = str(entry.get("name", "")).strip()
        stichtag, deadline = entry.get("stichtag"), entry.get("abgabefrist")
        if not name or not isinstance(stichtag, date) or not isinstance(deadline, date):
            raise ValueError(
                f"{source}: [[perioden]] braucht name, stichtag und abgabefrist "
                f"(Datum wie 2026-12-31), gefunden: {entry!r}"
            )
        periods.append(ReportingPeriod(name, stichtag, deadline))
    names = [p.name for p in periods]
    if len(set(names)) != len(names):
        raise ValueError(f"{source}: [[perioden]] Name doppelt vergeben: {names}")
    return tuple(sorted(periods, key=lambda p: p.stichtag))


def _documents(raw: dict, source: str, base_dir: Path | None) -> DocumentsConfig:
    status = str(raw.get("status", "Entwurf")).strip()
    if status not in STATUSES:
        raise ValueError(
            f"{source}: [documents] status „{status}“ ist weder „Entwurf“ noch „Fassung“"
        )
    logo = None
    if raw.get("logo"):
        logo = Path(str(raw["logo"]))
        if not logo.is_absolute():
            logo = (base_dir or Path.cwd()) / logo
        if not logo.is_file():
            raise ValueError(f"{source}: [documents] Logo-Datei „{raw['logo']}“ fehlt")
        if logo.suffix.lower() not in (".png", ".jpg", ".jpeg"):
            raise ValueError(f"{source}: [documents] Logo „{raw['logo']}“ ist kein PNG/JPEG")
    return DocumentsConfig(
        client=str(raw.get("client", "")).strip(),
        author=str(raw.get("author", "")).strip(),
        status=status,
        logo=logo,
        logo_width_cm=float(raw.get("logo_width_cm", 4.0)),
        funding=str(raw.get("funding", "")).strip(),
    )


def _judgement(raw: dict, source: str) -> Judgement:
    """``[judgement]`` over the defaults; an unknown key or a non-number is refused."""
    known = {f.name: f.type for f in fields(Judgement)}
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise ValueError(f"{source}: [judgement] kennt {', '.join(unknown)} nicht")
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise ValueError(f"{source}: [judgement] {key} = {value!r} ist keine Zahl ≥ 0")
        values[key] = int(value) if known[key] in ("int", int) else float(value)
    return Judgement(**values)


def _inputs(raw: dict, source: str) -> dict:
    folders = raw.get("ignored_folders", DEFAULT_IGNORED_FOLDERS)
    limit = raw.get("max_sheet_rows", MAX_SHEET_ROWS)
    if not isinstance(limit, int) or limit < 1:
        raise ValueError(f"{source}: [inputs] max_sheet_rows „{limit}“ ist keine positive Zahl")
    return {
        "ignored_folders": tuple(str(f) for f in folders),
        "max_sheet_rows": limit,
        "read_limits": limits_from_dict(raw, source),
    }


def _municipality(raw: dict, source: str) -> Municipality:
    ags = str(raw.get("ags", ""))
    code = str(raw.get("code", ""))
    if not _AGS.match(ags):
        raise ValueError(f"{source}: AGS „{ags}“ von {code} ist kein 8-stelliger Schlüssel")
    if not _CODE.match(code):
        raise ValueError(f"{source}: Kürzel „{code}“ muss aus 2–5 Großbuchstaben bestehen")
    return Municipality(
        code=code,
        name=raw["name"],
        kind=raw.get("kind", "Gemeinde"),
        ags=ags,
        population=raw.get("population"),
        area_km2=raw.get("area_km2"),
        email=str(raw.get("email", "")).strip(),
    )


def period_name(region: Region, day: date) -> str:
    """The Erhebungsrunde a run with Stichtag ``day`` belongs to: the ``[[perioden]]`` entry,
    else (no table, or a day after its last period) the half-year, „2027/I“ / „2027/II“."""
    period = region.period_of(day)
    return period.name if period else half_year(day)


def half_year(day: date) -> str:
    return f"{day.year}/{'I' if day.month <= 6 else 'II'}"
