"""Phases 4–6 as a catalogue, a funding strategy and assessed options: Steckbriefe, the
Quick-Win rule, sum rows, „ca.“, the weighted structure options and the cost key."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from parthe_reports import german as fmt
from parthe_reports.consolidate import consolidate
from parthe_reports.narrative import funding
from parthe_reports.region import Judgement
from parthe_reports.render import cells
from parthe_reports.render.context import Names
from parthe_reports.render.documents.phase4 import phase4_context
from parthe_reports.render.documents.phase5 import phase5_context
from parthe_reports.render.documents.phase6 import phase6_context
from tests.fixtures_dataset import make_dataset, small_region, three_municipalities
from tests.test_render_fixtures import doc_text, example, headings, rendered_example

CA = "ca.\u00a0"


@pytest.fixture(scope="module")
def c():
    return example()[0]


@pytest.fixture(scope="module")
def p4_text() -> str:
    return doc_text(rendered_example()["Phase4_Massnahmenkatalog.docx"])


# ---------------------------------------------------------------- phase 4


@pytest.mark.slow
def test_every_measure_has_a_steckbrief(c, p4_text):
    """It writes one Steckbrief heading (level 3, out of the contents) per measure, with
    indicator and next step as typed."""
    h3 = headings(rendered_example()["Phase4_Massnahmenkatalog.docx"], 3)
    for r in c.phase4.measures.itertuples():
        assert h3.count(f"{r.measure_id} {fmt.plain(r.title)}") == 1, r.measure_id
        if isinstance(r.next_step, str):
            assert fmt.plain(r.next_step) in " ".join(p4_text.split())
    assert "Maßnahmensteckbriefe" in headings(rendered_example()["Phase4_Massnahmenkatalog.docx"])


def test_steckbrief_financing_lists_applications_with_a_sum(c):
    """It lists a measure's applications with a sum row equal to the model's sums, and says
    so when a measure has none."""
    rows = three_municipalities()
    extra = dict(rows["funding_applications"][0], application_id="FA-AAA-09", requested=5_000,
                 granted=float("nan"), own_share=1_250, status="eingereicht")  # fmt: skip
    rows["funding_applications"].append(extra)
    small = consolidate(make_dataset(rows))
    briefs = {b["heading"].split()[0]: b for b in phase4_context(small)["steckbriefe"]}
    apps = small.phase5.applications
    mine = apps[apps["measure_id"] == "M-AAA-01"]
    assert len(mine) == 2
    total = briefs["M-AAA-01"]["financing"][-1]
    assert total["application"] == "Summe"
    assert total["requested"] == fmt.money(mine["requested"].sum())
    assert total["own_share"] == fmt.money(mine["own_share"].sum())
    assert briefs["M-CCC-01"]["financing"] == []  # the template prints „noch kein Förderantrag“
    facts = {f["label"]: f["value"] for f in briefs["M-CCC-01"]["facts"]}
    assert facts["Priorität"] == fmt.MISSING and "Nächster Schritt" in facts


@pytest.mark.slow
def test_the_quick_win_rule_is_stated_with_its_configured_values(c, p4_text):
    """It states the rule with months and limit from region.toml and marks with ●, never ★."""
    j = c.region.judgement
    assert f"spätestens {j.quick_win_months} Monate" in p4_text
    assert f"höchstens {fmt.money(j.quick_win_max_cost, 0)} kostet" in p4_text
    assert p4_text.count("● Quick Win") >= 2 * len(c.phase4.quick_wins)
    assert "★" not in p4_text
    assert "kommunale Einzelmaßnahme" in p4_text


def test_the_quick_win_table_follows_the_configuration(c):
    """It lists fewer Quick Wins under a stricter limit, and states that limit."""
    strict = replace(c.region, judgement=Judgement(quick_win_max_cost=5_000))
    _c, ds, _b = example()
    tight = consolidate(replace(ds, region=strict))
    ctx = phase4_context(tight)
    assert len(ctx["quick_wins"]) < len(phase4_context(c)["quick_wins"])
    assert f"höchstens {fmt.money(5_000, 0)} kostet" in ctx["quick_win_rule"]
    ids = {r["measure_id"] for r in ctx["quick_wins"]}
    costs = tight.phase4.measures.set_index("measure_id")["cost_total"]
    assert ids and all(costs[i] <= 5_000 for i in ids)


@pytest.mark.slow
def test_approximate_costs_print_with_ca(c, p4_text):
    """It prints „ca. 280.000 €“ for a cost typed as approximate, exact costs with cents."""
    m = c.phase4.measures
    approx = m[m["cost_total_approx"].astype(bool)]
    exact = m[~m["cost_total_approx"].astype(bool) & m["cost_total"].notna()]
    assert len(approx) and len(exact)
    for v in approx["cost_total"]:
        assert CA + fmt.money(v, 0) in p4_text
    assert CA + fmt.money(exact["cost_total"].iloc[0], 0) not in p4_text
    assert fmt.money(exact["cost_total"].iloc[0]) in p4_text


def test_ca_getter_and_sum_rows():
    """It prefixes „ca.“ only for a flagged value and marks a sum with any flagged summand."""
    names = Names(small_region())
    get = cells.approx_money("cost")
    assert get({"cost": 5000.0, "cost_approx": True}, names) == CA + "5.000\u00a0€"
    assert get({"cost": 5000.0, "cost_approx": False}, names) == "5.000,00\u00a0€"
    assert get({"cost": float("nan"), "cost_approx": True}, names) == fmt.MISSING
    df = pd.DataFrame({"cost": [1000.0, 2000.0], "cost_approx": [False, True]})
    assert cells.sum_row(df, {"x": "Summe"}, ("cost",)) == {
        "x": "Summe",
        "cost": CA + "3.000\u00a0€",
    }
    assert cells.sum_row(df.iloc[:1], {}, ("cost",)) == {"cost": "1.000,00\u00a0€"}


# ---------------------------------------------------------------- phase 5


def test_money_tables_have_sum_rows_equal_to_the_model(c):
    """It ends every money table with a „Summe“ row equal to the model's totals."""
    ctx, t = phase5_context(c), c.phase5.totals
    for key, label in (("by_status", "status"), ("by_municipality", "municipality"),
                       ("by_programme", "programme"), ("applications", "municipality")):  # fmt: skip
        last = ctx[key][-1]
        assert last[label] == "Summe", key
        assert (last["requested"], last["granted"], last["own_share"]) == (
            fmt.money(t["requested"]),
            fmt.money(t["granted"]),
            fmt.money(t["own_share"]),
        ), key
    assert ctx["by_status"][-1]["count"] == fmt.number(t["applications"])
    assert len(ctx["applications"]) == len(c.phase5.applications) + 1


