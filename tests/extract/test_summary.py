"""Tests of the 5W1H summary stage (extract/summary.py) on invented articles."""

from __future__ import annotations

import collections
import itertools

import pytest

from eventwire.document import Time
from eventwire.extract.context import Context
from eventwire.extract.summary import (
    clock_times,
    lead_sentences,
    merge_clock,
    predicate_span,
    quote_marks,
    quoted,
    stem,
    subject_of,
    summarize,
    title_words,
)
from eventwire.extract.summary.lead import HEADLINE_F1, WORD, SubtreeWords, headline_end
from eventwire.extract.summary.phrases import what_span
from eventwire.extract.tokens import span_root, token_table

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
    t, verb = token_table(doc), lead_sentences(doc)[0].root
    assert doc[subject_of(t, verb)].text == "fighters"
    start, end = predicate_span(t, verb)
    assert doc[start:end].text.startswith("seized the airport")


def test_summary_pronoun_subject_gives_named_mention(extract_text):
    text = "Mara Velin, the Kandor trade minister, arrived on Monday. She signed a trade agreement with Peru in Lima."
    summary = extract_text(text, title="Velin signs trade agreement with Peru").summary
    assert summary.what.text.startswith("signed")
    assert summary.who is not None and "Velin" in summary.who.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Rebel fighters seized the airport that the army had built on Sunday.", "seized the airport"),
     ("The council vowed to rebuild the old bridge.", "vowed to rebuild the old bridge"),
     ("The ferry sank off the coast of Velia.", "sank off the coast of Velia"),
     ("Dock workers did not unload the cargo of grain today.", "not unload the cargo of grain"),
     ("At least nine sailors have been rescued off the coast of Velia.", "have been rescued off the coast of Velia"),
     ("The envoy met with the Kandor minister at the palace on Monday.", "met with the Kandor minister at the palace"),
     ("The ferry sank in a storm in the bay of Velia.", "sank in a storm"),
     ("Four miners were trapped in Velia A team of rescuers arrived at dawn.", "were trapped in Velia"),
     ("The union has accused the Velia Times of bias.", "accused the Velia Times"),
     ("The two leaders met for the first time in Velia.", "met for the first time"),
     ("The two leaders met at the time of the crisis.", "met"),
     ("The council widened the gaps between the huts.", "widened the gaps between the huts"),
     ("The council widened the gaps between the old harbour town's famous red wooden fishing huts.", "widened the gaps")],
)
def test_summary_predicate_span_shape(nlp, text, expected):
    doc = nlp(text)
    start, end = predicate_span(token_table(doc), lead_sentences(doc)[0].root)
    assert doc[start:end].text == expected


def test_summary_lead_skips_boilerplate_prefix(nlp):
    doc = nlp("Sign up for our newsletter Thank you for subscribing Kandor police arrested forty protesters in Velia.")
    lead = lead_sentences(doc)[0]
    assert doc[lead.start].text == "Kandor"


@pytest.mark.parametrize(("word", "expected"), [("blames", "blam"), ("blamed", "blam"), ("meets", "meet"),
                                                 ("derailing", "derai"), ("bus", "bus")])
def test_summary_stem(word, expected):
    assert stem(word) == expected


def test_summary_title_words_skip_stop_words():
    assert title_words("Kandor police arrest forty protesters in the capital") >= {"kando", "polic", "arres"}
    assert "the" not in title_words("the")


def test_summary_quoted(nlp):
    text = 'Officials said "the army shelled the town. Soldiers left." Residents fled.'
    doc = nlp(text)
    marks = quote_marks(text, len(text))
    by_text = {t.text: t for t in doc}
    assert quoted(marks, by_text["shelled"]) and quoted(marks, by_text["left"])
    assert not quoted(marks, by_text["fled"]) and not quoted(marks, by_text["said"])


