"""The embedded DuckDB store: schema, idempotent writes, and the filtered event query of the CLI.

Values are always bound as parameters; identifiers come only from the allowlists below.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from ..document import Document
from .rows import SCHEMAS, TABLES, rows_to_tables

DEFAULT_DB = "eventwire.duckdb"
KEYS = {"articles": ("id",), "events": ("event_id",), "quotes": ("quote_id",), "places": ("article_id", "idx"),
        "times": ("article_id", "idx")}  # fmt: skip
INDEXES = (
    ("events_type", "events", "type"),
    ("events_date", "events", "event_date"),
    ("events_actor_country", "events", "actor_country"),
    ("events_article", "events", "article_id"),
    ("quotes_article", "quotes", "article_id"),
)
_DUCK_TYPES = {
    pa.string(): "VARCHAR", pa.int64(): "BIGINT", pa.float64(): "DOUBLE", pa.bool_(): "BOOLEAN",
    pa.date32(): "DATE", pa.list_(pa.string()): "VARCHAR[]",
}  # fmt: skip


def schema_sql() -> list[str]:
    """Return the CREATE statements of the store, derived from the Arrow schemas in ``rows``."""
    statements = []
    for name in TABLES:
        cols = ", ".join(f'"{f.name}" {_DUCK_TYPES[f.type]}' for f in SCHEMAS[name])
        key = ", ".join(f'"{k}"' for k in KEYS[name])
        statements.append(f"CREATE TABLE IF NOT EXISTS {name} ({cols}, PRIMARY KEY ({key}))")
    statements += [f"CREATE INDEX IF NOT EXISTS {idx} ON {table} ({col})" for idx, table, col in INDEXES]
    return statements


def connect(path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the store at ``path``; a writable connection creates the schema if it is missing."""
    con = duckdb.connect(str(path), read_only=read_only)
    if not read_only:
        for statement in schema_sql():
            con.execute(statement)
    return con


def existing_ids(con: duckdb.DuckDBPyConnection, ids: Iterable[str]) -> set[str]:
    """Return those of ``ids`` already stored."""
    ids = list(ids)
    if not ids:
        return set()
    rows = con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest($ids))", {"ids": ids}).fetchall()
    return {r[0] for r in rows}


def write_tables(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]) -> int:
    """Insert Arrow tables (one per store table), skipping articles already stored; return articles added.

    Of several rows with one key (the same article twice in the input), the first is stored.
    """
    return write_batches(con, [tables])


def write_batches(con: duckdb.DuckDBPyConnection, batches: list[dict[str, pa.Table]]) -> int:
    """Insert several batches of tables in one transaction, as ``write_tables`` one after the other would."""
    ids = pa.chunked_array([b["articles"].column("id") for b in batches], pa.string())
    if len(ids) == 0:
        return 0
    known = existing_ids(con, ids.to_pylist())
    if not known and pc.count_distinct(ids).as_py() == len(ids):
        # the usual case: every article new and once; a child row's key holds its article's id, so these
        # rows are unique too and need no filtering, and no ON CONFLICT check
        try:
            return _insert(con, _concat(batches))
        except duckdb.ConstraintException:  # a key stored without its article: let the store skip it
            pass
    kept = []
    for batch in batches:  # an article of an earlier batch counts as stored for the later ones
        kept.append(_new_rows(batch, known))
        known = known | set(batch["articles"].column("id").to_pylist())
    return _insert(con, _concat(kept), " ON CONFLICT DO NOTHING")


def _concat(batches: list[dict[str, pa.Table]]) -> dict[str, pa.Table]:
    if len(batches) == 1:
        return batches[0]
    return {name: pa.concat_tables([b[name] for b in batches]) for name in TABLES}


def _new_rows(tables: dict[str, pa.Table], known: set[str]) -> dict[str, pa.Table]:
    """Return ``tables`` without the rows of ``known`` articles and with the first row of each key only."""
    kept = {}
    for name in TABLES:
        table = tables[name]
        key = "id" if name == "articles" else "article_id"
        if known:
            ids = table.column(key).to_pylist()
            table = table.filter(pa.array([i not in known for i in ids], pa.bool_()))
        kept[name] = _dedupe(table, KEYS[name])
    return kept


