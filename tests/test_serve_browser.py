"""The dashboard end to end in a real headless browser (Debian's chromium driven by Playwright).

The server runs on a free 127.0.0.1 port over a small store; the browser clicks from the overview
to a country, a dyad and an evidence sentence, and must never ask any other host for anything.
Screenshots go to pytest's temporary folder, and also to out/screenshots/ when
SUASION_SCREENSHOTS is set (to a folder, or to 1 for out/screenshots/).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from serve_fixtures import SCRIPT, build_store

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update"]
ROOT = Path(__file__).resolve().parents[1]

if not CHROMIUM.exists():
    pytest.skip("no /usr/bin/chromium: `make test` installs Debian's chromium when run as root "
                "(apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (pip) is not installed")
uvicorn = pytest.importorskip("uvicorn", reason="the dashboard needs the [serve] extra")

from suasion.serve import create_app  # noqa: E402


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    db = build_store(tmp_path_factory.mktemp("browser") / "small.duckdb")
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=_free_port(),
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the dashboard server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{server.config.port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, tmp_path):
    """A page that records every host it asks for, every dialog and every script error."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    opened = context.new_page()
    opened.hosts, opened.dialogs, opened.errors = set(), [], []
    opened.on("request", lambda request: opened.hosts.add(urlsplit(request.url).hostname or request.url))
    opened.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
    opened.on("pageerror", lambda error: opened.errors.append(str(error)))
    yield opened
    context.close()


def _shoot(page, tmp_path: Path, name: str) -> None:
    target = tmp_path / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    wanted = os.environ.get("SUASION_SCREENSHOTS")
    if wanted:
        folder = ROOT / "out" / "screenshots" if wanted == "1" else Path(wanted)
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(target, folder / target.name)


def _only_loopback(page) -> None:
    assert page.hosts <= {"127.0.0.1"}, f"the browser asked other hosts: {sorted(page.hosts)}"


def test_overview_to_country_to_dyad_to_evidence(page, base_url, tmp_path):
    page.goto(base_url + "/")
    assert page.locator("h1").inner_text() == "Great-power engagement in Latin America"
    assert page.locator("#region-map .map-country").count() > 20
    assert "Venezuela" in page.locator("#overview-table").inner_text()
    _shoot(page, tmp_path, "1-overview")

    page.locator('#region-map a.map-country[data-code="VEN"]').click()
    page.wait_for_url("**/countries/VEN")
    assert page.locator("h1").inner_text() == "Venezuela"
    russia = page.locator(".power-card", has_text="Russia")
    assert "leading" in russia.inner_text().lower()
    assert page.locator("svg.chart").count() == 1
    _shoot(page, tmp_path, "2-country")

    russia.click()
    page.wait_for_url("**/dyads/RUS/VEN")
    assert "Russia" in page.locator("h1").inner_text() and "Venezuela" in page.locator("h1").inner_text()
    _shoot(page, tmp_path, "3-dyad")

    page.locator("a.evidence-link").first.click()
    page.wait_for_url("**/events/ev*")
    highlighted = page.locator(".mention.representative mark")
    assert highlighted.inner_text().startswith("Russia's foreign minister visited Venezuela")
    sources = page.locator(".mention .source").all_inner_texts()
    assert sorted(sources) == ["Andes Wire", "Harbour Gazette"]
    assert page.locator(".mention-title a").first.get_attribute("href").startswith("https://")
    _shoot(page, tmp_path, "4-evidence")
    assert page.errors == [] and page.dialogs == []
    _only_loopback(page)


def test_search_with_filters_and_escaped_article_text(page, base_url, tmp_path):
    page.goto(base_url + "/events")
    page.fill('input[name="actor"]', "RUS")
    page.select_option('select[name="type"]', "SUPPORT")
    page.click('button[type="submit"]')
    page.wait_for_url("**/events?*")
    assert page.locator("#result-count").inner_text() == "1 event"
    row = page.locator("#results tbody tr")
    assert SCRIPT in row.inner_text()  # shown as text, never run
    _shoot(page, tmp_path, "5-search")

    row.locator("a.evidence-link").click()
    page.wait_for_url("**/events/ev*")
    assert SCRIPT in page.locator("mark").inner_text()
    assert SCRIPT in page.locator(".mention-title").inner_text()
    assert page.locator(".mention-title a").count() == 0  # its javascript: address is no link
    assert page.evaluate("document.querySelectorAll('main script').length") == 0
    _shoot(page, tmp_path, "6-evidence-escaped")
    assert page.dialogs == [] and page.errors == []
    _only_loopback(page)


def test_invalid_filter_shows_the_reason(page, base_url):
    response = page.goto(base_url + "/events?since=2024-13")
    assert response.status == 422
    assert "invalid value for since" in page.locator(".error-message").inner_text()
    _only_loopback(page)


def test_download_buttons_deliver_files(page, base_url, tmp_path):
    page.goto(base_url + "/countries/VEN")
    with page.expect_download() as caught:
        page.locator('a[href^="/api/countries/VEN/timeline.csv"]').click()
    saved = tmp_path / caught.value.suggested_filename
    caught.value.save_as(saved)
    assert saved.name == "timeline-VEN.csv"
    assert saved.read_text(encoding="utf-8").splitlines()[0].startswith("country,power,month,events")
    _only_loopback(page)


def test_api_docs_render_offline(page, base_url, tmp_path):
    page.goto(base_url + "/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=20_000)
    assert "suasion" in page.locator(".swagger-ui .info .title").inner_text()
    page.wait_for_selector(".opblock-tag-section", timeout=20_000)
    assert page.locator(".opblock").count() >= 10
    _shoot(page, tmp_path, "7-api-docs")
    assert page.errors == []
    _only_loopback(page)
