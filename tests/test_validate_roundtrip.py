"""Property: valid values written through the template read back as the same typed values."""

from __future__ import annotations

import math
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parthe_reports.validate.workbook import check_file
from tests.workbook_factory import REGION, municipal

_text = (
    st.text(
        alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")),
        min_size=1,
        max_size=30,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)
_period = st.one_of(
    st.builds(lambda m, y: f"{m:02d}/{y}", st.integers(1, 12), st.integers(2020, 2040)),
    st.builds(lambda q, y: f"Q{q}/{y}", st.integers(1, 4), st.integers(2020, 2040)),
    st.integers(2020, 2040).map(str),
)
_measure = st.fixed_dictionaries(
    {
        "measure_id": st.from_regex(r"M-[A-Z]{3}-[0-9]{2}", fullmatch=True),
        "title": _text,
        "topic": st.sampled_from(REGION.topics),
        "cost_total": st.floats(0, 1e7, allow_nan=False).map(lambda x: round(x, 2)),
        "start": _period,
        "status": st.sampled_from(("Idee", "geplant", "in Umsetzung")),
        "partners": st.lists(st.sampled_from(REGION.codes), min_size=1, unique=True).map(tuple),
    }
)
_infra = st.fixed_dictionaries(
    {
        "object": _text,
        "type": st.sampled_from(("Schule", "Kita", "Bauhof")),
        "utilisation": st.integers(0, 100).map(float),
        "built": st.integers(1000, 2100).map(float),
    }
)
_application = st.fixed_dictionaries(
    {
        "application_id": st.from_regex(r"FA-[0-9]{3}", fullmatch=True),
        "programme_id": st.just("FP01"),
        "status": st.just("eingereicht"),
        "submitted_on": st.dates(date(2000, 1, 1), date(2100, 12, 31)),
    }
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(measure=_measure, infra=_infra, application=_application)
def test_template_roundtrip(measure: dict, infra: dict, application: dict) -> None:
    """It reads back exactly the values written through the template, with no finding."""
    rows = {"measures": [measure], "infrastructure": [infra], "funding_applications": [application]}
    with tempfile.TemporaryDirectory() as tmp:
        book = check_file(municipal(Path(tmp) / "BRA.xlsx", rows, base=False), REGION)
    assert not book.errors and not book.warnings, [str(f) for f in book.findings]
    for key, written in rows.items():
        got = book.tables[key].iloc[0]
        for col, value in written[0].items():
            if isinstance(value, float):
                assert math.isclose(got[col], value, rel_tol=1e-9, abs_tol=1e-9), (key, col)
            else:
                assert got[col] == value, (key, col, got[col], value)


def test_roundtrip_detects_change() -> None:
    """It is able to fail: a changed value does not read back as the written one."""
    with tempfile.TemporaryDirectory() as tmp:
        rows = {
            "measures": [
                {"measure_id": "M-1", "title": "A", "topic": REGION.topics[0], "cost_total": "12,5"}
            ]
        }
        book = check_file(municipal(Path(tmp) / "BRA.xlsx", rows, base=False), REGION)
    assert book.tables["measures"].iloc[0]["cost_total"] != 125.0
