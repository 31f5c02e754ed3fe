"""Stage helper (times): TIMEX3 value building blocks: anchors, numbers, durations, year choice."""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from .find import Candidate
from .lexicon import lookup

PODS = {"MO", "AF", "EV", "NI", "MI", "DT"}
SLACK_MONTHS = 1  # a past-tense date may lie this many months after the publication date (and vice versa)
GRANULARITY_RANK = {
    "time": 0,
    "day": 1,
    "week": 2,
    "month": 3,
    "quarter": 4,
    "half": 5,
    "season": 4,
    "year": 6,
}


class Anchors(NamedTuple):
    """What relative expressions resolve against; ``tense`` is past, present, future or None."""

    dct: dt.date | None = None
    prev: str | None = None
    tense: str | None = None


class Norm(NamedTuple):
    """A normalized expression: TIMEX3 type, value, mod, and what anchored it (absolute/published/previous)."""

    type: str
    value: str | None
    mod: str | None = None
    anchor: str | None = None


def number_value(text: str | None) -> float | None:
    """Return the number of a numeral ("three", "twenty-one", "2.5", "5 1/2"); None for "several" and the like."""
    if not text:
        return None
    text = " ".join(text.lower().split())
    m = re.fullmatch(r"([0-9]+)(?:\s+([0-9])/([0-9]))?", text.replace(",", ""))
    if m:
        return int(m.group(1)) + (int(m.group(2)) / int(m.group(3)) if m.group(2) else 0)
    try:
        return float(text)
    except ValueError:
        pass
    value = lookup("number", text)
    if value is None or value == "X":
        return None
    return float(value)


def year_value(text: str | None, dct: dt.date | None) -> int | None:
    """Return a year from "1998" or "'98" (the century taken from the publication date, else 1900s)."""
    if not text:
        return None
    lowered = " ".join(text.lower().replace("-", " ").split())
    if lowered.startswith("nineteen"):
        rest = lowered[len("nineteen") :].strip()
        if rest.startswith("hundred"):
            rest = rest[len("hundred") :].strip()
        n = number_value(rest.replace(" ", "-")) or number_value(rest) or 0
        return 1900 + int(n)
    if lowered.startswith("two thousand"):
        rest = lowered[len("two thousand") :].replace("and", "").strip()
        return 2000 + int(number_value(rest) or 0) if rest else 2000
    if text.startswith("'"):
        century = (dct.year // 100 * 100) if dct else 1900
        year = century + int(text[1:])
        if dct and year > dct.year + 10:
            year -= 100
        return year
    return int(text)


def num_text(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def duration_value(n: float | None, unit: str) -> str:
    """Return a TIMEX3 duration: ``P3D``, ``PT2H``, ``PXY`` (n unknown); decades and centuries in years."""
    code = unit
    if code == "DE":
        return f"P{num_text(n * 10)}Y" if n is not None else "PXDE"
    if code == "CE":
        return f"P{num_text(n * 100)}Y" if n is not None else "PXCE"
    if code == "FN":
        return f"P{num_text(n * 2)}W" if n is not None else "PXW"
    if code == "WE":
        return f"P{num_text(n * 2)}D" if n is not None else "PXWE"
    if code == "Q":  # quarters are counted in months: "the next three quarters" is P9M
        return f"P{num_text(n * 3)}M" if n is not None else "PXM"
    if n is not None and not float(n).is_integer():
        finer = {
            "Y": (12, "M"),
            "M": (30, "D"),
            "W": (7, "D"),
            "D": (24, "H"),
            "H": (60, "M"),
            "MIN": (60, "S"),
        }
        if code in finer:
            factor, small = finer[code]
            whole, part = int(n), round((n - int(n)) * factor)
            time = "T" if code in ("D", "H", "MIN") and small in ("H", "M", "S") else ""
            big = "M" if code == "MIN" else code
            head = (
                f"P{'T' if code in ('H', 'MIN') else ''}{whole}{big}"
                if whole
                else f"P{'T' if code in ('H', 'MIN') else ''}"
            )
            if code in ("H", "MIN"):
                return f"{head}{part}{small}"
            return f"{head}{time}{part}{small}"
    count = num_text(n) if n is not None else "X"
    if code in ("H", "MIN", "S"):
        return f"PT{count}{'M' if code == 'MIN' else code}"
    return f"P{count}{code}"


def unit_code(word: str | None) -> str | None:
    """Return the unit code of "days", "week", "decade"...: D W M Q Y DE CE H MIN S WE FN."""
    return lookup("unit", word) if word else None


def choose_year(month: int, day: int | None, dct: dt.date, tense: str | None) -> int:
    """Return the year that puts month/day nearest the publication date, in the direction of ``tense``.

    Past tense takes the latest occurrence not after next month, future the earliest not before last
    month; otherwise the nearest occurrence wins.
    """
    here = dct.year * 12 + dct.month - 1
    options = {year: year * 12 + month - 1 - here for year in (dct.year - 1, dct.year, dct.year + 1)}
    if tense == "past":
        return max(y for y, gap in options.items() if gap <= SLACK_MONTHS)
    if tense == "future":
        return min(y for y, gap in options.items() if gap >= -SLACK_MONTHS)
    return min(options, key=lambda y: (abs(options[y]), -y))


def weekday_date(weekday: int, dct: dt.date, tense: str | None, relative: str | None = None) -> dt.date:
    """Return the date of an ISO weekday (1 = Monday) near the publication date."""
    back = (dct.isoweekday() - weekday) % 7
    ahead = (weekday - dct.isoweekday()) % 7
    if relative == "last":
        return dct - dt.timedelta(days=back or 7)
    if relative == "next":
        return dct + dt.timedelta(days=ahead or 7)
    if tense == "future":
        return dct + dt.timedelta(days=ahead)
    return dct - dt.timedelta(days=back)


def expression_mod(cand: Candidate) -> str | None:
    for name in ("pointmod", "approx"):
        value = cand.group(name)
        if value and cand.match.start(name) >= cand.start:
            return lookup(name, value.rstrip("-")) or lookup(name, value)
    return None


def relative_of(cand: Candidate) -> tuple[int, bool] | None:
    """Return (direction, anaphoric) of the candidate's relative word ("last" -> (-1, False))."""
    word = cand.group("relative")
    if not word:
        return None
    value = lookup("relative", word)
    if value is None:
        return None
    parts = value.split()
    return int(parts[0]), len(parts) > 1 and parts[1] == "prev"


def relative_word(direction: int) -> str | None:
    return {-1: "last", 1: "next"}.get(direction)
