"""Linking stage of the store: canonical events across articles, their mentions, syndicated copies.

``link(con)`` is incremental: it fingerprints articles not fingerprinted yet, then links events not
linked yet by re-clustering them together with every stored event near them (same type, date
windows that may overlap) and every member of those events' clusters. ``link(con, full=True)``
rebuilds everything. The result depends only on what is stored, not on the order it came in,
except in rare chains where an old event would now prefer a cluster outside the re-clustered
neighbourhood.

Tables (created here, ``CREATE TABLE IF NOT EXISTS``; the store's own tables are not changed):

- ``article_fingerprints(article_id, minhash, dup_group)``: MinHash signature and near-duplicate
  group (the id of the group's earliest article; an article alone is its own group).
- ``article_bands(band, bucket, article_id)``: LSH band hashes for finding copies by SQL join.
- ``event_links(event_id, canonical_id, article_id, source, representative)``: one row per event
  mention; ``source`` is the article's near-duplicate group.
- ``canonical_events(canonical_id, global_id, type, root_event_id, first_event_id, event_date,
  date_granularity, num_mentions, num_articles, num_sources, first_published, last_published,
  is_root)``: one row per real event; a mention is a sentence of an article (two triggers of one
  sentence are one mention). ``canonical_id`` is the event id of its first-reported
  mention, ``global_id`` a 60-bit integer hash of it, ``root_event_id`` the most informative mention.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from . import dedupe
from .match import Mention, cluster, date_window, mention_from_row

LINK_TABLES = ("article_fingerprints", "article_bands", "event_links", "canonical_events")
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS article_fingerprints (article_id VARCHAR, minhash BLOB, dup_group VARCHAR)",
    "CREATE TABLE IF NOT EXISTS article_bands (band INTEGER, bucket BIGINT, article_id VARCHAR)",
    "CREATE TABLE IF NOT EXISTS event_links (event_id VARCHAR, canonical_id VARCHAR, article_id VARCHAR, "
    "source VARCHAR, representative BOOLEAN)",
    "CREATE TABLE IF NOT EXISTS canonical_events (canonical_id VARCHAR, global_id BIGINT, type VARCHAR, "
    "root_event_id VARCHAR, first_event_id VARCHAR, event_date DATE, date_granularity VARCHAR, "
    "num_mentions BIGINT, num_articles BIGINT, num_sources BIGINT, first_published DATE, "
    "last_published DATE, is_root BOOLEAN)",
    "CREATE INDEX IF NOT EXISTS event_links_event ON event_links (event_id)",
    "CREATE INDEX IF NOT EXISTS event_links_canonical ON event_links (canonical_id)",
    "CREATE INDEX IF NOT EXISTS article_bands_bucket ON article_bands (band, bucket)",
)
# A mention whose sentence starts this close to the top of its article is in the lead (GDELT IsRootEvent).
LEAD_CHARS = 400
_EVENT_COLUMNS = (
    "event_id", "article_id", "type", "negated", "hypothetical", "actors", "recipients", "date_granularity",
    "event_date", "location_name", "location_country", "lat", "lon", "geonameid", "location_feature",
    "published", "confidence", "sentence_start", "actor_country", "recipient_country",
)  # fmt: skip
_SPECIFIC = {"day": 0, "week": 1, "month": 2, "reported": 3, "season": 4, "quarter": 4, "year": 5}


@dataclass(frozen=True, slots=True)
class LinkStats:
    """What one ``link`` call did."""

    articles: int  # articles fingerprinted
    duplicates: int  # of those, near-copies of another article
    events: int  # new events linked
    relinked: int  # events re-clustered in all (new and their neighbours)
    canonical_events: int  # canonical events in the store afterwards


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the linking tables when they are missing."""
    for statement in SCHEMA:
        con.execute(statement)


def has_links(con: duckdb.DuckDBPyConnection) -> bool:
    """Return whether the store holds the linking tables (exports fall back to one event each otherwise)."""
    rows = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name IN ('event_links', 'canonical_events') "
        "AND database_name = current_database() AND schema_name = 'main'"
    ).fetchone()
    return rows[0] == 2


