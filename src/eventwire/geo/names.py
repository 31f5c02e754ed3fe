"""Name keys: how a toponym and a gazetteer name are made comparable (case, accents, punctuation)."""

from __future__ import annotations

import functools
import re
import unicodedata

_PUNCT = re.compile(r"[.'’`´]")
_SPACE = re.compile(r"[\s\-‐–—_,/]+")
_SAINT = re.compile(r"^(st|ste|saint|sainte) ")
_MT = re.compile(r"^(mt|mount) ")
_FT = re.compile(r"^(ft|fort) ")
_THE = re.compile(r"^the ")


def fold(text: str) -> str:
    """Return ``text`` without accents, in lower case."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@functools.lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """Return the lookup key of a name: folded, no dots or apostrophes, hyphens as spaces, no leading "the".

    "St."/"Saint", "Mt."/"Mount" and "Ft."/"Fort" share one key.
    """
    key = _SPACE.sub(" ", _PUNCT.sub("", fold(text))).strip()
    key = _THE.sub("", key)
    key = _SAINT.sub("saint ", key)
    key = _MT.sub("mount ", key)
    return _FT.sub("fort ", key)


def is_latin(text: str) -> bool:
    """Return True when every letter of ``text`` is Latin script (after removing accents)."""
    folded = fold(text)
    return any(c.isalpha() for c in folded) and all(c.isascii() or not c.isalpha() for c in folded)
