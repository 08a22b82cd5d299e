"""Plausibility: values that are each valid but contradict each other, across sheets and books.

Pure, over the validated books' typed tables (accepted *and* rejected rows, so a clerk
sees every problem of a row in one pass; nothing is rejected or counted here). Every
check is a finding code of ``findings`` (Warnung, the text check a Hinweis), placed at
one end and naming the other („BRA.xlsx › Förderanträge › H4“) with the values found.

==============================  =========================================================
code                            what contradicts what
==============================  =========================================================
measure-behind-funding          granted/settled funding for an „Idee“ or „geplant“ measure
measure-done-funding-open       an „umgesetzt“ measure with an application „in Vorbereitung“
cost-below-funding              beantragt + Eigenanteil of a measure's applications > its cost
proof-before-decision           Frist Verwendungsnachweis before Bescheid am
decision-before-submission      Bescheid am before eingereicht am
date-after-stichtag             a decided/submitted application dated after the Stichtag
above-programme-rate            beantragt / (beantragt + Eigenanteil) above the Förderquote
above-programme-maximum         beantragt (or bewilligt) above the programme's Höchstbetrag
programme-deadline-passed       an open programme whose Antragsfrist has passed
application-after-deadline      an application „in Vorbereitung“ to a passed/closed programme
target-unreachable              more municipalities than the region has; a share above 100 %
target-against-direction        Zielwert below Ausgangswert for „steigen“ (above for „sinken“)
milestone-contradicts-reference a milestone's status against the state of its Bezug
unknown-milestone-reference     a Bezug no Maßnahmen-Nr. or Antrags-Nr. defines
overdue                         a milestone / change action past its Termin, not „erledigt“
duplicate-entry                 the same statement twice in one sheet (SWOT merge rule)
municipality-count-in-text      free text naming another number of municipalities (Hinweis)
==============================  =========================================================
"""

from __future__ import annotations

import re
from datetime import date

from parthe_reports.region import Region
from parthe_reports.validate.findings import PLAUSIBILITY_CODES
from parthe_reports.validate.model import ValidatedWorkbook
from parthe_reports.validate.plausible_funding import check_funding
from parthe_reports.validate.plausible_plan import check_plan
from parthe_reports.validate.plausible_rows import Rows
from parthe_reports.validate.plausible_text import check_duplicates, check_text

__all__ = ["check_plausibility", "questioned_rows"]


def check_plausibility(
    books: list[ValidatedWorkbook], region: Region, stichtag: date
) -> list[ValidatedWorkbook]:
    """All plausibility checks over the usable books; findings are added in place."""
    rows = Rows([b for b in books if not b.rejected and b.source.kind])
    check_funding(rows, stichtag)
    check_plan(rows, region, stichtag)
    check_duplicates(rows)
    check_text(rows, region)
    return books


# „BRA.xlsx › Maßnahmen › L7“: the places a plausibility finding names (both ends).
_PLACE = re.compile(r"([^\s›„“()]+\.(?:xlsx|xlsm|ods)) › ([^›]+?) › [A-Z]{1,3}(\d+)")


def questioned_rows(books: list[ValidatedWorkbook]) -> dict[tuple[str, str, int], list[str]]:
    """Every row a plausibility finding questions, at both ends: (workbook, sheet, Excel row)
    → the findings' messages. The documents and Konsolidiert.xlsx mark these rows."""
    out: dict[tuple[str, str, int], list[str]] = {}
    for book in books:
        for f in book.findings:
            if f.code not in PLAUSIBILITY_CODES:
                continue
            places = {(w, s.strip(), int(r)) for w, s, r in _PLACE.findall(f.message)}
            if f.sheet and f.row:
                places.add((f.workbook, f.sheet, f.row))
            for place in sorted(places):
                out.setdefault(place, []).append(str(f))
    return out
