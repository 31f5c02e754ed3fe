"""Context: the article-level inputs every extractor gets besides the Doc."""

from __future__ import annotations

from eventwire.extract.context import Context, text_of


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
