"""SQL building, time limit and row cap of the viewer's reads."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from eventwire.sinks.duckdb import connect, write_documents
from eventwire.web.params import Filters, Page
from eventwire.web.queries import QueryTimeout, Store, search_events, timeline, where
from eventwire.web.synthetic import sample_documents


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("q") / "s.duckdb"
    con = connect(path)
    write_documents(con, sample_documents())
    con.close()
    s = Store(path, timeout_ms=200, max_rows=3)
    yield s
    s.close()


def test_queries_where_binds_every_value():
    hostile = "x'; DROP TABLE events; --"
    clause, params = where(
        Filters(actor=hostile, q=hostile, place=hostile, type=("AID",), since=dt.date(2024, 1, 1))
    )
    assert hostile not in clause and "DROP" not in clause
    assert params["actor"] == hostile.lower() and params["type0"] == "AID"


def test_queries_where_matches_text_literally():
    clause, params = where(Filters(q="50%_Off\\"))
    assert "LIKE" not in clause.upper() and params["q"] == "50%_off\\"


def test_queries_search_events_caps_rows(store):
    result = search_events(store, Filters(), Page(per_page=50))
    assert result["total"] == 5 and result["per_page"] == 3 and len(result["rows"]) == 3


def test_queries_timeline_auto_interval_and_undated(store):
    data = timeline(store, Filters(article="art-talks"))
    assert data["interval"] == "day" and data["undated"] == 0
    assert sum(sum(v) for v in data["series"].values()) == 2


def test_queries_slow_query_is_interrupted(store):
    start = time.perf_counter()
    with pytest.raises(QueryTimeout, match="200 ms"):
        store.rows("SELECT count(*) FROM range(100000000000) a")
    assert time.perf_counter() - start < 5
    assert store.rows("SELECT 1")[1] == [(1,)]  # the store still answers afterwards


def test_queries_results_are_cached_per_filter(store):
    first = search_events(store, Filters(type=("AID",)), Page())
    assert search_events(store, Filters(type=("AID",)), Page()) is first
    assert search_events(store, Filters(type=("ASSAULT",)), Page()) is not first


def test_queries_text_filters_agree_with_and_without_the_subset(store, monkeypatch, tmp_path):
    from eventwire.web import queries

    filters = Filters(actor="kenya", since=dt.date(2023, 1, 1))
    via_subset = (search_events(store, filters, Page()), timeline(store, filters), queries.map_counts(store, filters))
    fresh = Store(store.path, max_rows=3)
    monkeypatch.setattr(queries, "SUBSET_MAX", 0)  # every text filter now runs on events directly
    direct = (search_events(fresh, filters, Page()), timeline(fresh, filters), queries.map_counts(fresh, filters))
    fresh.close()
    assert via_subset == direct
    assert via_subset[0]["total"] == 2
