"""Export layout: ACLED-style event rows, types mapped from PLOVER type/mode through a data table.

Only canonical events whose type maps to an ACLED event type (data/exports/acled_types.tsv:
violence, protests, strategic developments) are exported; verbal events have no ACLED equivalent.
Column names follow ACLED's export; see docs/exports.md for how each is filled.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from ...resources import cached, iter_tsv
from .common import COARSE_FEATURES, DOMAIN_SQL, REALIZED, canonical_sql, mentions_sql

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
"""The ACLED layout's columns, in order."""

# ACLED actor ("inter") codes from PLOVER sectors: 1 state forces, 2 rebels, 3 political militias,
# 5 rioters, 6 protesters, 7 civilians, 8 external/other forces.
INTER_CODES = {"GOV": 1, "MIL": 1, "COP": 1, "JUD": 1, "LEG": 1, "REB": 2, "INS": 2, "OPP": 3, "PTY": 3,
               "CVL": 7, "EDU": 7, "MED": 7, "BUS": 7, "REL": 7, "HLH": 7, "NGO": 8, "IGO": 8}  # fmt: skip
TIME_PRECISION = {"day": 1, "week": 2, "reported": 2}  # anything coarser: 3
FATALITY_UNITS = ("dead", "killed", "death", "fatality", "casualty", "body")
LOOKUPS = ("_ew_countries", "_ew_acled_types")


@cached
def acled_types() -> pa.Table:
    """Return the PLOVER -> ACLED type table (data file); ``*`` fields match anything."""
    rows = list(iter_tsv("exports/acled_types.tsv"))
    names = ("type", "mode", "recipient_sector", "disorder_type", "event_type", "sub_event_type")
    table = {name: [r[i] for r in rows] for i, name in enumerate(names)}
    table["rank"] = [(r[1] != "*") * 2 + (r[2] != "*") for r in rows]
    return pa.table(table)


def _case(mapping: dict, expr: str, default: str) -> str:
    whens = " ".join(f"WHEN '{k}' THEN {v!r}" for k, v in mapping.items())
    return f"CASE {expr} {whens} ELSE {default} END"


def events_sql(con: duckdb.DuckDBPyConnection) -> str:
    """Return the SELECT of the ACLED layout (needs ``LOOKUPS`` registered)."""
    coarse = ", ".join(f"'{f}'" for f in COARSE_FEATURES)
    inter1 = _case(INTER_CODES, "e.actor_sector", "NULL")
    inter2 = _case(INTER_CODES, "e.recipient_sector", "NULL")
    units = ", ".join(f"'{u}'" for u in FATALITY_UNITS)
    columns = [
        "coalesce(e.location_country, e.actor_country, 'XXX') || c.global_id AS event_id_cnty",
        "e.event_date AS event_date",
        "year(e.event_date) AS year",
        f"{_case(TIME_PRECISION, 'e.date_granularity', '3')} AS time_precision",
        "t.disorder_type",
        "t.event_type",
        "t.sub_event_type",
        "coalesce(e.actor_name, e.actor_text) AS actor1",
        "NULL::VARCHAR AS assoc_actor_1",
        f"CASE WHEN t.event_type = 'Riots' THEN 5 WHEN t.event_type = 'Protests' AND coalesce(e.actor_sector, "
        f"'CVL') IN ('CVL', 'OPP') THEN 6 ELSE {inter1} END AS inter1",
        "coalesce(e.recipient_name, e.recipient_text) AS actor2",
        "NULL::VARCHAR AS assoc_actor_2",
        f"{inter2} AS inter2",
        "NULL::INTEGER AS interaction",
        "CASE WHEN e.recipient_sector = 'CVL' AND t.disorder_type = 'Political violence' "
        "THEN 'Civilian targeting' END AS civilian_targeting",
        "lc.isonumeric AS iso",
        "NULL::VARCHAR AS region",
        "coalesce(lc.name, e.location_country) AS country",
        "e.location_admin1 AS admin1",
        "NULL::VARCHAR AS admin2",
        "NULL::VARCHAR AS admin3",
        f"CASE WHEN e.location_feature NOT IN ({coarse}) THEN e.location_name END AS location",
        "e.lat AS latitude",
        "e.lon AS longitude",
        "CASE WHEN e.lat IS NULL THEN NULL WHEN e.location_feature = 'country' THEN 3 "
        "WHEN e.location_feature = 'admin1' THEN 2 ELSE 1 END AS geo_precision",
        "s.sources AS source",
        "NULL::VARCHAR AS source_scale",
        "e.sentence AS notes",
        f"CASE WHEN e.size_unit IN ({units}) THEN CAST(coalesce(e.size_min, e.size_max) AS BIGINT) ELSE 0 END "
        "AS fatalities",
        "NULL::VARCHAR AS tags",
        "epoch(CAST(c.first_published AS TIMESTAMP))::BIGINT AS timestamp",
    ]
    domain = DOMAIN_SQL.format(col="me.url")
    return f"""
        WITH c AS ({canonical_sql(con)}), m AS ({mentions_sql(con)}),
        typed AS (
            SELECT c.canonical_id, arg_max(x.disorder_type, x.rank) AS disorder_type,
                   arg_max(x.event_type, x.rank) AS event_type, arg_max(x.sub_event_type, x.rank) AS sub_event_type
            FROM c JOIN events e ON e.event_id = c.root_event_id
            JOIN _ew_acled_types x ON x.type = e.type
                AND (x.mode = '*' OR x.mode = lower(e.mode))
                AND (x.recipient_sector = '*' OR x.recipient_sector = e.recipient_sector)
            WHERE {REALIZED}
            GROUP BY c.canonical_id
        ),
        s AS (
            SELECT m.canonical_id, string_agg(DISTINCT coalesce({domain}, me.url, me.article_id), '; '
                ORDER BY coalesce({domain}, me.url, me.article_id)) AS sources
            FROM m JOIN typed USING (canonical_id) JOIN events me ON me.event_id = m.event_id
            GROUP BY m.canonical_id
        )
        SELECT {", ".join(columns)}
        FROM typed t JOIN c ON c.canonical_id = t.canonical_id
        JOIN events e ON e.event_id = c.root_event_id
        LEFT JOIN s ON s.canonical_id = t.canonical_id
        LEFT JOIN _ew_countries lc ON lc.iso3 = e.location_country
        ORDER BY event_date NULLS LAST, event_id_cnty
    """
