"""Tests of the quotes stage: quote marks, cues, speakers, and whole articles with invented names."""

from __future__ import annotations

import pytest

from eventwire.document import Actor
from eventwire.extract.context import Context
from eventwire.extract.quotes import extract_quotes, find_quote_candidates
from eventwire.extract.quoting.cues import find_cues
from eventwire.extract.quoting.lexicon import first_name_genders, speech_forms, speech_verbs
from eventwire.extract.quoting.marks import find_stretches

ARTICLE = (
    "The Freedonian Ministry of Defence said on May 6 that it had ordered 300 more soldiers to the border.\n"
    "“These additional soldiers respond to the current situation, and strengthen the defence of the alliance. "
    "“We are here to help,” Defence spokesman Marta Lindqvist and Valdoran reporters told.\n"
    "“These units support the units already deployed,” officials said.\n"
    "“We are not going to send soldiers to fight in Sylvania. The president is not going to do that,” "
    "Palace spokesman Tomas Berger said on Monday.\n"
    "Sylvanian President Paul Okafor said at a rally in Esterburg after talking to other leaders that there "
    "would be no “true negotiated settlement” in the coming weeks. Told.\n"
    "“I hope so, and we are doing everything we can to help it. It depends on both sides,” he said. "
    "“In the short term, this conflict will continue. “"
)


def _quotes(nlp, text, actors=()):
    return extract_quotes(nlp(text), Context(), actors=list(actors))


def _find(quotes, fragment):
    found = [q for q in quotes if fragment in q.text]
    assert found, f"no quote holds {fragment!r}: {[q.text for q in quotes]}"
    return found[0]


# --- quote marks (no parse) -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('She said "we will win" today.', ["we will win"]),
        ("She said “we will win” today.", ["we will win"]),
        ("“Unclosed quote here. “Second one,” he said.", ["Unclosed quote here.", "Second one"]),
        ("“It ends with a stray mark. “", ["It ends with a stray mark."]),
        ("“Outer ‘inner’ words,” she said.", ["Outer ‘inner’ words"]),
        ("The farmers’ union and the 90's were quiet.", []),
        ("A ‘true settlement’ was ruled out.", ["true settlement"]),
        ("''Two apostrophes,'' he wrote.", ["Two apostrophes"]),
        ("No marks at all.", []),
        ("", []),
    ],
)
def test_marks_stretches(text, expected):
    assert [text[s.inner_start : s.inner_end] for s in find_stretches(text)] == expected


def test_marks_multi_paragraph_quote_continues():
    text = "“First paragraph of a long quote.\n\n“Second paragraph,” she said."
    first, second = find_stretches(text)
    assert first.continues and not first.closed
    assert text[second.inner_start : second.inner_end] == "Second paragraph"


def test_marks_never_raise_on_odd_marks():
    for text in ['"', "“”", "”””", "‘ ’ ' '", '" " "', "«x» „y“ ``z''"]:
        find_stretches(text)


# --- lexicon ------------------------------------------------------------------------------------------


def test_lexicon_loads_kinds_and_forms():
    verbs = speech_verbs()
    assert verbs["say"] == "say" and verbs["tell"] == "tell" and verbs["call"] == "name"
    assert verbs["point out"] == "say"
    forms = speech_forms()
    assert forms["said"] == "say" and forms["told"] == "tell" and forms["denies"] == "deny"
    assert forms["tweeted"] == "tweet"
    assert first_name_genders()["mary"] == "f"


# --- cues and candidates --------------------------------------------------------------------------------


def test_cues_find_subject_and_clause(nlp):
    doc = nlp("The minister said that the talks had failed.")
    (cue,) = find_cues(doc)
    assert doc[cue.start].text == "said"
    assert doc[cue.speaker].text == "minister"
    assert doc.text[cue.content[0] : cue.content[1]] == "that the talks had failed"


def test_cues_skip_words_inside_quotes(nlp):
    text = "“They said it would rain all week,” the farmer complained."
    doc = nlp(text)
    blocked = [(s.inner_start, s.inner_end) for s in find_stretches(text)]
    assert all(doc[c.start].text != "said" for c in find_cues(doc, blocked))


def test_candidates_separate_finding_from_speakers(nlp):
    text = "“We will rebuild the bridge,” Governor Ilse Brandt said."
    doc = nlp(text)
    stretches = find_stretches(text)
    cues = find_cues(doc, [(s.inner_start, s.inner_end) for s in stretches])
    (cand,) = find_quote_candidates(doc, stretches, cues)
    assert cand.kind == "direct" and text[cand.start : cand.end] == "We will rebuild the bridge"


