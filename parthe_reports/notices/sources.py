"""Where the notices' facts come from without the portal: the inputs folder.

A municipality has submitted when a workbook of its Kürzel (recognised by content, as in
a run) lies in the inputs folder; the time of the submission is the file's modification
time. The funding digest reads phase 5's deadlines the way ``flows/deadlines.py`` does
(``pipeline.read_region`` → ``funding_deadlines``), from ``day`` on. The portal's store
(``current_submissions``) replaces the first half once the lead wires it in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from parthe_reports import pipeline
from parthe_reports.notices.model import FundingDeadline
from parthe_reports.pipeline.write import funding_deadlines
from parthe_reports.region import Region

if TYPE_CHECKING:
    from datetime import date

FUNDING_PHASES = (5,)  # the Förderstrategie holds the deadlines; no other document planned


@dataclass(frozen=True)
class Facts:
    """What is known on one day: submissions per Kürzel, funding deadlines (None: unknown)."""

    submissions: dict[str, datetime | None]
    funding: list[FundingDeadline] | None


def modified_at(path: Path) -> datetime:
    """The file's modification time (timezone-aware)."""
    return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)


def submissions_from_files(
    region: Region, books: Iterable[tuple[str | None, Path]]
) -> dict[str, datetime | None]:
    """Kürzel → the newest modification time of its workbooks (None: no workbook)."""
    out: dict[str, datetime | None] = dict.fromkeys(region.codes)
    for code, path in books:
        if code not in out or not path.is_file():
            continue
        when, known = modified_at(path), out[code]
        out[code] = when if known is None else max(known, when)
    return out


def read_facts(
    inputs: Path,
    outputs: Path,
    region: Region,
    region_config: Path,
    day: date,
    fan_out: pipeline.FanOut = pipeline.sequential,
) -> Facts:
    """Read the inputs folder like a run (cached when ``fan_out`` caches) for both facts."""
    options = pipeline.RunOptions(inputs, outputs, FUNDING_PHASES, day, False, region_config)
    try:
        read = pipeline.read_region(options, region, fan_out)
    except FileNotFoundError:  # no workbook at all: everyone is missing, no deadlines known
        return Facts(dict.fromkeys(region.codes), None)
    books = [(b.source.municipality, Path(b.source.path)) for b in read.books if b.source.path]
    consolidated = read.prepared.consolidated if read.prepared else None
    funding = None
    if consolidated is not None:
        funding = [FundingDeadline.from_row(r) for r in funding_deadlines(consolidated)]
    return Facts(submissions_from_files(region, books), funding)
