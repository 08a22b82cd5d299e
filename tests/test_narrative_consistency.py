"""Every deliverable's narrative on small models and extreme thresholds: it builds (assemble
refuses contradictions) and no rule contradicts another."""

from __future__ import annotations

import dataclasses

import pytest

from parthe_reports import narrative
from parthe_reports.region import Judgement
from tests.fixtures_dataset import three_municipalities
from tests.narrative_helpers import model, region

LOW = Judgement(**{f.name: 0 for f in dataclasses.fields(Judgement)})
HIGH = Judgement(**{f.name: 10**9 for f in dataclasses.fields(Judgement)})


@pytest.mark.parametrize("judgement", [Judgement(), LOW, HIGH], ids=["default", "zero", "huge"])
@pytest.mark.parametrize("rows", ["empty", "three"])
def test_no_deliverable_contradicts_itself(rows, judgement):
    """It builds every deliverable without contradiction, whatever the thresholds."""
    c = model(
        {} if rows == "empty" else three_municipalities(),
        region(judgement),
        missing=("CCC",) if rows == "three" else (),
    )
    built = [getattr(narrative, f"phase{i}")(c) for i in range(1, 7)]
    built += [narrative.profile(c, code) for code in c.region.codes]
    for n in built:
        assert narrative.contradictions(n.all()) == []
        assert len(n.summary) <= 7
