"""Three journeys in a real browser against a real ``parthe-reports portal`` process.

Headless Chromium from Debian (``chromium`` + ``chromium-driver``, installed by .ci/run)
driven by Selenium: the driver and the browser come from the same Debian source package, so
their versions always match, and nothing is downloaded at test time (Playwright would fetch
its own browser build or need a version-pinned executable). Screenshots of each journey go
to docs/previews/portal/ with ``PARTHE_UPDATE_PREVIEWS=1`` (else to a temporary folder, so a
test run leaves the tree clean). Skipped only where chromium or chromedriver is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from parthe_reports.paths import ROOT
from tests.conftest import free_port
from tests.portal_setup import BAD_CELL, PASSWORD, bad_workbook, make_config

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="chromium/chromedriver not installed"),
]
PREVIEWS = ROOT / "docs" / "previews" / "portal"
TARGET_S = 3.0
RUN_TIMEOUT_S = 600


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A real portal process on a free port over a copy of the example inputs."""
    tmp = tmp_path_factory.mktemp("browser")
    config = make_config(tmp)
    port = free_port()
    log = (tmp / "portal.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-c", "from parthe_reports.cli import app; app()", "portal",
         "--daten", str(config.state), "--inputs", str(config.inputs),
         "--outputs", str(config.outputs), "--port", str(port),
         "--prefect-api", f"http://127.0.0.1:{free_port()}/api"],  # nobody there: in-process
        stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PREFECT_HOME": str(tmp / "prefect")},
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(f"{url}/anmelden", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail((tmp / "portal.log").read_text())
    yield url, tmp
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    log.close()


@pytest.fixture(scope="module")
def browser(server: tuple[str, Path]):  # type: ignore[no-untyped-def]
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    downloads = server[1] / "downloads"
    downloads.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--lang=de-DE"):  # fmt: skip
        options.add_argument(arg)
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    driver = webdriver.Chrome(options=options, service=Service(str(DRIVER)))
    driver.set_page_load_timeout(120)
    yield driver
    driver.quit()


def _shot(driver, name: str) -> None:  # type: ignore[no-untyped-def]
    """The whole page (beyond the window) as PNG, through the DevTools protocol."""
    import base64
    import tempfile

    folder = PREVIEWS
    if not os.environ.get("PARTHE_UPDATE_PREVIEWS"):
        folder = Path(tempfile.gettempdir()) / "parthe-portal-previews"
    folder.mkdir(parents=True, exist_ok=True)
    size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 3000), "scale": 1}
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip}
    )
    png = base64.b64decode(shot["data"])
    assert png.startswith(b"\x89PNG") and len(png) > 5_000, f"empty screenshot {name}"
    (folder / f"{name}.png").write_bytes(png)


def _login(driver, url: str, user: str) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    driver.delete_all_cookies()
    driver.get(f"{url}/anmelden")
    driver.find_element(By.ID, "benutzer").send_keys(user)
    driver.find_element(By.ID, "kennwort").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "button[type=submit].haupt").click()
    _wait(driver, lambda d: "/anmelden" not in d.current_url)


def _wait(driver, condition, seconds: float = 30):  # type: ignore[no-untyped-def]
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds).until(condition)


