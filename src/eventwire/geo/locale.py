"""The country an English news article is written in, read from its house style (a weak prior for places).

Cues are data (``data/geo/locale_cues.tsv``): spellings ("percent" / "per cent", "center" / "centre"), the
way times, money and titles are written ("7 p.m.", "£5", "Mr Smith"), and words for institutions only some
countries have ("sheriff's deputies", "MPP", "the NHS"). Each cue found adds its weight to its countries
once; the countries within ``TIE`` of the leader are the article's home countries when the leader has
``MIN_SCORE``. The resolver uses them the way it uses a user-given home country: half a place named in the
article, which the article's own places outweigh.
"""

from __future__ import annotations

import re
from collections import Counter

from ..resources import cached, iter_tsv

MIN_SCORE = 1.0  # one cue is enough: the home is half a place, which the article's own places outweigh
TIE = 0.0  # countries tied with the leader share the home ("$" and "p.m." alone: the US or Canada)
SYMBOLS = ("$", "£", "€")  # cues found anywhere, not only between spaces
REGEX = "re:"  # a cue written as a regular expression (times, phone numbers); begin it with a literal: it is fast
TRAILING = ",.;:)!?\"'”’"  # punctuation a word may carry before the next space


class _Cues:
    """The cue table indexed for one ``split()`` of the text: the last word of each cue → its cues."""

    def __init__(self, rows: list[tuple[str, tuple[str, ...], float]]) -> None:
        self.symbols: list[tuple[str, tuple[str, ...], float]] = []
        self.patterns: list[tuple[re.Pattern, tuple[str, ...], float]] = []
        self.by_word: dict[str, list[tuple[str, str | None, tuple[str, ...], float]]] = {}
        words: list[tuple[str, str, str | None, tuple[str, ...], float]] = []
        for cue, countries, weight in rows:
            if cue in SYMBOLS:
                self.symbols.append((cue, countries, weight))
            elif cue.startswith(REGEX):
                self.patterns.append((re.compile(cue[len(REGEX):]), countries, weight))
            else:
                for text in {cue, cue[0].upper() + cue[1:]} if cue[:1].islower() else {cue}:
                    phrase = text if " " in text else None  # ", Ga." and "per cent" are checked in the text
                    words.append((text.split()[-1], cue, phrase, countries, weight))
        exact = {w[0] for w in words}
        for last, *entry in words:  # "Mr" followed by a full stop is the cue "Mr.", not "Mr"
            for word in [last, *(last + p for p in TRAILING if last + p not in exact)]:
                self.by_word.setdefault(word, []).append(tuple(entry))
        self.words = frozenset(self.by_word)


@cached
def _cues() -> _Cues:
    return _Cues([(cue, tuple(countries.split("|")), float(weight))
                  for cue, countries, weight in iter_tsv("geo/locale_cues.tsv")])


def locale_scores(text: str) -> Counter:
    """Return the summed weight of the cues of each country (ISO3) found in ``text``."""
    cues = _cues()
    scores: Counter = Counter()
    seen: set[str] = set()
    for symbol, countries, weight in cues.symbols:
        if symbol in text:
            for cc in countries:
                scores[cc] += weight
    for pattern, countries, weight in cues.patterns:
        if pattern.search(text):
            for cc in countries:
                scores[cc] += weight
    for word in cues.words.intersection(text.split()):
        for cue, phrase, countries, weight in cues.by_word[word]:
            if cue in seen or phrase is not None and phrase not in text:
                continue
            seen.add(cue)
            for cc in countries:
                scores[cc] += weight
    return scores


def home_countries(text: str) -> tuple[str, ...]:
    """Return the ISO3 codes of the countries ``text`` is most likely written in (none when its cues are weak)."""
    ranked = locale_scores(text).most_common() if text else []
    if not ranked or ranked[0][1] < MIN_SCORE:
        return ()
    return tuple(sorted(cc for cc, s in ranked if s >= ranked[0][1] - TIE))
