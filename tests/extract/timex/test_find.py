"""Tests for the trigger scan of extract/timex/find.py: the lower-cased regex scan equals the word-by-word scan."""

from __future__ import annotations

import pytest

from eventwire.extract.timex import find


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
