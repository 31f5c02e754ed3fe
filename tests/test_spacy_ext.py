"""spacy_ext.py: the eventwire pipeline component and the Doc._ views onto its Document."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from eventwire import spacy_ext


@pytest.fixture
def fresh_nlp():
    import importlib

    from eventwire.nlp import find_model

    nlp = importlib.import_module(find_model()).load()  # a private pipeline: the shared one stays untouched
    yield nlp
    spacy_ext.unregister()


def test_spacy_ext_component_attaches_document(fresh_nlp):
    fresh_nlp.add_pipe("eventwire")
    doc = fresh_nlp("Officials in Tarvik said talks would resume on Monday.")
    assert doc._.eventwire is not None and doc._.eventwire.text == doc.text
    assert doc._.events == doc._.eventwire.events
    assert doc._.quotes == doc._.eventwire.quotes


def test_spacy_ext_register_is_idempotent_and_reversible():
    spacy_ext.register()
    spacy_ext.register()
    assert Doc.has_extension("eventwire")
    spacy_ext.unregister()
    assert not Doc.has_extension("eventwire")
