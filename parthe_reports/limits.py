"""How much one input workbook may hold before it is refused (region.toml › ``[inputs]``).

The reader checks these before any parser allocates (``bounds.py``); a workbook above a
limit gets one Fehler and the region's run goes on. Defaults, sized for real municipal
workbooks (a few hundred rows, 10–40 columns, under 1 MB) with a wide margin, and for a
peak memory well under 1 GiB per workbook being read:

==============================  ============  =====================================================
key in ``[inputs]``             default       why
==============================  ============  =====================================================
``max_rows``                    200.000       a full register export still fits; validation's own
                                              ``max_sheet_rows`` (20.000) refuses sheets earlier
``max_columns``                 1.000         the widest sheet of the contract has ~40 columns
``max_cells_per_sheet``         2.000.000     the dense range a reader builds (rows × columns):
                                              about 150–250 MB in Python at the worst
``max_cells_per_workbook``      4.000.000     two such sheets, still under 1 GiB peak
``max_part_mb``                 120           one inflated XML part (a 200.000-row sheet of ten
                                              columns is about 100 MB)
``max_unpacked_mb``             200           all parts together, inflated
``reader_memory_mb``            2048          address space of the worker process that reads one
                                              workbook (isolate.py): the largest workbook within
                                              the limits above peaks near 700 MB
``read_timeout_s``              120           one workbook; the largest allowed reads in ~10 s
==============================  ============  =====================================================

File size on disk (25 MB) is a fixed bound: workbooks are e-mailed and shared.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

MB = 1024**2


@dataclass(frozen=True)
class ReadLimits:
    """Upper bounds for one workbook; every one is checked on the bytes, never on a claim."""

    max_rows: int = 200_000
    max_columns: int = 1_000
    max_cells_per_sheet: int = 2_000_000
    max_cells_per_workbook: int = 4_000_000
    max_part_mb: int = 120
    max_unpacked_mb: int = 200
    reader_memory_mb: int = 2048
    read_timeout_s: int = 120
    max_file_mb: int = 25

    @property
    def part_bytes(self) -> int:
        return self.max_part_mb * MB

    @property
    def unpacked_bytes(self) -> int:
        return self.max_unpacked_mb * MB

    @property
    def file_bytes(self) -> int:
        return self.max_file_mb * MB


DEFAULT_LIMITS = ReadLimits()
_KEYS = tuple(f.name for f in fields(ReadLimits) if f.name != "max_file_mb")


def limits_from_dict(raw: dict[str, Any], source: str) -> ReadLimits:
    """The limits named in ``[inputs]`` (others keep their defaults); German error when bad."""
    values = {}
    for key in _KEYS:
        if key not in raw:
            continue
        value = raw[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{source}: [inputs] {key} „{value}“ ist keine positive ganze Zahl")
        values[key] = value
    return ReadLimits(**values)
