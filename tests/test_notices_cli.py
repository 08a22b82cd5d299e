"""``parthe-reports erinnern`` on the example inputs (Brandis missing), against a local SMTP sink."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parthe_reports.cli import app
from parthe_reports.notices import read_entries
from parthe_reports.notices.log import LOG_FILE
from parthe_reports.notices.mail import EVENT_HEADER
from parthe_reports.paths import INPUTS, REGION_CONFIG
from tests.notices_helpers import Sink, smtp_sink

pytestmark = pytest.mark.slow  # each call reads the seven example workbooks
OFFICE = "projektbuero@partheland.example"  # region.toml › [kontakt]


@pytest.fixture(scope="module")
def without_brandis(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example inputs without Brandis' workbook (its file name does not say „BRA“)."""
    inputs = tmp_path_factory.mktemp("inputs") / "inputs"
    shutil.copytree(INPUTS, inputs)
    (inputs / "kommunen" / "Brandis_Erhebung_2026_final.xlsx").unlink()
    return inputs


@pytest.fixture
def sink() -> Iterator[tuple[Sink, int]]:
    with smtp_sink() as running:
        yield running


def _region_with_smtp(tmp_path: Path, port: int, extra: str = "") -> Path:
    path = tmp_path / "region.toml"
    smtp = f'\n[smtp]\nhost = "127.0.0.1"\nport = {port}\nstarttls = false\n{extra}'
    path.write_text(REGION_CONFIG.read_text(encoding="utf-8") + smtp, encoding="utf-8")
    return path


def _remind(inputs: Path, region: Path, state: Path, *more: str) -> tuple[int, str]:
    args = ["erinnern", "--inputs", str(inputs), "--region", str(region), "--ablage", str(state)]
    result = CliRunner().invoke(app, [*args, "--heute", "08.12.2026", *more])
    return result.exit_code, " ".join(result.output.split())


def test_erinnern_mails_once(sink: tuple[Sink, int], without_brandis: Path, tmp_path: Path) -> None:
    """It mails Brandis' reminder and the office's digest, and nothing on the second call."""
    handler, port = sink
    region, state = _region_with_smtp(tmp_path, port), tmp_path / "state"
    code, out = _remind(without_brandis, region, state)
    assert code == 0, out
    assert "es fehlen BRA." in out and "gesendet: Erinnerung an partheland@brandis.example" in out
    got = {m[EVENT_HEADER]: rcpt for _, rcpt, m, _ in handler.received}
    assert got == {
        "erinnerung:2026/II:7:BRA": ["partheland@brandis.example"],
        "foerderfristen:2026-W50": [OFFICE],
    }
    digest = next(m for *_, m, _ in handler.received if m[EVENT_HEADER].startswith("foerder"))
    assert "Antragsfrist „RLFw (Feuerwehrförderung)“ (FP10)" in digest.get_content()
    code, out = _remind(without_brandis, region, state)
    assert code == 0 and "Heute ist nichts Neues fällig." in out
    assert len(handler.received) == 2
    assert [e.status for e in read_entries(state)] == ["sent", "sent"]


def test_probelauf_sends_and_writes_nothing(
    sink: tuple[Sink, int], without_brandis: Path, tmp_path: Path
) -> None:
    """It shows the due reminder's text with --probelauf, sends nothing and keeps no log."""
    handler, port = sink
    region, state = _region_with_smtp(tmp_path, port), tmp_path / "state"
    code, out = _remind(without_brandis, region, state, "--probelauf")
    assert code == 0, out
    assert "Betreff: Erinnerung: Workbook der Stadt Brandis bis 15.12.2026 einreichen" in out
    assert handler.received == [] and not (state / LOG_FILE).exists()


def test_missing_password_stops_in_german(
    sink: tuple[Sink, int], without_brandis: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It stops with a German sentence and sends nothing when the SMTP password is not set."""
    monkeypatch.delenv("PARTHE_SMTP_PASSWORT", raising=False)
    handler, port = sink
    region = _region_with_smtp(tmp_path, port, 'user = "pb"\n')
    code, out = _remind(without_brandis, region, tmp_path / "state")
    assert code == 2
    assert "Umgebungsvariable PARTHE_SMTP_PASSWORT ist nicht gesetzt" in out
    assert handler.received == []
