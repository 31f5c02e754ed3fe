"""Context: the article-level inputs every extractor gets besides the Doc."""

from __future__ import annotations

from eventwire.extract.context import Context, table_of, text_of
from eventwire.extract.tokens import token_table


def test_context_text_of_reads_the_doc_unless_the_caller_gave_the_text(nlp):
    doc = nlp("The council met in Tarvik on Monday.  It adjourned.")
    assert text_of(doc, Context()) == doc.text
    given = str(doc.text)
    assert text_of(doc, Context(text=given)) is given  # taken as given, not joined again


def test_context_text_given_by_the_pipeline_equals_the_doc_text(nlp, monkeypatch):
    from eventwire import api

    seen = []
    stage = api.Stage("times", lambda doc, ctx: seen.append((ctx.text, doc.text)) or [])
    monkeypatch.setattr(api, "STAGES", (stage, *api.STAGES[1:]))
    api.extract("Rain fell on Ostrava.\n\nTwo roads  closed on Friday.", published="2024-03-01")
    assert seen and seen[0][0] == seen[0][1]


def test_context_table_of_builds_the_table_unless_the_caller_gave_it(nlp):
    doc = nlp("Border guards in Velmora detained two smugglers.  They were released on bail.")
    built = table_of(doc, Context())
    assert built.texts == [t.text for t in doc] and built.heads == [t.head.i for t in doc]
    table = token_table(doc)
    ctx = Context(table=table)
    assert table_of(doc, ctx) is table
    assert text_of(doc, ctx) == doc.text


def test_context_table_given_by_the_pipeline_is_the_docs_table(nlp, monkeypatch):
    from eventwire import api

    seen = []
    stage = api.Stage("times", lambda doc, ctx: seen.append((ctx.table, doc)) or [])
    monkeypatch.setattr(api, "STAGES", (stage, *api.STAGES[1:]))
    api.extract("Police in Harrow Vale arrested a man on Sunday.", published="2024-03-01")
    table, doc = seen[0]
    assert table is not None and table.text == doc.text and table.lemmas == [t.lemma_ for t in doc]
