"""The project office: states and deadlines with a fixed clock, runs, documents, audit log."""

from __future__ import annotations

import hashlib
import time
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from flows import trigger
from parthe_reports import runs
from parthe_reports.pipeline import RunSummary
from parthe_reports.portal import current_submissions
from parthe_reports.portal.launch import DONE, FAILED, RUNNING
from parthe_reports.portal.overview import municipality_status
from parthe_reports.portal.store import CURRENT, Store, Submission
from parthe_reports.portal.web import portal
from parthe_reports.region import load_region
from tests.portal_setup import BRA_EXAMPLE, client_for, csrf, make_config, upload

REGION = load_region()  # periods: 2026/II (Frist 15.12.2026), 2027/I (Frist 15.06.2027)


def _sub(submitted: datetime | None, errors: int = 0, warnings: int = 0) -> Submission:
    return Submission("x", "BRA", "bra", "a.xlsx", "/x", "0" * 64, submitted or datetime(2026, 11, 1),
                      errors, warnings, 0, [], CURRENT, submitted, "bra")  # fmt: skip


@pytest.mark.parametrize(
    ("sub", "today", "state", "timing", "late"),
    [
        (None, date(2026, 12, 10), "fehlt", "offen (Frist 15.12.2026)", False),
        (None, date(2026, 12, 16), "fehlt", "überfällig (Frist 15.12.2026)", True),
        (_sub(datetime(2026, 12, 15, 23, 59)), date(2026, 12, 20), "ok", "fristgerecht", False),
        (_sub(datetime(2026, 12, 16, 0, 1)), date(2026, 12, 20), "ok", "verspätet", True),
        (
            _sub(datetime(2026, 12, 1), warnings=2),
            date(2026, 12, 2),
            "Warnungen",
            "fristgerecht",
            False,
        ),
        (_sub(datetime(2026, 12, 1), errors=1), date(2026, 12, 2), "Fehler", "fristgerecht", False),
        # handed in for the last round: missing in this one
        (
            _sub(datetime(2026, 12, 1)),
            date(2027, 6, 16),
            "fehlt",
            "überfällig (Frist 15.06.2027)",
            True,
        ),
    ],
)
def test_state_and_deadline_with_fixed_clock(sub, today, state, timing, late) -> None:  # type: ignore[no-untyped-def]
    """It names state and timing against the current period's deadline."""
    status = municipality_status(sub, REGION, today)
    assert (status.state, status.timing, status.late) == (state, timing, late)


@pytest.fixture
def config(tmp_path: Path):  # type: ignore[no-untyped-def]
    return make_config(tmp_path)


def _submit_bra(config) -> None:  # type: ignore[no-untyped-def]
    clerk = client_for(config, "bra")
    url = str(upload(clerk, "BRA", BRA_EXAMPLE).url).removeprefix("http://testserver")
    clerk.post(f"{url}/einreichen", data={"csrf": csrf(clerk, url)})


def test_office_page_shows_submitted_and_missing(config) -> None:
    """It shows BRA as eingereicht and the others as fehlt, with the deadline, on a fixed day."""
    _submit_bra(config)
    office = client_for(config, "buero")
    portal(office).today = lambda: date(2026, 12, 16)  # type: ignore[arg-type]
    page = office.get("/projektbuero").text
    bra = page.split('id="zeile-BRA"')[1].split("</tr>")[0]
    nau = page.split('id="zeile-NAU"')[1].split("</tr>")[0]
    assert "eingereicht" in bra and "fehlt" not in bra
    assert "fehlt" in nau and "überfällig (Frist 15.12.2026)" in nau
    assert set(current_submissions(Store(config.database))) == {"BRA"}


