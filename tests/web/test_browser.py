"""The viewer in headless Chromium: filter by type, see table, timeline and map change, open an article."""

from __future__ import annotations

import shutil
import socket
import threading
import time

import pytest

from eventwire.sinks.duckdb import connect, write_documents
from eventwire.web.synthetic import sample_documents, synthetic_documents

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Serve a store of the hand-made articles and 30 generated ones with uvicorn on a free loopback port."""
    import uvicorn

    from eventwire.web.app import create_app

    path = tmp_path_factory.mktemp("browser") / "events.duckdb"
    con = connect(path)
    write_documents(con, sample_documents() + list(synthetic_documents(30, seed=5)))
    con.close()
    port = free_port()
    config = uvicorn.Config(create_app(path), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def page():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1400, "height": 1000})
        errors: list[str] = []
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        pg.errors = errors
        yield pg
        browser.close()


def wait_version(page, n: int) -> None:
    page.wait_for_selector(f'body[data-version="{n}"]', state="attached", timeout=15000)


def snapshot(page) -> dict:
    return {
        "types": page.eval_on_selector_all(
            "#events tbody tr[data-type]", "rows => rows.map(r => r.dataset.type)"
        ),
        "timeline": page.get_attribute("#timeline", "data-total"),
        "bars": page.eval_on_selector_all("#timeline rect.hit", "bars => bars.length"),
        "shape": page.eval_on_selector_all(
            "#timeline path.bar", "ps => ps.map(p => p.getAttribute('d')).join()"
        ),
        "countries": page.get_attribute("#map", "data-countries"),
        "fills": page.eval_on_selector_all(
            "#map path.country", "ps => ps.map(p => p.getAttribute('fill')).join()"
        ),
        "points": page.get_attribute("#map", "data-points"),
        "summary": page.text_content("#summary"),
    }


def test_browser_filter_table_timeline_map_and_article(server, page):
    page.goto(server + "/events")
    wait_version(page, 1)
    before = snapshot(page)
    assert len(before["types"]) == 25 and len(set(before["types"])) > 3
    assert int(before["timeline"]) > 100 and before["bars"] > 10
    assert int(before["countries"]) > 5 and int(before["points"]) > 5
    assert page.eval_on_selector_all("#map path.country", "ps => ps.length") > 150

    page.check("input[name=type][value=CONSULT]")
    wait_version(page, 2)
    after = snapshot(page)
    assert "type=CONSULT" in page.url
    assert after["types"] and set(after["types"]) == {"CONSULT"}
    assert int(after["timeline"]) < int(before["timeline"])
    assert after["shape"] != before["shape"]
    assert after["fills"] != before["fills"]
    assert after["summary"] != before["summary"]

    page.fill("input[name=place]", "Arusha")
    wait_version(page, 3)
    assert "place=Arusha" in page.url
    assert page.eval_on_selector_all("#events tbody tr[data-type]", "rows => rows.length") == 1
    assert page.get_attribute("#map", "data-countries") == "1"

    page.reload()  # the URL keeps the filter state
    wait_version(page, 1)
    assert page.is_checked("input[name=type][value=CONSULT]")
    assert page.input_value("input[name=place]") == "Arusha"

    page.click("#events tbody tr[data-type]")
    page.wait_for_selector('body[data-ready="1"]', state="attached", timeout=15000)
    assert "/article/art-talks" in page.url
    for kind in ("trigger", "actor", "recipient", "place", "date"):
        assert page.locator(f"#text mark.k-{kind}").count() >= 1, kind
    assert page.text_content("#text mark.k-trigger.focus") == "held talks"
    assert page.locator("#legend input[data-kind]").count() == 8
    page.uncheck("#legend input[data-kind=place]")
    assert page.locator("#text mark.k-place").count() == 0
    assert page.errors == []


def test_browser_article_view_shows_quotes_and_escapes_markup(server, page):
    page.goto(server + "/article/art-protest")
    page.wait_for_selector('body[data-ready="1"]', state="attached", timeout=15000)
    assert page.text_content("#text mark.k-quote") == "We want fair pay"
    assert page.text_content("#text mark.k-speaker") == "Corin Vastel"
    assert page.locator("#text mark.k-quantity").count() == 1
    page.goto(server + "/article/art-markup")
    page.wait_for_selector('body[data-ready="1"]', state="attached", timeout=15000)
    assert page.locator("#text img, #text b, script:not([src]):not([type])").count() == 0
    assert "<img src=x onerror=alert(1)>" in page.text_content("#text")
    assert page.title().startswith('<script>alert("x")</script>')
    assert page.errors == []
