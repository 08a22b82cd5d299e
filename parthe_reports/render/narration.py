"""The context of the Zusammenfassung and of every section's Befunde and assessments.

One call per deliverable fills what the ``Summary`` and ``Findings`` blocks of its template
(``render.spec``) read::

    ctx |= narration_context(narrative.phase3(c), c.assessments, "Phase 3")

Generated sentences come from the narrative (``parthe_reports.narrative``); the project
office's assessments (Verbund › Bewertungen) are printed exactly as typed, line breaks
kept, under a label naming date and author. Only known section keys are filled: an
assessment of an unknown section is never rendered (validation reports it).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from parthe_reports import german as fmt
from parthe_reports.narrative.sections import section_keys
from parthe_reports.narrative.statement import Narrative
from parthe_reports.render.context import Record, records

ASSESSMENT_LABEL = "Einschätzung des Projektbüros"
SUMMARY_KEYS = ("zusammenfassung", "empfehlungen")


def narration_context(
    narrative: Narrative, assessments: pd.DataFrame | None, document: str, code: str | None = None
) -> dict[str, Any]:
    """``key_points``, ``recommendations``, ``findings`` and ``assessments`` (per section
    key) of ``document``; ``code`` picks a Kommunalprofil's own assessments."""
    # The Summary block reads these two in every document (the Prüfbericht has no
    # „empfehlungen“ section; its recommendations stand in the Zusammenfassung).
    keys = tuple(dict.fromkeys((*section_keys(document), *SUMMARY_KEYS)))
    office = _assessments(assessments, document, code)
    # Sentences may quote cell text: cleaned like any cell (control characters removed).
    return {
        "key_points": [fmt.text(s.text) for s in narrative.summary],
        "recommendations": [fmt.text(s.text) for s in narrative.recommendations],
        "findings": {k: [fmt.text(s.cited) for s in narrative.sections.get(k, ())] for k in keys},
        "assessments": {k: office.get(k, []) for k in keys},
    }


def _assessments(
    table: pd.DataFrame | None, document: str, code: str | None
) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    for r in records(table):
        if str(r.get("document")) != document:
            continue
        if code is not None and str(r.get("code")) != code:
            continue
        out.setdefault(str(r.get("section")), []).append(
            {"label": assessment_label(r), "text": as_typed(r.get("text"))}
        )
    return out


def assessment_label(r: Record) -> str:
    """„Einschätzung des Projektbüros (Stand 20.11.2026, verfasst von Projektbüro …)“."""
    parts = []
    if not fmt.is_missing(r.get("as_of")):
        parts.append(f"Stand {fmt.date_de(r.get('as_of'))}")
    if not fmt.is_missing(r.get("author")):
        parts.append(f"verfasst von {fmt.plain(r.get('author'))}")
    return f"{ASSESSMENT_LABEL} ({', '.join(parts)})" if parts else ASSESSMENT_LABEL


def as_typed(value: Any) -> str:
    """The text as typed: line breaks kept (the engine prints ``\\n`` as a line break);
    control characters docxtpl would read as paragraph or page breaks become line breaks."""
    if fmt.is_missing(value):
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return fmt.text(text.replace("\a", "\n").replace("\f", "\n")).strip()
