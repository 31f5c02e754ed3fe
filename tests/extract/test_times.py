"""Tests for extract/times.py and its helpers in extract/timex/: finding, normalising, anchoring, event dates."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.document import EventDate
from eventwire.extract.context import Context
from eventwire.extract.times import (
    FUTURE_AUX,
    PLAN_VERBS,
    event_date,
    expression_tense,
    extract_times,
    granularity,
)
from eventwire.extract.timex.calendar import add, easter, fmt, parse_value
from eventwire.extract.timex.find import find_timexes
from eventwire.extract.timex.normalize import Anchors, duration_value, normalize, number_value
from eventwire.extract.tokens import token_table

PUBLISHED = dt.date(2024, 5, 8)  # a Wednesday


@pytest.fixture(scope="module")
def times_of(nlp):
    """Return {text: Time} of the expressions found in a sentence published on PUBLISHED (or ``published``)."""

    def run(text: str, published: dt.date | None = PUBLISHED):
        return {t.text: t for t in extract_times(nlp(text), Context(published=published))}

    return run


def check(found: dict, expression: str, value: str, type_: str | None = None, mod: str | None = None) -> None:
    assert expression in found, f"{expression!r} not among {list(found)}"
    time = found[expression]
    assert time.value == value, (expression, time)
    if type_:
        assert time.type == type_, (expression, time)
    assert time.mod == mod, (expression, time)


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The dam was finished on June 3, 2019, after years of delay.", "June 3, 2019", "2019-06-03"),
        ("Talks with the miners' union opened 12 April 2021 in Tarnby.", "12 April 2021", "2021-04-12"),
        ("The ledger entry is dated 2021-11-30 in the archive.", "2021-11-30", "2021-11-30"),
        ("The orchard co-operative was founded in 1987.", "1987", "1987"),
        ("Flooding hit the valley in October 2020.", "October 2020", "2020-10"),
        ("The strike began on May 2nd and spread quickly.", "May 2nd", "2024-05-02"),
    ],
)
def test_times_absolute_dates(times_of, text, expression, value):
    check(times_of(text), expression, value, "DATE")


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The ferry sank yesterday near the harbour.", "yesterday", "2024-05-07"),
        ("Officials will announce the budget tomorrow.", "tomorrow", "2024-05-09"),
        ("Prices rose sharply last week in the capital.", "last week", "2024-W18"),
        ("The council votes on the plan next month.", "next month", "2024-06"),
        ("The governor resigned two days ago.", "two days ago", "2024-05-06"),
        ("Exports have doubled this year.", "this year", "2024"),
        ("Tourism fell last year by a third.", "last year", "2023"),
        ("The bridge opened three years ago.", "three years ago", "2021"),
    ],
)
def test_times_relative_to_publication(times_of, text, expression, value):
    check(times_of(text), expression, value, "DATE")


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The dockworkers' strike ended on Monday.", "Monday", "2024-05-06"),
        ("Negotiators met on Tuesday and left without a deal.", "Tuesday", "2024-05-07"),
        ("The committee will meet on Tuesday to vote.", "Tuesday", "2024-05-14"),
        ("The ministers will travel to Oslo on Friday.", "Friday", "2024-05-10"),
        ("Rescue teams arrived last Friday.", "last Friday", "2024-05-03"),
    ],
)
def test_times_weekday_tense(times_of, text, expression, value):
    check(times_of(text), expression, value, "DATE")


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        (
            "The levee broke on March 3, 2023. The next day, rescuers reached the village.",
            "The next day",
            "2023-03-04",
        ),
        (
            "Protests started in January 2022 and more than 400 people were detained that month.",
            "that month",
            "2022-01",
        ),
        (
            "The envoy arrived on 14 July 2021 and met the rebels the following week.",
            "the following week",
            "2021-W29",
        ),
    ],
)
def test_times_anchored_on_previous_date(times_of, text, expression, value):
    found = times_of(text)
    check(found, expression, value, "DATE")
    assert found[expression].anchor == "previous"


@pytest.mark.parametrize(
    ("text", "expression", "value", "mod"),
    [
        (
            "The army has been reinforcing the border since early February.",
            "early February",
            "2024-02",
            "START",
        ),
        ("Harvests are expected by mid-August.", "mid-August", "2024-08", "MID"),
        ("The shipments stopped in late March.", "late March", "2024-03", "END"),
        ("The election is due early next year.", "early next year", "2025", "START"),
    ],
)
def test_times_fuzzy_parts(times_of, text, expression, value, mod):
    check(times_of(text), expression, value, "DATE", mod)


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The siege lasted three days.", "three days", "P3D"),
        ("The hearing was delayed by two hours.", "two hours", "PT2H"),
        ("Fighting has intensified over the past two weeks.", "the past two weeks", "P2W"),
        ("He served 2 1/2 years in prison.", "2 1/2 years", "P2Y6M"),
        ("The program ran for several months.", "several months", "PXM"),
        ("It was their first win in two decades.", "two decades", "P20Y"),
    ],
)
def test_times_durations(times_of, text, expression, value):
    check(times_of(text), expression, value, "DURATION")


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The market opens every Monday.", "every Monday", "XXXX-WXX-1"),
        ("Patrols run daily along the river.", "daily", "P1D"),
        ("The board meets twice a year.", "twice a year", "P1Y"),
        ("Inspectors visit each week.", "each week", "P1W"),
    ],
)
def test_times_sets(times_of, text, expression, value):
    check(times_of(text), expression, value, "SET")


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The mayor recently visited the camp.", "recently", "PAST_REF"),
        ("The town is now under curfew.", "now", "PRESENT_REF"),
        ("A ruling is expected in the coming days or weeks.", "the coming days or weeks", "FUTURE_REF"),
        ("The plant may reopen in the future.", "the future", "FUTURE_REF"),
    ],
)
def test_times_vague_references(times_of, text, expression, value):
    check(times_of(text), expression, value, "DATE")


@pytest.mark.parametrize(
    ("text", "expression", "value", "type_"),
    [
        ("Profits fell in the third quarter.", "the third quarter", "2023-Q3", "DATE"),
        ("The firm posted third-quarter results.", "third-quarter", "2023-Q3", "DATE"),
        ("The lake dried up last summer.", "last summer", "2023-SU", "DATE"),
        ("Repairs continue this week.", "this week", "2024-W19", "DATE"),
        ("The movement grew in the 1990s.", "1990s", "199", "DATE"),
        ("The convoy left at 2 p.m. from the depot.", "2 p.m.", "2024-05-08T14:00", "TIME"),
        ("The convoy left Monday morning.", "Monday morning", "2024-05-06TMO", "TIME"),
        ("The shelling stopped at noon.", "noon", "2024-05-08T12:00", "TIME"),
        ("Sales fell in the first half of 2022.", "the first half of 2022", "2022-H1", "DATE"),
    ],
)
def test_times_calendar_units_and_times_of_day(times_of, text, expression, value, type_):
    check(times_of(text), expression, value, type_)


@pytest.mark.parametrize(
    "text",
    [
        "You may leave the hall now if you wish.",
        "Thousands march to the square every year.",
        "She came second in the regional race.",
        "The 2000 soldiers crossed the river.",
        "Their fall from power was sudden.",
        "About 1500 people signed the petition.",
    ],
)
def test_times_no_false_dates(times_of, text):
    found = times_of(text)
    for bad in ("may", "May", "march", "second", "2000", "fall", "1500"):
        assert bad not in found, found


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The accord was signed on March 7.", "March 7", "XXXX-03-07"),
        ("The accord was signed on Monday.", "Monday", "XXXX-WXX-1"),
        ("The accord was signed last week.", "last week", "XXXX-WXX"),
        ("The accord was signed on March 7, 2020.", "March 7, 2020", "2020-03-07"),
    ],
)
def test_times_without_publication_date_keep_x(times_of, text, expression, value):
    check(times_of(text, published=None), expression, value)


def test_times_find_works_on_plain_text():
    spans = [
        (c.start, c.end, c.rule) for c in find_timexes("Ships left on Friday and returned two weeks later.")
    ]
    texts = ["Ships left on Friday and returned two weeks later."[s:e] for s, e, _ in spans]
    assert texts == ["Friday", "two weeks"]


def test_times_normalize_is_separate_from_finding():
    (cand,) = find_timexes("They arrived on August 9.")
    assert normalize(cand, Anchors(dt.date(2010, 8, 20), None, "past")).value == "2010-08-09"
    assert normalize(cand, Anchors(None, None, None)).value == "XXXX-08-09"
    (cand,) = find_timexes("They return next Tuesday.")
    assert normalize(cand, Anchors(dt.date(2010, 8, 20), None, "future")).value == "2010-08-24"


@pytest.mark.parametrize(
    ("text", "value"),
    [("three", 3), ("twenty-one", 21), ("2.5", 2.5), ("5 1/2", 5.5), ("several", None), ("a", 1)],
)
def test_times_number_value(text, value):
    assert number_value(text) == value


@pytest.mark.parametrize(
    ("n", "unit", "value"),
    [
        (3, "D", "P3D"),
        (2, "H", "PT2H"),
        (None, "Y", "PXY"),
        (1.5, "Y", "P1Y6M"),
        (2, "DE", "P20Y"),
        (90, "MIN", "PT90M"),
    ],
)
def test_times_duration_value(n, unit, value):
    assert duration_value(n, unit) == value


def test_times_calendar_helpers():
    assert fmt(dt.date(2022, 3, 7), "week") == "2022-W10"
    assert fmt(dt.date(2022, 3, 7), "quarter") == "2022-Q1"
    assert add(dt.date(2022, 1, 31), "M", 1) == dt.date(2022, 2, 28)
    assert parse_value("2022-W10") == ("week", dt.date(2022, 3, 7))
    assert parse_value("PAST_REF") is None
    assert easter(2024) == dt.date(2024, 3, 31)
    assert (
        granularity("2022-03") == "month"
        and granularity("2022-SU") == "season"
        and granularity("P3D") == "vague"
    )


@pytest.fixture(scope="module")
def dated(nlp):
    text = (
        "The harbour workers went on strike on Monday. "
        "Union leaders said on April 30 that the stoppage would spread. "
        "The port authority complained about the losses."
    )
    doc = nlp(text)
    ctx = Context(published=PUBLISHED)
    return doc, extract_times(doc, ctx), ctx


def _token(doc, word):
    return next(t.i for t in doc if t.text == word)


def test_times_event_date_from_governing_expression(dated):
    doc, times, ctx = dated
    date = event_date(doc, _token(doc, "went"), times, ctx)
    assert (date.text, date.value, date.granularity) == ("Monday", "2024-05-06", "day")


def test_times_event_date_nearest_in_sentence(dated):
    doc, times, ctx = dated
    date = event_date(doc, _token(doc, "spread"), times, ctx)
    assert date.value == "2024-04-30"


def test_times_event_date_falls_back_to_publication(dated):
    doc, times, ctx = dated
    date = event_date(doc, _token(doc, "complained"), times, ctx)
    assert (date.value, date.granularity, date.text) == ("2024-05-08", "reported", None)
    assert event_date(doc, _token(doc, "complained"), times, Context()) is None


def test_times_event_date_with_known_sentence_span(dated):
    doc, times, ctx = dated
    for word in ("went", "spread", "complained"):
        sent = doc[_token(doc, word)].sent
        known = event_date(doc, _token(doc, word), times, ctx, sent_chars=(sent.start_char, sent.end_char))
        assert known == event_date(doc, _token(doc, word), times, ctx)


def _event_date_tokens(doc, token_i, times, ctx):
    """The reference: ``event_date`` written with spaCy's Token API (char_span roots, ancestors, ``Token.sent``)."""

    def clause_head(token):
        verb = next(
            (n for n in (token, *token.ancestors) if n.pos_ in ("VERB", "AUX") or n.tag_.startswith("VB")),
            None,
        )
        return verb if verb is not None else token.sent.root

    trigger = doc[token_i]
    sent = trigger.sent
    dated = [t for t in times if t.type in ("DATE", "TIME") and granularity(t.value) != "vague"
             and sent.start_char <= t.start < sent.end_char]  # fmt: skip
    spans = [(t, doc.char_span(t.start, t.end, alignment_mode="expand")) for t in dated]
    roots = [(t, span.root) for t, span in spans if span is not None and len(span)]
    clause = clause_head(trigger)
    governing = [(t, r) for t, r in roots if trigger in r.ancestors or clause_head(r) == clause]
    pool = governing or roots
    if pool:
        t = min(pool, key=lambda tr: abs(tr[1].i - token_i))[0]
        return EventDate(t.text, t.value, granularity(t.value), t.start, t.end)
    return None if ctx.published is None else EventDate(None, ctx.published.isoformat(), "reported")


