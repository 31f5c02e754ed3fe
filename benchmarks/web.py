"""Response times of the web viewer on a generated store of 100,000 events.

    python benchmarks/web.py [--events 100000] [--db PATH] [--repeat 7] [--no-browser] [--screenshots DIR]

Builds the store once (synthetic Documents written with the store's own functions; an existing file at
--db with enough events is reused), starts ``eventwire serve`` in a subprocess on a free loopback port and
measures over HTTP:

* first paint: the /events page (its data are embedded: events, timeline, map, facets) plus every static
  asset it loads, fetched in order; once cold (first request after start) and warm (median);
* filter responses: the three JSON calls the page makes after a filter change (/events.json,
  /timeline.json, /map.json), fetched concurrently as the browser does, per filter (median and worst);
* with headless Chromium (Debian ``chromium``) when present: navigation to the drawn page (table, timeline
  and map rendered), first contentful paint, and the time from ticking an event type to the redrawn page.

Targets: first paint < 1 s, filter responses < 200 ms. With --screenshots the main views are saved as PNG.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

TYPES = (
    "ASSAULT",
    "PROTEST",
    "AID",
    "CONSULT",
    "COERCE",
    "REJECT",
    "THREATEN",
    "SANCTION",
    "AGREE",
    "ACCUSE",
)
ISO3 = ("KEN", "PER", "VNM", "CAN", "AUS", "SEN", "ECU", "NOR", "PHL", "TUN")
WORDS = (
    "police",
    "army",
    "rebels",
    "officials",
    "protesters",
    "unions",
    "government",
    "ministry",
    "labour",
    "health",
)
CITIES = ("nairobi", "lima", "hanoi", "ottawa", "canberra", "dakar", "quito", "oslo", "manila", "tunis")
VERBS = ("shelled", "held+talks", "sent+food", "accused", "threatened", "praised", "detained", "rejected", "asked",
         "signed")  # fmt: skip
# Each filter has ten variants, so that every timed request is a new query (the app caches results).
FILTERS = (
    ("one type", lambda i: f"type={TYPES[i]}"),
    (
        "two types + dates",
        lambda i: f"type={TYPES[i]}&type={TYPES[i - 1]}&since=2021-{i + 1:02d}-01&until=2022-03-31",
    ),
    ("country (actor or recipient)", lambda i: f"country={ISO3[i]}"),
    ("location country, no negated", lambda i: f"location_country={ISO3[i]}&exclude=negated"),
    ("actor text", lambda i: f"actor={WORDS[i]}"),
    ("place text", lambda i: f"place={CITIES[i]}"),
    ("free text in sentence", lambda i: f"q={VERBS[i]}"),
    ("min confidence + mode", lambda i: f"min_confidence=0.{90 + i}&mode=firearms"),
    ("sort by confidence, deep page", lambda i: f"sort=confidence&order=asc&page={40 + i}"),
    (
        "everything combined",
        lambda i: f"type={TYPES[i]}&country={ISO3[i]}&since=2022-01-01&q=on&exclude=hypothetical",
    ),
)
STATIC = ("app.css?v=1", "topojson-client.min.js?v=1", "map.js?v=1", "timeline.js?v=1", "explore.js?v=1",
          "countries-110m.json?v=1", "iso3166-numeric.json?v=1", "favicon.svg")  # fmt: skip
PAGE_KEYS = {"sort", "order", "page", "per_page"}
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def ensure_store(path: Path, events: int) -> int:
    """Return the event count of the store at ``path``, building it first when it holds fewer than ``events``."""
    import duckdb

    from eventwire.web.synthetic import build_database

    if path.exists():
        con = duckdb.connect(str(path), read_only=True)
        try:
            have = con.execute("SELECT count(*) FROM events").fetchone()[0]
        finally:
            con.close()
        if have >= events:
            return have
        path.unlink()
    start = time.perf_counter()
    n = build_database(path, -(-events // 5), events=5, batch=2000)
    print(f"built {path} with {n:,} events in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    return n


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "eventwire.cli", "serve", "--db", str(db), "--port", str(port)]
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not start")


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def first_paint(client, base: str) -> float:
    start = time.perf_counter()
    r = client.get(base + "/events")
    r.raise_for_status()
    for name in STATIC:
        client.get(f"{base}/static/{name}").raise_for_status()
    return time.perf_counter() - start


def filter_round(client, base: str, query: str) -> float:
    """Fetch the three JSON calls of one filter change concurrently; return the wall time."""
    filters = urlencode([(k, v) for k, v in parse_qsl(query) if k not in PAGE_KEYS])
    urls = [f"{base}/events.json?{query}", f"{base}/timeline.json?{filters}", f"{base}/map.json?{filters}"]
    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        for r in pool.map(client.get, urls):
            r.raise_for_status()
    return time.perf_counter() - start


def cpu_seconds(pid: int) -> float:
    """Return the user + system CPU time a process has used (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def http_figures(base: str, repeat: int, pid: int) -> dict:
    import httpx

    with httpx.Client(timeout=30) as client:
        cold = first_paint(client, base)
        warm = [first_paint(client, base) for _ in range(repeat)]
        filters = {}
        for label, make in FILTERS:
            queries = [make(i % 10) for i in range(repeat)]
            cpu = cpu_seconds(pid)
            times = [filter_round(client, base, q) for q in queries]
            cpu = (cpu_seconds(pid) - cpu) / repeat
            again = filter_round(client, base, queries[0])  # the same filter once more: from the cache
            total = client.get(f"{base}/events.json?{queries[0]}").json()["total"]
            filters[label] = (queries[0], total, statistics.median(times), max(times), again, cpu)
    return {"cold": cold, "warm": statistics.median(warm), "filters": filters}


def browser_figures(base: str, repeat: int, shots: Path | None) -> dict | None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        return None
    from playwright.sync_api import sync_playwright

    out: dict = {"load": [], "fcp": [], "filter": [], "load_wall": [], "filter_wall": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        page.goto(base + "/events")  # warm the browser cache once, as a returning user
        page.wait_for_selector('body[data-version="1"]', state="attached", timeout=30000)
        for i in range(repeat):
            page.goto("about:blank")
            start = time.perf_counter()
            page.goto(base + "/events")
            page.wait_for_selector('body[data-version="1"]', state="attached", timeout=30000)
            out["load_wall"].append(time.perf_counter() - start)
            out["load"].append(
                float(page.get_attribute("body", "data-ms")) / 1000
            )  # navigation start -> drawn
            fcp = page.evaluate(
                "() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime"
            )
            if fcp is not None:
                out["fcp"].append(fcp / 1000)
            box = TYPES[i % len(TYPES)]
            start = time.perf_counter()
            page.check(f"input[name=type][value={box}]")
            page.wait_for_selector('body[data-version="2"]', state="attached", timeout=30000)
            out["filter_wall"].append(time.perf_counter() - start)
            out["filter"].append(float(page.get_attribute("body", "data-ms")) / 1000)  # change -> redrawn
        if shots:
            screenshots(page, base, shots)
        browser.close()
    return {k: statistics.median(v) for k, v in out.items() if v} | {
        f"{k}_max": max(v) for k, v in out.items() if v
    }


def screenshots(page, base: str, shots: Path) -> None:
    """Save the main views as PNG files in ``shots``."""
    shots.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1440, "height": 1100})
    page.goto(base + "/events")
    page.wait_for_selector('body[data-version="1"]', state="attached")
    page.screenshot(path=str(shots / "events.png"))
    page.goto(base + "/events?type=ASSAULT&type=COERCE&since=2022-01-01&until=2022-12-31&map_by=actor")
    page.wait_for_selector('body[data-version="1"]', state="attached")
    page.screenshot(path=str(shots / "events-filtered.png"))
    page.locator("#events tbody tr[data-type]").first.click()
    page.wait_for_selector('body[data-ready="1"]', state="attached")
    page.set_viewport_size({"width": 1440, "height": 800})
    page.screenshot(path=str(shots / "article.png"))
    page.goto(base + "/docs")
    page.screenshot(path=str(shots / "api-docs.png"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument(
        "--db", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "eventwire-web-bench.duckdb"
    )
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--screenshots", type=Path, help="Save screenshots of the main views here.")
    args = parser.parse_args()

    n = ensure_store(args.db, args.events)
    port = free_port()
    server = start_server(args.db, port)
    base = f"http://127.0.0.1:{port}"
    try:
        http = http_figures(base, args.repeat, server.pid)
        browser = (
            None if args.no_browser else browser_figures(base, max(3, args.repeat // 2), args.screenshots)
        )
    finally:
        server.terminate()
        server.wait(10)

    print(f"store: {n:,} events ({args.db})")
    print(f"first paint over HTTP (page with its data + {len(STATIC)} assets): cold {ms(http['cold'])} ms, warm {ms(http['warm'])} ms"
          f"  [target < 1000 ms]")  # fmt: skip
    print(f"{'filter (3 concurrent JSON calls, new query each)':50} {'matches':>8} {'median ms':>10} {'max ms':>8}"
          f" {'repeat ms':>10} {'server CPU ms':>14}")  # fmt: skip
    worst = 0.0
    for label, (_, total, median, worst_one, again, cpu) in http["filters"].items():
        worst = max(worst, median)
        print(f"{label:50} {total:>8,} {ms(median):>10} {ms(worst_one):>8} {ms(again):>10} {ms(cpu):>14}")
    print(f"slowest filter median: {ms(worst)} ms  [target < 200 ms]")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"machine: {os.cpu_count()} CPUs, load average {load:.1f} at the end (times stretch when it exceeds the CPUs)"
    )
    if browser:
        print(
            f"chromium, measured in the page: navigation -> table, timeline and map drawn {ms(browser['load'])} ms "
            f"median ({ms(browser['load_max'])} max), first contentful paint {ms(browser.get('fcp', 0))} ms; "
            f"tick a type -> all redrawn {ms(browser['filter'])} ms median ({ms(browser['filter_max'])} max)"
        )
        print(f"chromium, wall clock through playwright: page {ms(browser['load_wall'])} ms, "
              f"filter {ms(browser['filter_wall'])} ms (median; includes the driver's round trips)")  # fmt: skip
    elif not args.no_browser:
        print("chromium: not installed, browser figures skipped")


if __name__ == "__main__":
    main()
