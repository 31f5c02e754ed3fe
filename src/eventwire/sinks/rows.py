"""Flatten a Document into table rows (articles, events, quotes, places, times) with Arrow schemas.

The DuckDB store, Parquet shards of the Dask runner and the exports all share these layouts.
"""

from __future__ import annotations

import datetime as dt
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


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def document_rows(doc: Document) -> dict[str, list[dict[str, Any]]]:
    """Return the rows ``doc`` contributes to each table."""
    published = dt.date.fromisoformat(doc.published) if doc.published else None
    plain = doc.to_dict()  # once: the nested records below are read from it
    article = {
        "id": doc.id, "title": doc.title, "url": doc.url, "published": published, "language": doc.language,
        "text": doc.text, "n_events": len(doc.events), "n_quotes": len(doc.quotes), "n_places": len(doc.places),
        "source": _json(doc.source), "warnings": list(doc.warnings), "document": _json(plain),
    }
    events = []
    for i, e in enumerate(doc.events):
        a, r = _first(e.actors), _first(e.recipients)
        loc, size, date = e.location, e.size, e.date
        events.append({
            "event_id": f"{doc.id}:{i}", "article_id": doc.id, "idx": i, "type": e.type, "mode": e.mode,
            "flags": list(e.flags), "contexts": list(e.contexts), "negated": "negated" in e.flags,
            "hypothetical": "hypothetical" in e.flags, "future": "future" in e.flags,
            "cameo": e.cameo, "quad_class": e.quad_class, "intensity": e.intensity, "confidence": e.confidence,
            "trigger_text": e.trigger.text, "trigger_start": e.trigger.start, "trigger_end": e.trigger.end,
            "sentence_start": e.sentence.start, "sentence_end": e.sentence.end, "sentence": e.sentence.text,
            "actor_text": a and a.text, "actor_name": a and a.name, "actor_country": a and a.country,
            "actor_sector": a and a.sector, "actor_igo": a and a.igo,
            "recipient_text": r and r.text, "recipient_name": r and r.name, "recipient_country": r and r.country,
            "recipient_sector": r and r.sector, "recipient_igo": r and r.igo,
            "actors": _json(plain["events"][i]["actors"]), "recipients": _json(plain["events"][i]["recipients"]),
            "date_text": date and date.text, "date_value": date and date.value,
            "date_granularity": date and date.granularity,
            "event_date": (value_to_date(date.value) if date else None) or published,
            "location_text": loc and loc.text, "location_name": loc and loc.name, "location_country": loc and loc.country,
            "location_admin1": loc and loc.admin1, "lat": loc and loc.lat, "lon": loc and loc.lon,
            "geonameid": loc and loc.geonameid, "location_feature": loc and loc.feature,
            "size_min": size and size.min, "size_max": size and size.max, "size_approx": size and size.approx,
            "size_unit": size and size.unit, "reported_by": e.reported_by and (e.reported_by.name or e.reported_by.text),
            "published": published, "url": doc.url, "title": doc.title,
        })
    quotes = []
    for i, q in enumerate(doc.quotes):
        c, s = q.cue, q.speaker
        quotes.append({
            "quote_id": f"{doc.id}:{i}", "article_id": doc.id, "idx": i, "kind": q.kind, "text": q.text,
            "start": q.start, "end": q.end, "cue_text": c and c.text, "cue_start": c and c.start, "cue_end": c and c.end,
            "speaker_text": s and s.text, "speaker_start": s and s.start, "speaker_end": s and s.end,
            "speaker_name": s and s.name, "speaker_title": s and s.title, "speaker_country": s and s.country,
            "speaker_sector": s and s.sector, "published": published,
        })
    places = [{"article_id": doc.id, "idx": i, **p} for i, p in enumerate(plain["places"])]
    times = [{"article_id": doc.id, "idx": i, **t} for i, t in enumerate(plain["times"])]
    for row in times:
        row.pop("anchor", None)
    return {"articles": [article], "events": events, "quotes": quotes, "places": places, "times": times}


def rows_to_tables(docs: list[Document]) -> dict[str, pa.Table]:
    """Return one Arrow table per store table holding the rows of ``docs``."""
    columns: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for doc in docs:
        for name, rows in document_rows(doc).items():
            columns[name].extend(rows)
    return {name: pa.Table.from_pylist(rows, schema=SCHEMAS[name]) for name, rows in columns.items()}
