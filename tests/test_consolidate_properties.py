"""Properties: order does not matter, the region is the sum of its municipalities, dedup is idempotent."""

from __future__ import annotations

import random

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parthe_reports.consolidate import consolidate, phase4, swot
from parthe_reports.consolidate.tables import TABLES
from parthe_reports.dataset import Dataset
from tests.fixtures_dataset import TOPICS, make_dataset, three_dataset

CODES = ("AAA", "BBB", "CCC")
SETTINGS = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BASE = three_dataset()
EXPECTED = consolidate(BASE)


def shuffled(ds: Dataset, seed: int) -> Dataset:
    """The same dataset with rows of every table (and so the workbooks) in another order."""
    rng = random.Random(seed)
    tables = {}
    for key, t in ds.tables.items():
        order = list(range(len(t)))
        rng.shuffle(order)
        tables[key] = t.iloc[order].reset_index(drop=True)
    keys = list(tables)
    rng.shuffle(keys)
    return Dataset(region=ds.region, stichtag=ds.stichtag, tables={k: tables[k] for k in keys})


@pytest.mark.slow
@SETTINGS
@given(st.integers(min_value=0, max_value=10_000))
def test_results_do_not_depend_on_row_order(seed: int) -> None:
    """It gives identical tables and figures whatever order rows and workbooks arrive in."""
    got = consolidate(shuffled(BASE, seed))
    for spec in TABLES:
        pd.testing.assert_frame_equal(spec.frame(got), spec.frame(EXPECTED), obj=spec.title)
    assert got.phase1.admin_totals == EXPECTED.phase1.admin_totals
    assert got.phase5.totals == EXPECTED.phase5.totals


def test_shuffle_really_reorders() -> None:
    """It checks that the shuffling used above does change the input order (else the test proves nothing)."""
    assert list(shuffled(BASE, 3).table("swot")["statement"]) != list(
        BASE.table("swot")["statement"]
    )


amount = st.one_of(st.none(), st.integers(min_value=0, max_value=1_000_000))
admin_row = st.fixed_dictionaries(
    {
        "municipality": st.sampled_from(CODES),
        "task": st.sampled_from(["Bauamt", "Kasse", "Bauhof"]),
        "topic": st.sampled_from(TOPICS),
        "posts_fte": st.integers(min_value=0, max_value=20),
        "vacant_fte": st.integers(min_value=0, max_value=5),
        "digitalisation": st.integers(min_value=1, max_value=5),
    }
)
measure_row = st.fixed_dictionaries(
    {
        "municipality": st.sampled_from(CODES),
        "lead": st.one_of(st.none(), st.sampled_from(CODES)),
        "topic": st.sampled_from(TOPICS),
        "cost_total": amount,
        "status": st.sampled_from(["Idee", "geplant", "umgesetzt"]),
    }
)
app_row = st.fixed_dictionaries(
    {
        "municipality": st.sampled_from(CODES),
        "requested": amount,
        "granted": amount,
        "own_share": amount,
        "status": st.sampled_from(["eingereicht", "bewilligt", "abgelehnt", "abgerechnet"]),
    }
)
infra_row = st.fixed_dictionaries(
    {
        "municipality": st.sampled_from(CODES),
        "type": st.sampled_from(["Schule", "Kita"]),
        "investment_need": amount,
        "condition": st.sampled_from(["gut", "kritisch", None]),
    }
)


@pytest.mark.slow
@SETTINGS
@given(
    st.lists(admin_row, max_size=12),
    st.lists(measure_row, max_size=12),
    st.lists(app_row, max_size=12),
    st.lists(infra_row, max_size=12),
)
def test_region_totals_are_sums_of_municipalities(admin, measures, apps, infra) -> None:  # type: ignore[no-untyped-def]
    """It makes every regional total the sum of the municipalities' totals."""
    for i, m in enumerate(measures):
        m.update(measure_id=f"M{i}", title=f"T{i}")
    for i, a in enumerate(apps):
        a.update(application_id=f"A{i}", programme_id="P1")
    for i, o in enumerate(infra):
        o.update(object=f"O{i}")
    c = consolidate(
        make_dataset(
            {
                "administration": admin,
                "measures": measures,
                "funding_applications": apps,
                "infrastructure": infra,
            }
        )
    )
    p1, p4, p5 = c.phase1, c.phase4, c.phase5
    for k in ("tasks", "posts_fte", "vacant_fte"):
        assert p1.admin_by_municipality[k].sum() == p1.admin_totals[k] == p1.admin_by_topic[k].sum()
    for k in ("objects", "investment_need"):
        assert p1.infra_by_municipality[k].sum() == p1.infra_totals[k] == p1.infra_by_type[k].sum()
    for k in ("measures", "cost_total"):
        assert (
            p4.by_municipality[k].sum()
            == p4.totals[k]
            == p4.by_topic[k].sum()
            == p4.by_status[k].sum()
        )
    for k in ("applications", "requested", "granted", "own_share"):
        assert (
            p5.applications_by_municipality[k].sum()
            == p5.totals[k]
            == p5.applications_by_status[k].sum()
        )


@SETTINGS
@given(
    st.lists(st.tuples(st.sampled_from(["M1", "M2", "M3"]), st.sampled_from(CODES)), max_size=10)
)
def test_deduplication_is_idempotent(pairs: list[tuple[str, str]]) -> None:
    """It merges repeated measures once; deduplicating again changes nothing."""
    rows = [
        dict(municipality=m, measure_id=i, title=f"Titel {i}", topic=TOPICS[0]) for i, m in pairs
    ]
    raw = make_dataset({"measures": rows}).table("measures")
    once = phase4.deduplicate_measures(raw)
    twice = phase4.deduplicate_measures(once)
    pd.testing.assert_frame_equal(once, twice)
    assert sorted(once["measure_id"]) == sorted({i for i, _ in pairs})
    for mid, books in zip(once["measure_id"], once["source_workbooks"], strict=True):
        assert books == tuple(sorted({f"{m}.xlsx" for i, m in pairs if i == mid}))


def naive_clusters(keys: list[str]) -> dict[str, str]:
    """Every pair compared (the rule as written, without the prefilters)."""
    from difflib import SequenceMatcher

    uniq = sorted(set(keys))
    comp = {k: k for k in uniq}
    changed = True
    while changed:
        changed = False
        for a in uniq:
            for b in uniq:
                x, y = min(a, b), max(a, b)
                if (
                    a != b
                    and SequenceMatcher(None, x, y, autojunk=False).ratio() >= swot.SIMILARITY
                ):
                    low = min(comp[a], comp[b])
                    if comp[a] != low or comp[b] != low:
                        comp[a] = comp[b] = low
                        changed = True
    return comp


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "gute anbindung",
                "gute anbindungen",
                "gute anbindung leipzig",
                "kein kino",
                "keine kinos",
                "kino",
            ]
        ),
        max_size=8,
    ),
    st.lists(st.text(alphabet="abcde ", min_size=1, max_size=14), max_size=6),
)
def test_prefiltered_merge_equals_comparing_every_pair(near: list[str], noise: list[str]) -> None:
    """It merges exactly what comparing every pair by the documented rule would merge."""
    keys = near + noise
    got = swot.cluster_keys(keys)
    want = naive_clusters(keys)
    assert {k: got[k] for k in want} == want
