"""Rows for the plausibility checks: every row of a sheet with its book, and how to name it."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from parthe_reports import german as fmt
from parthe_reports.dataset import PROVENANCE, sheet_by_key
from parthe_reports.validate.findings import make_finding
from parthe_reports.validate.model import ValidatedWorkbook, records


@dataclass(frozen=True)
class Row:
    """One table row (accepted or rejected) and where it lives."""

    book: ValidatedWorkbook
    sheet_key: str
    values: dict[str, Any]

    @property
    def excel_row(self) -> int:
        return int(self.values[PROVENANCE[2]])

    def get(self, key: str) -> Any:
        """The value, with NaN as None (one test for empty)."""
        v = self.values.get(key)
        return None if isinstance(v, float) and math.isnan(v) else v

    def ref(self, col_key: str) -> str:
        """„BRA.xlsx › Förderanträge › H4“ (or „… › Zeile 4“ without the column)."""
        sheet = self.book.sheet_names.get(self.sheet_key, sheet_by_key(self.sheet_key).name)
        cell = self.book.cell(self.sheet_key, col_key, self.excel_row)
        return f"{self.book.name} › {sheet} › {cell or f'Zeile {self.excel_row}'}"

    def finding(self, code: str, message: str, col_key: str, expected: str | None = None) -> None:
        """Add a finding placed at this row's cell of ``col_key``."""
        col = sheet_by_key(self.sheet_key).column(col_key)
        self.book.add(
            make_finding(
                code,
                message,
                self.book.name,
                sheet=self.book.sheet_names.get(self.sheet_key),
                row=self.excel_row,
                column=col.header,
                cell=self.book.cell(self.sheet_key, col_key, self.excel_row),
                value=_plain(self.get(col_key)),
                expected=expected,
            )
        )


def _plain(v: Any) -> Any:
    return v if v is None or isinstance(v, str | int | float) else str(v)


class Rows:
    """Every row per sheet key over the books, each book's rows in file order."""

    def __init__(self, books: list[ValidatedWorkbook]) -> None:
        self.books = books

    def of(self, sheet_key: str) -> list[Row]:
        return self._all.get(sheet_key, [])

    @cached_property
    def _all(self) -> dict[str, list[Row]]:
        out: dict[str, list[Row]] = {}
        for b in self.books:
            for key in {*b.tables, *b.rejected_tables}:
                table = b.all_rows(key)
                if table is None or table.empty:
                    continue
                rows = [Row(b, key, r) for r in records(table)]
                rows.sort(key=lambda r: r.excel_row)
                out.setdefault(key, []).extend(rows)
        return out

    def by_id(self, sheet_key: str, col_key: str) -> dict[str, Row]:
        """First row per ID value (duplicates are crosscheck's business)."""
        out: dict[str, Row] = {}
        for r in self.of(sheet_key):
            if (v := r.get(col_key)) and v not in out:
                out[v] = r
        return out

    def grouped(self, sheet_key: str, col_key: str) -> dict[str, list[Row]]:
        out: dict[str, list[Row]] = {}
        for r in self.of(sheet_key):
            if v := r.get(col_key):
                out.setdefault(v, []).append(r)
        return out


def money(v: Any) -> str:
    return fmt.money(v)


def day(v: Any) -> str:
    return fmt.date_de(v)


def number(v: Any) -> str:
    return fmt.number(v, 2)


def approx(row: Row, key: str) -> str:
    """„ca. “ when the clerk typed the value as approximate (flag column ``<key>_approx``)."""
    return "ca. " if row.values.get(f"{key}_approx") is True else ""