def _upload(driver, url: str, path: Path) -> float:  # type: ignore[no-untyped-def]
    """Choose the file, press the button; seconds until the findings are on screen."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(f"{url}/kommune/BRA")
    driver.find_element(By.ID, "datei").send_keys(str(path))
    start = time.perf_counter()
    driver.find_element(By.ID, "pruefen").click()
    WebDriverWait(driver, 30).until(ec.visibility_of_element_located((By.ID, "zusammenfassung")))
    return time.perf_counter() - start


def test_1_clerk_fixes_a_bad_cell_and_submits(server, browser) -> None:  # type: ignore[no-untyped-def]
    """It shows the clerk the bad cell within 3 s, then takes the fixed workbook."""
    from selenium.webdriver.common.by import By

    url, tmp = server
    _login(browser, url, "bra")
    assert "Abgabe – Stadt Brandis (BRA)" in browser.find_element(By.TAG_NAME, "h1").text
    _shot(browser, "1a_kommune_start")
    _upload(browser, url, BRA_EXAMPLE_COPY(tmp))  # warm the reader once (first upload of a day)
    elapsed = _upload(browser, url, bad_workbook(tmp / "Brandis_Fehler.xlsx"))
    print(f"browser: upload → findings on screen {elapsed:.2f} s")
    rows = [r.text for r in browser.find_elements(By.CSS_SELECTOR, "#befunde tbody tr")]
    assert any(f"{BAD_CELL[0]} {BAD_CELL[1]} zwölftausend" in r for r in rows), rows
    assert elapsed <= TARGET_S
    assert not browser.find_elements(By.ID, "einreichen")  # a Fehler: no submit button
    _shot(browser, "1b_befund_mit_zelle")
    _upload(browser, url, bad_workbook(tmp / "Brandis_korrigiert.xlsx", 8000))
    assert "0 Fehler" in browser.find_element(By.ID, "zusammenfassung").text
    browser.find_element(By.ID, "einreichen").click()
    _wait(browser, lambda d: "eingereicht=" in d.current_url)
    assert "Eingereicht:" in browser.find_element(By.CSS_SELECTOR, ".meldung.erfolg").text
    _shot(browser, "1c_eingereicht")


def BRA_EXAMPLE_COPY(tmp: Path) -> Path:
    from tests.portal_setup import BRA_EXAMPLE

    return Path(shutil.copy(BRA_EXAMPLE, tmp / "Brandis.xlsx"))


def test_2_office_sees_submission_runs_and_downloads(server, browser) -> None:  # type: ignore[no-untyped-def]
    """It shows BRA as eingereicht, runs the pipeline and downloads a document."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By

    url, tmp = server
    _login(browser, url, "buero")
    row = browser.find_element(By.ID, "zeile-BRA").text
    assert "eingereicht" in row and "fehlt" in browser.find_element(By.ID, "zeile-NAU").text
    _shot(browser, "2a_projektbuero_uebersicht")
    browser.find_element(By.ID, "lauf-starten").click()
    deadline = time.monotonic() + RUN_TIMEOUT_S
    status = ""
    while time.monotonic() < deadline:
        try:
            status = browser.find_element(By.ID, "laufstand").text
        except WebDriverException:  # the page reloads itself every 3 s while a run is on
            time.sleep(1)
            continue
        if "läuft" not in status:
            break
        time.sleep(3)
        browser.get(f"{url}/projektbuero")
    assert "abgeschlossen" in status, status
    _shot(browser, "2b_lauf_abgeschlossen")
    browser.get(f"{url}/dokumente")
    link = browser.find_element(By.PARTIAL_LINK_TEXT, "Phase1")
    name = link.text.rsplit("/", 1)[-1]
    _shot(browser, "2c_dokumente")
    link.click()
    target = tmp / "downloads" / name
    for _ in range(100):
        if target.exists() and target.stat().st_size > 0:
            break
        time.sleep(0.2)
    assert target.read_bytes()[:2] == b"PK"


def test_3_clerk_refused_at_foreign_url(server, browser) -> None:  # type: ignore[no-untyped-def]
    """It refuses BRA's clerk at NAU's page and NAU's template, with a German 404 page."""
    from selenium.webdriver.common.by import By

    url, _ = server
    _login(browser, url, "bra")
    for path in ("/kommune/NAU", "/kommune/NAU/vorlage", "/projektbuero", "/dokumente"):
        browser.get(f"{url}{path}")
        title = browser.find_element(By.TAG_NAME, "h1").text
        assert title in ("Nicht gefunden", "Kein Zugriff"), (path, title)
        assert "NAU" not in browser.find_element(By.TAG_NAME, "main").text
    browser.get(f"{url}/kommune/NAU")
    _shot(browser, "3_fremde_kommune_abgewiesen")
    browser.get(f"{url}/kommune/BRA")  # the partner: the own page opens
    assert "Stadt Brandis" in browser.find_element(By.TAG_NAME, "h1").text
