"""document.py: typed results, JSON-only to_dict, and the JSONL round trip."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from eventwire.document import (
    Actor,
    Article,
    Document,
    Event,
    EventDate,
    Place,
    Quantity,
    Quote,
    Skipped,
    Span,
    Speaker,
    Summary,
    Time,
    content_id,
)  # fmt: skip
from eventwire.errors import SkipReason

TEXT = "Rebels attacked Tarvik on Monday, killing 12 people, officials said."


def full_document() -> Document:
    rebels = Actor("Rebels", 0, 6, name="rebels", sector="REB", kind="group")
    town = Place("Tarvik", 16, 22, name="Tarvik", country="XKX", lat=42.1, lon=21.0, geonameid=123, feature="city")
    event = Event(
        type="ASSAULT", trigger=Span("attacked", 7, 15), sentence=Span(TEXT, 0, len(TEXT)), mode="firearms",
        flags=("historical",), contexts=("conflict",), cameo="190", quad_class=4, intensity=-10.0,
        actors=(rebels,), recipients=(), date=EventDate("Monday", "2024-05-06", "day", 26, 32), location=town,
        size=Quantity("12 people", 42, 51, 12, 12, False, "people"),
        reported_by=Speaker("officials", 53, 62, name="officials"), confidence=0.8,
    )  # fmt: skip
    return Document(
        id="doc1", text=TEXT, title="T", url="https://example.org/a", published="2024-05-08",
        events=(event,), quotes=(Quote("Rebels attacked", 0, 15, "indirect", Span("said", 63, 67), None),),
        places=(town,), times=(Time("Monday", 26, 32, "DATE", "2024-05-06", None, "published"),),
        quantities=(event.size,), actors=(rebels,), summary=Summary(who=Span("Rebels", 0, 6)),
        source={"path": "x.txt"}, warnings=("quotes: boom",),
    )


def test_document_to_dict_is_json_only():
    data = full_document().to_dict()
    assert json.loads(json.dumps(data)) == data
    assert list(data)[:6] == ["id", "text", "title", "url", "published", "language"]
    event = data["events"][0]
    assert event["trigger"] == {"text": "attacked", "start": 7, "end": 15}
    assert event["flags"] == ["historical"]
    assert event["date"]["granularity"] == "day"


def test_document_round_trip_through_jsonl():
    doc = full_document()
    line = json.dumps(doc.to_dict())
    assert Document.from_dict(json.loads(line)) == doc


def test_document_spans_point_into_text():
    doc = full_document()
    for item in (*doc.places, *doc.times, *doc.quantities, *doc.actors):
        assert doc.text[item.start : item.end] == item.text
    e = doc.events[0]
    assert doc.text[e.trigger.start : e.trigger.end] == e.trigger.text


def test_document_results_are_frozen():
    with pytest.raises(AttributeError):
        full_document().events[0].type = "AID"  # type: ignore[misc]


def test_article_id_is_a_stable_content_hash():
    a = Article(text="Same text.", url="u")
    assert a.id == Article(text="Same text.", url="u").id == content_id("Same text.", "u")
    assert a.id != Article(text="Other text.", url="u").id
    assert Article.from_dict({"text": "x", "published": "2024-01-02T10:00:00Z"}).published == dt.date(2024, 1, 2)


def test_skipped_to_dict_names_reason():
    assert Skipped("a", SkipReason.BAD_JSON, "line 3").to_dict()["skipped"] == "bad_json"
