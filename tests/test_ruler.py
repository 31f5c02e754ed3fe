"""The indexed attribute ruler gives exactly the stock ruler's matches and token attributes."""

from __future__ import annotations

import pytest

from eventwire.ruler import ArrayAnnotations, IndexedMatch, index_attribute_ruler

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
    fields = ("tag_", "pos_", "morph", "lemma_", "norm_", "dep_", "head.i", "ent_iob_", "ent_type_")
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


def _custom_ruler(patterns):
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    for pattern, attrs, index in patterns:
        ruler.add([pattern], attrs, index=index)
    return nlp, ruler


CUSTOM = [
    ([{"LOWER": "peace"}, {"LOWER": "talks"}], {"LEMMA": "talk", "NORM": "negotiations", "POS": "NOUN"}, -1),
    ([{"LOWER": "talks"}], {"LEMMA": "talks", "TAG": "NNS", "MORPH": "Number=Plur"}, 0),  # a later rule wins
    ([{"LOWER": "the"}, {"IS_ALPHA": True}], {"DEP": "det", "MORPH": "Definite=Def"}, 0),
    ([{"LOWER": "fired"}], {"LEMMA": "fire", "POS": "VERB", "TAG": "VBD"}, 0),
]


def test_ruler_array_annotations_equal_set_token_attrs():
    nlp, ruler = _custom_ruler(CUSTOM)
    texts = ["The peace talks resumed after the army fired shells.", "talks, talks and the talks", "peace", ""]
    fields = ("tag_", "pos_", "morph", "lemma_", "norm_", "dep_")
    array = ArrayAnnotations(ruler)
    for text in texts:
        a, b = nlp.make_doc(text), nlp.make_doc(text)
        ruler.set_annotations(a, ruler.match(a))
        array(b, ruler.match(b))
        assert [[str(getattr(t, f)) for f in fields] for t in a] == [[str(getattr(t, f)) for f in fields] for t in b]
    assert index_attribute_ruler(nlp) is ruler.match
    assert isinstance(ruler.set_annotations, ArrayAnnotations)
    doc = nlp("the peace talks")
    assert (doc[2].lemma_, doc[2].norm_, doc[2].tag_) == ("talks", "negotiations", "NNS")


def test_ruler_array_annotations_bad_index_raises_as_spacy():
    nlp, ruler = _custom_ruler([([{"LOWER": "talks"}], {"LEMMA": "talk"}, 3)])
    index_attribute_ruler(nlp)
    with pytest.raises(ValueError, match="E1001|index"):
        ruler.set_annotations(nlp.make_doc("talks"), ruler.match(nlp.make_doc("talks")))


def test_ruler_lexical_attributes_keep_spacys_set_annotations():
    nlp, ruler = _custom_ruler([([{"LOWER": "talks"}], {"LEMMA": "talk", "IS_STOP": True}, 0)])
    index_attribute_ruler(nlp)
    assert not isinstance(ruler.set_annotations, ArrayAnnotations)
