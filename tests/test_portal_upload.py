"""The clerk's upload: findings in seconds, submission rules, hostile files, the inputs folder."""

from __future__ import annotations

import threading
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from parthe_reports.portal import current_submissions
from parthe_reports.portal.store import Store
from tests.portal_setup import (
    BAD_CELL,
    BRA_EXAMPLE,
    bad_workbook,
    client_for,
    csrf,
    make_config,
    upload,
)

TARGET_S = 3.0


@pytest.fixture
def config(tmp_path: Path):  # type: ignore[no-untyped-def]
    return make_config(tmp_path)


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in _files(folder)}


def _submit(client, code: str, sub_url: str, confirm: bool = False):  # type: ignore[no-untyped-def]
    data = {"csrf": csrf(client, sub_url)} | ({"bestaetigt": "ja"} if confirm else {})
    return client.post(f"{sub_url}/einreichen", data=data)


def test_bad_cell_shown_with_its_cell_within_three_seconds(config, tmp_path: Path) -> None:
    """It shows the bad cell's finding (sheet, cell, value) on screen within 3 s of the upload."""
    client = client_for(config, "bra")
    upload(client, "BRA", BRA_EXAMPLE)  # warm: the reader's worker and the Verbund-Workbook
    bad = bad_workbook(tmp_path / "bad.xlsx")
    start = time.perf_counter()
    response = upload(client, "BRA", bad)
    elapsed = time.perf_counter() - start
    print(f"upload → findings on screen: {elapsed:.2f} s")
    assert response.status_code == 200
    assert "/pruefung/" in str(response.url)
    row = response.text.split('id="befunde"')[1]
    assert f"<td>{BAD_CELL[0]}</td><td>{BAD_CELL[1]}</td><td>zwölftausend</td>" in row
    assert "1 Fehler" in response.text
    assert elapsed <= TARGET_S


def test_good_workbook_has_no_error_and_offers_downloads(config) -> None:
    """It finds no Fehler in the example and offers the Prüfbericht and the marked copy."""
    client = client_for(config, "bra")
    response = upload(client, "BRA", BRA_EXAMPLE)
    assert "0 Fehler" in response.text
    base = str(response.url).removeprefix("http://testserver")
    report = client.get(f"{base}/pruefbericht")
    assert report.status_code == 200 and report.content[:2] == b"PK"
    from io import BytesIO

    import docx

    text = "\n".join(p.text for p in docx.Document(BytesIO(report.content)).paragraphs)
    assert "Prüf" in text and "Brandis" in text
    copy = client.get(f"{base}/kopie")
    assert copy.status_code == 200
    assert "Maßnahmen" in openpyxl.load_workbook(BytesIO(copy.content)).sheetnames


def test_submit_with_error_refused_then_fixed_and_submitted(config, tmp_path: Path) -> None:
    """It refuses „Einreichen“ with a Fehler (inputs untouched), then accepts the fixed file."""
    client = client_for(config, "bra")
    before = _snapshot(config.inputs)
    bad = upload(client, "BRA", bad_workbook(tmp_path / "bad.xlsx"))
    url = str(bad.url).removeprefix("http://testserver")
    refused = _submit(client, "BRA", url)
    assert refused.status_code == 422
    assert "Einreichen nicht möglich" in refused.text and "1 Fehler" in refused.text
    assert _snapshot(config.inputs) == before
    good = upload(client, "BRA", bad_workbook(tmp_path / "fixed.xlsx", 8000))
    url = str(good.url).removeprefix("http://testserver")
    done = _submit(client, "BRA", url)
    assert done.status_code == 200 and "Eingereicht" in done.text
    target = config.inputs / "kommunen" / "BRA.xlsx"
    assert target.read_bytes() == (tmp_path / "fixed.xlsx").read_bytes()
    assert not (config.inputs / "kommunen" / BRA_EXAMPLE.name).exists()  # the old e-mailed one
    archived = [p.name for p in _files(config.state / "archiv" / "BRA")]
    assert any(n.endswith(BRA_EXAMPLE.name) for n in archived)
    assert "BRA" in current_submissions(Store(config.database))


def test_warning_needs_confirmation(config, tmp_path: Path) -> None:
    """It asks for a confirmation before a workbook with a Warnung is submitted."""
    client = client_for(config, "bra")
    wb = openpyxl.load_workbook(BRA_EXAMPLE)
    wb["Maßnahmen"]["K2"] = "12/2019"  # Ende before Beginn (01/2020): a Warnung
    path = tmp_path / "w.xlsx"
    wb.save(path)
    response = upload(client, "BRA", path)
    url = str(response.url).removeprefix("http://testserver")
    store = Store(config.database)
    sub = store.submissions("BRA")[0]
    assert sub.errors == 0 and sub.warnings >= 1
    assert 'id="bestaetigt"' in response.text
    unconfirmed = _submit(client, "BRA", url)
    assert unconfirmed.status_code == 422 and "bestätigen" in unconfirmed.text
    assert "BRA" not in current_submissions(store)
    confirmed = _submit(client, "BRA", url, confirm=True)
    assert confirmed.status_code == 200
    assert "BRA" in current_submissions(store)


