"""The indexed attribute ruler gives exactly the stock ruler's matches and token attributes."""

from __future__ import annotations

import pytest

from eventwire.ruler import IndexedMatch, index_attribute_ruler

TEXTS = [
    "The ministry said on Tuesday that it had not approved the shipment, and officials didn't comment.",
    "I ain't gonna sign it, y'all know that. Let's wait. C'm on, nothin' gets done here. We gotta go.",
    "There is a convoy near the border; there are reports that it was shelled. Is it true? It is not.",
    "He does what he did before: he has what he had. Whether or not they come, we'll see. I'd have left.",
    "  \n\n  Two   spaces,\ttabs\n and blank lines\n\n between the words.  ",
    "Forces of the coalition, which had gathered since March, withdrew although talks continued.",
    "",
]

@pytest.fixture(scope="module")
def stock():
    from eventwire.nlp import load_stock_nlp

    return load_stock_nlp()

@pytest.mark.parametrize("text", TEXTS)
def test_ruler_indexed_match_equals_matcher(stock, text):
    ruler = stock.get_pipe("attribute_ruler")
    with stock.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        doc = stock(text)
    assert IndexedMatch(ruler)(doc) == ruler.match(doc)

def test_ruler_pipeline_annotations_identical(stock, nlp):
    from tests.conftest import SAMPLES

    texts = TEXTS + [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    fields = ("tag_", "pos_", "morph", "lemma_", "dep_", "head.i", "ent_iob_", "ent_type_")
    for ours, theirs in zip(nlp.pipe(texts), stock.pipe(texts), strict=True):
        for a, b in zip(ours, theirs, strict=True):
            for field in fields:
                first, _, attr = field.partition(".")
                va, vb = getattr(a, first), getattr(b, first)
                if attr:
                    va, vb = getattr(va, attr), getattr(vb, attr)
                assert str(va) == str(vb), (a.text, field)

def test_ruler_indexes_nearly_every_pattern(nlp):
    match = nlp.get_pipe("attribute_ruler").match
    assert isinstance(match, IndexedMatch)
    assert len(match.rest) <= 5  # what is left to spaCy's Matcher stays small

def test_ruler_without_attribute_ruler_is_a_no_op():
    import spacy

    assert index_attribute_ruler(spacy.blank("en")) is None
