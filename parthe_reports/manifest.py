"""manifest.json: what a run wrote, from which inputs, with which versions.

One file beside the documents of a run folder. Every output carries its kind, phase,
municipality, path (relative to the run folder) and SHA-256; every input its path and
SHA-256; ``versions`` names package, workbook template, schema and Word templates, so a
document can always be traced back to exactly what produced it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from parthe_reports import __version__
from parthe_reports.digest import sha256_file, sha256_tree
from parthe_reports.paths import WORD_TEMPLATES
from parthe_reports.runs import atomic_write_json
from parthe_reports.schema import SCHEMA_VERSION, TEMPLATE_VERSION

MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1


class OutputKind(StrEnum):
    """What an output file is; the values are stable keys in manifest.json."""

    PHASE_DOCUMENT = "phase_document"
    PROFILE = "profile"  # Kommunalprofil
    VALIDATION_REPORT = "pruefbericht"
    ANNOTATED_WORKBOOK = "annotated_workbook"
    CONSOLIDATED_WORKBOOK = "consolidated_workbook"
    MACHINE_READABLE = "machine_readable"
    PROGRESS_REPORT = "progress_report"
    PDF = "pdf"
    FINDINGS = "findings"


@dataclass(frozen=True)
class OutputEntry:
    """One file a run wrote."""

    kind: str
    path: str  # relative to the run folder, "/" separated
    sha256: str
    phase: int | None = None
    municipality: str | None = None  # Kürzel
    source: str | None = None  # the document a PDF was made from


@dataclass(frozen=True)
class InputEntry:
    """One workbook a run read."""

    path: str
    sha256: str
    municipality: str | None = None


def word_templates_version(folder: Path = WORD_TEMPLATES) -> str:
    """A short digest over the Word templates' bytes (restyling one changes it)."""
    return sha256_tree(folder, folder.glob("*.docx") if folder.is_dir() else ())


def versions() -> dict[str, str]:
    """Versions that, with the inputs, determine every output."""
    return {
        "package": __version__,
        "workbook_template": TEMPLATE_VERSION,
        "schema": SCHEMA_VERSION,
        "word_templates": word_templates_version(),
    }


def output_entry(
    run_folder: Path,
    path: Path,
    kind: str,
    phase: int | None = None,
    municipality: str | None = None,
    source: Path | None = None,
) -> OutputEntry:
    """Describe a file already written inside ``run_folder`` (hashes it now)."""
    return OutputEntry(
        kind=str(kind),
        path=path.relative_to(run_folder).as_posix(),
        sha256=sha256_file(path),
        phase=phase,
        municipality=municipality,
        source=source.relative_to(run_folder).as_posix() if source else None,
    )


def build_manifest(
    run_folder: Path,
    outputs: list[OutputEntry],
    inputs: list[InputEntry],
    stichtag: str | None = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The manifest as a plain dict (outputs sorted by path, inputs by path)."""
    return {
        "format": MANIFEST_FORMAT,
        "run": run_folder.name,
        "created": datetime.now().isoformat(timespec="seconds"),
        "stichtag": stichtag,
        "versions": versions(),
        "inputs": [asdict(i) for i in sorted(inputs, key=lambda i: i.path)],
        "outputs": [asdict(o) for o in sorted(outputs, key=lambda o: o.path)],
        **(extra or {}),
    }


def write_manifest(
    run_folder: Path,
    outputs: list[OutputEntry],
    inputs: list[InputEntry],
    stichtag: str | None = None,
    extra: dict[str, Any] | None = None,
) -> Path:
    """Write ``manifest.json`` into the run folder atomically and return its path."""
    data = build_manifest(run_folder, outputs, inputs, stichtag, extra)
    return atomic_write_json(run_folder / MANIFEST, data)


def read_manifest(run_folder: Path) -> dict[str, Any]:
    """Load a run's manifest."""
    data: dict[str, Any] = json.loads((run_folder / MANIFEST).read_text(encoding="utf-8"))
    return data


def verify_manifest(run_folder: Path) -> list[str]:
    """Paths whose file is missing or whose SHA-256 differs from the manifest (empty = intact)."""
    bad = []
    for entry in read_manifest(run_folder)["outputs"]:
        p = run_folder / entry["path"]
        if not p.is_file() or sha256_file(p) != entry["sha256"]:
            bad.append(entry["path"])
    return bad
