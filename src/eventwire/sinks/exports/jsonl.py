"""Export layout: eventwire's own canonical events, each with its mentions nested (JSON lines).

Unlike the dataset layouts this keeps every canonical event (negated and hypothetical ones too,
with their flags) and every mention's article, sentence and spans.
"""

from __future__ import annotations

import duckdb

from .common import canonical_sql, mentions_sql

JSONL_COLUMNS: tuple[str, ...] = (
    "canonical_id", "global_id", "type", "mode", "flags", "contexts", "cameo", "quad_class", "intensity",
    "event_date", "date_value", "date_granularity", "actor", "recipient", "location", "size",
    "num_mentions", "num_articles", "num_sources", "first_published", "is_root", "mentions",
)  # fmt: skip
"""Top-level fields of the JSONL layout, in order (``actor``/``recipient``/``location``/``size`` and
each of ``mentions`` are objects; see docs/exports.md)."""

MENTION_FIELDS = (
    "published", "event_id", "article_id", "url", "title", "source", "representative", "trigger", "sentence",
    "confidence",
)  # fmt: skip
"""Fields of each mention object, in order; mentions are sorted by publication date, then event id."""


def events_sql(con: duckdb.DuckDBPyConnection) -> str:
    """Return the SELECT of the JSONL layout: one row per canonical event with a list of mentions."""
    has_rep = "m.representative"
    mention = (
        # published and event_id first: list_sort orders the structs field by field (cheaper than list ORDER BY)
        "struct_pack(published := me.published, event_id := me.event_id, article_id := me.article_id, "
        f"url := me.url, title := me.title, source := m.source, representative := {has_rep}, "
        'trigger := struct_pack(text := me.trigger_text, start := me.trigger_start, "end" := me.trigger_end), '
        'sentence := struct_pack(text := me.sentence, start := me.sentence_start, "end" := me.sentence_end), '
        "confidence := me.confidence)"
    )
    return f"""
        WITH c AS ({canonical_sql(con)}), m AS ({mentions_sql(con)}),
        ms AS (
            SELECT m.canonical_id, list_sort(list({mention})) AS mentions
            FROM m JOIN events me ON me.event_id = m.event_id
            GROUP BY m.canonical_id
        )
        SELECT c.canonical_id, c.global_id, e.type, e.mode, e.flags, e.contexts, e.cameo, e.quad_class,
            e.intensity, e.event_date, e.date_value, e.date_granularity,
            struct_pack(text := e.actor_text, name := e.actor_name, country := e.actor_country,
                        sector := e.actor_sector, igo := e.actor_igo) AS actor,
            struct_pack(text := e.recipient_text, name := e.recipient_name, country := e.recipient_country,
                        sector := e.recipient_sector, igo := e.recipient_igo) AS recipient,
            struct_pack(text := e.location_text, name := e.location_name, country := e.location_country,
                        admin1 := e.location_admin1, lat := e.lat, lon := e.lon, geonameid := e.geonameid,
                        feature := e.location_feature) AS location,
            struct_pack(min := e.size_min, max := e.size_max, approx := e.size_approx, unit := e.size_unit) AS size,
            c.num_mentions, c.num_articles, c.num_sources, c.first_published, c.is_root, ms.mentions
        FROM c JOIN events e ON e.event_id = c.root_event_id
        LEFT JOIN ms ON ms.canonical_id = c.canonical_id
        ORDER BY e.event_date NULLS LAST, c.global_id
    """