# --- kinds ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "kind", "speaker_name"),
    [
        ("“The harvest was poor this year,” farmer Anton Weber said.", "harvest was poor", "direct", "Anton Weber"),
        ('"The harvest was poor this year," said farmer Anton Weber.', "harvest was poor", "direct", "Anton Weber"),
        ("Mayor Clara Jensen said: “The roads will reopen on Friday.”", "roads will reopen", "direct", "Clara Jensen"),
        ("Mayor Clara Jensen said that the roads would reopen on Friday.", "the roads would reopen", "indirect", "Clara Jensen"),
        ("Mayor Clara Jensen said the talks with the union failed.", "the talks with the union failed", "indirect", "Clara Jensen"),
        ("The talks with the union failed, Mayor Clara Jensen said.", "talks with the union failed", "indirect", "Clara Jensen"),
        ("Senator Hugo Lind called it a “complete betrayal of the voters”.", "complete betrayal", "mixed", "Hugo Lind"),
        ("Senator Hugo Lind said the plan was “dead on arrival” in the chamber.", "dead on arrival", "mixed", "Hugo Lind"),
        ("According to Professor Nadia Okonkwo, the river will flood again next spring.",
         "the river will flood again", "indirect", "Nadia Okonkwo"),
        ("The new tax was announced by Finance Minister Rafael Moreno on Tuesday evening after a long meeting.",
         None, None, None),
    ],
)  # fmt: skip
def test_quotes_kinds(nlp, text, fragment, kind, speaker_name):
    quotes = _quotes(nlp, text)
    if fragment is None:
        return  # must simply not fail; a passive with no reported clause is no quote
    quote = _find(quotes, fragment)
    assert quote.kind == kind
    assert quote.speaker is not None and quote.speaker.name == speaker_name
    assert text[quote.start : quote.end] == quote.text


def test_quotes_passive_with_agent(nlp):
    text = "It was announced by the Valdoran health ministry that all schools would close for two weeks."
    quote = _find(_quotes(nlp, text), "schools would close")
    assert quote.speaker is not None and "ministry" in quote.speaker.text


def test_quotes_split_around_cue_share_the_speaker(nlp):
    text = "“The bridge is safe,” engineer Lotte Brink said. “We checked every cable twice.”"
    quotes = _quotes(nlp, text)
    first, second = _find(quotes, "bridge is safe"), _find(quotes, "every cable")
    assert first.speaker.name == second.speaker.name == "Lotte Brink"
    assert first.cue == second.cue


def test_quotes_cue_in_next_sentence(nlp):
    text = "Coach Viktor Hale spoke after the match.\n“We lost our focus in the second half. Nobody played well.” He said."
    quote = _find(_quotes(nlp, text), "lost our focus")
    assert quote.speaker.text == "He" and quote.speaker.name == "Viktor Hale"


def test_quotes_multi_paragraph_quote(nlp):
    text = (
        "Union leader Greta Sommer addressed the crowd.\n\n"
        "“We have waited for three years for a fair offer from the company.\n\n"
        "“We will not wait another three years,” she said."
    )
    quotes = _quotes(nlp, text)
    assert _find(quotes, "waited for three years").speaker.name == "Greta Sommer"
    assert _find(quotes, "not wait another").speaker.name == "Greta Sommer"


def test_quotes_pronoun_takes_compatible_gender(nlp):
    text = (
        "Minister Helena Varga met Ambassador Jonas Petersen in the capital on Monday.\n"
        "“The agreement is very close,” she said."
    )
    assert _find(_quotes(nlp, text), "agreement is very close").speaker.name == "Helena Varga"


def test_quotes_bare_title_resolves_to_named_person(nlp):
    text = (
        "Company spokesman Dario Fenn confirmed the closure of the plant on Friday.\n"
        "“Nobody will lose their job because of this decision,” the spokesman said."
    )
    quote = _find(_quotes(nlp, text), "Nobody will lose")
    assert quote.speaker.name == "Dario Fenn"


def test_quotes_unbalanced_marks_keep_the_other_quotes(nlp):
    text = (
        "“This quote never closes and the paragraph simply ends\n"
        "“This one is fine,” Judge Ada Rowe said.\n"
        '"And a straight one too," she added. "'
    )
    quotes = _quotes(nlp, text)
    assert _find(quotes, "This one is fine").speaker.name == "Ada Rowe"
    assert _find(quotes, "straight one too").speaker.name == "Ada Rowe"


def test_quotes_signed_with_a_dash(nlp):
    text = (
        "“The new stadium is a waste of public money and nobody asked us.” ― Maria Lopez\n"
        "“I love it, the city needs it.”— Tom Baker, 34, of Springfield"
    )
    quotes = _quotes(nlp, text)
    assert _find(quotes, "new stadium").speaker.name == "Maria Lopez"
    assert _find(quotes, "I love it").speaker.name == "Tom Baker"


def test_quotes_use_actor_mentions(nlp):
    text = "“The border stays open,” Interior spokesman Leon Vasquez said."
    doc = nlp(text)
    start = text.index("Leon")
    actor = Actor("Leon Vasquez", start, start + len("Leon Vasquez"), name="Leon Vasquez", country="FRE",
                  sector="GOV", title="Interior spokesman", kind="person")  # fmt: skip
    (quote,) = extract_quotes(doc, Context(), actors=[actor])
    assert (quote.speaker.name, quote.speaker.country, quote.speaker.sector) == ("Leon Vasquez", "FRE", "GOV")
    assert quote.speaker.title == "Interior spokesman"


