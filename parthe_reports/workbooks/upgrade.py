"""An older workbook written as the current template version, with all its data carried over.

Cells are carried as the clerk typed them (text stays text, a faulty value stays faulty and
is reported on reading, as before), under today's headers: renamed sheets, columns and
dropdown values per ``contract_versions``; sheets and columns added since are in place,
empty. A column the clerk added outside the template is kept to the right of the table
(reported on reading, as before). The original file is never written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from parthe_reports import contract_versions
from parthe_reports.ingest import RawSheet
from parthe_reports.isolate import read_isolated
from parthe_reports.region import Municipality, Region
from parthe_reports.schema import (
    META_CODE,
    META_EXAMPLE,
    META_FILLED_FROM,
    META_KIND,
    META_TEMPLATE_VERSION,
    WORKBOOK_KINDS,
    Sheet,
    WorkbookKind,
    kind_by_name,
    normalize,
)
from parthe_reports.validate.sheet import locate_columns
from parthe_reports.workbooks.cells import save
from parthe_reports.workbooks.raw import cell, filled, find_sheet
from parthe_reports.workbooks.template import write_workbook
from parthe_reports.xlsx_text import put

META_UPGRADED_FROM = "Übertragen aus Vorlagenversion"
SUFFIX = "_aktualisiert"


class UpgradeError(Exception):
    """A German sentence: not a workbook of the contract, or of a newer version."""


@dataclass
class Upgraded:
    source: Path
    target: Path
    version: str  # the version the source was filled on
    rows: int = 0
    extra_columns: dict[str, list[str]] = field(default_factory=dict)  # sheet → headers kept


def target_path(source: Path, out_dir: Path | None) -> Path:
    """``<out_dir>/<name>.xlsx``; next to the source (or when that would be the source
    itself) ``<stem>_aktualisiert.xlsx``: the original is never overwritten."""
    folder = out_dir or source.parent
    target = folder / f"{source.stem}.xlsx"
    if out_dir is None or target.resolve() == source.resolve():
        target = folder / f"{source.stem}{SUFFIX}.xlsx"
    return target


def upgrade_workbook(source: Path, region: Region, out_dir: Path | None = None) -> Upgraded:
    """Write ``source`` as the current template; raise ``UpgradeError`` when it cannot be."""
    raw = read_isolated(source, region.read_limits)
    stamp = raw.stamp
    kind = kind_by_name(stamp.get(META_KIND, "")) or _guess(raw.sheets)
    version = stamp.get(META_TEMPLATE_VERSION) or "?"
    if kind is None:
        raise UpgradeError(f"{source.name}: kein Kommunal- oder Verbund-Workbook der Vorlage.")
    if contract_versions.is_newer_than_code(version):
        raise UpgradeError(
            f"{source.name}: Vorlagenversion {version} ist neuer als dieses Programm "
            f"(Version {contract_versions.current()}); bitte parthe-reports aktualisieren."
        )
    old = version if contract_versions.is_known(version) else None
    rows: dict[str, list[dict[str, Any]]] = {}
    extras: dict[str, tuple[list[str], list[list[Any]]]] = {}
    for sheet in kind.sheets:
        found = find_sheet(raw.sheets, sheet)
        if found is not None:
            rows[sheet.key], extra = _sheet_rows(found, sheet, old)
            if extra[0]:
                extras[sheet.name] = extra
    municipality = _municipality(kind, stamp, rows, region)
    keep = {k: stamp[k] for k in (META_FILLED_FROM,) if stamp.get(k)}
    target = target_path(source, out_dir)
    write_workbook(
        target,
        kind,
        region,
        municipality,
        rows=rows,
        example=normalize(stamp.get(META_EXAMPLE, "")) == "ja",
        stamp={**keep, META_UPGRADED_FROM: version},
    )
    if extras:
        _append_extras(target, extras)
    done = Upgraded(source, target, version, sum(len(r) for r in rows.values()))
    done.extra_columns = {name: headers for name, (headers, _) in extras.items()}
    return done


def _guess(sheets: Mapping[str, RawSheet]) -> WorkbookKind | None:
    """A workbook without stamp: the kind with most of its sheets present."""
    scores = {
        k: sum(find_sheet(sheets, s) is not None for s in k.sheets) for k in WORKBOOK_KINDS.values()
    }
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] else None


def _sheet_rows(
    raw: RawSheet, sheet: Sheet, version: str | None
) -> tuple[list[dict[str, Any]], tuple[list[str], list[list[Any]]]]:
    located = locate_columns(raw.rows, sheet)
    if located is None:
        return [], ([], [])
    header, mapping = located
    used = set(mapping.values())
    dropped = {normalize(h) for h in contract_versions.removed_headers(sheet.key)}
    extra_cols = [
        c
        for c, v in enumerate(raw.rows[header])
        if c not in used and filled(v) and normalize(v) not in dropped
    ]
    renames = {
        c.key: {
            normalize(o): n
            for o, n in contract_versions.value_renames(c.vocabulary, version).items()
        }
        for c in sheet.columns
        if c.vocabulary and version
    }
    out, extra_rows = [], []
    for r in raw.rows[header + 1 :]:
        if not any(filled(v) for v in r):
            continue
        record = {k: cell(sheet, k, r[c] if c < len(r) else None) for k, c in mapping.items()}
        for key, table in renames.items():
            if isinstance(record.get(key), str):
                record[key] = table.get(normalize(record[key]), record[key])
        out.append(record)
        extra_rows.append([r[c] if c < len(r) else None for c in extra_cols])
    headers = [str(raw.rows[header][c]).strip() for c in extra_cols]
    return out, (headers, extra_rows if headers else [])


def _municipality(
    kind: WorkbookKind,
    stamp: Mapping[str, str],
    rows: Mapping[str, list[dict[str, Any]]],
    region: Region,
) -> Municipality | None:
    if kind.key != "municipal":
        return None
    master = rows.get("master_data") or [{}]
    code = str(master[0].get("code") or stamp.get(META_CODE) or "").strip().upper()
    return next((m for m in region.municipalities if m.code == code), None)


def _append_extras(path: Path, extras: Mapping[str, tuple[list[str], list[list[Any]]]]) -> None:
    """Columns outside the template, right of the table: kept, as the original had them."""
    wb = load_workbook(path)
    for name, (headers, values) in extras.items():
        ws = wb[name]
        start = ws.max_column + 1
        for i, header in enumerate(headers):
            put(ws, 1, start + i, header)
            for r, row in enumerate(values, start=2):
                put(ws, r, start + i, row[i])
    save(wb, path)
