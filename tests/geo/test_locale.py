"""Locale: the country an article is written in, from its house style."""

from __future__ import annotations

import pytest

from eventwire.geo.locale import home_countries, locale_scores


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The council voted 5-2 at 7 p.m. to raise the levy 3 percent, Mayor Tod Brenner said.", ("USA",)),
        ("Sheriff's deputies found the truck near Dalby, Ga., on Tuesday.", ("USA",)),
        ("Prices rose 4 per cent and the new centre opens at 9 a.m., the MPP told reporters.", ("CAN",)),
        ("Mr Haskett, a Tory councillor, said the £2m programme would help pupils.", ("GBR",)),
        ("Tickets cost $12 at the door.", ("AUS", "CAN", "NZL", "USA")),
        ("Call the desk on 01632 960123 before 4.30pm, detectives said.", ("GBR",)),
        ("Call Sgt. Ardley at (555) 014-2291 or walk over to the elementary school.", ("USA",)),
        ("The river rose overnight and the bridge was closed.", ()),
        ("", ()),
    ],
)
def test_locale_home_countries(text, expected):
    assert home_countries(text) == expected


def test_locale_cue_counts_once_and_sees_punctuation():
    scores = locale_scores("Rates fell 2 percent. Then 3 percent, then percent; again.")
    assert scores["USA"] == 2.0


def test_locale_phrase_needs_its_words_together():
    assert locale_scores("He paid per head, not one cent more.")["GBR"] == 0


def test_locale_year_ranges_are_no_phone_numbers():
    assert locale_scores("The 2008-2009 season, then 1998-2001.") == {}


def test_locale_word_with_full_stop_is_its_own_cue():
    assert set(locale_scores("Then Mr. Brandt left.")) == {"USA", "CAN"}
    assert set(locale_scores("Then Mr Brandt left, said Mr")) == {"GBR", "IRL", "AUS", "NZL"}