def test_other_municipality_workbook_is_a_fehler(config) -> None:
    """It reports a Fehler when BRA's clerk uploads NAU's workbook, and refuses to submit it."""
    client = client_for(config, "bra")
    response = upload(client, "BRA", config.inputs / "kommunen" / "NAU.xlsx")
    assert "gehört zur Kommune NAU" in response.text
    assert Store(config.database).submissions("BRA")[0].errors >= 1


def test_hostile_name_is_harmless(config) -> None:
    """It stores the upload under a generated name: „../x.xlsx“ with control characters writes
    nothing outside the upload folder."""
    client = client_for(config, "bra")
    response = upload(client, "BRA", BRA_EXAMPLE, name="../../x\x00\x1b.xlsx")
    assert response.status_code == 200
    sub = Store(config.database).submissions("BRA")[0]
    stored = Path(sub.stored_path)
    assert stored.name == "BRA.xlsx"
    assert stored.is_relative_to(config.uploads / "BRA")
    assert not list(config.state.parent.rglob("x*.xlsx"))
    assert "\x1b" not in sub.original_name and "\x00" not in sub.original_name


def test_file_name_is_escaped_on_the_page(config) -> None:
    """It shows a file name with markup as text, never as markup."""
    client = client_for(config, "bra")
    response = upload(client, "BRA", BRA_EXAMPLE, name="<script>alert(1)</script>.xlsx")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;.xlsx" in response.text
    assert "<script>alert(1)" not in response.text
    assert "&lt;script&gt;" in client.get("/kommune/BRA").text


def _zip_bomb(path: Path) -> Path:
    with zipfile.ZipFile(BRA_EXAMPLE) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            z.writestr(item, src.read(item))
        z.writestr("xl/media/pad.bin", b"\0" * (250 * 1024**2))
    return path


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("bomb", "nicht angenommen"),
        ("pdf", "nicht angenommen"),
        ("huge", "größer als 25 MB"),
        ("empty", "Die Datei ist leer"),
    ],
)
def test_hostile_upload_refused_nothing_written(
    config, tmp_path: Path, kind: str, expected: str
) -> None:
    """It refuses a zip bomb, a non-workbook, 100 MB and an empty file with a German
    message, and writes nothing: no upload kept, no submission, inputs unchanged."""
    path = tmp_path / "x.xlsx"
    if kind == "bomb":
        _zip_bomb(path)
    elif kind == "pdf":
        path.write_bytes(b"%PDF-1.4\n" + b"x" * 1000)
    elif kind == "huge":
        path.write_bytes(b"\0" * (100 * 1024**2))
    else:
        path.write_bytes(b"")
    client = client_for(config, "bra")
    before = _snapshot(config.inputs)
    response = upload(client, "BRA", path)
    assert response.status_code in (413, 422)
    assert expected in response.text
    assert _files(config.uploads) == []
    assert Store(config.database).submissions("BRA") == []
    assert _snapshot(config.inputs) == before


def test_good_upload_is_kept_partner(config) -> None:
    """It keeps a readable upload (the partner of the refusals above)."""
    client = client_for(config, "bra")
    upload(client, "BRA", BRA_EXAMPLE)
    assert len(_files(config.uploads / "BRA")) == 3  # workbook, Prüfbericht, marked copy
    assert len(Store(config.database).submissions("BRA")) == 1


def test_concurrent_submissions_leave_a_whole_inputs_folder(config, tmp_path: Path) -> None:
    """It keeps inputs/ whole when two clerks submit at once while a run snapshots it: every
    file is a complete workbook, one per municipality, and each snapshot is one whole set."""
    clients = {code: client_for(config, name) for code, name in (("BRA", "bra"), ("NAU", "nau"))}
    sources = {"BRA": BRA_EXAMPLE, "NAU": config.inputs / "kommunen" / "NAU.xlsx"}
    urls = {}
    for code, client in clients.items():
        for _n in range(3):
            response = upload(client, code, sources[code])
            urls.setdefault(code, []).append(str(response.url).removeprefix("http://testserver"))
    from parthe_reports.portal.web import portal

    inbox = portal(clients["BRA"]).inbox  # type: ignore[arg-type]
    errors: list[BaseException] = []

    def submit_all(code: str) -> None:
        try:
            for url in urls[code]:
                assert _submit(clients[code], code, url).status_code == 200
        except BaseException as exc:
            errors.append(exc)

    snaps: list[Path] = []
    threads = [threading.Thread(target=submit_all, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for i in range(3):
        snaps.append(inbox.snapshot(tmp_path / f"snap{i}"))
    for t in threads:
        t.join()
    assert errors == []
    names = sorted(p.name for p in (config.inputs / "kommunen").iterdir())
    assert names == ["BEL.xlsx", "BOR.xlsx", "BRA.xlsx", "GRP.xlsx", "NAU.xlsx", "PAR.xlsx"]
    assert not any((config.inputs / ".portal-tmp").iterdir())
    for snap in snaps:
        books = sorted(p.name for p in (snap / "kommunen").iterdir())
        assert len(books) == 6 and ".portal-tmp" not in [p.name for p in snap.iterdir()]
        for p in (snap / "kommunen").iterdir():
            assert zipfile.ZipFile(p).testzip() is None  # complete files only
    current = Store(config.database).current()
    assert current["BRA"].id == urls["BRA"][-1].rsplit("/", 1)[1]
    assert len(_files(config.state / "archiv")) >= 4  # every replaced file kept
