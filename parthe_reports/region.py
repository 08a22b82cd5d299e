"""The region as configuration: municipalities and topic areas, read from ``region.toml``."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from parthe_reports.discover import DEFAULT_IGNORED_FOLDERS
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

    @property
    def official_name(self) -> str:
        """E.g. „Stadt Brandis“."""
        return f"{self.kind} {self.name}"


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
    # [inputs]: sub-folders of old versions not read, and the most data rows one sheet may have.
    ignored_folders: tuple[str, ...] = DEFAULT_IGNORED_FOLDERS
    max_sheet_rows: int = MAX_SHEET_ROWS

    @cached_property  # asked per cell by validation: at 1,000 municipalities a rebuilt tuple costs
    def codes(self) -> tuple[str, ...]:
        return tuple(m.code for m in self.municipalities)

    def municipality(self, code: str) -> Municipality:
        for m in self.municipalities:
            if m.code == code:
                return m
        raise KeyError(code)


def load_region(path: Path = REGION_CONFIG) -> Region:
    """Read and check a region config file; raises ValueError with a German message."""
    with path.open("rb") as fh:
        raw = tomllib.load(fh)
    return region_from_dict(raw, source=path.name)


def region_from_dict(raw: dict, source: str = "region.toml") -> Region:
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
        **_inputs(raw.get("inputs", {}), source),
    )


def _inputs(raw: dict, source: str) -> dict:
    folders = raw.get("ignored_folders", DEFAULT_IGNORED_FOLDERS)
    limit = raw.get("max_sheet_rows", MAX_SHEET_ROWS)
    if not isinstance(limit, int) or limit < 1:
        raise ValueError(f"{source}: [inputs] max_sheet_rows „{limit}“ ist keine positive Zahl")
    return {"ignored_folders": tuple(str(f) for f in folders), "max_sheet_rows": limit}


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
    )
