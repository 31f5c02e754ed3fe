"""Every read the web viewer makes: read-only DuckDB, bound parameters, allowlisted identifiers, time limit, row cap.

Identifiers (columns, sort keys, date parts) only ever come from the module-level tables below; user values
are always bound as ``$name`` parameters. Each query runs on its own cursor and is interrupted after
``timeout_ms``.
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from .params import Filters, Page

EVENT_COLUMNS = (
    "event_id", "article_id", "idx", "event_date", "type", "mode", "flags", "actor_text", "actor_name",
    "actor_country", "actor_sector", "recipient_text", "recipient_name", "recipient_country", "location_text",
    "location_name", "location_country", "location_admin1", "lat", "lon", "size_min", "size_max", "size_unit",
    "date_text", "date_value", "trigger_text", "trigger_start", "trigger_end", "sentence", "sentence_start", "confidence", "published", "title", "url",
)  # fmt: skip
SORT_COLUMNS = {
    "date": "event_date", "type": "type", "mode": "mode", "actor": "actor_text", "actor_country": "actor_country",
    "recipient": "recipient_text", "recipient_country": "recipient_country", "location": "location_name",
    "location_country": "location_country", "confidence": "confidence", "published": "published", "size": "size_max",
}  # fmt: skip
ORDER_SQL = {"asc": "ASC", "desc": "DESC"}
EQUAL_FILTERS = {"actor_country": "actor_country", "recipient_country": "recipient_country",
                 "location_country": "location_country", "article": "article_id"}  # fmt: skip
TEXT_FILTERS = {
    "actor": ("actor_text", "actor_name", "recipient_text", "recipient_name"),
    "place": ("location_text", "location_name", "location_admin1"),
    "q": ("sentence",),
}
MAP_COLUMNS = {"location": "location_country", "actor": "actor_country", "recipient": "recipient_country"}
ARTICLE_COLUMNS = ("id", "title", "url", "published", "language", "text", "document", "warnings")
CSV_CAP_FACTOR = 100  # a CSV download may hold this many pages of the row cap
AUTO_DAY_SPAN = 120  # days: up to this range the timeline counts per day, then per week
AUTO_WEEK_SPAN = 3 * 365  # then per month
RESULT_CACHE = 256  # results kept per store (events pages, timelines, maps)
SUBSET_CACHE = 4  # light column sets of text-filtered events kept per store (each up to ~30 MB)
SUBSET_MAX = 200_000  # a text filter matching more events than this runs on the events table directly
SUBSET_COLUMNS = ("event_id", "event_date", "type", "mode", "actor_text", "actor_country", "recipient_text",
                  "recipient_country", "location_name", "location_country", "confidence", "published", "size_max",
                  "lat", "lon")  # fmt: skip


class QueryTimeout(RuntimeError):
    """A query ran past the time limit and was interrupted."""


class TooManyBuckets(ValueError):
    """A timeline interval that would give more buckets than the row cap."""


def where(filters: Filters) -> tuple[str, dict[str, Any]]:
    """Return the WHERE clause of ``filters`` and its bound parameters."""
    clauses, params = ["TRUE"], {}
    if filters.since:
        clauses.append("event_date >= $since")
        params["since"] = filters.since
    if filters.until:
        clauses.append("event_date <= $until")
        params["until"] = filters.until
    if filters.type:
        names = [f"type{i}" for i in range(len(filters.type))]  # our own parameter names, values bound
        clauses.append(f"type IN ({', '.join('$' + n for n in names)})")
        params.update(zip(names, filters.type, strict=True))
    if filters.mode:
        clauses.append("lower(mode) = $mode")
        params["mode"] = filters.mode
    if filters.country:
        clauses.append("(actor_country = $country OR recipient_country = $country)")
        params["country"] = filters.country
    for name, column in EQUAL_FILTERS.items():
        if value := getattr(filters, name):
            clauses.append(f"{column} = ${name}")
            params[name] = value
    for name, columns in TEXT_FILTERS.items():
        if value := getattr(filters, name):
            # a literal, case-insensitive substring: no LIKE pattern, so % and _ need no escaping
            clauses.append("(" + " OR ".join(f"contains(lower({c}), ${name})" for c in columns) + ")")
            params[name] = value.lower()
    if filters.exclude:
        clauses.append("NOT list_has_any(coalesce(flags, []), $exclude)")
        params["exclude"] = list(filters.exclude)
    if filters.min_confidence is not None:
        clauses.append("confidence >= $min_confidence")
        params["min_confidence"] = filters.min_confidence
    return " AND ".join(clauses), params


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _fetch_rows(
    cursor: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any]
) -> tuple[list[str], list[tuple]]:
    cursor.execute(sql, params)
    return [d[0] for d in cursor.description], cursor.fetchall()


class Store:
    """A read-only connection to the event store; each query gets its own cursor and a time limit."""

    def __init__(self, path: str | Path, *, timeout_ms: int = 2000, max_rows: int = 1000) -> None:
        self.path = Path(path)
        self.timeout_ms = timeout_ms
        self.max_rows = max_rows
        self._con = duckdb.connect(str(path), read_only=True)
        self._lock = threading.Lock()
        self.facets_cache: dict[str, Any] | None = None
        self._results: collections.OrderedDict[tuple, Any] = collections.OrderedDict()
        self._subsets: collections.OrderedDict[tuple, Any] = collections.OrderedDict()
        self._gates: dict[tuple, threading.Lock] = {}

    def _memo(
        self, cache: collections.OrderedDict, limit: int, key: tuple, compute: Callable[[], Any]
    ) -> Any:
        """Return ``cache[key]``, computing it once even when several requests ask at the same time."""
        with self._lock:
            if key in cache:
                cache.move_to_end(key)
                return cache[key]
            gate = self._gates.setdefault(key, threading.Lock())
        with gate:
            with self._lock:
                if key in cache:
                    return cache[key]
            try:
                value = compute()
            finally:
                with self._lock:
                    self._gates.pop(key, None)
            with self._lock:
                cache[key] = value
                while len(cache) > limit:
                    cache.popitem(last=False)
        return value

    def cached(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """Return the result stored under ``key``, computing it first when absent.

        The store is opened read-only (DuckDB then refuses writers), so a result stays true while the
        app runs; the last ``RESULT_CACHE`` results are kept.
        """
        return self._memo(self._results, RESULT_CACHE, key, compute)

    def subset(self, filters: Filters) -> pa.Table | None:
        """Return the light columns of the events matching ``filters``, or None when there are too many.

        A text filter costs a scan of long strings; the page's three calls (events, timeline, map)
        share this one scan instead of repeating it.
        """

        def compute() -> pa.Table | None:
            clause, params = where(filters)
            sql = f"SELECT {', '.join(SUBSET_COLUMNS)} FROM events WHERE {clause} LIMIT $limit"
            table = self.arrow(sql, {**params, "limit": SUBSET_MAX + 1})
            return table if table.num_rows <= SUBSET_MAX else None

        return self._memo(self._subsets, SUBSET_CACHE, ("subset", filters), compute)

    def close(self) -> None:
        """Close the connection."""
        self._con.close()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """Return a new cursor on the shared read-only database."""
        with self._lock:
            return self._con.cursor()

    def _run(
        self, sql: str, params: dict[str, Any] | None, tables: dict[str, pa.Table] | None, fetch: Callable
    ):
        cursor = self.cursor()
        for name, table in (tables or {}).items():
            cursor.register(name, table)
        timer = threading.Timer(self.timeout_ms / 1000, cursor.interrupt)
        timer.start()
        try:
            return fetch(cursor, sql, params or {})
        except duckdb.InterruptException:
            raise QueryTimeout(
                f"the query took longer than {self.timeout_ms} ms and was stopped; narrow the filters"
            ) from None
        finally:
            timer.cancel()
            cursor.close()

    def rows(self, sql: str, params: dict[str, Any] | None = None, tables: dict[str, pa.Table] | None = None
             ) -> tuple[list[str], list[tuple]]:  # fmt: skip
        """Run ``sql`` with bound ``params`` under the time limit; return column names and all rows.

        ``tables`` are Arrow tables the query may read by name (registered on its cursor only).
        """
        return self._run(sql, params, tables, _fetch_rows)

    def arrow(self, sql: str, params: dict[str, Any] | None = None) -> pa.Table:
        """Run ``sql`` under the time limit and return the result as an Arrow table."""
        return self._run(sql, params, None, lambda c, q, p: c.sql(q, params=p).to_arrow_table())

    def dicts(self, sql: str, params: dict[str, Any] | None = None, tables: dict[str, pa.Table] | None = None
              ) -> list[dict[str, Any]]:  # fmt: skip
        """Run ``sql`` and return its rows as dicts of JSON types."""
        cols, rows = self.rows(sql, params, tables)
        return [{c: _plain(v) for c, v in zip(cols, row, strict=True)} for row in rows]


def source(store: Store, filters: Filters) -> tuple[str, str, dict[str, Any], dict[str, pa.Table]]:
    """Return what to read for ``filters``: table name, WHERE clause, parameters and Arrow tables to register.

    With a text filter the matching events' light columns are read once (``Store.subset``) and the
    aggregates run over that small table; otherwise they run on ``events`` directly.
    """
    if any(getattr(filters, name) for name in TEXT_FILTERS):
        subset = store.subset(filters)
        if subset is not None:
            return "subset", "TRUE", {}, {"subset": subset}
    clause, params = where(filters)
    return "events", clause, params, {}


def search_events(store: Store, filters: Filters, page: Page) -> dict[str, Any]:
    """Return one page of the events matching ``filters``, sorted, with the total count.

    The page's event ids are found first on the sort key alone; only those rows are then read in full.
    """
    return store.cached(("events", filters, page), lambda: _search_events(store, filters, page))


def _search_events(store: Store, filters: Filters, page: Page) -> dict[str, Any]:
    table, clause, params, tables = source(store, filters)
    total = store.rows(f"SELECT count(*) FROM {table} WHERE {clause}", params, tables)[1][0][0]
    per_page = min(page.per_page, store.max_rows)
    column, direction = SORT_COLUMNS[page.sort], ORDER_SQL[page.order]
    order = f"ORDER BY {column} {direction} NULLS LAST, event_id {direction}"
    sql = (f"WITH p AS (SELECT event_id FROM {table} WHERE {clause} {order} LIMIT $limit OFFSET $offset) "
           f"SELECT {', '.join(EVENT_COLUMNS)} FROM events SEMI JOIN p USING (event_id) {order}")  # fmt: skip
    rows = store.dicts(sql, {**params, "limit": per_page, "offset": (page.page - 1) * per_page}, tables)
    return {"total": total, "page": page.page, "per_page": per_page, "pages": max(1, -(-total // per_page)),
            "sort": page.sort, "order": page.order, "filters": filters.to_dict(), "rows": rows}  # fmt: skip


def csv_events(store: Store, filters: Filters, page: Page) -> tuple[list[str], Iterator[tuple], bool]:
    """Return the columns, rows and a truncation flag of every event matching ``filters``, up to the CSV cap."""
    clause, params = where(filters)
    cap = store.max_rows * CSV_CAP_FACTOR
    column, direction = SORT_COLUMNS[page.sort], ORDER_SQL[page.order]
    sql = (f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE {clause} "
           f"ORDER BY {column} {direction} NULLS LAST, event_id {direction} LIMIT $limit")  # fmt: skip
    cols, rows = store.rows(sql, {**params, "limit": cap + 1})
    truncated = len(rows) > cap
    return cols, iter(rows[:cap]), truncated


def _bucket_count(interval: str, first: dt.date, last: dt.date) -> int:
    days = (last - first).days
    per = {"day": 1, "week": 7, "month": 28, "year": 365}[interval]
    return days // per + (1 if interval == "day" else 2)


TIMELINE_SQL = """
WITH d AS (SELECT event_date AS day, type, count(*) AS n FROM {table} WHERE {clause} GROUP BY ALL),
s AS (SELECT min(day) OVER () AS lo, max(day) OVER () AS hi, day, type, n FROM d),
u AS (SELECT *, CASE
    WHEN $interval <> 'auto' THEN $interval
    WHEN hi - lo <= $day_span AND hi - lo + 1 <= $cap THEN 'day'
    WHEN hi - lo <= $week_span AND (hi - lo) // 7 + 2 <= $cap THEN 'week'
    WHEN (hi - lo) // 28 + 2 <= $cap THEN 'month' ELSE 'year' END AS unit FROM s)
SELECT unit, lo, hi, CASE unit WHEN 'day' THEN day WHEN 'week' THEN date_trunc('week', day)::DATE
    WHEN 'month' THEN date_trunc('month', day)::DATE ELSE date_trunc('year', day)::DATE END AS bucket,
    type, sum(n)::BIGINT AS n
FROM u GROUP BY ALL ORDER BY bucket NULLS FIRST, type
"""


def timeline(store: Store, filters: Filters, interval: str = "auto") -> dict[str, Any]:
    """Return event counts per time bucket and type: ``buckets`` (ISO dates) and ``series`` (type -> counts).

    One scan: events are counted per day and type, and the days gathered into buckets of the chosen size
    (``auto``: day up to 120 days, week up to three years, then month; coarser when the row cap needs it).
    """
    return store.cached(("timeline", filters, interval), lambda: _timeline(store, filters, interval))


def _timeline(store: Store, filters: Filters, interval: str) -> dict[str, Any]:
    table, clause, params, tables = source(store, filters)
    bound = {**params, "interval": interval, "cap": store.max_rows, "day_span": AUTO_DAY_SPAN,
             "week_span": AUTO_WEEK_SPAN}  # fmt: skip
    _, rows = store.rows(TIMELINE_SQL.format(table=table, clause=clause), bound, tables)
    dated = [r for r in rows if r[3] is not None]
    first, last = (dated[0][1], dated[0][2]) if dated else (None, None)
    unit = dated[0][0] if dated else ("day" if interval == "auto" else interval)
    if interval != "auto" and first and _bucket_count(interval, first, last) > store.max_rows:
        raise TooManyBuckets(
            f"interval={interval} gives more than {store.max_rows} buckets; choose a coarser one"
        )
    buckets = sorted({r[3] for r in dated})
    position = {b: i for i, b in enumerate(buckets)}
    series: dict[str, list[int]] = {}
    for _, _, _, bucket, etype, n in dated:
        series.setdefault(etype, [0] * len(buckets))[position[bucket]] = n
    undated = sum(r[5] for r in rows if r[3] is None)
    return {"interval": unit, "first": _plain(first), "last": _plain(last),
            "buckets": [b.isoformat() for b in buckets], "series": series, "undated": undated}  # fmt: skip


def map_counts(store: Store, filters: Filters, by: str = "location") -> dict[str, Any]:
    """Return event counts per country (of the location, actor or recipient) and per located point.

    One scan groups by country and exact coordinates; points are then merged at 0.01 degree.
    """
    return store.cached(("map", filters, by), lambda: _map_counts(store, filters, by))


def _map_counts(store: Store, filters: Filters, by: str) -> dict[str, Any]:
    table, clause, params, tables = source(store, filters)
    column = MAP_COLUMNS[by]
    sql = (f"SELECT {column}, lat, lon, min(location_name), min(location_country), count(*) "
           f"FROM {table} WHERE {clause} GROUP BY ALL")  # fmt: skip
    _, rows = store.rows(sql, params, tables)
    countries: dict[str, int] = {}
    points: dict[tuple[float, float], list] = {}
    for country, lat, lon, name, where_country, n in rows:
        if country is not None:
            countries[country] = countries.get(country, 0) + n
        if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            continue
        key = (round(lat, 2), round(lon, 2))
        point = points.setdefault(key, [name, where_country, 0])
        point[2] += n
        if name is not None and (point[0] is None or name < point[0]):
            point[0], point[1] = name, where_country
    ranked = sorted(countries.items(), key=lambda x: (-x[1], x[0]))
    placed = sorted(points.items(), key=lambda x: (-x[1][2], x[0]))
    return {
        "by": by,
        "countries": [{"country": c, "n": n} for c, n in ranked[: store.max_rows]],
        "points": [
            {"lat": la, "lon": lo, "name": name, "country": c, "n": n}
            for (la, lo), (name, c, n) in placed[: store.max_rows]
        ],  # fmt: skip
        "located": sum(p[2] for p in points.values()),
    }


def _facets(store: Store) -> dict[str, Any]:
    types = store.rows("SELECT type, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1")[1]
    countries = store.rows(
        "SELECT c, count(*) FROM (SELECT actor_country AS c FROM events UNION ALL "
        "SELECT recipient_country FROM events UNION ALL SELECT location_country FROM events) "
        "WHERE c IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT $limit", {"limit": store.max_rows})[1]  # fmt: skip
    modes = store.rows("SELECT lower(mode), count(*) FROM events WHERE mode IS NOT NULL GROUP BY 1 "
                       "ORDER BY 2 DESC, 1 LIMIT $limit", {"limit": store.max_rows})[1]  # fmt: skip
    first, last, events = store.rows("SELECT min(event_date), max(event_date), count(*) FROM events")[1][0]
    articles = store.rows("SELECT count(*) FROM articles")[1][0][0]
    return {
        "events": events, "articles": articles, "first": _plain(first), "last": _plain(last),
        "types": [{"type": t, "n": n} for t, n in types],
        "countries": [{"country": c, "name": country_name(c), "n": n} for c, n in countries],
        "modes": [{"mode": m, "n": n} for m, n in modes],
    }  # fmt: skip


def facets(store: Store) -> dict[str, Any]:
    """Return what the filter sidebar offers: types, countries and modes with counts, the date range, totals."""
    if store.facets_cache is None:
        store.facets_cache = _facets(store)
    return store.facets_cache


@functools.cache
def _country_names() -> dict[str, str]:
    import pycountry

    return {c.alpha_3: getattr(c, "common_name", None) or c.name for c in pycountry.countries}


def country_name(code: str | None) -> str | None:
    """Return the short English name of an ISO3 code, or the code itself when unknown."""
    return _country_names().get(code or "", code)


def article(store: Store, article_id: str) -> dict[str, Any] | None:
    """Return a stored article with its full Document (every span), or None when there is no such id."""
    rows = store.dicts(
        f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE id = $id", {"id": article_id}
    )
    if not rows:
        return None
    row = rows[0]
    try:
        row["document"] = json.loads(row["document"] or "{}")
    except json.JSONDecodeError:
        row["document"] = {}
    return row
