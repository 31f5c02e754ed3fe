"""Export layout: GDELT 2.0 events (61 columns, the codebook's names and order) and mentions (16).

One events row per canonical event (realized events only: negated and hypothetical ones are left
out), its fields from the canonical event's most informative mention. See docs/exports.md for how
each column is filled; columns eventwire has no data for are empty.
"""

from __future__ import annotations

import duckdb

from .common import COARSE_FEATURES, DOMAIN_SQL, REALIZED, canonical_sql, mentions_sql

_ACTOR = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
    "Type1Code", "Type2Code", "Type3Code",
)  # fmt: skip
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

GDELT_EVENT_COLUMNS: tuple[str, ...] = (
    ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    + tuple(f"Actor1{c}" for c in _ACTOR)
    + tuple(f"Actor2{c}" for c in _ACTOR)
    + (
        "IsRootEvent",
        "EventCode",
        "EventBaseCode",
        "EventRootCode",
        "QuadClass",
        "GoldsteinScale",
        "NumMentions",
        "NumSources",
        "NumArticles",
        "AvgTone",
    )  # fmt: skip
    + tuple(f"Actor1Geo_{c}" for c in _GEO)
    + tuple(f"Actor2Geo_{c}" for c in _GEO)
    + tuple(f"ActionGeo_{c}" for c in _GEO)
    + ("DATEADDED", "SOURCEURL")
)
"""The 61 columns of a GDELT 2.0 event record, in the codebook's order."""

GDELT_MENTION_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
)  # fmt: skip
"""The 16 columns of a GDELT 2.0 mentions record, in the codebook's order."""

LOOKUPS = ("_ew_countries", "_ew_city_admin1", "_ew_plover_defaults", "_ew_known_groups")
_GEO_TYPES = {"Type": "INTEGER", "Lat": "DOUBLE", "Long": "DOUBLE"}
_COARSE = ", ".join(f"'{f}'" for f in COARSE_FEATURES)


def _actor(n: int, side: str, kg: str) -> list[str]:
    code = f"nullif(concat(coalesce(e.{side}_country, ''), coalesce({kg}.known_group, upper(e.{side}_igo), ''), coalesce(e.{side}_sector, '')), '')"  # noqa: E501
    exprs = {
        "Code": code, "Name": f"upper(coalesce(e.{side}_name, e.{side}_text))", "CountryCode": f"e.{side}_country",
        "KnownGroupCode": f"coalesce({kg}.known_group, upper(e.{side}_igo))", "Type1Code": f"e.{side}_sector",
    }  # fmt: skip
    return [f"{exprs.get(c, 'NULL::VARCHAR')} AS Actor{n}{c}" for c in _ACTOR]


def _empty_geo(prefix: str) -> list[str]:
    return [f"NULL::{_GEO_TYPES.get(c, 'VARCHAR')} AS {prefix}_{c}" for c in _GEO]


