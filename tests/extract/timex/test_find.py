"""Tests for the trigger scan of extract/timex/find.py: the lower-cased regex scan equals the word-by-word scan."""

from __future__ import annotations

import re

import pytest

from eventwire.extract.timex import find
from eventwire.extract.tokens import token_table


def _word_scan(text: str) -> list[tuple[int, int, frozenset[str]]]:
    triggers = find.trigger_words()
    out = []
    for m in find.WORD_RE.finditer(text):
        word = m.group()
        categories = frozenset(("digit",)) if word.isdigit() else triggers.get(word.lower())
        if categories is not None:
            out.append((m.start(), m.end(), categories))
    return out


@pytest.mark.parametrize(
    "text",
    [
        "The Zorvan council met on Monday and again last WEEK, two days after the vote.",
        "Mayor Talli said the G7 summit of 2031 ends Tuesday; mayors met in MAY, Mayday aside.",
        "Prices rose 4.5% in the third quarter (Q3), the fiscal-year report said yesterday.",
        "The Kelvin sign \u212a and \u0130stanbul-style letters fall back to the word scan on Friday.",
        "Ünal Berk flew to Ørsk twice this month; the STRASSE café opened at 9 a.m. Sunday.",
        "",
    ],
)
def test_find_triggers_equal_word_scan(text):
    assert list(find._triggers(text)) == _word_scan(text)


def _spans(candidates: list[find.Candidate]) -> list[tuple[int, int, str, int, dict]]:
    return [(c.start, c.end, c.rule, c.priority, c.match.groupdict()) for c in candidates]


@pytest.mark.parametrize(
    "text",
    [
        "On MONDAY, March 3, 2031 the Velorian cabinet met at 10 A.M. for THREE HOURS, as it did two weeks AGO.",
        "The Dravos fund said 2031-04-05T10:30 that the Third Quarter and the FISCAL YEAR 2030 were weak.",
        "Twice A Week since the Winter of 2029 the Orlen board meets; Next Tuesday it votes, Late Afternoon.",
        "The Kelvin sign \u212a and dotless \u0131 or long \u017f keep the case-insensitive scan on Friday, 2 days ago.",
        "Ünal Berk flew to Ørsk in MAY 2030; the café opened EARLY THIS MONTH.",
    ],
)
def test_find_candidates_lowered_scan_equals_case_insensitive(monkeypatch, text):
    assert all(rule.lowered is not None for rule in find.rules())
    found = find.find_candidates(text)
    assert found and all(c.match.string is text for c in found)
    unlowered = tuple(rule._replace(lowered=None) for rule in find.rules())
    monkeypatch.setattr(find, "rules", lambda: unlowered)
    assert _spans(find.find_candidates(text)) == _spans(found)


@pytest.mark.parametrize(
    "text",
    [
        "On Tuesday, 4 March 2031 the Velorian council met at 9:15 p.m., two weeks after the spring vote.",
        "The Dravos mill ran for 12 hours a day in the first half of 2030 and twice a week since mid-May.",
        "Quarterly: the third-quarter and year-earlier period results of the 1990s came out late Friday night.",
        "(Reuters) - 2031-01-05 ... [the coming weeks] 'Monday' \"tonight\"; 3 years ago, every other month.",
        "THE ZORVAN FLOTILLA SAILED LAST NIGHT, NEARLY 48 HOURS AFTER THE 5/6/2030 ORDER.",
        "the\tyear  ended; the \n 1990s, the\u2028day after, the  first half of the 2020s and the fiscal year",
        "",
    ],
)
def test_find_candidates_word_index_equals_scan(monkeypatch, text):
    assert find.start_index()[1]  # the patterns of the lexicon are indexed
    found = find.find_candidates(text)
    monkeypatch.setattr(find, "start_index", lambda: ({}, frozenset()))
    monkeypatch.setattr(find, "start_regex", lambda: re.compile("(?!)"))
    assert _spans(find.find_candidates(text)) == _spans(found)


def test_find_token_at_is_char_spans(nlp):
    doc = nlp("  The Velorian vote of  May 2031 ended; 2000 soldiers left.\n")
    table = token_table(doc)
    for char in range(-2, len(doc.text) + 2):
        span = doc.char_span(char, char + 1, alignment_mode="expand")
        expected = span[0].i if span is not None and len(span) else None
        assert find._token_at(table, char) == expected, char


def _windows_of_triggers(text: str) -> list[tuple[int, int, set[str]]]:
    """The reference: ``_windows`` merged from ``_triggers`` (one trigger per digit)."""
    windows: list[tuple[int, int, set[str]]] = []
    n = len(text)
    for word_start, word_end, categories in find._triggers(text):
        start, end = max(0, word_start - find.WINDOW), min(n, word_end + find.WINDOW)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end, windows[-1][2] | categories)
        else:
            windows.append((start, end, set(categories)))
    snapped = []
    for start, end, categories in windows:
        while end < n and not text[end].isspace():
            end += 1
        snapped.append((start, end, categories))
    return snapped


@pytest.mark.parametrize(
    "text",
    [
        "March 3, 2031: the Orvel port handled 12,500,000 tonnes in 48 hours, up 3.5% on Monday's figure.",
        "Monday"
        + " filler words without any temporal sense at all, repeated" * 3
        + " 2029 and 5pm yesterday.",
        "x" * 60 + "1" + "y" * 60 + " in MAY" + " " * 50 + "weekly, twice a day; 7/8/2030",
        "No trigger in this Zorvan sentence whatsoever.",
        "",
    ],
)
def test_find_windows_equal_trigger_windows(text):
    assert find._windows(text) == _windows_of_triggers(text)
