"""Flatten a Document into table rows (articles, events, quotes, places, times) with Arrow schemas.

The DuckDB store, Parquet shards of the Dask runner and the exports all share these layouts.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from typing import Any

import pyarrow as pa

from ..document import Actor, Document

_STR = pa.string()
_INT = pa.int64()
_F = pa.float64()
_B = pa.bool_()
_D = pa.date32()
_LS = pa.list_(pa.string())

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("id", _STR), ("title", _STR), ("url", _STR), ("published", _D), ("language", _STR),
        ("text", _STR), ("n_events", _INT), ("n_quotes", _INT), ("n_places", _INT),
        ("source", _STR), ("warnings", _LS), ("document", _STR),
    ]),
    "events": pa.schema([
        ("event_id", _STR), ("article_id", _STR), ("idx", _INT), ("type", _STR), ("mode", _STR),
        ("flags", _LS), ("contexts", _LS), ("negated", _B), ("hypothetical", _B), ("future", _B),
        ("cameo", _STR), ("quad_class", _INT), ("intensity", _F), ("confidence", _F),
        ("trigger_text", _STR), ("trigger_start", _INT), ("trigger_end", _INT),
        ("sentence_start", _INT), ("sentence_end", _INT), ("sentence", _STR),
        ("actor_text", _STR), ("actor_name", _STR), ("actor_country", _STR), ("actor_sector", _STR), ("actor_igo", _STR),
        ("recipient_text", _STR), ("recipient_name", _STR), ("recipient_country", _STR),
        ("recipient_sector", _STR), ("recipient_igo", _STR),
        ("actors", _STR), ("recipients", _STR),
        ("date_text", _STR), ("date_value", _STR), ("date_granularity", _STR), ("event_date", _D),
        ("location_text", _STR), ("location_name", _STR), ("location_country", _STR), ("location_admin1", _STR),
        ("lat", _F), ("lon", _F), ("geonameid", _INT), ("location_feature", _STR),
        ("size_min", _F), ("size_max", _F), ("size_approx", _B), ("size_unit", _STR),
        ("reported_by", _STR), ("published", _D), ("url", _STR), ("title", _STR),
    ]),
    "quotes": pa.schema([
        ("quote_id", _STR), ("article_id", _STR), ("idx", _INT), ("kind", _STR), ("text", _STR),
        ("start", _INT), ("end", _INT), ("cue_text", _STR), ("cue_start", _INT), ("cue_end", _INT),
        ("speaker_text", _STR), ("speaker_start", _INT), ("speaker_end", _INT), ("speaker_name", _STR),
        ("speaker_title", _STR), ("speaker_country", _STR), ("speaker_sector", _STR), ("published", _D),
    ]),
    "places": pa.schema([
        ("article_id", _STR), ("idx", _INT), ("text", _STR), ("start", _INT), ("end", _INT), ("name", _STR),
        ("country", _STR), ("admin1", _STR), ("lat", _F), ("lon", _F), ("geonameid", _INT), ("feature", _STR),
        ("role", _STR),
    ]),
    "times": pa.schema([
        ("article_id", _STR), ("idx", _INT), ("text", _STR), ("start", _INT), ("end", _INT), ("type", _STR),
        ("value", _STR), ("mod", _STR),
    ]),
}
TABLES = tuple(SCHEMAS)

_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])")
_SEASON = {"SP": 3, "SU": 6, "FA": 9, "AU": 9, "WI": 12}


@functools.lru_cache(maxsize=4096)
def value_to_date(value: str | None) -> dt.date | None:
    """Return the first day a TIMEX3 date value covers (2022-03 -> 2022-03-01), or None."""
    if not value or value[:4] in ("XXXX", "PAST", "PRES", "FUTU"):
        return None
    try:
        if m := _WEEK.match(value):
            return dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m := _QUARTER.match(value):
            return dt.date(int(m[1]), 3 * int(m[2]) - 2, 1)
        if len(value) >= 7 and value[5:7] in _SEASON:
            return dt.date(int(value[:4]), _SEASON[value[5:7]], 1)
        if len(value) >= 10 and value[4] == "-" and value[7] == "-":
            return dt.date.fromisoformat(value[:10])
        if len(value) >= 7 and value[4] == "-" and value[5:7].isdigit():
            return dt.date(int(value[:4]), int(value[5:7]), 1)
        if len(value) >= 4 and value[:4].isdigit():
            return dt.date(int(value[:4]), 1, 1)
    except ValueError:
        return None
    return None


def _first(actors: tuple[Actor, ...]) -> Actor | None:
    return actors[0] if actors else None


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)
# the C encoder JSONEncoder.encode builds on every call, made once (records hold no cycles): the same text
_C_ENCODE = getattr(json.encoder, "c_make_encoder", None) and json.encoder.c_make_encoder(
    None, _ENCODER.default, json.encoder.encode_basestring, None, ":", ",", False, False, True
)


def _json(value: Any) -> str:
    if _C_ENCODE is None:  # an interpreter without the C accelerator
        return _ENCODER.encode(value)
    return "".join(_C_ENCODE(value, 0))


def document_rows(doc: Document) -> dict[str, list[tuple]]:
    """Return the rows ``doc`` contributes to each table, as tuples in the order of the table's ``SCHEMAS``."""
    doc_id, url, title = doc.id, doc.url, doc.title
    published = dt.date.fromisoformat(doc.published) if doc.published else None
    plain = doc.to_dict()  # once: the nested records below are read from it
    article = (
        doc_id, title, url, published, doc.language, doc.text, len(doc.events), len(doc.quotes),
        len(doc.places), _json(doc.source), list(doc.warnings), _json(plain),
    )  # fmt: skip
    events = []
    for i, (e, ep) in enumerate(zip(doc.events, plain["events"], strict=True)):
        a, r = _first(e.actors), _first(e.recipients)
        loc, size, date, flags, trigger, sentence = e.location, e.size, e.date, e.flags, e.trigger, e.sentence
        events.append((
            f"{doc_id}:{i}", doc_id, i, e.type, e.mode,
            list(flags), list(e.contexts), "negated" in flags, "hypothetical" in flags, "future" in flags,
            e.cameo, e.quad_class, e.intensity, e.confidence,
            trigger.text, trigger.start, trigger.end, sentence.start, sentence.end, sentence.text,
            a and a.text, a and a.name, a and a.country, a and a.sector, a and a.igo,
            r and r.text, r and r.name, r and r.country, r and r.sector, r and r.igo,
            _json(ep["actors"]) if ep["actors"] else "[]", _json(ep["recipients"]) if ep["recipients"] else "[]",
            date and date.text, date and date.value, date and date.granularity,
            (value_to_date(date.value) if date else None) or published,
            loc and loc.text, loc and loc.name, loc and loc.country, loc and loc.admin1, loc and loc.lat,
            loc and loc.lon, loc and loc.geonameid, loc and loc.feature,
            size and size.min, size and size.max, size and size.approx, size and size.unit,
            e.reported_by and (e.reported_by.name or e.reported_by.text), published, url, title,
        ))  # fmt: skip
    quotes = []
    for i, q in enumerate(doc.quotes):
        c, s = q.cue, q.speaker
        quotes.append((
            f"{doc_id}:{i}", doc_id, i, q.kind, q.text, q.start, q.end,
            c and c.text, c and c.start, c and c.end, s and s.text, s and s.start, s and s.end,
            s and s.name, s and s.title, s and s.country, s and s.sector, published,
        ))  # fmt: skip
    places = [(doc_id, i, *map(p.get, _PLACE_KEYS)) for i, p in enumerate(plain["places"])]
    times = [(doc_id, i, *map(t.get, _TIME_KEYS)) for i, t in enumerate(plain["times"])]
    return {"articles": [article], "events": events, "quotes": quotes, "places": places, "times": times}


_PLACE_KEYS = SCHEMAS["places"].names[2:]  # after article_id, idx: the Place fields
_TIME_KEYS = SCHEMAS["times"].names[2:]  # the Time fields but anchor


def rows_to_tables(docs: list[Document]) -> dict[str, pa.Table]:
    """Return one Arrow table per store table holding the rows of ``docs``."""
    rows: dict[str, list[tuple]] = {name: [] for name in TABLES}
    for doc in docs:
        for name, more in document_rows(doc).items():
            rows[name].extend(more)
    return {name: _table(rows[name], SCHEMAS[name]) for name in TABLES}


def _table(rows: list[tuple], schema: pa.Schema) -> pa.Table:
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(schema)
    return pa.Table.from_arrays(
        [pa.array(column, type=f.type) for column, f in zip(columns, schema, strict=True)], schema=schema
    )
