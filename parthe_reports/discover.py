"""The inputs folder as it lives on a shared drive: which files are read, and what is said about the rest.

Read: files with a spreadsheet extension at the top level and anywhere under ``kommunen/``
(the reader decides by content, so a renamed PDF called ``BRA.xlsx`` is still read and
gets its Fehler ``not-a-workbook``). Not read, each with a finding that never makes the
exit code 1:

==========================  ========  =====================================================
what                        severity  code
==========================  ========  =====================================================
``~$BRA.xlsx``, ``.~lock…#``  Warnung   ``workbook-open``: open in Excel/LibreOffice right now;
                                      the last saved state is read
``Thumbs.db``, ``desktop.ini``, Hinweis  ``system-file``
``.DS_Store``, ``~WRL….tmp``,
other hidden / temp files
``.BRA.xlsx`` (hidden workbook) Hinweis ``hidden-file``: renamed with a dot; say how to undo
a symbolic link leading out   Warnung  ``link-outside``: never followed (the outside file
of the inputs folder                  would be read and copied into the outputs)
a CSV export                Warnung   ``csv-export``: data belong in the workbook
PDF, .docx, .zip, …         Hinweis   ``not-a-workbook-file``: cover letters and the like
a sub-folder „alt“,         Hinweis   ``ignored-folder``: earlier versions (names
„Archiv“ …                            configurable: ``region.toml`` › ``[inputs]``)
==========================  ========  =====================================================

README files are the folder's own documentation and pass silently, and so does a
``region.toml`` at the top (``demo-data --municipalities`` writes the synthetic region there).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from parthe_reports.errors import Finding, Severity

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".ods", ".xls", ".xlsb", ".xltx", ".ots")
MUNICIPAL_FOLDER = "kommunen"
DEFAULT_IGNORED_FOLDERS = (
    "alt", "alte Versionen", "Archiv", "Vorversionen", "old", "Backup", "Sicherung", "Papierkorb",
)  # fmt: skip
REGION_FILE = "region.toml"  # the folder's own region (run/validate use it without --region)
SYSTEM_FILES = ("thumbs.db", "desktop.ini", ".ds_store", "ehthumbs.db", "icon\r")
_OFFICE_TEMP = re.compile(r"^(~\$|\.~lock\.|~wrl\d*\.tmp$|~.*\.tmp$)|\.tmp$", re.IGNORECASE)
CSV_SUFFIXES = (".csv", ".tsv")
# Hidden folders, NAS snapshots and recycle bins (.snapshot, @eaDir, #recycle, $RECYCLE.BIN).
_SILENT_FOLDERS = (".", "@", "#", "$")


class Discovery(NamedTuple):
    """What an inputs folder holds: the files to read and findings about the rest."""

    paths: list[Path]
    findings: list[Finding]


def discover_inputs(
    inputs: Path, ignored_folders: tuple[str, ...] = DEFAULT_IGNORED_FOLDERS
) -> Discovery:
    """Candidate workbooks under ``inputs`` and a finding for every other file or folder."""
    if not inputs.is_dir():
        return Discovery([], [])
    ignored = {_fold(n) for n in ignored_folders}
    paths: list[Path] = []
    findings: list[Finding] = []
    for entry in sorted(inputs.iterdir()):
        if _leaves(entry, inputs):
            findings.append(_outside_link(entry, inputs))
        elif entry.is_dir() and entry.name.startswith(_SILENT_FOLDERS):
            continue
        elif entry.is_dir() and entry.name == MUNICIPAL_FOLDER:
            _walk(entry, inputs, ignored, paths, findings)
        elif entry.is_dir():
            findings.append(_folder(entry, inputs, _fold(entry.name) in ignored))
        else:
            _file(entry, inputs, paths, findings)
    return Discovery(sorted(paths), findings)


def discover_workbooks(inputs: Path) -> list[Path]:
    """Just the files to read (default ignored folders)."""
    return discover_inputs(inputs).paths


def _walk(
    folder: Path, root: Path, ignored: set[str], paths: list[Path], findings: list[Finding]
) -> None:
    for entry in sorted(folder.iterdir()):
        if _leaves(entry, root):
            findings.append(_outside_link(entry, root))
        elif entry.is_dir():
            if entry.name.startswith(_SILENT_FOLDERS):
                continue
            if _fold(entry.name) in ignored:
                findings.append(_folder(entry, root, True))
            else:
                _walk(entry, root, ignored, paths, findings)
        else:
            _file(entry, root, paths, findings)


def _file(path: Path, root: Path, paths: list[Path], findings: list[Finding]) -> None:
    name, suffix = path.name, path.suffix.lower()
    where = str(path.relative_to(root))
    if name.lower().startswith("readme") or (path.parent == root and name == REGION_FILE):
        return
    if name.startswith("~$") or name.startswith(".~lock."):
        book = name.removeprefix("~$").removeprefix(".~lock.").removesuffix("#")
        findings.append(Finding("workbook-open", Severity.WARNING, f"Die Sperrdatei „{name}“ zeigt, "
                                f"dass „{book}“ gerade geöffnet ist. Gelesen wird der zuletzt "
                                "gespeicherte Stand; bitte die Datei speichern und schließen.",
                                where, value=name))  # fmt: skip
    elif name.startswith(".") and suffix in SPREADSHEET_SUFFIXES:
        findings.append(Finding("hidden-file", Severity.NOTE, f"„{name}“ ist eine versteckte "
                                "Datei (der Name beginnt mit einem Punkt) und wird nicht gelesen. "
                                "Soll sie ausgewertet werden, bitte ohne den Punkt am Anfang "
                                "umbenennen.", where, value=name))  # fmt: skip
    elif name.lower() in SYSTEM_FILES or name.startswith(".") or _OFFICE_TEMP.search(name):
        findings.append(Finding("system-file", Severity.NOTE, f"„{name}“ ist eine System- oder "
                                "Hilfsdatei und wird nicht gelesen.", where, value=name))  # fmt: skip
    elif suffix in SPREADSHEET_SUFFIXES:
        paths.append(path)
    elif suffix in CSV_SUFFIXES:
        findings.append(Finding("csv-export", Severity.WARNING, f"„{name}“ ist ein CSV-Export und "
                                "wird nicht gelesen. Daten bitte in das Workbook übertragen.",
                                where, value=name, expected="eine Arbeitsmappe .xlsx oder .ods"))  # fmt: skip
    else:
        findings.append(Finding("not-a-workbook-file", Severity.NOTE, f"„{name}“ ist keine "
                                "Arbeitsmappe (z. B. Anschreiben, Archiv, Bild) und wird nicht "
                                "gelesen.", where, value=suffix or name))  # fmt: skip


def _leaves(entry: Path, root: Path) -> bool:
    """A symbolic link whose target lies outside the inputs folder (or nowhere)."""
    if not entry.is_symlink():
        return False
    try:
        return not entry.resolve(strict=True).is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # dangling or a loop
        return True


def _outside_link(entry: Path, root: Path) -> Finding:
    where = str(entry.relative_to(root))
    return Finding("link-outside", Severity.WARNING, f"„{where}“ ist eine Verknüpfung auf eine "
                   "Datei oder einen Ordner außerhalb des Eingangsordners und wird nicht gelesen. "
                   "Bitte die Datei selbst in den Eingangsordner kopieren.", where,
                   value=entry.name)  # fmt: skip


def _folder(folder: Path, root: Path, ignored: bool) -> Finding:
    where = str(folder.relative_to(root))
    why = "gilt als Ablage früherer Versionen" if ignored else "ist kein Ordner der Ablage"
    return Finding("ignored-folder", Severity.NOTE, f"Der Ordner „{where}“ {why} und wird nicht "
                   f"gelesen (gelesen werden nur die oberste Ebene und „{MUNICIPAL_FOLDER}/“).",
                   where, value=folder.name)  # fmt: skip


def _fold(name: str) -> str:
    return " ".join(name.casefold().replace("_", " ").replace("-", " ").split())
