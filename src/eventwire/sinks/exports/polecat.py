"""Export layout: POLECAT-style event rows (PLOVER types, modes and contexts; actors, recipients, place).

One row per realized canonical event, its fields from the most informative mention. Column names
follow POLECAT's public tabular release; columns eventwire has no data for (COW codes, Wikipedia
ids, story-level people and organisations) are empty. See docs/exports.md.
"""

from __future__ import annotations

import duckdb

from .common import DOMAIN_SQL, REALIZED, canonical_sql

POLECAT_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector", "Recipient Sectors",
    "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Lat", "Lon", "GeoNames ID", "Raw Placename",
    "Feature Type", "Source", "Publication Date", "Story People", "Story Organizations", "Story Locations",
    "Language", "Version",
)  # fmt: skip
"""The POLECAT layout's columns, in order."""

LOOKUPS = ("_ew_plover_defaults",)


def _party(side: str, label: str) -> list[str]:
    return [
        f'coalesce(e.{side}_name, e.{side}_text) AS "{label} Name"',
        f'e.{side}_country AS "{label} Country"',
        f'NULL::VARCHAR AS "{label} COW"',
        f'e.{side}_sector AS "Primary {label} Sector"',
        f"array_to_string(list_distinct(list_filter(CAST(json_extract_string(e.{side}s, '$[*].sector') AS VARCHAR[]), "
        f"lambda x: x IS NOT NULL)), ';') AS \"{label} Sectors\"",
        f"json_extract_string(e.{side}s, '$[0].title') AS \"{label} Title\"",
        f'e.{side}_text AS "{label} Name Raw"',
        f'NULL::VARCHAR AS "Wikipedia {label} ID"',
    ]


def events_sql(con: duckdb.DuckDBPyConnection, version: str) -> str:
    """Return the SELECT of the POLECAT layout (needs ``LOOKUPS`` registered)."""
    version_literal = "'" + version.replace("'", "''") + "'"
    columns = [
        'c.canonical_id AS "Event ID"',
        'e.event_date AS "Event Date"',
        'e.type AS "Event Type"',
        'e.mode AS "Event Mode"',
        'coalesce(e.intensity, d.intensity) AS "Event Intensity"',
        'coalesce(e.quad_class, d.quad_class) AS "Quad Code"',
        "array_to_string(e.contexts, ';') AS \"Contexts\"",
        *_party("actor", "Actor"),
        *_party("recipient", "Recipient"),
        'e.location_name AS "Placename"',
        "CASE WHEN e.location_feature NOT IN ('country', 'admin1', 'continent', 'region') "
        'THEN e.location_name END AS "City"',
        'NULL::VARCHAR AS "District"',
        'e.location_admin1 AS "Province"',
        'e.location_country AS "Country"',
        'e.lat AS "Lat"',
        'e.lon AS "Lon"',
        'e.geonameid AS "GeoNames ID"',
        'e.location_text AS "Raw Placename"',
        'e.location_feature AS "Feature Type"',
        f'coalesce({DOMAIN_SQL.format(col="f.url")}, f.url, f.article_id) AS "Source"',
        'c.first_published AS "Publication Date"',
        'NULL::VARCHAR AS "Story People"',
        'NULL::VARCHAR AS "Story Organizations"',
        'sl.locations AS "Story Locations"',
        "'en' AS \"Language\"",
        f'{version_literal} AS "Version"',
    ]
    return f"""
        WITH c AS ({canonical_sql(con)})
        SELECT {", ".join(columns)}
        FROM c JOIN events e ON e.event_id = c.root_event_id
        LEFT JOIN events f ON f.event_id = c.first_event_id
        LEFT JOIN _ew_plover_defaults d ON d.type = e.type
        LEFT JOIN (
            SELECT article_id, string_agg(DISTINCT name, ';' ORDER BY name) AS locations FROM places
            WHERE name IS NOT NULL AND role = 'place' GROUP BY article_id
        ) sl ON sl.article_id = e.article_id
        WHERE {REALIZED}
        ORDER BY "Event Date" NULLS LAST, "Event ID"
    """