def _insert(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table], conflict: str = "") -> int:
    """Insert every table in one transaction; return the article rows inserted."""
    con.begin()
    try:
        for name in TABLES:
            if tables[name].num_rows:
                con.register("_incoming", tables[name])
                con.execute(f"INSERT INTO {name} SELECT * FROM _incoming{conflict}")
                con.unregister("_incoming")
        con.commit()
    except Exception:
        con.rollback()
        raise
    return tables["articles"].num_rows


def _dedupe(table: pa.Table, key: tuple[str, ...]) -> pa.Table:
    seen: set[tuple] = set()
    keep = []
    for row in zip(*(table.column(k).to_pylist() for k in key), strict=True):
        keep.append(row not in seen)
        seen.add(row)
    return table.filter(pa.array(keep, pa.bool_())) if not all(keep) else table


def write_documents(con: duckdb.DuckDBPyConnection, docs: list[Document]) -> int:
    """Store ``docs``; an article already in the store (same id) is left as it is. Return articles added."""
    return write_tables(con, rows_to_tables(docs))


def ingest(docs: Iterable[Document], path: str | Path = DEFAULT_DB, *, batch: int = 200, link: bool = True) -> int:
    """Store a stream of Documents in batches; return how many articles were new.

    With ``link`` the new events are then linked into canonical events (``sinks.linking``).
    """
    con = connect(path)
    added = 0
    buffer: list[Document] = []
    try:
        for doc in docs:
            buffer.append(doc)
            if len(buffer) >= batch:
                added += write_documents(con, buffer)
                buffer.clear()
        if buffer:
            added += write_documents(con, buffer)
        # --- cross-article linking (issue 9, sinks/linking): incremental, only new articles/events ---
        if link and added:
            from .linking import link as link_events

            link_events(con)
    finally:
        con.close()
    return added


# --- reading: the CLI's query and export -------------------------------------------------------------

QUERY_COLUMNS = (
    "event_id", "article_id", "event_date", "type", "mode", "flags", "actor_text", "actor_country", "actor_sector",
    "recipient_text", "recipient_country", "location_name", "location_country", "size_min", "size_max",
    "date_value", "cameo", "confidence", "trigger_text", "sentence", "url",
)  # fmt: skip


def event_filter(
    *,
    type: str | None = None,  # noqa: A002 - the field's name
    country: str | None = None,
    actor: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> tuple[str, dict[str, Any]]:
    """Return a WHERE clause and its bound parameters for the common event filters."""
    clauses, params = ["TRUE"], {}
    if type:
        clauses.append("type = $type")
        params["type"] = type.upper()
    if country:
        clauses.append("(actor_country = $country OR recipient_country = $country OR location_country = $country)")
        params["country"] = country.upper()
    if actor:
        clauses.append("(actor_text ILIKE $actor OR actor_name ILIKE $actor OR recipient_text ILIKE $actor "
                       "OR recipient_name ILIKE $actor)")
        params["actor"] = f"%{actor}%"
    if since:
        clauses.append("event_date >= $since")
        params["since"] = since
    if until:
        clauses.append("event_date <= $until")
        params["until"] = until
    return " AND ".join(clauses), params


def query_events(con: duckdb.DuckDBPyConnection, *, limit: int | None = None, **filters: Any) -> Iterator[dict[str, Any]]:
    """Yield events matching ``filters`` (see ``event_filter``) as dicts of ``QUERY_COLUMNS``, by date."""
    where, params = event_filter(**filters)
    cols = ", ".join(QUERY_COLUMNS)
    sql = f"SELECT {cols} FROM events WHERE {where} ORDER BY event_date NULLS LAST, event_id"
    if limit:
        sql += " LIMIT $limit"
        params["limit"] = int(limit)
    cursor = con.execute(sql, params)
    while batch := cursor.fetchmany(1000):
        for row in batch:
            yield dict(zip(QUERY_COLUMNS, row, strict=True))


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Return the row count of every store table."""
    return {name: con.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in TABLES}
