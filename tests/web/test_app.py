"""API and page tests of the web viewer against a store built from hand-made and generated Documents."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import warnings

import pytest

pytest.importorskip("httpx")

with warnings.catch_warnings():  # starlette asks for httpx2; httpx still works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from eventwire.settings import Settings  # noqa: E402
from eventwire.sinks.duckdb import connect, write_documents  # noqa: E402
from eventwire.web.app import create_app  # noqa: E402
from eventwire.web.params import FILTER_PARAMS  # noqa: E402
from eventwire.web.synthetic import sample_documents, synthetic_documents  # noqa: E402

N_SYNTHETIC = 40  # articles of 5 events each, besides the 3 hand-made ones (5 events)
N_EVENTS = N_SYNTHETIC * 5 + 5


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "events.duckdb"
    con = connect(path)
    write_documents(con, sample_documents() + list(synthetic_documents(N_SYNTHETIC, seed=3)))
    con.close()
    return path


@pytest.fixture(scope="module")
def client(store_path):
    settings = Settings(web_max_rows=100, web_query_timeout_ms=5000)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        with TestClient(create_app(store_path, settings), base_url="http://127.0.0.1") as c:
            yield c


def get_json(client, url, status=200):
    r = client.get(url)
    assert r.status_code == status, r.text
    return r.json()


def test_app_events_json_lists_all_events_newest_first(client):
    data = get_json(client, "/events.json?per_page=100")
    assert data["total"] == N_EVENTS
    assert len(data["rows"]) == 100
    dates = [r["event_date"] for r in data["rows"]]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(
    ("query", "expected_ids"),
    [
        ("type=PROTEST&country=CHL", {"art-protest:0"}),
        ("actor_country=KEN&recipient_country=TZA", {"art-talks:0", "art-talks:1"}),
        ("location_country=TZA", {"art-talks:0"}),
        ("actor=port+authority", {"art-protest:0"}),
        ("place=valpara", {"art-protest:0"}),
        ("q=grazing+accord", {"art-talks:1"}),
        ("q=100%25_done", {"art-markup:0"}),
        ("mode=Arrest", {"art-protest:1"}),
        ("since=2023-04-01&until=2023-06-30&article=art-talks&exclude=negated", {"art-talks:0"}),
        ("since=2023-05-09&until=2023-05-09&type=CONSULT,AGREE", {"art-talks:0"}),
        ("type=CONSULT&type=AGREE&actor_country=KEN", {"art-talks:0", "art-talks:1"}),
        ("article=art-protest&min_confidence=0.8", {"art-protest:0"}),
    ],
)
def test_app_events_json_filters(client, query, expected_ids):
    rows = get_json(client, f"/events.json?{query}&per_page=100")["rows"]
    hand = {r["event_id"] for r in rows if r["article_id"].startswith("art-")}
    assert hand == expected_ids


def test_app_free_text_wildcards_are_literal(client):
    assert get_json(client, "/events.json?q=%25")["total"] == 1  # only the sentence that holds a real '%'
    assert get_json(client, "/events.json?q=_")["total"] == 1


@pytest.mark.parametrize("sort", ["date", "type", "actor", "actor_country", "location", "confidence", "size"])
@pytest.mark.parametrize("order", ["asc", "desc"])
def test_app_events_json_sorts(client, sort, order):
    column = {
        "date": "event_date",
        "actor": "actor_text",
        "location": "location_name",
        "size": "size_max",
    }.get(sort, sort)
    rows = get_json(client, f"/events.json?sort={sort}&order={order}&per_page=100")["rows"]
    values = [r[column] for r in rows if r[column] is not None]
    assert values == sorted(values, reverse=order == "desc")


def test_app_events_json_pages(client):
    first = get_json(client, "/events.json?per_page=30&page=1")
    second = get_json(client, "/events.json?per_page=30&page=2")
    assert first["pages"] == -(-N_EVENTS // 30)
    assert not {r["event_id"] for r in first["rows"]} & {r["event_id"] for r in second["rows"]}
    assert get_json(client, "/events.json?page=99")["rows"] == []


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/events.json?since=2023-02-30", "since"),
        ("/events.json?since=yesterday", "YYYY-MM-DD"),
        ("/events.json?since=2023-05-01&until=2023-04-01", "after"),
        ("/events.json?type=PARTY", "type"),
        ("/events.json?type=ASSAULT,PARTY", "PARTY"),
        ("/events.json?country=Kenya", "alpha-3"),
        ("/events.json?sort=event_id;DROP TABLE events", "sort"),
        ("/events.json?order=sideways", "order"),
        ("/events.json?page=0", "page"),
        ("/events.json?per_page=101", "per_page"),
        ("/events.json?per_page=ten", "number"),
        ("/events.json?min_confidence=2", "min_confidence"),
        ("/events.json?exclude=rumour", "exclude"),
        ("/events.json?mode=%3Bselect", "mode"),
        ("/events.json?actor=" + "x" * 201, "200"),
        ("/events.json?q=a%00b", "control"),
        ("/events.json?colour=red", "unknown parameter"),
        ("/events.json?since=2023-01-01&since=2023-02-01", "once"),
        ("/timeline.json?interval=hourly", "interval"),
        ("/map.json?by=planet", "by"),
        ("/events.csv?sort=nope", "sort"),
        ("/facets.json?x=1", "unknown"),
        ("/article/art-talks.json?event=-1", "event"),
    ],
)
def test_app_bad_parameters_answer_400(client, url, message):
    data = get_json(client, url, 400)
    assert data["status"] == 400
    assert message in data["error"]


def test_app_bad_parameter_on_a_page_answers_an_escaped_html_400(client):
    r = client.get("/events?type=<script>")
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("text/html")
    assert "<script>'" not in r.text and "&lt;script&gt;" in r.text


def test_app_timeline_counts_per_bucket_and_type(client):
    data = get_json(client, "/timeline.json?article=art-talks&interval=day")
    assert data["interval"] == "day"
    assert data["buckets"] == ["2023-05-09", "2023-05-10"]
    assert data["series"] == {"CONSULT": [1, 0], "AGREE": [0, 1]}
    weekly = get_json(client, "/timeline.json?article=art-talks&interval=week")
    assert weekly["buckets"] == ["2023-05-08"]  # ISO weeks start on Monday
    assert get_json(client, "/timeline.json")["interval"] in ("week", "month")  # auto over two years


def test_app_timeline_refuses_too_many_buckets(client):
    # the row cap is 100 here: two years of days is far more
    data = get_json(client, "/timeline.json?interval=day", 400)
    assert "coarser" in data["error"]


def test_app_map_counts_countries_and_points(client):
    data = get_json(client, "/map.json?article=art-protest")
    assert data["countries"] == [{"country": "CHL", "n": 1}]
    assert data["points"] == [{"lat": -33.05, "lon": -71.62, "name": "Valparaiso", "country": "CHL", "n": 1}]
    assert data["located"] == 1
    by_actor = get_json(client, "/map.json?article=art-protest&by=actor")
    assert by_actor["countries"] == [{"country": "CHL", "n": 2}]


def test_app_map_respects_the_row_cap(client):
    data = get_json(client, "/map.json")
    assert len(data["points"]) <= 100 and len(data["countries"]) <= 100


def test_app_facets(client):
    data = get_json(client, "/facets.json")
    assert data["events"] == N_EVENTS and data["articles"] == N_SYNTHETIC + 3
    assert {"country": "CHL", "name": "Chile", "n": 4} in data["countries"]


def test_app_article_json_has_text_and_every_span(client):
    data = get_json(client, "/article/art-protest.json")
    text = data["text"]
    assert data["document"]["id"] == "art-protest"
    kinds = {s["kind"] for s in data["spans"]}
    assert kinds == {
        "trigger",
        "actor",
        "recipient",
        "place",
        "date",
        "quantity",
        "quote",
        "speaker",
        "sentence",
    }
    for span in data["spans"]:
        assert text[span["start"] : span["end"]] == span["text"]
    triggers = {s["text"]: s["events"] for s in data["spans"] if s["kind"] == "trigger"}
    assert triggers == {"protested": [0], "detained": [1]}


def test_app_article_missing_answers_404(client):
    assert get_json(client, "/article/no-such-article.json", 404)["error"].startswith("no article")
    r = client.get("/article/no-such-article")
    assert r.status_code == 404 and "no article" in r.text


def test_app_article_page_highlights_each_kind(client):
    r = client.get("/article/art-protest?event=1")
    assert r.status_code == 200
    page = r.text
    for kind in ("trigger", "actor", "recipient", "place", "date", "quantity", "quote", "speaker"):
        assert f'class="hl k-{kind}' in page or f" k-{kind}" in page, kind
        assert f'data-kind="{kind}"' in page  # legend entry
    assert re.search(r'<mark class="hl k-trigger[^"]*"[^>]*>protested</mark>', page)
    assert 'id="focus"' in page  # event 1 is brought into focus


def test_app_article_page_escapes_stored_markup(client):
    page = client.get("/article/art-markup").text
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>shelled" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'href="javascript:' not in page  # only http(s) URLs become links
    explore = client.get("/events?article=art-markup").text
    boot = re.search(r'<script type="application/json" id="bootstrap">(.*?)</script>', explore, re.S).group(1)
    assert "<" not in boot  # embedded JSON cannot close its element
    assert json.loads(boot)["events"]["rows"][0]["title"].startswith("<script>")


def test_app_events_page_and_its_json_twin_agree(client):
    query = "type=PROTEST&type=COERCE&sort=confidence&order=asc&per_page=7"
    page = client.get(f"/events?{query}").text
    boot = json.loads(re.search(r'id="bootstrap">(.*?)</script>', page, re.S).group(1))
    assert boot["events"] == get_json(client, f"/events.json?{query}")
    assert boot["timeline"] == get_json(client, "/timeline.json?type=PROTEST&type=COERCE")
    assert boot["map"] == get_json(client, "/map.json?type=PROTEST&type=COERCE")
    assert 'value="PROTEST" checked' in page and 'value="ASSAULT">' in page


def test_app_home_redirects_with_the_query(client):
    r = client.get("/?type=AID", follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == "/events?type=AID"


def test_app_csv_download_of_the_current_filter(client):
    r = client.get("/events.csv?actor_country=KEN&recipient_country=TZA&sort=date&order=asc")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    hand = [row for row in rows if row["article_id"] == "art-talks"]
    assert [row["event_id"] for row in hand] == ["art-talks:0", "art-talks:1"]
    assert hand[1]["flags"] == "negated"
    assert r.headers["x-eventwire-truncated"] == "false"


def test_app_openapi_documents_every_filter(client):
    spec = get_json(client, "/openapi.json")
    assert spec["openapi"].startswith("3.")
    names = {p["name"] for p in spec["paths"]["/events.json"]["get"]["parameters"]}
    assert {p.name for p in FILTER_PARAMS} <= names
    assert {"sort", "page", "per_page"} <= names
    assert set(spec["paths"]) >= {
        "/events.json",
        "/timeline.json",
        "/map.json",
        "/article/{id}.json",
        "/events.csv",
    }
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/timeline.json" in docs.text and "min_confidence" in docs.text


def test_app_security_headers_and_host_allowlist(client):
    r = client.get("/events.json")
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert client.get("/events.json", headers={"host": "attacker.example"}).status_code == 400


def test_app_static_assets_are_served_offline(client):
    for name in ("app.css", "explore.js", "map.js", "timeline.js", "article.js", "topojson-client.min.js"):
        assert client.get(f"/static/{name}").status_code == 200, name
    topo = get_json(client, "/static/countries-110m.json")
    assert topo["type"] == "Topology" and len(topo["objects"]["countries"]["geometries"]) > 150
    for name in ("explore.js", "map.js", "timeline.js", "article.js"):
        source = client.get(f"/static/{name}").text
        assert "http://" not in source.replace("http://www.w3.org/2000/svg", "") and "https://" not in source
        assert "innerHTML" not in source


def test_app_opens_the_store_read_only(store_path):
    before = hashlib.sha256(store_path.read_bytes()).hexdigest()
    app = create_app(store_path, Settings())
    with pytest.raises(Exception, match="read-only"):
        app.state.store.rows("CREATE TABLE intruder (x INTEGER)")
    with pytest.raises(Exception, match="read-only"):
        app.state.store.rows("DELETE FROM events")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        with TestClient(app, base_url="http://127.0.0.1") as c:
            assert c.get("/events.json").status_code == 200
    assert hashlib.sha256(store_path.read_bytes()).hexdigest() == before


def test_app_refuses_a_file_that_is_not_a_store(tmp_path):
    from eventwire.errors import BadInputError

    with pytest.raises(BadInputError, match="no database"):
        create_app(tmp_path / "missing.duckdb")
    import duckdb

    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).execute("CREATE TABLE t (x INT)").close()
    with pytest.raises(BadInputError, match="not an eventwire store"):
        create_app(other)


def test_app_serve_command_binds_loopback_read_only(store_path, monkeypatch):
    import uvicorn
    from click.testing import CliRunner

    from eventwire.cli import cli

    seen = {}

    def fake_run(app, host, port, **kwargs):
        seen.update(app=app, host=host, port=port)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    result = CliRunner().invoke(cli, ["serve", "--db", str(store_path), "--port", "8765"])
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8765
    with pytest.raises(Exception, match="read-only"):
        seen["app"].state.store.rows("CREATE TABLE t (x INT)")
    seen["app"].state.store.close()
    bad = CliRunner().invoke(cli, ["serve", "--db", str(store_path), "--port", "0"])
    assert bad.exit_code == 2
