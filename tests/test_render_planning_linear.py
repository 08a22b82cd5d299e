"""Planning is linear in the municipalities: region-wide lookups are built once per model,
and the contexts stay exactly what the per-profile walks produced."""

from __future__ import annotations

import random
from typing import Any

from parthe_reports import german as fmt
from parthe_reports.consolidate import consolidate
from parthe_reports.consolidate.models import Consolidated, MunicipalProfile
from parthe_reports.demo.data import synthetic_region
from parthe_reports.render import cells
from parthe_reports.render.context import Names, per_model, records
from parthe_reports.render.documents.profile import _swot
from parthe_reports.render.refs import parse_long_ref
from tests.fixtures_dataset import TOPICS, make_dataset, small_region


def _swot_walk(c: Consolidated, p: MunicipalProfile, names: Names) -> list[dict[str, str]]:
    """The former per-profile walk over every region-wide statement (the reference)."""
    merged = c.phase1.swot_statements
    own_books = set(p.swot["source_workbook"]) if not p.swot.empty else set()
    out = []
    for r in records(merged):
        if p.code not in r["municipalities"]:
            continue
        others = [x for x in r["municipalities"] if x != p.code]
        own = [parse_long_ref(x) for x in r["source_refs"]]
        refs = [cells.source(x, names) for x in own if x["source_workbook"] in own_books]
        out.append(
            {
                "topic": fmt.text(r["topic"]),
                "category": fmt.text(r["category"]),
                "statement": fmt.text(r["statement"])
                + (f" (auch {names.names(others)})" if others else ""),
                "weight": fmt.number(r["weight_max"]),
                "ref": "; ".join(refs) or fmt.MISSING,
            }
        )
    return out


def _region_model(n: int) -> Consolidated:
    """``n`` municipalities; statements shared by random subsets (merged in Phase 1)."""
    region = synthetic_region(n, small_region())
    rng = random.Random(7)
    rows: list[dict[str, Any]] = []
    for code in region.codes:
        for k in rng.sample(range(8), 4):
            category = ("Stärke", "Schwäche", "Chance", "Risiko")[k % 4]
            rows.append(
                dict(
                    municipality=code,
                    topic=TOPICS[k % len(TOPICS)],
                    category=category,
                    statement=f"Aussage Nr. {k} über Ärzte",
                    weight=1 + k % 3,
                )
            )
    return consolidate(make_dataset({"swot": rows}, region=region))


def test_profile_swot_equals_the_per_profile_walk() -> None:
    c = _region_model(40)
    names = Names.of(c)
    shared = 0
    for p in c.profiles.values():
        expected = _swot_walk(c, p, names)
        assert _swot(c, p, names) == expected
        shared += sum("(auch " in r["statement"] for r in expected)
    assert shared > 40  # the statements really are named by several municipalities


def test_names_except_equals_names_of_the_others() -> None:
    c = _region_model(12)
    names = Names.of(c)
    codes = list(c.region.codes)
    rng = random.Random(3)
    for _ in range(200):
        chosen = rng.sample(codes, rng.randint(1, len(codes))) + rng.choice([[], ["XX"]])
        own = rng.choice(chosen)
        others = [x for x in chosen if x != own]
        assert names.names_except(chosen, own) == (names.names(others) if others else "")
    assert names.names_except([*codes, "XX"], "XX") == "alle Kommunen"


def test_lookups_are_built_once_per_model() -> None:
    c = _region_model(3)
    built: list[int] = []

    def build() -> dict[str, int]:
        built.append(1)
        return {"a": len(built)}

    first = per_model(c, "test", build)
    assert per_model(c, "test", build) is first
    assert built == [1]
    assert Names.of(c) is Names.of(c)
    other = _region_model(3)
    assert Names.of(other) is not Names.of(c)