def test_summary_clock_time_joins_its_date(nlp):
    text = "The ferry sank at 6.10am on Tuesday near the harbour of Velia."
    doc = nlp(text)
    clocks = clock_times(text, lead_sentences(doc))
    assert [c.text for c in clocks] == ["6.10am"]
    tuesday = Time("Tuesday", text.index("Tuesday"), text.index("Tuesday") + 7, "DATE", "2024-05-07")
    merged = merge_clock([tuesday], clocks, text)
    assert merged[-1].text == "6.10am on Tuesday"


def test_summary_when_attached_to_the_event(extract_text):
    text = ("Kandor's minister, who arrived in Velia on Monday, signed the trade agreement on Wednesday. "
            "Officials said talks would resume next month.")
    summary = extract_text(text, title="Kandor signs trade agreement", published="2024-05-09").summary
    assert summary.what.text.startswith("signed")
    assert summary.when.text == "Wednesday"


def test_summary_lead_skips_repeated_headline(nlp):
    title = "Ferry sinks off Velia coast"
    doc = nlp("Ferry sinks off Velia coast A passenger ferry sank off the coast of Velia on Tuesday, officials said.")
    lead = lead_sentences(doc, title=title)[0]
    assert doc[lead.start].text == "A"


def test_summary_answers_never_come_from_a_repeated_headline(extract_text):
    text = "Ferry sinks off Velia coast A passenger ferry sank off the coast of Velia on Tuesday, officials said."
    summary = extract_text(text, title="Ferry sinks off Velia coast", published="2024-05-09").summary
    start = text.index("A passenger")
    for part in (summary.who, summary.what, summary.when, summary.where):
        assert part is not None and part.start >= start


@pytest.mark.parametrize(
    ("text", "verb", "expected"),
    [("Two miners died and dozens were injured in the blast.", "injured", "died and dozens were injured"),
     ("Police arrested six men and a court charged them with fraud.", "charged", "charged them with fraud"),
     ("The death toll from the dam collapse in Velia rose to 40 on Monday.", "rose", "dam collapse"),
     ("The toll road from Velia was closed on Monday.", "closed", "was closed")],
)
def test_summary_what_span_joins_clauses_and_finds_the_counted_event(nlp, text, verb, expected):
    doc = nlp(text)
    start, end = what_span(token_table(doc), next(t.i for t in doc if t.text == verb))
    assert doc[start:end].text.startswith(expected)


@pytest.mark.parametrize(
    ("body", "cut"),
    [("Kandor police arrest forty protesters in Velia Police in the capital said", True),
     ("Kandor police arrested the forty protesters in Velia on Monday.", False)],
)
def test_summary_headline_end_cuts_only_a_verbatim_repeat(body, cut):
    title = "Kandor police arrest forty protesters in Velia"
    end = headline_end(body.lower(), 0, WORD.findall(title.lower()))
    assert (end > 0) is cut


def test_summary_speaker_description_is_not_the_event(extract_text):
    text = "A cousin of the Kandor farmer who found the gold coins in Velia said the hoard was worth millions."
    summary = extract_text(text, title="Kandor farmer finds gold coins in Velia").summary
    assert not summary.what.text.startswith("said")


@pytest.mark.parametrize(
    ("text", "who"),
    [("The death toll from a Velia Front bombing in Kandor rose to 40 on Monday.", "Velia Front"),
     ("The death toll from the floods in Kandor rose to 40 on Monday.", None)],
)
def test_summary_toll_is_no_doer(extract_text, text, who):
    summary = extract_text(text, title="Toll rises to 40").summary
    assert (summary.who.text if summary.who else None) == who


def _headline_end_reference(lowered, cut, heading):
    """The first version: every prefix's shared words counted anew with Counters."""
    found = list(itertools.islice(WORD.finditer(lowered, cut), len(heading) + 3))
    best, end = 0.0, cut
    want = collections.Counter(heading)
    for k in range(max(1, len(heading) - 3), len(found) + 1):
        common = sum((collections.Counter(m.group() for m in found[:k]) & want).values())
        f1 = 2 * common / (k + len(heading))
        if f1 > best:
            best, end = f1, found[k - 1].end()
    return end if best >= HEADLINE_F1 else cut