def global_id(canonical_id: str) -> int:
    """Return the 60-bit integer id of a canonical event (GDELT's GLOBALEVENTID); SQL: ``md5`` prefix."""
    return int(hashlib.md5(canonical_id.encode("utf-8"), usedforsecurity=False).hexdigest()[:15], 16)


def link(con: duckdb.DuckDBPyConnection, *, full: bool = False) -> LinkStats:
    """Fingerprint new articles and link new events into canonical events; ``full`` rebuilds all."""
    ensure_schema(con)
    if full:
        for table in LINK_TABLES:
            con.execute(f"DELETE FROM {table}")
    n_articles, n_dups = _fingerprint(con)
    pending = con.execute(
        "SELECT count(*) FROM events e ANTI JOIN event_links l USING (event_id)"
    ).fetchone()[0]
    relinked = _link_events(con, full=full) if pending else 0
    total = con.execute("SELECT count(*) FROM canonical_events").fetchone()[0]
    return LinkStats(n_articles, n_dups, pending, relinked, total)


# --- near-duplicate articles ---------------------------------------------------------------------


def _fingerprint(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    cursor = con.execute(
        "SELECT a.id, a.text, a.published FROM articles a ANTI JOIN article_fingerprints f "
        "ON f.article_id = a.id ORDER BY a.id"
    )
    ids, blobs, bands = [], [], {"band": [], "bucket": [], "article_id": []}
    while batch := cursor.fetchmany(1000):
        for article_id, text, _published in batch:
            sig = dedupe.signature(text or "")
            ids.append(article_id)
            blobs.append(dedupe.to_blob(sig))
            for b, h in enumerate(dedupe.band_hashes(sig)):
                bands["band"].append(b)
                bands["bucket"].append(h)
                bands["article_id"].append(article_id)
    if not ids:
        return 0, 0
    new = pa.table({"article_id": ids, "minhash": pa.array(blobs, pa.binary()), "dup_group": ids})
    _insert(con, "article_fingerprints", new)
    _insert(
        con,
        "article_bands",
        pa.table(
            bands,
            schema=pa.schema([("band", pa.int32()), ("bucket", pa.int64()), ("article_id", pa.string())]),
        ),
    )
    con.register("_ew_new_articles", pa.table({"article_id": ids}))
    try:
        pairs = con.execute(
            "SELECT DISTINCT p.article_id, o.article_id FROM article_bands p "
            "JOIN _ew_new_articles n ON n.article_id = p.article_id "
            "JOIN article_bands o ON o.band = p.band AND o.bucket = p.bucket AND o.article_id <> p.article_id"
        ).fetchall()
    finally:
        con.unregister("_ew_new_articles")
    if not pairs:
        return len(ids), 0
    involved = sorted({x for pair in pairs for x in pair})
    con.register("_ew_ids", pa.table({"article_id": involved}))
    try:
        info = con.execute(
            "SELECT f.article_id, f.minhash, f.dup_group, a.published FROM article_fingerprints f "
            "JOIN _ew_ids USING (article_id) JOIN articles a ON a.id = f.article_id"
        ).fetchall()
        groups = sorted({row[2] for row in info})
        con.register("_ew_groups", pa.table({"dup_group": groups}))
        members = con.execute(
            "SELECT f.article_id, f.dup_group, a.published FROM article_fingerprints f "
            "JOIN _ew_groups USING (dup_group) JOIN articles a ON a.id = f.article_id"
        ).fetchall()
    finally:
        con.unregister("_ew_ids")
        con.unregister("_ew_groups")
    sigs = {row[0]: dedupe.from_blob(row[1]) for row in info}
    published = {row[0]: row[2] for row in members} | {row[0]: row[3] for row in info}
    uf = dedupe.UnionFind(key=lambda a: (published.get(a) or dt.date.max, a))
    for article_id, group, _ in members:
        uf.union(article_id, group)
    for a, b in pairs:
        if dedupe.similarity(sigs[a], sigs[b]) >= dedupe.THRESHOLD:
            uf.union(a, b)
    assigned = uf.groups(published)
    con.register("_ew_dups", pa.table({"article_id": list(assigned), "dup_group": list(assigned.values())}))
    try:
        con.execute(
            "UPDATE article_fingerprints f SET dup_group = d.dup_group FROM _ew_dups d "
            "WHERE f.article_id = d.article_id"
        )
    finally:
        con.unregister("_ew_dups")
    new_ids = set(ids)
    return len(ids), sum(1 for a in new_ids if assigned.get(a, a) != a)


# --- events -> canonical events ------------------------------------------------------------------


def _fetch_neighbourhood(con: duckdb.DuckDBPyConnection, full: bool) -> list[dict]:
    cols = ", ".join(f"e.{c}" for c in _EVENT_COLUMNS)
    base = (f"SELECT {cols}, f.dup_group FROM events e "
            "LEFT JOIN article_fingerprints f ON f.article_id = e.article_id")  # fmt: skip
    if full:
        return _dicts(con.execute(base + " ORDER BY e.event_id"))
    pending = _dicts(con.execute(base + " ANTI JOIN event_links l ON l.event_id = e.event_id"))
    windows = _merged_windows(mention_from_row(row) for row in pending)
    con.register("_ew_windows", pa.table({
        "type": [w[0] for w in windows], "lo": pa.array([w[1] for w in windows], pa.date32()),
        "hi": pa.array([w[2] for w in windows], pa.date32()),
    }))  # fmt: skip
    try:
        return _dicts(
            con.execute(f"""
            WITH near AS (
                SELECT DISTINCT e.event_id FROM events e JOIN _ew_windows w ON e.type = w.type
                WHERE (w.lo IS NULL AND e.event_date IS NULL)
                   OR e.event_date BETWEEN w.lo AND w.hi
                   OR (e.date_granularity IN ('year', 'quarter', 'season')
                       AND year(e.event_date) BETWEEN year(w.lo) - 1 AND year(w.hi))
            ),
            canon AS (SELECT DISTINCT l.canonical_id FROM event_links l JOIN near USING (event_id)),
            ids AS (
                SELECT event_id FROM near
                UNION SELECT l.event_id FROM event_links l JOIN canon USING (canonical_id)
            )
            {base} JOIN ids ON ids.event_id = e.event_id
            UNION ALL {base} ANTI JOIN event_links l ON l.event_id = e.event_id
            ORDER BY event_id
        """)
        )
    finally:
        con.unregister("_ew_windows")


def _merged_windows(mentions) -> list[tuple[str, dt.date | None, dt.date | None]]:
    """Return per type the merged day ranges where stored events may overlap the given mentions.

    A stored event dated by its first day may reach 40 days later (a month) or start up to 10 days
    after the window (a ``reported`` date covers the week before publication).
    """
    spans: dict[str, list[tuple[dt.date, dt.date]]] = {}
    undated: set[str] = set()
    for m in mentions:
        if m.lo is None:
            undated.add(m.type)
        else:
            spans.setdefault(m.type, []).append((m.lo - _BEFORE, m.hi + _AFTER))
    merged: list[tuple[str, dt.date | None, dt.date | None]] = [(t, None, None) for t in sorted(undated)]
    for type_, ranges in sorted(spans.items()):
        ranges.sort()
        lo, hi = ranges[0]
        for a, b in ranges[1:]:
            if a > hi:
                merged.append((type_, lo, hi))
                lo, hi = a, b
            else:
                hi = max(hi, b)
        merged.append((type_, lo, hi))
    return merged


_BEFORE, _AFTER = dt.timedelta(days=40), dt.timedelta(days=10)


def _dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict]:
    names = [d[0] for d in cursor.description]
    out = []
    while batch := cursor.fetchmany(10_000):
        out.extend(dict(zip(names, row, strict=True)) for row in batch)
    return out


