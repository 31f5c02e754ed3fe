"""Tests of the 5W1H summary stage (extract/summary.py) on invented articles."""

from __future__ import annotations

import pytest

from eventwire.extract.context import Context
from eventwire.extract.summary import lead_sentences, predicate_span, subject_of, summarize

ARTICLE = (
    "Kenyan police arrested forty protesters in Nairobi on Tuesday after a rally against fuel prices. "
    "The protesters had marched to parliament because prices rose again. "
    "Officials said the detainees would appear in court next week."
)


def test_summary_answers_are_spans_of_the_body(extract_text):
    doc = extract_text(ARTICLE, title="Police arrest forty protesters in Nairobi")
    summary = doc.summary
    assert summary is not None
    for part in (summary.who, summary.what, summary.when, summary.where):
        assert part is not None
        assert ARTICLE[part.start:part.end] == part.text


@pytest.mark.parametrize(
    ("field", "expected"),
    [("who", "Kenyan police"), ("when", "Tuesday"), ("where", "Nairobi")],
)
def test_summary_fields(extract_text, field, expected):
    summary = extract_text(ARTICLE, title="Police arrest forty protesters in Nairobi").summary
    assert expected in getattr(summary, field).text


def test_summary_what_is_the_main_predicate(extract_text):
    summary = extract_text(ARTICLE, title="Police arrest forty protesters in Nairobi").summary
    assert summary.what.text.startswith("arrested")
    assert "protesters" in summary.what.text


def test_summary_headline_guides_the_choice(extract_text):
    text = ("The ministry issued a statement on Monday. Chile and Peru signed a trade agreement in Lima. "
            "Markets rose slightly.")
    summary = extract_text(text, title="Chile and Peru sign trade agreement").summary
    assert summary.what.text.startswith("signed")


def test_summary_why_from_causal_clause(extract_text):
    summary = extract_text("Farmers blocked the highway because fuel prices rose again.",
                           title="Farmers block highway").summary
    assert summary.why is not None and "because" in summary.why.text


def test_summary_none_without_sentences(nlp):
    doc = nlp("Photo.")
    assert summarize(doc, Context(), events=[], times=[], places=[], actors=[]) is None


def test_summary_parts(nlp):
    doc = nlp("Rebel fighters seized the airport on Sunday.")
    sent = lead_sentences(doc)[0]
    verb = sent.root
    assert subject_of(verb).text == "fighters"
    start, end = predicate_span(verb)
    assert doc[start:end].text.startswith("seized the airport")


def test_summary_pronoun_subject_gives_named_mention(extract_text):
    text = "Mara Velin, the Kandor trade minister, arrived on Monday. She signed a trade agreement with Peru in Lima."
    summary = extract_text(text, title="Velin signs trade agreement with Peru").summary
    assert summary.what.text.startswith("signed")
    assert summary.who is not None and "Velin" in summary.who.text
