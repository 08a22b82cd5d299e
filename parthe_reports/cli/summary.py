"""What ``run`` and ``validate`` print at the end: per workbook its counts, its first findings
and where its Prüfbericht and annotated copy are, then one line „Nächster Schritt: …“.

Everything a person reads is German (dates TT.MM.JJJJ); the table fits 80 columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from parthe_reports.german import count, join_de

REGION_LABEL = "Verbund"  # the region workbook's name in every summary (write.book_label)


@dataclass(frozen=True)
class BookLine:
    """One workbook in the summary: its label (Kürzel, „Verbund“ or file name) and counts."""

    label: str
    counts: Mapping[str, int]
    first: list[str] = field(default_factory=list)  # „Fehler: Datei › Blatt › Zelle: …“
    files: list[tuple[str, Path]] = field(default_factory=list)  # („Prüfbericht“, path)

    @property
    def errors(self) -> int:
        return self.counts.get("Fehler", 0)

    @property
    def warnings(self) -> int:
        return self.counts.get("Warnung", 0)


_NOUNS = (
    ("Fehler", "Fehler", "Fehler"),
    ("Warnung", "Warnung", "Warnungen"),
    ("Hinweis", "Hinweis", "Hinweise"),
)


def counts_text(c: Mapping[str, int], zeros: bool = True) -> str:
    """``1 Fehler, 2 Warnungen, 0 Hinweise`` (without ``zeros``: ``1 Fehler, 2 Warnungen``)."""
    return ", ".join(
        count(c.get(key, 0), one, many) for key, one, many in _NOUNS if zeros or c.get(key, 0)
    )


def print_books(out: Console, lines: Iterable[BookLine]) -> None:
    """Per workbook: counts; for one with Fehler or Warnungen its first findings and files."""
    lines = list(lines)
    if not lines:
        return
    out.print("Prüfergebnisse je Workbook:")
    for line in lines:
        out.print(f"  [bold]{line.label}[/bold]: {counts_text(line.counts)}", highlight=False)
        if not (line.errors or line.warnings):
            continue
        for text in line.first:  # wrapped lines keep the indent
            out.print(Padding(Text(text), (0, 0, 0, 4), expand=False), highlight=False)
        for what, path in line.files:
            # soft_wrap: a path is never broken by rich (it stays copyable)
            out.print(f"    {what}: {path}", highlight=False, soft_wrap=True)


def next_step(
    lines: Iterable[BookLine], missing: Iterable[str] = (), unreadable: Iterable[str] = ()
) -> str:
    """„Nächster Schritt: …“: whom to send which Prüfbericht, what the office fixes itself."""
    lines = list(lines)
    municipal = [x for x in lines if x.label != REGION_LABEL]
    region = [x for x in lines if x.label == REGION_LABEL and (x.errors or x.warnings)]
    fix = [x.label for x in municipal if x.errors]
    check = [x.label for x in municipal if x.warnings and not x.errors]
    steps = []
    if fix:
        steps.append(f"die Prüfberichte an {join_de(fix)} schicken (Fehler korrigieren lassen)")
    if check:
        steps.append(f"die Prüfberichte an {join_de(check)} schicken (Warnungen prüfen lassen)")
    if region:
        what = "korrigieren" if region[0].errors else "prüfen"
        steps.append(f"das Verbund-Workbook {what} ({counts_text(region[0].counts, zeros=False)})")
    if missing := list(missing):
        steps.append(f"die Workbooks von {join_de(missing)} anfordern")
    if unreadable := list(unreadable):
        steps.append(f"{join_de(unreadable)} neu abgeben lassen (nicht lesbar)")
    if not steps:
        return "Nächster Schritt: keiner – alle Workbooks sind ohne Fehler und Warnungen."
    return "Nächster Schritt: " + "; ".join(steps) + "."


def counts_table(rows: Iterable[tuple[str, str, Mapping[str, int], tuple[int, int, int]]]) -> Table:
    """The workbook table of ``validate``: short headers, the file name column wraps, so it
    fits 80 columns. Row: (label, file name, counts, (rows read, accepted, rejected))."""
    table = Table(title="Prüfergebnis der Workbooks", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Workbook", no_wrap=True)
    table.add_column("Datei", overflow="fold")
    for header in ("Fehler", "Warn.", "Hinw.", "Zeilen", "übern.", "abgel."):
        table.add_column(header, justify="right", no_wrap=True)
    for label, name, c, (read, accepted, rejected) in rows:
        errors = c.get("Fehler", 0)
        table.add_row(
            label,
            name,
            f"[bold red]{errors}[/]" if errors else "0",
            str(c.get("Warnung", 0)),
            str(c.get("Hinweis", 0)),
            str(read),
            str(accepted),
            f"[red]{rejected}[/]" if rejected else "0",
        )
    table.caption = (
        "Warn. = Warnungen, Hinw. = Hinweise, übern./abgel. = Zeilen übernommen/abgelehnt"
    )
    return table
