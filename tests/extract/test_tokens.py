"""Token helpers shared by the extractors."""

from __future__ import annotations

import pytest

from eventwire.extract.tokens import (
    char_tokens,
    edges,
    entity_bounds,
    left_edge,
    right_edge,
    subtree,
    table_entities,
    token_table,
)


@pytest.mark.parametrize(("i", "expected"), [(0, (0, 1)), (1, (1, 4)), (2, (1, 4)), (3, (1, 4)), (4, (4, 5)), (5, (5, 6))])
def test_tokens_entity_bounds_walks_iob_tags(make_doc, i, expected):
    doc = make_doc(["Minister", "Ana", "Lopez", "Vidal", "met", "Peru"], ents=[(1, 4, "PERSON"), (5, 6, "GPE")])
    assert entity_bounds(token_table(doc), i) == expected


def test_tokens_table_matches_token_attributes(make_doc):
    doc = make_doc(["Rebels", "attacked", "the", "town", ".", "Troops", "left", "."],
                   heads=[1, 1, 3, 1, 1, 6, 6, 6], deps=["nsubj", "ROOT", "det", "dobj", "punct", "nsubj", "ROOT", "punct"],
                   pos=["NOUN", "VERB", "DET", "NOUN", "PUNCT", "NOUN", "VERB", "PUNCT"],
                   lemmas=["rebel", "attack", "the", "town", ".", "troop", "leave", "."], ents=[(5, 6, "NORP")],
                   spaces=[True, True, True, False, True, True, False, False])
    table = token_table(doc)
    assert table.text == doc.text
    assert table.heads == [t.head.i for t in doc]
    assert table.children == [[c.i for c in t.children] for t in doc]
    assert (table.deps, table.pos, table.lemmas) == ([t.dep_ for t in doc], [t.pos_ for t in doc], [t.lemma_ for t in doc])
    assert (table.ent_types, table.ent_iobs) == ([t.ent_type_ for t in doc], [t.ent_iob_ for t in doc])
    assert [(table.idx[i], table.ends[i]) for i in range(len(doc))] == [(t.idx, t.idx + len(t)) for t in doc]
    assert list(zip(table.sent_start, table.sent_end, strict=True)) == [(s.start, s.end) for s in doc.sents]
    assert table.sent == [0, 0, 0, 0, 0, 1, 1, 1]
    assert table.char_range(5, 8) == (doc[5:8].start_char, doc[5:8].end_char)


def test_tokens_table_of_empty_doc(make_doc):
    table = token_table(make_doc([]))
    assert table.toks == [] and table.children == [] and table.text == ""


def test_tokens_char_tokens_is_spacys_expanded_char_span(nlp):
    # every character range (also outside the text, on spaces, line breaks and a trailing space)
    for text in ("  Ships left Varna.  Two  arrived\n\nlate on Monday. ", "Rain. ", "x"):
        doc = nlp(text)
        t = token_table(doc)
        for start in range(-2, len(text) + 2):
            for end in range(start + 1, len(text) + 3):
                span = doc.char_span(start, end, alignment_mode="expand")
                assert char_tokens(t, start, end) == (None if span is None else (span.start, span.end)), (start, end)


@pytest.mark.parametrize(
    "text",
    ["Officials in Harrowgate met Jane Roe of the Kellby Water Board on 3 May.",
     "The Glenmoor Council said 40 people left Quarnby, a town near the border, last week.", ""],
)
def test_tokens_table_entities_as_doc_ents(nlp, text):
    doc = nlp(text)
    assert table_entities(doc, token_table(doc)) == [(e.start, e.end, e.label_) for e in doc.ents]


def test_tokens_edges_and_subtree_as_tokens(nlp):
    doc = nlp("The envoy, who had flown in from Varna on Sunday, said the talks in the old harbour town would resume.")
    t = token_table(doc)
    assert [left_edge(t, k.i) for k in doc] == [k.left_edge.i for k in doc]
    assert [right_edge(t, k.i) for k in doc] == [k.right_edge.i for k in doc]
    assert [edges(t, k.i) for k in doc] == [(k.left_edge.i, k.right_edge.i) for k in doc]
    assert [subtree(t, k.i) for k in doc] == [[w.i for w in k.subtree] for k in doc]