def test_office_page_lists_the_reminders_log(config) -> None:
    """It lists what the reminders recorded (no SMTP: abgelegt), newest first, dates in German."""
    from parthe_reports import notices
    from parthe_reports.notices.log import Entry, open_log

    office = client_for(config, "buero")
    assert "Noch keine Erinnerungen" in office.get("/projektbuero").text
    with open_log(config.notices_folder()) as log:
        log.add(Entry("erinnerung:2026/II:7:NAU", "Erinnerung", "recorded", "2026-12-08T08:00:00",
                      "2026-12-08", ["partheland@naunhof.example"], [],
                      "Erinnerung: Workbook bis 15.12.2026", "", "NAU", "2026/II"))  # fmt: skip
    page = office.get("/projektbuero").text
    table = page.split('id="benachrichtigungen-tabelle"')[1].split("</table>")[0]
    assert "08.12.2026" in table and "partheland@naunhof.example" in table
    assert notices.STATUS_DE["recorded"] in table and "Noch keine Erinnerungen" not in page


def _fake_run(outputs: Path, code: int = 0):  # type: ignore[no-untyped-def]
    def run_here(inputs: Path, outputs_: Path, region_config: Path, listener):  # type: ignore[no-untyped-def]
        listener.expect("workbook", 2)
        listener.done("workbook", "a")
        listener.done("workbook", "b")
        assert (inputs / "kommunen").is_dir() and inputs != outputs  # a snapshot, not inputs/
        folder = runs.create_run_folder(outputs)
        (folder / "Phase1.docx").write_bytes(b"PK")
        runs.finish_run(folder, code != 2)
        return RunSummary(folder, error="x" if code == 2 else None)

    return run_here


def _wait(p, status: str = RUNNING):  # type: ignore[no-untyped-def]
    for _ in range(200):
        if p.launcher.state.status != status:
            return p.launcher.state
        time.sleep(0.05)
    raise AssertionError("run did not finish")


def test_start_run_in_process_and_show_result(config, monkeypatch: pytest.MonkeyPatch) -> None:
    """It starts a run in the portal (no serve), reads a snapshot and shows the result."""
    monkeypatch.setattr(trigger, "run_here", _fake_run(config.outputs))
    office = client_for(config, "buero")
    response = office.post("/projektbuero/lauf", data={"csrf": csrf(office)})
    assert response.status_code == 200
    state = _wait(portal(office))
    assert state.status == DONE and state.via == "im Portal" and state.done == state.total == 2
    page = office.get("/projektbuero").text
    assert "abgeschlossen" in page and state.run_folder in page
    for _ in range(100):  # the end is logged just after the state turns final
        actions = {e.action: e for e in Store(config.database).audit_log()}
        if "Lauf beendet" in actions:
            break
        time.sleep(0.05)
    assert "Lauf gestartet" in actions
    assert actions["Lauf beendet"].what.startswith(f"{state.run_folder}: abgeschlossen")
    docs = office.get("/dokumente").text
    assert "Phase1.docx" in docs
    assert office.get("/dokumente/Phase1.docx").content == b"PK"
    loaded = next(e for e in Store(config.database).audit_log() if e.action == "Dokument geladen")
    assert loaded.sha256 == hashlib.sha256(b"PK").hexdigest()


def test_failed_run_shown_as_failed(config, monkeypatch: pytest.MonkeyPatch) -> None:
    """It shows a run that ended with exit code 2 as fehlgeschlagen."""
    monkeypatch.setattr(trigger, "run_here", _fake_run(config.outputs, code=2))
    office = client_for(config, "buero")
    office.post("/projektbuero/lauf", data={"csrf": csrf(office)})
    assert _wait(portal(office)).status == FAILED


def test_no_serve_means_in_process() -> None:
    """It finds no serve where nothing answers (and none without a URL)."""
    assert trigger.serve_api(None) is None
    assert trigger.serve_api("http://127.0.0.1:9/api") is None


