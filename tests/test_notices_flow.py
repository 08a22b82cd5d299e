"""The scheduled reminders flow under Prefect's test harness: no SMTP, notices as artifacts."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

import flows  # noqa: F401  (Prefect environment defaults before prefect is imported)
from parthe_reports.notices import read_entries
from parthe_reports.paths import INPUTS, REGION_CONFIG
from parthe_reports.pipeline import keys

pytestmark = [pytest.mark.prefect, pytest.mark.slow]


@pytest.fixture(scope="module")
def prefect_env() -> Iterator[None]:
    from prefect.testing.utilities import prefect_test_harness

    with pytest.MonkeyPatch.context() as mp, prefect_test_harness(server_startup_timeout=120):
        mp.setattr(keys, "code_version", lambda: "test")
        yield


def test_flow_records_notices_once_and_publishes_them(prefect_env: None, tmp_path: Path) -> None:
    """It records Brandis' reminder and the digest once and shows their text as an artifact."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    from flows.reminders import reminders_flow

    inputs = tmp_path / "inputs"
    shutil.copytree(INPUTS, inputs)
    (inputs / "kommunen" / "Brandis_Erhebung_2026_final.xlsx").unlink()
    region = tmp_path / "region.toml"
    text = REGION_CONFIG.read_text(encoding="utf-8")
    assert "# ablage = " in text
    region.write_text(
        text.replace("# ablage = ", f'ablage = "{tmp_path / "state"}"\n# '), encoding="utf-8"
    )
    args = {"inputs": inputs, "outputs": tmp_path / "out", "region_config": region}

    first = reminders_flow(**args, today=date(2026, 12, 8))
    assert [(e["event"], e["status"]) for e in first] == [
        ("erinnerung:2026/II:7:BRA", "recorded"),
        ("foerderfristen:2026-W50", "recorded"),
    ]
    assert reminders_flow(**args, today=date(2026, 12, 9)) == []
    assert len(read_entries(tmp_path / "state")) == 2

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["benachrichtigungen"]))
        )
    texts = [str(a.data) for a in found]
    (shown,) = [t for t in texts if "Benachrichtigungen vom 08.12.2026" in t]
    assert "An: partheland@brandis.example · abgelegt (kein SMTP)" in shown
    assert "> Bitte reichen Sie es bis zum 15.12.2026 ein" in shown
    assert any("Heute ist nichts Neues fällig." in t for t in texts)