def _representative_key(row: dict) -> tuple:
    return (
        _SPECIFIC.get(row.get("date_granularity") or "", 6),
        row.get("lat") is None,
        not row.get("actor_country"),
        not row.get("recipient_country"),
        -(row.get("confidence") or 0.0),
        row["event_id"],
    )


def _link_events(con: duckdb.DuckDBPyConnection, *, full: bool) -> int:
    rows = _fetch_neighbourhood(con, full)
    seen: set[str] = set()
    rows = [r for r in rows if not (r["event_id"] in seen or seen.add(r["event_id"]))]
    by_id = {r["event_id"]: r for r in rows}
    mentions: list[Mention] = [mention_from_row(r) for r in rows]
    links: dict[str, list] = {
        k: [] for k in ("event_id", "canonical_id", "article_id", "source", "representative")
    }
    canon: dict[str, list] = {k: [] for k in (
        "canonical_id", "global_id", "type", "root_event_id", "first_event_id", "event_date", "date_granularity",
        "num_mentions", "num_articles", "num_sources", "first_published", "last_published", "is_root")}  # fmt: skip
    for members in cluster(mentions):
        member_rows = [by_id[m.event_id] for m in members]
        first = min(member_rows, key=lambda r: (r.get("published") or dt.date.max, r["event_id"]))
        root = min(member_rows, key=_representative_key)
        cid = first["event_id"]
        for m in members:
            links["event_id"].append(m.event_id)
            links["canonical_id"].append(cid)
            links["article_id"].append(m.article_id)
            links["source"].append(m.source)
            links["representative"].append(m.event_id == root["event_id"])
        dates = [r["published"] for r in member_rows if r.get("published")]
        for key, value in (
            ("canonical_id", cid), ("global_id", global_id(cid)), ("type", root["type"]),
            ("root_event_id", root["event_id"]), ("first_event_id", first["event_id"]),
            ("event_date", root.get("event_date")), ("date_granularity", root.get("date_granularity")),
            ("num_mentions", len({(r["article_id"], r.get("sentence_start")) for r in member_rows})), ("num_articles", len({m.article_id for m in members})),
            ("num_sources", len({m.source for m in members})),
            ("first_published", min(dates, default=None)), ("last_published", max(dates, default=None)),
            ("is_root", any((r.get("sentence_start") or 0) < LEAD_CHARS for r in member_rows)),
        ):  # fmt: skip
            canon[key].append(value)
    con.register("_ew_ids", pa.table({"event_id": list(by_id)}))
    try:
        con.begin()
        con.execute("DELETE FROM canonical_events WHERE canonical_id IN "
                    "(SELECT l.canonical_id FROM event_links l JOIN _ew_ids USING (event_id))")  # fmt: skip
        con.execute("DELETE FROM event_links WHERE event_id IN (SELECT event_id FROM _ew_ids)")
        _insert(con, "event_links", pa.table(links))
        _insert(con, "canonical_events", pa.table(canon, schema=_CANON_SCHEMA))
        con.commit()
    except Exception:
        con.rollback()
        raise
    finally:
        con.unregister("_ew_ids")
    return len(rows)


_CANON_SCHEMA = pa.schema([
    ("canonical_id", pa.string()), ("global_id", pa.int64()), ("type", pa.string()), ("root_event_id", pa.string()),
    ("first_event_id", pa.string()), ("event_date", pa.date32()), ("date_granularity", pa.string()),
    ("num_mentions", pa.int64()), ("num_articles", pa.int64()), ("num_sources", pa.int64()),
    ("first_published", pa.date32()), ("last_published", pa.date32()), ("is_root", pa.bool_()),
])  # fmt: skip


def _insert(con: duckdb.DuckDBPyConnection, table: str, data: pa.Table) -> None:
    if data.num_rows == 0:
        return
    con.register("_ew_incoming", data)
    try:
        cols = ", ".join(data.column_names)
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _ew_incoming")
    finally:
        con.unregister("_ew_incoming")


__all__ = ["LINK_TABLES", "LinkStats", "date_window", "ensure_schema", "global_id", "has_links", "link"]
