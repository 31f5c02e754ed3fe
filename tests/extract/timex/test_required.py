"""The literal pre-filter of the TIMEX3 patterns: derived strings, and never a lost match."""

from __future__ import annotations

import re

import pytest

from eventwire.extract.timex import find
from eventwire.extract.timex.lexicon import rules
from eventwire.extract.timex.required import first_chars, first_words, required_strings


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?<!\w)(?:the\s+)?quarter", ("quarter",)),
        (r"(?:mon|tues)day", ("tuesday", "monday")),
        (r"(?:fiscal\s+)?year(?:'s)?", ("year's", "year")),
        (r"[0-9]+-[0-9]{2}", ("-",)),
        (r"(?:a|b)?[0-9]+", ()),
        (r"\w+", ()),
        (r"Day(?-i:X)", ("dayx",)),
    ],
)
def test_required_strings(pattern, expected):
    assert required_strings(re.compile(pattern, re.I)) == expected


def _unfiltered(text: str) -> list[tuple[int, int, str, int]]:
    out = []
    for start, end, categories in find._windows(text):
        for priority, rule in enumerate(rules()):
            if rule.needs and rule.needs.isdisjoint(categories):
                continue
            out += [(m.start(), m.end(), rule.name, priority) for m in rule.regex.finditer(text, start, end)]
    return sorted(out)


@pytest.mark.parametrize(
    "text",
    [
        "The ferry strike lasted three weeks and ended on Tuesday, March 4, 2021, after talks in the fall.",
        "Profits rose in the second quarter of fiscal 2019; the year-earlier period was weak.",
        "Crews worked for 48 hours until 5:30 p.m. on Christmas Eve, two days ago, in the 1990s style.",
        "ſome 12 Years later, every week, the nineteen eighties band played TWICE A MONTH since mid-2004.",
        "In the first half of next year, 20 to 30 more days of talks are planned for the coming weeks.",
    ],
)
def test_required_prefilter_loses_no_match(text):
    found = sorted((c.match.start(), c.match.end(), c.rule, c.priority) for c in find.find_candidates(text))
    assert found == _unfiltered(text)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?<!\w)(?:the\s+)?quarter", "[qt]"),
        (r"[0-2][0-9]:[0-5][0-9]", "[012]"),
        (r"(?:early\s+)?(?:mon|tues)day", "[emt]"),
        (r"(?:a)?\s*x", None),
        (r"(?:a)?", None),
    ],
)
def test_required_first_chars(pattern, expected):
    assert first_chars(re.compile(pattern, re.I)) == expected


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?:the\s+)?quarter(?!\w)", ({"the", "quarter"}, set(), False)),
        (r"(?:early|late)\s+(?:spring|fall)", ({"early", "late"}, set(), False)),
        (r"mid-?(?:may|june)(?![a-z])", ({"mid", "midmay", "midjune"}, set(), False)),
        (r"(?:the\s+)?[0-9]+\s+days?", ({"the"}, set(), True)),
        (r"(?:for\s+)?weeks", ({"for"}, {"weeks"}, False)),
        (r"\w+", None),
        (r"(?:a)?", None),
        (r"x.", None),
    ],
)
def test_required_first_words(pattern, expected):
    found = first_words(re.compile(pattern))
    assert found == (None if expected is None else tuple(map(frozenset, expected[:2])) + expected[2:])


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?:the\s+)?quarter(?!\w)", ({"quarter", "the quarter"}, set(), False)),
        (r"the\s+(?:year|day)s?(?!\w)", ({"the year", "the years", "the day", "the days"}, set(), False)),
        (r"(?:the\s+)?[0-9]+\s+days?", ({"the "}, set(), True)),
        (r"the\s(?!\w)", ({"the !"}, set(), False)),
        (r"mid-?(?:may|june)(?![a-z])", ({"mid", "midmay", "midjune"}, set(), False)),
        (
            r"(?:early|late)\s+(?:spring|fall)",
            (set(), {"early spring", "late spring", "early fall", "late fall"}, False),
        ),
    ],
)
def test_required_first_two_words(pattern, expected):
    found = first_words(re.compile(pattern), 2)
    assert found == tuple(map(frozenset, expected[:2])) + expected[2:]


def test_required_first_words_of_a_case_insensitive_pattern_are_unknown():
    assert first_words(re.compile("quarter", re.I)) is None