def test_expired_programmes_are_listed_apart(c):
    """It lists expired programmes only in the „abgelaufen“ table, open ones as relevant."""
    ctx = phase5_context(c)
    gone = set(funding.expired(c.phase5.programmes, c.stichtag)["programme_id"])
    assert gone and {r["programme_id"] for r in ctx["expired"]} == gone
    relevant = {r["programme_id"] for r in ctx["programmes"]}
    assert relevant and not relevant & gone
    assert relevant | gone == set(c.phase5.programmes["programme_id"])


def test_funding_strategy_lists_candidates_and_own_shares(c):
    """It names every unfunded measure still to do, with open programmes by deadline, and
    own shares per municipality and year whose sum equals the computation's."""
    ctx = phase5_context(c)
    unfunded = c.phase5.measures_without_application
    todo = unfunded[~unfunded["status"].isin(funding.DONE_OR_PAUSED)]
    named = {r["measure"].split(":")[0] for r in ctx["candidates"] if r["measure"]}
    assert named == set(todo["measure_id"])
    shares = funding.own_shares(c.phase5.applications, c.phase4.measures, c.stichtag)
    assert ctx["own_share_years"][-1] == "Summe"
    assert ctx["own_shares"][-1]["label"] == "Summe"
    assert ctx["own_shares"][-1]["cells"][-1] == fmt.money(shares["own_share"].sum())


