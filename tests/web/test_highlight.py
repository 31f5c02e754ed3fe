"""Marks from a Document's spans and their escaped rendering."""

from __future__ import annotations

import pytest

from eventwire.web.highlight import marks, render
from eventwire.web.synthetic import sample_documents


def _doc(text, **parts):
    return {
        "text": text,
        "events": [],
        "actors": [],
        "places": [],
        "times": [],
        "quantities": [],
        "quotes": [],
        **parts,
    }


def test_highlight_marks_cover_every_kind_with_matching_text():
    doc = sample_documents()[0]
    found = marks(doc.to_dict(), len(doc.text))
    assert {m.kind for m in found} >= {
        "trigger",
        "actor",
        "recipient",
        "place",
        "date",
        "quantity",
        "quote",
        "speaker",
    }
    for m in found:
        assert 0 <= m.start < m.end <= len(doc.text)


def test_highlight_marks_merge_duplicates_and_keep_their_events():
    text = "Rebels attacked the camp."
    span = {"text": "Rebels", "start": 0, "end": 6, "name": "Rebels"}
    event = {"type": "ASSAULT", "trigger": {"text": "attacked", "start": 7, "end": 15}, "actors": [span]}
    found = marks(_doc(text, events=[event, event], actors=[span]), len(text))
    actors = [m for m in found if m.kind == "actor"]
    assert len(actors) == 1 and actors[0].events == (0, 1)


def test_highlight_actor_already_a_recipient_is_not_an_actor_again():
    text = "Police detained two farmers."
    farmers = {"text": "two farmers", "start": 16, "end": 27}
    event = {
        "type": "COERCE",
        "trigger": {"text": "detained", "start": 7, "end": 15},
        "recipients": [farmers],
    }
    kinds = {(m.kind, m.start) for m in marks(_doc(text, events=[event], actors=[farmers]), len(text))}
    assert ("recipient", 16) in kinds and ("actor", 16) not in kinds


@pytest.mark.parametrize(
    ("start", "end"),
    [(-1, 3), (3, 3), (5, 2), (0, 999), (None, 4), ("0", "4")],
)
def test_highlight_marks_drop_bad_offsets(start, end):
    text = "Some text here."
    place = {"text": "x", "start": start, "end": end}
    assert marks(_doc(text, places=[place]), len(text)) == []


def test_highlight_render_escapes_text_and_labels():
    text = '<b>Crowd</b> & "others" marched.'
    place = {"text": "<b>Crowd</b>", "start": 0, "end": 12, "name": '<img src=x onerror="alert(1)">'}
    html = render(text, marks(_doc(text, places=[place]), len(text)))
    assert "<b>" not in html and "<img" not in html
    assert "&lt;b&gt;Crowd&lt;/b&gt;" in html and "&amp;" in html
    assert 'title="place: &lt;img src=x onerror=&quot;alert(1)&quot;&gt;"' in html


def test_highlight_render_keeps_the_text_and_nests_overlaps():
    text = "The minister said troops left the capital."
    quote = {"text": "troops left the capital", "start": 18, "end": 41, "kind": "indirect"}
    capital = {"text": "the capital", "start": 30, "end": 41, "name": "Capital City"}
    html = render(text, marks(_doc(text, quotes=[quote], places=[capital]), len(text)))
    assert '<mark class="hl k-place k-quote"' in html
    import re

    assert re.sub(r"<[^>]+>", "", html) == text


def test_highlight_render_focus_marks_one_anchor():
    doc = sample_documents()[1]
    html = render(doc.text, marks(doc.to_dict(), len(doc.text)), focus=1)
    assert html.count('id="focus"') == 1
    assert 'class="hl k-trigger k-sentence focus"' in html
    assert 'title="AGREE event · negated"' in html