def test_times_event_date_with_table_as_without(dated):
    doc, times, ctx = dated
    table, memo = token_table(doc), {}
    for tok in doc:
        for chosen in (times, times[:1], times[1:], []):
            expected = _event_date_tokens(doc, tok.i, chosen, ctx)
            assert event_date(doc, tok.i, chosen, ctx, table=table, memo=memo) == expected
            assert event_date(doc, tok.i, chosen, ctx, table=table) == expected
            assert event_date(doc, tok.i, chosen, ctx) == expected


def test_times_empty_and_odd_text(nlp):
    assert extract_times(nlp(" "), Context(published=PUBLISHED)) == []
    assert extract_times(nlp("February 30 never happens."), Context(published=PUBLISHED)) == []


def test_times_week_of_a_date(times_of):
    check(
        times_of("Inspections are planned for the week of March 4."),
        "the week of March 4",
        "2024-W10",
        "DATE",
    )


def test_times_seed_article_expressions(nlp):
    from tests.conftest import needs_shared

    text = needs_shared("seed", "article.txt").read_text(encoding="utf-8")
    found = {}
    for time in extract_times(nlp(text), Context(published=dt.date(2022, 3, 8))):
        found.setdefault(time.text, time)
    assert found["March 7"].value == "2022-03-07"
    assert found["February 24th"].value == "2022-02-24"
    assert found["Monday"].value == "2022-03-07"
    assert found["February"].value == "2022-02"
    assert (found["early February"].value, found["early February"].mod) == ("2022-02", "START")
    assert (found["that month"].value, found["that month"].anchor) == ("2022-02", "previous")
    assert found["the coming days or weeks"].value == "FUTURE_REF"


