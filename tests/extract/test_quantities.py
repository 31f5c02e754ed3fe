"""Quantities: number expressions found, then normalised to min/max/approx/unit."""

from __future__ import annotations

import pytest

from eventwire.extract.context import Context
from eventwire.extract.quantities import (
    NUMBER_WORDS,
    _maybe_numbers,
    extract_quantities,
    find_quantities,
    normalize_quantity,
)
from eventwire.extract.tokens import token_table

CTX = Context()


def _q(nlp, text):
    return [(q.text, q.min, q.max, q.approx, q.unit) for q in extract_quantities(nlp(text), CTX)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ministry sent 300 troops north.", [("300 troops", 300, 300, False, "troops")]),
        ("Between 60 and 70 soldiers deserted.", [("Between 60 and 70 soldiers", 60, 70, False, "soldiers")]),
        ("The army moved 8,000 to 9,500 troops.", [("8,000 to 9,500 troops", 8000, 9500, False, "troops")]),
        ("About 120 marines landed.", [("About 120 marines", 120, 120, True, "marines")]),
        ("Some 3,300 villagers fled.", [("Some 3,300 villagers", 3300, 3300, True, "villagers")]),
        ("More than 40,000 people marched.", [("More than 40,000 people", 40000, None, True, "people")]),
        ("At least seven people were injured.", [("At least seven people", 7, None, True, "people")]),
        ("Up to 30 workers walked out.", [("Up to 30 workers", None, 30, True, "workers")]),
        (
            "Thousands of protesters filled the square.",
            [("Thousands of protesters", 2000, None, True, "protesters")],
        ),
        (
            "Hundreds of thousands of refugees crossed.",
            [("Hundreds of thousands of refugees", 200000, None, True, "refugees")],
        ),
        (
            "The camp holds 1.5 million refugees.",
            [("1.5 million refugees", 1500000, 1500000, False, "refugees")],
        ),
        ("About a dozen gunmen opened fire.", [("About a dozen gunmen", 12, 12, True, "gunmen")]),
        ("Police detained 14 on Friday.", [("14", 14, 14, False, "arrested")]),
        ("The blast left 9 dead.", [("9 dead", 9, 9, False, "dead")]),
        ("The fund gave $2.5 million in aid.", [("$2.5 million", 2500000, 2500000, False, "USD")]),
        ("Donors pledged 40 million euros.", [("40 million euros", 40000000, 40000000, False, "EUR")]),
        ("Turnout fell to 42 percent.", [("42 percent", 42, 42, False, "percent")]),
        ("The army sent 2000 soldiers.", [("2000 soldiers", 2000, 2000, False, "soldiers")]),
        ("Twenty-five soldiers died.", [("Twenty-five soldiers", 25, 25, False, "soldiers")]),
        ("Forty-two thousand people voted.", [("Forty-two thousand people", 42000, 42000, False, "people")]),
        ("A few hundred sailors deserted.", [("A few hundred sailors", 200, None, True, "sailors")]),
        (
            "Over 2,000 of the marchers were held.",
            [("Over 2,000 of the marchers", 2000, None, True, "marchers")],
        ),
    ],
)
def test_quantities_counts(nlp, text, expected):
    assert _q(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The war began on 24 March 2019.",
        "The meeting is at 10:30 on Monday.",
        "It was the third round of talks.",
        "Resolution 1441 was adopted in 2002.",
        "No. 10 stayed silent.",
        "The 1990s were calm.",
        "",
    ],
)
def test_quantities_ignore_dates_ordinals_identifiers(nlp, text):
    assert _q(nlp, text) == []


def test_quantities_candidates_are_separate_from_normalisation(nlp):
    doc = nlp("Roughly 250 to 300 sailors")
    (cand,) = find_quantities(doc)
    assert cand.modifier == "roughly" and len(cand.runs) == 2 and cand.unit_text == "sailors"
    q = normalize_quantity(doc, cand)
    assert (q.min, q.max, q.approx) == (250, 300, True)
    assert doc.text[q.start : q.end] == q.text == "Roughly 250 to 300 sailors"


def test_quantities_seed_article(nlp):
    from tests.conftest import needs_shared

    doc = nlp(needs_shared("seed", "article.txt").read_text(encoding="utf-8"))
    found = {(q.min, q.max, q.approx, q.unit) for q in extract_quantities(doc, CTX)}
    assert {(500, 500, False, "troops"), (10000, 12000, False, "troops"), (150, 150, True, "troops")} <= found
    assert {(40, 40, True, "troops"), (11700, 11700, True, "troops")} <= found


def _maybe_numbers_by_shape(doc):
    """The reference: number-like tokens read from spaCy's SHAPE and LOWER attributes."""
    words = {doc.vocab.strings[w] for w in NUMBER_WORDS}
    return [t.i for t in doc if t.lower in words or t.shape_[:1] == "d" or "-" in t.shape_]


def test_quantities_number_like_tokens_are_the_shapes(nlp):
    doc = nlp(
        "Some 2,500 Velorian sailors - forty-two of them - left; "
        + "7" * 120
        + " dozen ferries, twenty 3D printers and ²5 Hundreds of state-run mills stayed."
    )
    assert _maybe_numbers(token_table(doc)) == _maybe_numbers_by_shape(doc)


def test_quantities_with_table_as_without(nlp):
    doc = nlp("Between 40 and 50 Orvel dock workers, about twenty-five of them, were detained; 3 were hurt.")
    table = token_table(doc)
    cands = find_quantities(doc)
    assert cands == find_quantities(doc, table)
    assert [normalize_quantity(doc, c) for c in cands] == [normalize_quantity(doc, c, table) for c in cands]
    assert [q.text for q in extract_quantities(doc, Context(table=table))] == [
        q.text for q in extract_quantities(doc, CTX)
    ]
