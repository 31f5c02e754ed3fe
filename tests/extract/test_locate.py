"""Event location read from the TokenTable's plain lists: the same answers as walking spaCy's Tokens."""

from __future__ import annotations

import pytest

from eventwire.document import Place
from eventwire.extract.locate import _event_location_tokens, _root_of, _sentence, event_location
from eventwire.extract.tokens import token_table

TEXTS = [
    "Rebels attacked a convoy near Dorvan on Tuesday. Talks between Sylvania and Marovia resumed in Kellby.",
    "Police in  Harrowgate arrested two men, and the mayor of Glenmoor said the Kellby Road was closed.",
]


def _places_of(doc):
    """Every noun phrase and single proper noun as a resolved place (plenty of spans to check)."""
    spans = [(t.idx, t.idx + len(t)) for t in doc if t.pos_ == "PROPN"]
    spans += [(c.start_char, c.end_char) for c in doc.noun_chunks]
    spans += [(t.idx - 1, t.idx + len(t) + 1) for t in doc if t.idx and t.pos_ == "NOUN"]  # spaces around
    return [Place(doc.text[s:e], s, e, name=doc.text[s:e], country="DEU") for s, e in spans]


@pytest.mark.parametrize("text", TEXTS)
def test_locate_root_as_char_span(nlp, text):
    doc = nlp(text)
    lists = token_table(doc)
    for place in _places_of(doc):
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        assert _root_of(doc, lists, place) == (span.root.i if span is not None else None)


@pytest.mark.parametrize("text", TEXTS)
def test_locate_sentence_as_token_sent(nlp, text):
    doc = nlp(text)
    lists = token_table(doc)
    for tok in doc:
        assert _sentence(lists, tok.i) == (tok.sent.start, tok.sent.end)


@pytest.mark.parametrize("text", TEXTS)
def test_locate_lists_answer_as_tokens(nlp, text):
    doc = nlp(text)
    places = _places_of(doc)
    for tok in doc:
        for chosen in (places, places[:2], places[-3:]):
            assert event_location(doc, tok.i, chosen) == _event_location_tokens(doc, tok.i, chosen)


def test_locate_out_of_range_and_no_places(nlp):
    doc = nlp("Crowds gathered in Kellby.")
    place = Place("Kellby", 19, 25, name="Kellby", country="DEU")
    assert event_location(doc, 99, [place]) is None
    assert event_location(doc, 1, []) is None
    assert event_location(doc, 1, [place]).name == "Kellby"


@pytest.mark.parametrize("text", TEXTS)
def test_locate_table_and_memo_answer_as_without(nlp, text):
    doc = nlp(text)
    places = _places_of(doc)
    table, memo = token_table(doc), {}
    for tok in doc:
        for chosen in (places, places[:2], places[-3:]):
            assert event_location(doc, tok.i, chosen, table=table, memo=memo) == event_location(doc, tok.i, chosen)
    assert memo["plain"] is True


def test_locate_custom_sentences_read_through_tokens(nlp):
    doc = nlp("Crowds gathered in Kellby. Police waited in Dorvan.")
    doc.user_hooks["sents"] = lambda d: iter([d[:]])  # one sentence: the table's split no longer applies
    places = [Place("Dorvan", 44, 50, name="Dorvan", country="DEU")]
    assert event_location(doc, 1, places, table=token_table(doc), memo={}) == _event_location_tokens(doc, 1, places)
