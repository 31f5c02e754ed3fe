"""Resolution helpers: a noun phrase's name range, apposition and antecedents on a TokenTable."""

from __future__ import annotations

import pytest

from eventwire.document import Place
from eventwire.extract.plover.resolution import apposed, fallback_actor, phrase_range
from eventwire.extract.tokens import token_table


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Officials of the Velian Workers Union met in Osk on Monday.", "Union", "the Velian Workers Union"),
        ("Kandor's defence minister visited the border.", "minister", "Kandor's defence minister"),
        ("The angry farmers blocked the road.", "farmers", "angry farmers"),
    ],
)
def test_resolution_phrase_range_is_entity_or_head_and_modifiers(parse, text, word, expected):
    doc = parse(text)
    t = token_table(doc)
    i = next(x.i for x in doc if x.text == word)
    start, end = phrase_range(t, i)
    ent = next((e for e in doc.ents if e.start <= i < e.end), None)
    if ent is not None and doc[i].ent_iob_ != "O":
        assert (start, end) == (ent.start, ent.end)  # the same range doc.ents gives
    else:
        assert expected.endswith(doc[start:end].text)


def test_resolution_apposed_reads_both_directions(make_doc):
    doc = make_doc(["Velians", ",", "the", "largest", "group", ",", "left"], heads=[6, 0, 4, 4, 0, 0, 6],
                   deps=["nsubj", "punct", "det", "amod", "appos", "punct", "ROOT"],
                   pos=["PROPN", "PUNCT", "DET", "ADJ", "NOUN", "PUNCT", "VERB"])
    t = token_table(doc)
    assert apposed(t, 0) == [4] and apposed(t, 4) == [0]


def test_resolution_all_at_memoised_equals_a_fresh_resolver(parse):
    import datetime as dt

    from eventwire.extract.context import Context
    from eventwire.extract.plover.resolution import Resolver

    doc = parse("Velian and Kandorese negotiators met the rebels, and the rebels thanked them.")
    ctx = Context(published=dt.date(2024, 5, 8))
    resolve = Resolver(doc, [], [], ctx)
    first = [resolve.all_at(i) for i in range(len(doc))]
    assert [resolve.all_at(i) for i in range(len(doc))] == first
    assert first == [Resolver(doc, [], [], ctx).all_at(i) for i in range(len(doc))]
    assert resolve.all(doc[0]) == first[0] and resolve.all(doc[0]) is not first[0]  # a copy to keep


@pytest.mark.parametrize(
    ("feature", "expected"),
    [
        ("inferred", "AFG"),  # the gazetteer lacks the name: the article's country was only a guess
        ("city", "PAK"),  # a place the gazetteer holds keeps its country
    ],
)
def test_resolution_fallback_actor_reads_a_misspelt_country(parse, feature, expected):
    doc = parse("The minister turned down an offer from Afganistan for talks.")
    i = next(x.i for x in doc if x.text == "Afganistan")
    start, end = doc[i].idx, doc[i].idx + len(doc[i])
    place = Place("Afganistan", start, end, country="PAK", feature=feature)
    assert fallback_actor(token_table(doc), i, [place]).country == expected
