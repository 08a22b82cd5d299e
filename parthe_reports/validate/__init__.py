"""Validation: every workbook checked against the schema, every problem a Finding.

Bottom to top: ``findings`` (codes, severities, the Finding helpers), ``columns`` (typing
one column), ``sheet`` (one sheet), ``model`` (the validated workbook), ``workbook`` (one
file, and the region's Dataset), ``regional`` (rules between Verbund sheets), ``crosscheck``
(across workbooks), ``plausibility`` (values that contradict each other), ``report`` (console
table and JSON for people and programs).
"""

from __future__ import annotations

from parthe_reports.validate.crosscheck import check_region
from parthe_reports.validate.model import ValidatedWorkbook
from parthe_reports.validate.plausibility import check_plausibility
from parthe_reports.validate.workbook import (
    build_dataset,
    check_file,
    unreadable_book,
    validate_workbook,
)

__all__ = [
    "ValidatedWorkbook",
    "build_dataset",
    "check_file",
    "check_plausibility",
    "check_region",
    "unreadable_book",
    "validate_workbook",
]
