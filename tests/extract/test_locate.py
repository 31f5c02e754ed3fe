"""Event location read from the TokenTable's plain lists: the same answers as walking spaCy's Tokens."""

from __future__ import annotations

import pytest

from eventwire.document import Place
from eventwire.extract.locate import (
    ANCHOR_DEPS,
    CLAUSE_DEPS,
    EVENT_PREPS,
    MAX_DEPTH,
    MODIFIER_DEPS,
    PARTY_PREPS,
    _root_of,
    _sentence,
    dominant_place,
    event_location,
)
from eventwire.extract.tokens import span_root, token_table

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


def _event_location_tokens(doc, token_i, places):
    """The reference: ``event_location`` written with spaCy's Token API (char_span roots, ``Token.sent``)."""
    usable = [p for p in places if p.role == "place"]
    if not usable:
        return None
    roots = {}
    for place in usable:
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is not None:
            roots.setdefault(span.root.i, place)
    if not roots:
        return dominant_place(usable)
    trigger = doc[token_i]
    anchor = trigger.head if trigger.dep_ in ANCHOR_DEPS and trigger.pos_ == "NOUN" else trigger
    by_rank = {}
    stack = [(anchor, 0)]
    while stack:
        tok, depth = stack.pop()
        for child in tok.children:
            if child.dep_ in CLAUSE_DEPS and child.i != trigger.i:
                continue
            if child.dep_ == "prep":
                for rank, preps in enumerate(EVENT_PREPS):
                    if child.lower_ in preps:
                        found = next((t.i for t in child.subtree if t.i in roots), None)
                        if found is not None:
                            by_rank.setdefault(rank, []).append((depth, roots[found]))
            if depth < MAX_DEPTH:
                stack.append((child, depth + 1))
    for rank in sorted(by_rank):
        return min(by_rank[rank], key=lambda dp: dp[0])[1]
    sent = trigger.sent
    for i, place in sorted(roots.items()):
        tok = doc[i]
        if sent.start <= i < sent.end and tok.dep_ not in MODIFIER_DEPS:
            while tok.dep_ == "conj" and tok.head.i != tok.i:
                tok = tok.head
            if not (tok.dep_ == "pobj" and tok.head.lower_ in PARTY_PREPS):
                return place
    return dominant_place(usable)


@pytest.mark.parametrize("text", TEXTS)
def test_locate_root_as_char_span(nlp, text):
    doc = nlp(text)
    lists = token_table(doc)
    for place in _places_of(doc):
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        assert _root_of(doc, lists, place) == (span.root.i if span is not None else None)


@pytest.mark.parametrize("text", TEXTS)
def test_locate_span_root_as_spacy(nlp, text):
    doc = nlp(text)
    lists = token_table(doc)
    for start in range(len(doc)):
        for end in range(start + 1, min(len(doc), start + 8) + 1):
            assert span_root(lists, start, end) == doc[start:end].root.i, (start, end)


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
