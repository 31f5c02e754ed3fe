"""The table lemmatizer sets exactly the lemmas of spaCy's rule lemmatizer, and leaves the rest alone."""

from __future__ import annotations

import sys
import warnings

import pytest

from eventwire.lemmas import TableLemmas, index_lemmatizer
from tests.conftest import ROOT, SAMPLES

TEXTS = [
    "The ministers were meeting in Geneva; talks had stalled, sources said, and nobody's budging.",
    "I ain't gonna sign it, y'all know that. She'd've left. We're leaving, they're staying, you've won.",
    "BREAKING: Rebels SEIZED two towns!!! Officials DENIED it... #Crisis @newsdesk https://example.org/a?b=1",
    "Prices rose 3.5% to $1,200.00 on 12/03/2024 at 4:30pm; mid-sized, well-known firms' stocks fell.",
    "  \n\n  Two   spaces,\ttabs\n and blank lines\n\n between the words.  ",
    "Les soldats sont arrivés à Zürich; the Ñandú Café's owners, naïvely, were fined €50.",
    "The fastest, biggest and most-watched runs were run by runners running faster than the best.",
    "Leaves leave; the leaves are left. Axes, oxen, mice, geese, data, criteria, analyses and theses.",
    "He'd been, she'd go, it's been, let's see: does, did, done, doing, having had, being was.",
    "Supercalifragilisticexpialidocious" * 3 + " end.",
    "",
    "!",
]


@pytest.fixture(scope="module")
def stock():
    from eventwire.nlp import load_stock_nlp

    return load_stock_nlp()


def _texts() -> list[str]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import make_corpus

    return TEXTS + make_corpus(40) + [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]


FIELDS = ("text", "whitespace_", "tag_", "pos_", "morph", "lemma_", "dep_", "ent_iob_", "ent_type_")


def _rows(doc):
    return [tuple(str(getattr(t, f)) for f in FIELDS) + (t.head.i, t.is_sent_start) for t in doc]


def test_lemmas_pipeline_annotations_identical_to_stock(stock, nlp):
    assert isinstance(nlp.get_pipe("lemmatizer"), TableLemmas)
    texts = _texts()
    for ours, theirs in zip(nlp.pipe(texts), stock.pipe(texts), strict=True):
        assert _rows(ours) == _rows(theirs)


@pytest.mark.parametrize("overwrite", [False, True])
def test_lemmas_overwrite_and_preset_lemmas_as_stock(stock, nlp, overwrite):
    # the attribute ruler sets some lemmas (pronouns, contractions) before the lemmatizer runs
    texts = TEXTS[:4]
    upto = stock.pipe_names[: stock.pipe_names.index("lemmatizer")]
    ours, theirs = nlp.get_pipe("lemmatizer"), stock.get_pipe("lemmatizer")
    try:
        ours.overwrite = theirs.overwrite = overwrite
        with stock.select_pipes(enable=upto):
            docs = list(stock.pipe(texts))
        for doc in docs:
            doc[0].lemma_ = "preset"
            a, b = theirs(doc.copy()), ours(doc.copy())
            assert [t.lemma_ for t in a] == [t.lemma_ for t in b]
            assert (a[0].lemma_ == "preset") != overwrite
    finally:
        ours.overwrite = theirs.overwrite = False


def test_lemmas_untagged_doc_as_stock(stock, nlp):
    # no POS: spaCy warns (W108) and lower-cases each token; so does the table pass, warning included
    ours, theirs = nlp.get_pipe("lemmatizer"), stock.get_pipe("lemmatizer")
    doc = nlp.make_doc("Soldiers Arrived in TOWNS")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        a, b = theirs(doc.copy()), ours(doc.copy())
    assert [t.lemma_ for t in a] == [t.lemma_ for t in b] == ["soldiers", "arrived", "in", "towns"]
    assert len(caught) == 2 * len(doc)


def test_lemmas_memo_follows_the_lookup_tables(stock):
    from eventwire.nlp import load_stock_nlp

    fresh = load_stock_nlp()
    lemmatizer = index_lemmatizer(fresh)
    lemmatizer(fresh("Armies marched."))
    memo = lemmatizer.lemma_memo()
    assert memo
    lemmatizer.lookups = stock.get_pipe("lemmatizer").lookups
    assert lemmatizer.lemma_memo() == {}
    assert index_lemmatizer(fresh) is lemmatizer  # idempotent


def test_lemmas_without_rule_lemmatizer_is_a_no_op():
    import spacy

    assert index_lemmatizer(spacy.blank("en")) is None
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert index_lemmatizer(nlp) is None