@pytest.mark.parametrize("text", ["", "   ", "\n\n", '"', "“", "Said.", "“”", "He said.", "” ― \n“― X"])
def test_quotes_bad_input_never_raises(nlp, text):
    assert isinstance(_quotes(nlp, text), list)


def test_quotes_random_marks_never_raise(nlp):
    import random

    rng = random.Random(7)
    pieces = ["“", "”", '"', "‘", "’", "'", "''", " ― ", ", he said", ". ", "\n", "\n\n", "Jane Roe", " said: ",
              "the plan", " told.", " according to ", "we will win", ","]  # fmt: skip
    for _ in range(40):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        for quote in _quotes(nlp, text):
            assert text[quote.start : quote.end] == quote.text and quote.kind in ("direct", "indirect", "mixed")


# --- a whole article with the seed's capabilities, invented names -----------------------------------


@pytest.fixture(scope="module")
def article_quotes(nlp):
    return _quotes(nlp, ARTICLE)


@pytest.mark.parametrize(
    ("fragment", "kind", "name", "title"),
    [
        ("These additional soldiers", "direct", "Marta Lindqvist", "Defence spokesman"),
        ("We are here to help", "direct", "Marta Lindqvist", "Defence spokesman"),
        ("These units support", "direct", None, None),
        ("We are not going to send soldiers", "direct", "Tomas Berger", "Palace spokesman"),
        ("true negotiated settlement", "mixed", "Paul Okafor", "Sylvanian President"),
        ("I hope so", "direct", "Paul Okafor", "Sylvanian President"),
        ("In the short term", "direct", "Paul Okafor", "Sylvanian President"),
    ],
)
def test_quotes_article(article_quotes, fragment, kind, name, title):
    quote = _find(article_quotes, fragment)
    assert quote.kind == kind
    assert quote.speaker is not None
    assert quote.speaker.name == name
    if title:
        assert quote.speaker.title == title
    if name is None:
        assert quote.speaker.text == "officials"


def test_quotes_article_pronoun_mention(article_quotes):
    quote = _find(article_quotes, "I hope so")
    assert quote.speaker.text == "he" and ARTICLE[quote.speaker.start : quote.speaker.end] == "he"
    assert quote.cue is not None and quote.cue.text == "said"


# --- the seed article (integration, reads ../shared) ---------------------------------------------------


def test_quotes_seed_article(extract_text):
    from tests.conftest import needs_shared

    text = needs_shared("seed", "article.txt").read_text(encoding="utf-8")
    quotes = extract_text(text, published="2022-03-08").quotes
    first, second = quotes_holding(quotes, "These additional personnel"), quotes_holding(quotes, "We are in place")
    assert first.speaker.name == second.speaker.name and first.speaker.country == "USA"
    assert "spokesman" in first.speaker.title
    assert quotes_holding(quotes, "These troops are very supportive").speaker.text == "officials"
    not_send = quotes_holding(quotes, "We are not going to send")
    assert not_send.speaker.country == "USA" and "spokesman" in not_send.speaker.title
    mixed = quotes_holding(quotes, "true negotiated solution")
    assert mixed.kind == "mixed" and mixed.speaker.country == "FRA"
    assert mixed.speaker.title.lower().endswith("president")
    for fragment in ("I hope so", "In the short term"):
        quote = quotes_holding(quotes, fragment)
        assert quote.speaker.text == "he" and quote.speaker.name == mixed.speaker.name


def quotes_holding(quotes, fragment):
    return _find(quotes, fragment)


@pytest.mark.parametrize(
    "text",
    ["According to Jane Roe, the talks failed. In the words of one aide, it was over.",
     "The plan, as reported by local media and according to two officials, was dropped.\nAccording to",
     "Nobody was quoted at all."],
)
def test_cues_phrase_matches_as_matcher(nlp, text):
    from spacy.matcher import Matcher

    from eventwire.extract.quoting.cues import _phrase_matches, segments
    from eventwire.extract.quoting.lexicon import _patterns
    from eventwire.extract.tokens import token_table

    doc = nlp(text)
    matcher = Matcher(doc.vocab)
    for _pid, label, pattern in _patterns():
        matcher.add(label, [pattern])
    spans = segments(doc)
    expected = sorted((a + s, a + e) for a, b in spans for _label, s, e in matcher(doc[a:b]))
    assert sorted(_phrase_matches(token_table(doc), spans, text.lower())) == expected


@pytest.mark.parametrize("text", [ARTICLE, "Nobody, the aide said on Monday after a long and tiring meeting, was hurt."])
def test_cues_edges_as_tokens(nlp, text):
    from eventwire.extract.tokens import edges, token_table

    doc = nlp(text)
    table = token_table(doc)
    assert [edges(table, t.i) for t in doc] == [(t.left_edge.i, t.right_edge.i) for t in doc]
