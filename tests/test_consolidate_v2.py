"""Consolidation of the contract-version-2 sheets: weighted structure scores, assessments."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from parthe_reports.consolidate import consolidate
from parthe_reports.consolidate.workbook import write_consolidated_workbook
from tests.fixtures_dataset import make_dataset

OPTIONS = [
    dict(option="Zweckverband", legal_form="Zweckverband", rating=5, recommended="nein"),
    dict(option="kAG", legal_form="kommunale Arbeitsgemeinschaft", rating=3, recommended="ja"),
]
CRITERIA = [dict(criterion="Bindung", weight=60), dict(criterion="Aufwand", weight=40)]


def _scores(zv: tuple[int, int], kag: tuple[int, int]) -> list[dict[str, object]]:
    return [
        dict(option=o, criterion=c, points=p)
        for o, pts in (("Zweckverband", zv), ("kAG", kag))
        for c, p in zip(("Bindung", "aufwand"), pts, strict=True)
    ]


@pytest.mark.parametrize(
    ("zv", "kag", "first", "kag_total"),
    [((2, 1), (4, 5), "kAG", 4.4), ((5, 5), (1, 1), "Zweckverband", 1.0)],
)
def test_weighted_total_ranks_the_options(
    zv: tuple[int, int], kag: tuple[int, int], first: str, kag_total: float
) -> None:
    """It computes Σ points · weight / Σ weight per option and ranks by it before the typed rating."""
    rows = {"structure_options": OPTIONS, "criteria": CRITERIA,
            "structure_scores": _scores(zv, kag)}  # fmt: skip
    p6 = consolidate(make_dataset(rows)).phase6
    opts = p6.structure_options.set_index("option")
    assert p6.structure_options["option"].iloc[0] == first
    assert opts.loc["kAG", "weighted_score"] == pytest.approx(kag_total)
    assert len(p6.structure_scores) == 4 and p6.structure_scores["weighted"].notna().all()


def test_without_scores_the_typed_rating_ranks() -> None:
    """It keeps ranking by Bewertung when no Strukturbewertung was given (version-1 data)."""
    p6 = consolidate(make_dataset({"structure_options": OPTIONS})).phase6
    assert list(p6.structure_options["option"]) == ["Zweckverband", "kAG"]
    assert p6.structure_options["weighted_score"].isna().all()


def test_assessments_reach_the_model_and_konsolidiert(tmp_path: Path) -> None:
    """It carries the project office's assessments into the model and Konsolidiert.xlsx."""
    text = "Die SWOT zeigt, wo die Zusammenarbeit am meisten bringt."
    rows = {"assessments": [dict(document="Phase 1", section="swot", text=text)]}
    c = consolidate(make_dataset(rows))
    assert list(c.assessments["text"]) == [text]
    wb = load_workbook(write_consolidated_workbook(c, tmp_path / "K.xlsx"))
    cells = [x.value for row in wb["Bewertungen"].iter_rows() for x in row]
    assert text in cells and "Abschnitt" in cells
    assert "P6 Strukturbewertung" in wb.sheetnames


def test_no_assessments_give_an_empty_sheet(tmp_path: Path) -> None:
    """It writes an empty Bewertungen sheet (header only) when none were given."""
    c = consolidate(make_dataset({}))
    assert c.assessments.empty
    wb = load_workbook(write_consolidated_workbook(c, tmp_path / "K.xlsx"))
    assert wb["Bewertungen"].max_row == 1


def _app(n: int, status: str, kind: str | None) -> dict[str, object]:
    return dict(municipality="AAA", application_id=f"FA-AAA-0{n}", programme_id="FP01",
                status=status, kind=kind, requested=1000.0)  # fmt: skip


@pytest.mark.parametrize(
    ("kinds", "expected"),
    [
        ((None, None), []),  # no Art: an application in preparation is not follow-up funding
        (("Erstantrag", "Anschlussförderung Verbund"), ["FA-AAA-02"]),  # by Art only
    ],
)
def test_follow_up_funding_by_art(
    kinds: tuple[str | None, str | None], expected: list[str]
) -> None:
    """It lists the Verbund's Anschlussförderung by Art only, never other pending applications."""
    apps = [_app(1, "in Vorbereitung", kinds[0]), _app(2, "eingereicht", kinds[1])]
    p6 = consolidate(make_dataset({"funding_applications": apps})).phase6
    assert list(p6.follow_up_applications["application_id"]) == expected