@pytest.mark.parametrize(
    ("title", "body"),
    [("Kandor police arrest forty protesters in Velia", "Kandor police arrest forty protesters in Velia Police said"),
     ("Kandor police arrest forty protesters in Velia", "kandor police police arrest forty protesters in velia now"),
     ("Ferry sinks off Velia coast", "Ferry sinks off coast Velia A ferry sank"),
     ("Ferry sinks off Velia coast", "A passenger ferry sank off the coast of Velia on Tuesday."),
     ("Velia Velia Velia", "Velia Velia talks Velia Velia"),
     ("Talks", "Talks resume in Velia"),
     ("Talks resume", ""),
     ("A B C D E F G", "a b c d e f x g h i j")],
)
def test_summary_headline_end_equals_reference(title, body):
    heading = WORD.findall(title.lower())
    for cut in (0, 3):
        assert headline_end(body.lower(), cut, heading) == _headline_end_reference(body.lower(), cut, heading)


def test_summary_headline_end_equals_reference_on_word_soups():
    import random

    rng = random.Random(7)
    for _ in range(400):
        heading = [rng.choice("abcd") for _ in range(rng.randint(1, 9))]
        body = " ".join(rng.choice("abcde") for _ in range(rng.randint(0, 14)))
        if rng.random() < 0.3:  # a verbatim or near repeat
            body = " ".join(heading[: rng.randint(0, len(heading))]) + " " + body
        assert headline_end(body, 0, heading) == _headline_end_reference(body, 0, heading), (heading, body)


def test_summary_span_root_is_spacy_span_root(nlp):
    from eventwire.extract.tokens import token_table

    doc = nlp("Rebels, backed by \"foreign\" fighters , seized two towns - officials said . Then , quiet ; Velia  fell !")
    t = token_table(doc)
    for start in range(len(doc)):
        for end in range(start + 1, min(start + 6, len(doc)) + 1):
            assert span_root(t, start, end) == doc[start:end].root.i, doc[start:end].text


@pytest.mark.parametrize(
    ("title", "text"),
    [("Kandor talks resume after 5km border clash",
      "Talks between Kandor's envoys, who'd talked for 5km-long hours, resumed talking after the clashes."),
     ("Velians protest fuel prices", "VELIAN PROTESTERS didn't stop: protests over fuel-prices (priced at $5/l) spread, İstanbul said."),
     ("Ferries sink", "The ferry sank; ferries sinking isn't new, said sinkers in Velia.")],
)
def test_summary_subtree_words_equal_every_word_stemmed(nlp, title, text):
    from eventwire.extract.tokens import token_table

    doc, words = nlp(text), title_words(title)
    t = token_table(doc)
    shared = SubtreeWords(t, t.text, words)
    for tok in doc:
        left, right = tok.left_edge.i, tok.right_edge.i
        chunk = text[t.idx[left]:t.idx[right + 1] if right + 1 < len(doc) else len(text)].lower()
        assert shared(tok.i) == {stem(w) for w in WORD.findall(chunk)} & words, tok.text


@pytest.mark.parametrize(
    ("text", "verb", "expected"),
    [("Divers are trying to reach a trapped fisherman near Varnel on Sunday.", "reach",
      "trying to reach a trapped fisherman"),
     ("The council vowed to rebuild the bridge within a year.", "rebuild", "vowed to rebuild the bridge"),
     ("The singer was photographed leaving the studio in Orlent.", "leaving", "leaving the studio")],
)
def test_summary_what_span_starts_at_the_verb_an_infinitive_completes(nlp, text, verb, expected):
    doc = nlp(text)
    start, end = what_span(token_table(doc), next(t.i for t in doc if t.text == verb))
    assert doc[start:end].text == expected