def _tense_tokens(doc, start, end):
    """The reference: ``expression_tense`` written with spaCy's Token API (char_span root, ancestors)."""

    def governing(token):
        return next(
            (n for n in (token, *token.ancestors) if n.pos_ in ("VERB", "AUX") or n.tag_.startswith("VB")),
            None,
        )

    def tense(verb):
        if verb is None:
            return None
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        lowers = {a.lower_ for a in auxes}
        if lowers & FUTURE_AUX or (verb.tag_ == "MD" and verb.lower_ in FUTURE_AUX):
            return "future"
        if verb.tag_ == "VB" and "to" in lowers:
            head = governing(verb.head) if verb.head.i != verb.i else None
            if head is None or head.i == verb.i or head.lemma_ in PLAN_VERBS or tense(head) != "past":
                return "future"
            return "past"
        if "would" in lowers and verb.tag_ in ("VB", "VBG"):
            return "future"
        if any(a.tag_ == "VBD" for a in auxes) or (verb.tag_ in ("VBD", "VBN") and not auxes):
            return "past"
        if verb.tag_ == "VBN" and lowers & {"has", "have", "'ve", "'s"}:
            return "past"
        return "past" if verb.tag_ == "VBD" else "present"

    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    root = span.root
    if root.dep_ == "poss" or (root.i + 1 < len(doc) and doc[root.i + 1].tag_ == "POS"):
        return "past"
    return tense(governing(root))


@pytest.mark.parametrize(
    "text",
    [
        "The Orvel ferry will resume service on Monday, officials said Tuesday, after Friday's storm.",
        "Talks that had stalled in March are scheduled to restart next week , and may  end by June 3.",
        "  Workers at the Dravo mill went on strike two days ago; they plan to vote again on Thursday!",
        "He said he would be travelling Thursday. Wednesday's ruling stood (for now).",
    ],
)
def test_times_expression_tense_is_the_token_apis(nlp, text):
    doc = nlp(text)
    table = token_table(doc)
    bounds = sorted({0, len(text), *(t.idx for t in doc), *(t.idx + len(t) for t in doc)})
    pairs = [(s, e) for s in bounds for e in bounds if s < e] + [(-1, 3), (3, len(text) + 1), (5, 5)]
    for start, end in pairs:
        assert expression_tense(doc, start, end, table) == _tense_tokens(doc, start, end), (start, end)