def events_sql(con: duckdb.DuckDBPyConnection) -> str:
    """Return the SELECT of the GDELT events layout (needs ``LOOKUPS`` registered)."""
    geo_type = (
        f"CASE WHEN e.location_feature IN ({_COARSE}) OR coalesce(e.location_name, e.location_country) IS NULL "
        "THEN NULL WHEN e.location_feature = 'country' THEN 1 "
        "WHEN e.location_feature IN ('admin1', 'state', 'province') THEN CASE WHEN e.location_country = 'USA' "
        "THEN 2 ELSE 5 END WHEN e.location_country = 'USA' THEN 3 ELSE 4 END"
    )
    code = "coalesce(e.cameo, d.cameo)"
    action_geo = {
        "Type": "geo_type",
        "FullName": "CASE WHEN geo_type IS NULL THEN NULL WHEN geo_type = 1 THEN coalesce(lc.name, e.location_name) "
        "ELSE concat_ws(', ', e.location_name, nullif(e.location_admin1, e.location_name), lc.name) END",
        "CountryCode": "CASE WHEN geo_type IS NOT NULL THEN lc.fips END",
        "ADM1Code": "CASE WHEN geo_type IS NOT NULL THEN lc.fips || CASE WHEN geo_type > 1 "
        "THEN coalesce(ca.admin1code, '') ELSE '' END END",
        "ADM2Code": "NULL::VARCHAR",
        "Lat": "CASE WHEN geo_type IS NOT NULL THEN e.lat END",
        "Long": "CASE WHEN geo_type IS NOT NULL THEN e.lon END",
        "FeatureID": "CASE WHEN geo_type IS NOT NULL THEN CAST(e.geonameid AS VARCHAR) END",
    }
    columns = [
        "c.global_id AS GLOBALEVENTID",
        "CAST(strftime(e.event_date, '%Y%m%d') AS INTEGER) AS SQLDATE",
        "year(e.event_date) * 100 + month(e.event_date) AS MonthYear",
        "year(e.event_date) AS Year",
        "round(year(e.event_date) + dayofyear(e.event_date) / 365.0, 4) AS FractionDate",
        *_actor(1, "actor", "k1"),
        *_actor(2, "recipient", "k2"),
        "CAST(c.is_root AS INTEGER) AS IsRootEvent",
        f"{code} AS EventCode",
        f"left({code}, 3) AS EventBaseCode",
        f"left({code}, 2) AS EventRootCode",
        "coalesce(e.quad_class, d.quad_class) AS QuadClass",
        "coalesce(e.intensity, d.intensity) AS GoldsteinScale",
        "c.num_mentions AS NumMentions",
        "c.num_sources AS NumSources",
        "c.num_articles AS NumArticles",
        "NULL::DOUBLE AS AvgTone",
        *_empty_geo("Actor1Geo"),
        *_empty_geo("Actor2Geo"),
        *[f"{action_geo[c]} AS ActionGeo_{c}" for c in _GEO],
        "CAST(strftime(c.first_published, '%Y%m%d') || '000000' AS BIGINT) AS DATEADDED",
        "coalesce(f.url, e.url) AS SOURCEURL",
    ]
    return f"""
        WITH c AS ({canonical_sql(con)}),
        base AS (
            SELECT c.*, e.event_id AS _root, {geo_type} AS geo_type FROM c
            JOIN events e ON e.event_id = c.root_event_id WHERE {REALIZED}
        )
        SELECT {", ".join(columns)}
        FROM base c
        JOIN events e ON e.event_id = c._root
        LEFT JOIN events f ON f.event_id = c.first_event_id
        LEFT JOIN _ew_plover_defaults d ON d.type = e.type
        LEFT JOIN _ew_countries lc ON lc.iso3 = e.location_country
        LEFT JOIN _ew_city_admin1 ca ON ca.geonameid = e.geonameid
        LEFT JOIN _ew_known_groups k1 ON k1.igo = upper(e.actor_igo)
        LEFT JOIN _ew_known_groups k2 ON k2.igo = upper(e.recipient_igo)
        ORDER BY SQLDATE NULLS LAST, GLOBALEVENTID
    """


def mentions_sql_gdelt(con: duckdb.DuckDBPyConnection) -> str:
    """Return the SELECT of the GDELT mentions layout: one row per mention of an exported event."""
    columns = [
        "c.global_id AS GLOBALEVENTID",
        "CAST(strftime(c.first_published, '%Y%m%d') || '000000' AS BIGINT) AS EventTimeDate",
        "CAST(strftime(e.published, '%Y%m%d') || '000000' AS BIGINT) AS MentionTimeDate",
        "1 AS MentionType",
        f"{DOMAIN_SQL.format(col='e.url')} AS MentionSourceName",
        "coalesce(e.url, e.article_id) AS MentionIdentifier",
        "dense_rank() OVER (PARTITION BY e.article_id ORDER BY e.sentence_start) AS SentenceID",
        "TRY_CAST(json_extract_string(e.actors, '$[0].start') AS BIGINT) AS Actor1CharOffset",
        "TRY_CAST(json_extract_string(e.recipients, '$[0].start') AS BIGINT) AS Actor2CharOffset",
        "e.trigger_start AS ActionCharOffset",
        "1 AS InRawText",
        "CAST(round(100 * coalesce(e.confidence, 0)) AS INTEGER) AS Confidence",
        "a.doc_len AS MentionDocLen",
        "NULL::DOUBLE AS MentionDocTone",
        "NULL::VARCHAR AS MentionDocTranslationInfo",
        "e.event_id AS Extras",
    ]
    return f"""
        WITH c AS ({canonical_sql(con)}), m AS ({mentions_sql(con)})
        SELECT {", ".join(columns)}
        FROM m JOIN c ON c.canonical_id = m.canonical_id
        JOIN events e ON e.event_id = m.event_id
        LEFT JOIN (SELECT id, length(text) AS doc_len FROM articles) a ON a.id = e.article_id
        WHERE {REALIZED}
        ORDER BY GLOBALEVENTID, MentionTimeDate, Extras
    """