# ---------------------------------------------------------------- phase 6

CRITERIA = [dict(criterion="Bindung", weight=50), dict(criterion="Aufwand", weight=50)]
OPTIONS = [
    dict(option="Zweckverband", legal_form="Zweckverband", rating=4, recommended="nein"),
    dict(option="kAG", legal_form="kommunale Arbeitsgemeinschaft", rating=3, recommended="ja"),
]


def _phase6(zv: tuple[int, int], kag: tuple[int, int]) -> dict:
    scores = [
        dict(option=o, criterion=k, points=p)
        for o, pts in (("Zweckverband", zv), ("kag", kag))  # „kag“: spelled differently
        for k, p in zip(("Bindung", "aufwand"), pts, strict=True)
    ]
    rows = {"structure_options": OPTIONS, "criteria": CRITERIA, "structure_scores": scores}
    return phase6_context(consolidate(make_dataset(rows)))


def test_structure_tie_is_named_as_a_tie():
    """It names equal totals a tie, recommends nothing and gives both rank 1."""
    ctx = _phase6((5, 1), (1, 5))
    assert "gleichauf" in ctx["recommendation"] and "Empfohlen wird" not in ctx["recommendation"]
    assert "„kAG“ als Empfehlung markiert" in ctx["recommendation"]
    assert [r["rank"] for r in ctx["structure_options"]] == ["1", "1"]
    assert [r["cells"][-2:] for r in ctx["score_matrix"]] == [["3,00", "1"], ["3,00", "1"]]


def test_structure_recommendation_cites_the_deciding_criterion():
    """It recommends the best weighted total and names the criterion that decides it."""
    ctx = _phase6((5, 1), (4, 5))
    assert ctx["recommendation"].startswith("Empfohlen wird „kAG“ mit 4,5 von 5 Punkten")
    assert "den Ausschlag gibt Aufwand (Gewicht 50\u00a0%)" in ctx["recommendation"]
    assert [r["option"] for r in ctx["structure_options"]] == ["kAG", "Zweckverband"]
    assert [r["label"] for r in ctx["score_matrix"]] == ["kAG", "Zweckverband"]
    assert ctx["score_columns"] == [
        "Bindung (50\u00a0%)",
        "Aufwand (50\u00a0%)",
        "Gesamtwert (1–5)",
        "Rang",
    ]
    assert ctx["score_matrix"][0]["cells"] == ["4", "5", "4,50", "1"]
    assert [r["criterion"] for r in ctx["criteria"]] == ["Bindung", "Aufwand"]


def test_cost_key_shares_add_up_and_follow_up_is_by_art_only(c):
    """It splits by population (shares sum to 100 %) and lists only Art „Anschlussförderung
    Verbund“ as Anschlussförderung, with a sum row."""
    ctx = phase6_context(c)
    key = ctx["cost_key"]
    assert key[-1]["municipality"] == "Summe" and key[-1]["share"] == "100\u00a0%"
    assert len(key) == len(c.region.codes) + 1
    assert "Einwohner der Kommune ÷ Einwohner aller Kommunen" in ctx["cost_key_text"]
    follow = c.phase6.follow_up_applications
    assert set(follow["kind"]) == {"Anschlussförderung Verbund"}
    assert ctx["follow_up"][-1]["requested"] == fmt.money(follow["requested"].sum())
    pending = c.phase5.applications[c.phase5.applications["status"] == "in Vorbereitung"]
    assert len(pending) > len(follow)  # other pending applications are not follow-up funding


def test_summary_and_table_count_the_same_quick_wins(c):
    """It says as many Quick Wins in the Zusammenfassung as the Quick-Win table lists."""
    ctx = phase4_context(c)
    n = len(ctx["quick_wins"])
    assert n == len(c.phase4.quick_wins) and n > 0
    said = [s for s in ctx["key_points"] if "Quick Win" in s]
    assert said and said[0].startswith(f"{n} Maßnahmen sind Quick Wins")
