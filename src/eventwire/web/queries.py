"""Every read the web viewer makes: read-only DuckDB, bound parameters, allowlisted identifiers, time limit, row cap.

Identifiers (columns, sort keys, date parts) only ever come from the module-level tables below; user values
are always bound as ``$name`` parameters. Each query runs on its own cursor and is interrupted after
``timeout_ms``.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb

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


class QueryTimeout(RuntimeError):
    """A query ran past the time limit and was interrupted."""


class TooManyBuckets(ValueError):
    """A timeline interval that would give more buckets than the row cap."""


def _like(text: str) -> str:
    """Return an ILIKE pattern matching ``text`` literally anywhere (``%``, ``_`` and ``\\`` escaped)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


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
        clauses.append("list_contains($types, type)")
        params["types"] = list(filters.type)
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
            clauses.append("(" + " OR ".join(f"{c} ILIKE ${name} ESCAPE '\\'" for c in columns) + ")")
            params[name] = _like(value)
    if filters.exclude:
        clauses.append("NOT list_has_any(coalesce(flags, []), $exclude)")
        params["exclude"] = list(filters.exclude)
    if filters.min_confidence is not None:
        clauses.append("confidence >= $min_confidence")
        params["min_confidence"] = filters.min_confidence
    return " AND ".join(clauses), params


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


class Store:
    """A read-only connection to the event store; each query gets its own cursor and a time limit."""

    def __init__(self, path: str | Path, *, timeout_ms: int = 2000, max_rows: int = 1000) -> None:
        self.path = Path(path)
        self.timeout_ms = timeout_ms
        self.max_rows = max_rows
        self._con = duckdb.connect(str(path), read_only=True)
        self._lock = threading.Lock()
        self.facets_cache: dict[str, Any] | None = None

    def close(self) -> None:
        """Close the connection."""
        self._con.close()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """Return a new cursor on the shared read-only database."""
        with self._lock:
            return self._con.cursor()

    def rows(self, sql: str, params: dict[str, Any] | None = None) -> tuple[list[str], list[tuple]]:
        """Run ``sql`` with bound ``params`` under the time limit; return column names and all rows."""
        cursor = self.cursor()
        timer = threading.Timer(self.timeout_ms / 1000, cursor.interrupt)
        timer.start()
        try:
            cursor.execute(sql, params or {})
            rows = cursor.fetchall()
            return [d[0] for d in cursor.description], rows
        except duckdb.InterruptException:
            raise QueryTimeout(
                f"the query took longer than {self.timeout_ms} ms and was stopped; narrow the filters"
            ) from None
        finally:
            timer.cancel()
            cursor.close()

    def dicts(self, sql: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run ``sql`` and return its rows as dicts of JSON types."""
        cols, rows = self.rows(sql, params)
        return [{c: _plain(v) for c, v in zip(cols, row, strict=True)} for row in rows]


def search_events(store: Store, filters: Filters, page: Page) -> dict[str, Any]:
    """Return one page of the events matching ``filters``, sorted, with the total count."""
    clause, params = where(filters)
    total = store.rows(f"SELECT count(*) FROM events WHERE {clause}", params)[1][0][0]
    per_page = min(page.per_page, store.max_rows)
    column, direction = SORT_COLUMNS[page.sort], ORDER_SQL[page.order]
    sql = (f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE {clause} "
           f"ORDER BY {column} {direction} NULLS LAST, event_id {direction} LIMIT $limit OFFSET $offset")  # fmt: skip
    rows = store.dicts(sql, {**params, "limit": per_page, "offset": (page.page - 1) * per_page})
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


def _pick_interval(interval: str, first: dt.date | None, last: dt.date | None, cap: int) -> str:
    """Return the bucket size: ``auto`` resolved from the date range within ``cap`` buckets."""
    if not first or not last:
        return "day" if interval == "auto" else interval
    if interval == "auto":
        span = (last - first).days
        wanted = "day" if span <= AUTO_DAY_SPAN else "week" if span <= AUTO_WEEK_SPAN else "month"
        sizes = ("day", "week", "month", "year")
        fits = [i for i in sizes[sizes.index(wanted) :] if _bucket_count(i, first, last) <= cap]
        return fits[0] if fits else "year"
    if _bucket_count(interval, first, last) > cap:
        raise TooManyBuckets(f"interval={interval} gives more than {cap} buckets; choose a coarser one")
    return interval


def bucket_start(day: dt.date, interval: str) -> dt.date:
    """Return the first day of the day, ISO week (Monday), month or year holding ``day``."""
    if interval == "week":
        return day - dt.timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    if interval == "year":
        return day.replace(month=1, day=1)
    return day


def timeline(store: Store, filters: Filters, interval: str = "auto") -> dict[str, Any]:
    """Return event counts per time bucket and type: ``buckets`` (ISO dates) and ``series`` (type -> counts).

    One scan counts events per day and type; the days are then gathered into the chosen buckets.
    """
    clause, params = where(filters)
    _, rows = store.rows(f"SELECT event_date, type, count(*) FROM events WHERE {clause} GROUP BY ALL", params)
    days = [r[0] for r in rows if r[0] is not None]
    first, last = (min(days), max(days)) if days else (None, None)
    interval = _pick_interval(interval, first, last, store.max_rows)
    counts: dict[tuple[dt.date, str], int] = {}
    undated = 0
    for day, etype, n in rows:
        if day is None:
            undated += n
            continue
        key = (bucket_start(day, interval), etype)
        counts[key] = counts.get(key, 0) + n
    buckets = sorted({b for b, _ in counts})
    position = {b: i for i, b in enumerate(buckets)}
    series: dict[str, list[int]] = {}
    for (bucket, etype), n in sorted(counts.items()):
        series.setdefault(etype, [0] * len(buckets))[position[bucket]] = n
    return {"interval": interval, "first": _plain(first), "last": _plain(last),
            "buckets": [b.isoformat() for b in buckets], "series": series, "undated": undated}  # fmt: skip


def map_counts(store: Store, filters: Filters, by: str = "location") -> dict[str, Any]:
    """Return event counts per country (of the location, actor or recipient) and per located point.

    One scan with two grouping sets: per country, and per point rounded to 0.01 degree.
    """
    clause, params = where(filters)
    column = MAP_COLUMNS[by]
    sql = (
        "SELECT grouping(c) AS by_point, c, la, lo, min(location_name), min(location_country), count(*) FROM ("
        f"SELECT {column} AS c, location_name, location_country, "
        "CASE WHEN lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180 THEN round(lat, 2) END AS la, "
        "CASE WHEN lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180 THEN round(lon, 2) END AS lo "
        f"FROM events WHERE {clause}) GROUP BY GROUPING SETS ((c), (la, lo))"
    )
    _, rows = store.rows(sql, params)
    countries = sorted(
        ((c, n) for g, c, _, _, _, _, n in rows if not g and c is not None), key=lambda x: (-x[1], x[0])
    )
    points = sorted(((la, lo, name, cc, n) for g, _, la, lo, name, cc, n in rows if g and la is not None),
                    key=lambda x: (-x[4], x[0], x[1]))  # fmt: skip
    return {
        "by": by,
        "countries": [{"country": c, "n": n} for c, n in countries[: store.max_rows]],
        "points": [
            {"lat": la, "lon": lo, "name": name, "country": c, "n": n}
            for la, lo, name, c, n in points[: store.max_rows]
        ],  # fmt: skip
        "located": sum(p[4] for p in points),
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