def test_run_through_deployment_when_serve_answers(config, monkeypatch: pytest.MonkeyPatch) -> None:
    """It starts the run through serve's deployment when its server answers, with the service's
    own (fixed) paths: no snapshot is passed or taken."""
    started: list[str] = []
    states = iter([("RUNNING", False), ("COMPLETED", True)])
    monkeypatch.setattr(trigger, "serve_api", lambda url: "http://api")
    monkeypatch.setattr(trigger, "start_deployment", lambda api: started.append(api) or "id-1")
    monkeypatch.setattr(trigger, "deployment_state", lambda api, run: next(states))
    monkeypatch.setattr("parthe_reports.portal.launch.POLL_S", 0.01)
    monkeypatch.setattr(trigger, "run_here", lambda *a: pytest.fail("ran in process"))
    office = client_for(replace(config, prefect_api="http://api"), "buero")
    office.post("/projektbuero/lauf", data={"csrf": csrf(office)})
    state = _wait(portal(office))
    assert state.via == "Prefect-Deployment (serve)" and state.status == DONE
    assert started == ["http://api"]
    assert not config.snapshots.exists() or not any(config.snapshots.iterdir())


def test_calls_to_serve_carry_the_service_password(monkeypatch: pytest.MonkeyPatch) -> None:
    """It sends serve's password with every call (serve refuses calls without it)."""
    monkeypatch.setattr(trigger, "service_auth", lambda: "parthe:geheim")
    assert trigger._api("http://127.0.0.1:4200/api") == {
        "api.url": "http://127.0.0.1:4200/api",
        "api.auth_string": "parthe:geheim",
    }
    monkeypatch.setattr(trigger, "service_auth", lambda: None)
    assert trigger._api("http://x/api") == {"api.url": "http://x/api"}


def test_second_run_refused_while_one_runs(config, monkeypatch: pytest.MonkeyPatch) -> None:
    """It starts no second run while one is running (the button is disabled, the POST ignored)."""
    gate: list[int] = []

    def slow(*args):  # type: ignore[no-untyped-def]
        while not gate:
            time.sleep(0.01)
        return _fake_run(config.outputs)(*args)

    monkeypatch.setattr(trigger, "run_here", slow)
    office = client_for(config, "buero")
    launcher = portal(office).launcher
    assert launcher.start("buero") is not None
    assert launcher.start("buero") is None
    assert "disabled" in office.get("/projektbuero").text.split('id="lauf-starten"')[1][:40]
    gate.append(1)
    assert _wait(portal(office)).status == DONE
    assert launcher.start("buero") is not None  # and after it, a new one starts
    _wait(portal(office))


def test_audit_log_records_who_what_checksum(config) -> None:
    """It records login, upload and submission with user and checksum, readable by the office."""
    _submit_bra(config)
    log = client_for(config, "buero").get("/projektbuero/protokoll").text
    for action in ("Anmeldung", "Hochgeladen", "Eingereicht"):
        assert action in log
    entries = Store(config.database).audit_log()
    submitted = next(e for e in entries if e.action == "Eingereicht")
    assert submitted.username == "bra" and len(submitted.sha256) == 64


def test_lesend_sees_only_documents(config) -> None:
    """It gives the Lenkungsgruppe the documents page and nothing else."""
    reader = client_for(config, "lenkung")
    assert reader.get("/").url.path == "/dokumente"
    assert "noch keinen abgeschlossenen" in reader.get("/dokumente").text
    assert reader.get("/projektbuero").status_code == 403
    assert reader.get("/kommune/BRA").status_code == 403


def test_documents_grouped_reports_first_data_last() -> None:
    """It lists the reports, PDFs and Prüfberichte under their headings and folds the data."""
    from parthe_reports.portal.routes_office import DATA_GROUP, grouped

    files = ["Daten/a.csv", "PDF/Phase1.pdf", "Phase1.docx", "Rueckmeldung/Pruefbericht_BRA.docx",
             "Eingangsdaten/x.parquet"]  # fmt: skip
    assert grouped(files) == [
        ("Berichte", ["Phase1.docx"]),
        ("PDF", ["PDF/Phase1.pdf"]),
        ("Prüfberichte und markierte Kopien", ["Rueckmeldung/Pruefbericht_BRA.docx"]),
        (DATA_GROUP, ["Daten/a.csv", "Eingangsdaten/x.parquet"]),
    ]
