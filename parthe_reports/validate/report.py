"""Validation results for programs: every finding and the row accounting as one JSON document
(the console table is the command line's: ``cli/summary.py``)."""

from __future__ import annotations

from typing import Any

from parthe_reports.errors import Finding
from parthe_reports.validate.findings import PLAUSIBILITY_CODES
from parthe_reports.validate.model import ValidatedWorkbook

FINDING_KEYS = (
    "code",
    "severity",
    "workbook",
    "sheet",
    "cell",
    "row",
    "column",
    "value",
    "expected",
    "message",
)


def findings_json(
    books: list[ValidatedWorkbook],
    folder: list[Finding] | None = None,
    missing: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Every finding (keys ``FINDING_KEYS``) and the row accounting per workbook and sheet;
    ``folder``: findings about the inputs folder (files not read), ``missing``: Kürzel of
    municipalities without a usable workbook."""
    findings = []
    for b in books:
        for f in sorted(b.findings, key=lambda f: (f.severity.rank, f.sheet or "", f.row or 0)):
            d = f.to_dict()
            findings.append({k: d[k] for k in FINDING_KEYS})
    workbooks = [
        {
            "workbook": b.name,
            "kind": b.source.kind or None,
            "municipality": b.source.municipality,
            "template_version": b.source.template_version,
            "is_example": b.source.is_example,
            "rejected": b.rejected,
            "errors": len(b.errors),
            "warnings": len(b.warnings),
            "notes": len(b.notes),
            "rows": {
                b.sheet_names.get(key, key): {
                    "read": c.read,
                    "accepted": c.accepted,
                    "rejected": c.rejected,
                    "merged": c.merged,
                }
                for key, c in b.row_counts.items()
            },
        }
        for b in books
    ]
    return {
        "summary": {
            "workbooks": len(books),
            "errors": sum(len(b.errors) for b in books),
            "warnings": sum(len(b.warnings) for b in books),
            "notes": sum(len(b.notes) for b in books),
        },
        "workbooks": workbooks,
        "findings": findings,
        "inputs_folder": [{k: f.to_dict()[k] for k in FINDING_KEYS} for f in folder or []],
        "missing_municipalities": list(missing),
        "plausibility": sum(f.code in PLAUSIBILITY_CODES for b in books for f in b.findings),
    }
