"""A synthetic region as a ``region.toml`` beside its workbooks (``demo-data --municipalities``).

The file is the base configuration (judgement, periods, contacts, schedules, limits …)
with the region's name and municipalities replaced, so the synthetic workbooks are read
with exactly the settings of the region they were derived from. ``run`` and ``validate``
pick it up from the inputs folder when no ``--region`` is given.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from parthe_reports.discover import REGION_FILE
from parthe_reports.region import Municipality, Region

__all__ = ["REGION_FILE", "toml_text", "write_region_file"]


def write_region_file(region: Region, base: Path, folder: Path) -> Path:
    """Write ``folder/region.toml``: ``base``'s settings with ``region``'s name and members."""
    with base.open("rb") as fh:
        raw = tomllib.load(fh)
    raw["name"] = region.name
    raw["municipalities"] = [_municipality(m) for m in region.municipalities]
    logo = raw.get("documents", {}).get("logo")
    if logo:  # relative to the base file; the copy lives elsewhere
        raw["documents"]["logo"] = str((base.parent / str(logo)).resolve())
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / REGION_FILE
    path.write_text(toml_text(raw), encoding="utf-8")
    return path


def _municipality(m: Municipality) -> dict[str, Any]:
    row: dict[str, Any] = {"code": m.code, "name": m.name, "kind": m.kind, "ags": m.ags}
    extras = {"population": m.population, "area_km2": m.area_km2, "email": m.email}
    return row | {k: v for k, v in extras.items() if v not in (None, "")}


def toml_text(raw: dict[str, Any]) -> str:
    """A TOML document for plain config data (scalars, lists, tables, arrays of tables)."""
    scalars = {k: v for k, v in raw.items() if not _is_table(v) and not _is_table_array(v)}
    lines = [f"{k} = {_value(v)}" for k, v in scalars.items()]
    for key, value in raw.items():
        if _is_table(value):
            lines += ["", f"[{key}]", *(f"{k} = {_value(v)}" for k, v in value.items())]
        elif _is_table_array(value):
            for row in value:
                lines += ["", f"[[{key}]]", *(f"{k} = {_value(v)}" for k, v in row.items())]
    return "\n".join(lines) + "\n"


def _is_table(value: Any) -> bool:
    return isinstance(value, dict)


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | date):
        return value.isoformat() if isinstance(value, date) else repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    raise TypeError(f"no TOML for {type(value).__name__}")
