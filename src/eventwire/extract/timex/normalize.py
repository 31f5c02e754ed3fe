"""Stage helper (times): turn a matched candidate into a TIMEX3 type, value and modifier.

Relative expressions are resolved against ``Anchors``: the publication date (``dct``), the last
calendar value mentioned before (``prev``), and the tense of the governing verb. Without a
publication date the unresolvable parts stay X (``XXXX-03-07``): no year is ever invented.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from .calendar import (
    GRANULARITY_OF_UNIT,
    add,
    fmt,
    holiday_date,
    parse_value,
    season_index,
)
from .find import Candidate
from .lexicon import lookup

PODS = {"MO", "AF", "EV", "NI", "MI", "DT"}
PRESENT_IS_FUTURE = False
SLACK_MONTHS = 1  # a past-tense date may lie this many months after the publication date (and vice versa)
GRANULARITY_RANK = {"time": 0, "day": 1, "week": 2, "month": 3, "quarter": 4, "half": 5, "season": 4, "year": 6}


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


def _num_text(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def duration_value(n: float | None, unit: str) -> str:
    """Return a TIMEX3 duration: ``P3D``, ``PT2H``, ``PXY`` (n unknown); decades and centuries in years."""
    code = unit
    if code == "DE":
        return f"P{_num_text(n * 10)}Y" if n is not None else "PXDE"
    if code == "CE":
        return f"P{_num_text(n * 100)}Y" if n is not None else "PXCE"
    if code == "FN":
        return f"P{_num_text(n * 2)}W" if n is not None else "PXW"
    if code == "WE":
        return f"P{_num_text(n * 2)}D" if n is not None else "PXWE"
    if code == "Q":  # quarters are counted in months: "the next three quarters" is P9M
        return f"P{_num_text(n * 3)}M" if n is not None else "PXM"
    if n is not None and not float(n).is_integer():
        finer = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "H"), "H": (60, "M"), "MIN": (60, "S")}
        if code in finer:
            factor, small = finer[code]
            whole, part = int(n), round((n - int(n)) * factor)
            time = "T" if code in ("D", "H", "MIN") and small in ("H", "M", "S") else ""
            big = "M" if code == "MIN" else code
            head = f"P{'T' if code in ('H', 'MIN') else ''}{whole}{big}" if whole else f"P{'T' if code in ('H', 'MIN') else ''}"
            if code in ("H", "MIN"):
                return f"{head}{part}{small}"
            return f"{head}{time}{part}{small}"
    count = _num_text(n) if n is not None else "X"
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
    if tense == "future" or (tense == "present" and PRESENT_IS_FUTURE):
        return dct + dt.timedelta(days=ahead)
    return dct - dt.timedelta(days=back)


def _mod(cand: Candidate) -> str | None:
    for name in ("pointmod", "approx"):
        value = cand.group(name)
        if value and cand.match.start(name) >= cand.start:
            return lookup(name, value.rstrip("-")) or lookup(name, value)
    return None


def _relative(cand: Candidate) -> tuple[int, bool] | None:
    """Return (direction, anaphoric) of the candidate's relative word ("last" -> (-1, False))."""
    word = cand.group("relative")
    if not word:
        return None
    value = lookup("relative", word)
    if value is None:
        return None
    parts = value.split()
    return int(parts[0]), len(parts) > 1 and parts[1] == "prev"


def _rel_word(direction: int) -> str | None:
    return {-1: "last", 1: "next"}.get(direction)


class Normalizer:
    """Normalize one candidate against its anchors; one method per pattern rule."""

    def __init__(self, anchors: Anchors) -> None:
        self.dct = anchors.dct
        self.prev = anchors.prev
        self.tense = anchors.tense

    def __call__(self, cand: Candidate) -> Norm:
        method = getattr(self, "rule_" + cand.rule, None)
        if method is None:
            return Norm("DATE", None)
        return method(cand)

    # the anchor for anaphoric expressions: the last date mentioned, else the publication date
    def _anchor(self, anaphoric: bool, need: str = "year") -> tuple[str, dt.date, str] | None:
        if anaphoric and self.prev:
            parsed = parse_value(self.prev)
            if parsed and GRANULARITY_RANK.get(parsed[0], 9) <= GRANULARITY_RANK.get(need, 6):
                return "previous", parsed[1], parsed[0]
        if self.dct:
            return "published", self.dct, "day"
        if self.prev:
            parsed = parse_value(self.prev)
            if parsed:
                return "previous", parsed[1], parsed[0]
        return None

    def rule_iso(self, cand: Candidate) -> Norm:
        value = f"{cand.group('year')}-{cand.group('mnum')}-{cand.group('day')}"
        if cand.group("hour"):
            return Norm("TIME", value + f"T{cand.group('hour')}:{cand.group('minute')}", None, "absolute")
        return Norm("DATE", value, None, "absolute")

    def rule_slash(self, cand: Candidate) -> Norm:
        month, day = int(cand.group("mnum")), int(cand.group("day"))
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return Norm("DATE", None)
        year = cand.group("year")
        if len(year) == 2:
            year = str(year_value("'" + year, self.dct))
        return Norm("DATE", f"{year}-{month:02d}-{day:02d}", None, "absolute")

    def _month_day(self, month: int, day: int | None, year: int | None, relative: str | None = None) -> tuple[str, str]:
        if year is None and self.dct is not None:
            if relative == "last":
                year = self.dct.year if month < self.dct.month else self.dct.year - 1
            elif relative == "next":
                year = self.dct.year if month > self.dct.month else self.dct.year + 1
            elif relative == "this":
                year = self.dct.year
            else:
                year = choose_year(month, day, self.dct, self.tense)
            anchor = "published"
        else:
            anchor = "absolute" if year is not None else None
        if day:
            dt.date(year if year is not None else 2000, month, day)  # raises ValueError for "February 30"
        ytext = str(year) if year is not None else "XXXX"
        value = f"{ytext}-{month:02d}" + (f"-{day:02d}" if day else "")
        return value, anchor

    def rule_date(self, cand: Candidate) -> Norm:
        month = int(lookup("month", cand.group("month")) or 0)
        day = int(cand.group("day") or lookup("ordinal", cand.group("ordinal")) or 0)
        if not month or not day:
            return Norm("DATE", None)
        value, anchor = self._month_day(month, day, year_value(cand.group("year"), self.dct))
        pod = lookup("partofday", cand.group("partofday"))
        if pod:
            return Norm("TIME", f"{value}T{pod}", _mod(cand), anchor)
        return Norm("DATE", value, _mod(cand), anchor)

    def rule_month(self, cand: Candidate) -> Norm:
        month = int(lookup("month", cand.group("month")) or 0)
        rel = _relative(cand)
        if rel and rel[1] and self.prev:  # "that May", "the following March"
            parsed = parse_value(self.prev)
            if parsed:
                base = parsed[1]
                year = base.year + (1 if rel[0] > 0 and month <= base.month else 0) - (1 if rel[0] < 0 and month >= base.month else 0)
                return Norm("DATE", f"{year}-{month:02d}", _mod(cand), "previous")
        word = (cand.group("relative") or "").lower().split()
        relative = _rel_word(rel[0]) if rel else None
        if rel and rel[0] == 0 and word and word[-1] in ("this", "current"):
            relative = "this"
        year = year_value(cand.group("year"), self.dct)
        myear = (cand.group("myear") or "").lower()
        if myear and self.dct:
            year = self.dct.year + {"last": -1, "next": 1}.get(myear, 0)
        value, anchor = self._month_day(month, None, year, relative)
        return Norm("DATE", value, _mod(cand), anchor)

    def rule_year(self, cand: Candidate) -> Norm:
        relyear = (cand.group("relyear") or "").lower()
        if relyear:
            if not self.dct:
                return Norm("DATE", "XXXX", None, None)
            shift = -1 if re.search(r"\b(last|previous|past|prior)\b", relyear) else 1 if "next" in relyear else 0
            return Norm("DATE", str(self.dct.year + shift), None, "published")
        if cand.group("yearend"):
            return Norm("DATE", str(self.dct.year) if self.dct else "XXXX", "END", "published" if self.dct else None)
        year = year_value(cand.group("year") or cand.group("spelled"), self.dct)
        if cand.group("period") and self.prev and not cand.group("pointmod"):
            prev = parse_value(self.prev)
            if prev and prev[0] == "quarter":  # "the 1988 period" in a report about a quarter
                return Norm("DATE", f"{year}-Q{(prev[1].month - 1) // 3 + 1}", None, "previous")
        return Norm("DATE", str(year), _mod(cand), "absolute")

    def rule_decade(self, cand: Candidate) -> Norm:
        word = cand.group("decword")
        if word:
            tens = int(number_value(word.lower().rstrip("s").replace("ie", "y").replace("tiey", "ty")) or 0)
            return Norm("DATE", f"19{tens // 10}", _mod(cand), "absolute")
        dec = cand.group("dec") or cand.group("dec2")
        century = cand.group("dcent")
        if century is None:
            century = str(self.dct.year // 100) if self.dct else "19"
        return Norm("DATE", f"{century}{dec[0]}", _mod(cand), "absolute")

    def rule_century(self, cand: Candidate) -> Norm:
        rel = (cand.group("crel") or "").lower()
        if rel:
            if not self.dct:
                return Norm("DATE", "XX", None, None)
            shift = -1 if ("last" in rel or "past" in rel) else 1 if "next" in rel else 0
            return Norm("DATE", f"{self.dct.year // 100 + shift:02d}", None, "published")
        n = int(cand.group("cnum") or lookup("ordinal", cand.group("ordinal")) or 0)
        return Norm("DATE", f"{n - 1:02d}", None, "absolute")

    def rule_quarter(self, cand: Candidate) -> Norm:
        qrel = " ".join((cand.match.group("qrel") or "").lower().split()) if cand.group("qrel") else ""
        text = cand.match.group().lower()
        n = int(cand.group("qnum") or lookup("ordinal", cand.group("ordinal")) or 0)
        if n > 4:
            return Norm("DURATION", None)
        year = year_value(cand.group("year") or cand.group("year2") or cand.group("year3"), self.dct)
        yearword = (cand.group("qyear") or cand.group("qyear2") or "").lower()
        prev = parse_value(self.prev) if self.prev else None
        if year is None and yearword and self.dct:
            year = self.dct.year + {"last": -1, "next": 1}.get(yearword, 0)
        ago = any(w in text for w in ("year-earlier", "year-ago", "year-before", "prior-year"))
        if ago:
            if prev and prev[0] == "quarter":
                base = prev[1]
            elif self.dct:
                base = add(self.dct, "Q", -1)
            else:
                return Norm("DATE", "XXXX-QX", None, None)
            if n:
                base = dt.date(base.year, 3 * n - 2, 1)
            return Norm("DATE", fmt(add(base, "Y", -1), "quarter"), None, "previous")
        if year is not None and not n:  # "the 1988 quarter": the quarter under discussion, in that year
            n = (prev[1].month - 1) // 3 + 1 if prev and prev[0] == "quarter" else None
            if n is None and self.dct:
                n = (add(self.dct, "Q", -1).month - 1) // 3 + 1
        if year is not None and n:
            return Norm("DATE", f"{year}-Q{n}", _mod(cand), "absolute")
        if not self.dct:
            return Norm("DATE", f"XXXX-Q{n}" if n else "XXXX-QX", _mod(cand), None)
        current = (self.dct.month - 1) // 3 + 1
        if n:
            if year is None:
                year = self.dct.year - (1 if n > current and self.tense != "future" else 0)
            return Norm("DATE", f"{year}-Q{n}", _mod(cand), "published")
        if "current" in qrel or "this" in text.split()[:1]:
            return Norm("DATE", fmt(self.dct, "quarter"), _mod(cand), "published")
        if "next" in qrel:
            return Norm("DATE", fmt(add(self.dct, "Q", 1), "quarter"), _mod(cand), "published")
        if ("same" in qrel or not qrel) and prev and prev[0] == "quarter":
            return Norm("DATE", self.prev, _mod(cand), "previous")
        return Norm("DATE", fmt(add(self.dct, "Q", -1), "quarter"), _mod(cand), "published")

    def rule_half(self, cand: Candidate) -> Norm:
        half = 1 if cand.group("half").lower() == "first" else 2
        year = year_value(cand.group("year"), self.dct)
        word = (cand.group("hyear") or "").lower()
        if year is None and self.dct:
            year = self.dct.year + {"last": -1, "next": 1}.get(word, 0)
            if not word and half == 2 and self.dct.month <= 6 and self.tense != "future":
                year -= 1
        return Norm("DATE", f"{year if year else 'XXXX'}-H{half}", None, "published" if not cand.group("year") else "absolute")

    def rule_season(self, cand: Candidate) -> Norm:
        season = lookup("season", cand.group("season"))
        year = year_value(cand.group("year"), self.dct)
        rel = _relative(cand)
        if year is None and self.dct:
            here = season_index(self.dct)
            there = ["SP", "SU", "FA", "WI"].index(season)
            base = self.dct.year - (1 if self.dct.month <= 2 else 0)  # January's winter began last year
            direction = rel[0] if rel else 0
            if rel and rel[1] and self.prev:
                parsed = parse_value(self.prev)
                year = parsed[1].year if parsed else base
            elif direction < 0:
                year = base if there < here else base - 1
            elif direction > 0:
                year = base if there > here else base + 1
            elif rel is None and self.tense == "past" and there > here:
                year = base - 1
            elif rel is None and self.tense == "future" and there < here:
                year = base + 1
            else:
                year = base
        return Norm("DATE", f"{year if year else 'XXXX'}-{season}", _mod(cand), "published" if self.dct else None)

    def rule_weekday(self, cand: Candidate) -> Norm:
        weekday = int(lookup("weekday", cand.group("weekday")))
        rel = _relative(cand)
        pod = lookup("partofday", cand.group("partofday"))
        day = cand.group("day") or cand.group("ordinal")
        if rel and rel[1] and self.prev:
            parsed = parse_value(self.prev)
            if parsed:
                base = parsed[1]
                if rel[0] >= 0:
                    date = base + dt.timedelta(days=(weekday - base.isoweekday()) % 7 or 7)
                else:
                    date = base - dt.timedelta(days=(base.isoweekday() - weekday) % 7 or 7)
                return self._day_norm(date, pod, cand, "previous")
        if not self.dct:
            return Norm("TIME" if pod else "DATE", f"XXXX-WXX-{weekday}" + (f"T{pod}" if pod else ""), _mod(cand), None)
        if day and self.dct:
            day_n = int(day) if day.isdigit() else int(lookup("ordinal", day) or 0)
            for months in (0, -1, 1):
                base = add(self.dct.replace(day=1), "M", months)
                try:
                    date = base.replace(day=day_n)
                except ValueError:
                    continue
                if date.isoweekday() == weekday:
                    return self._day_norm(date, pod, cand, "published")
        relative = _rel_word(rel[0]) if rel else None
        date = weekday_date(weekday, self.dct, self.tense, relative)
        return self._day_norm(date, pod, cand, "published")

    def _day_norm(self, date: dt.date, pod: str | None, cand: Candidate, anchor: str) -> Norm:
        if pod:
            return Norm("TIME", f"{date.isoformat()}T{pod}", _mod(cand), anchor)
        return Norm("DATE", date.isoformat(), _mod(cand), anchor)

    def rule_deictic(self, cand: Candidate) -> Norm:
        offset, _, pod = (lookup("deictic", cand.group("deictic")) or "0").partition(" ")
        pod = lookup("partofday", cand.group("partofday2")) or lookup("partofday", cand.group("partofday")) or pod or None
        if not self.dct:
            return Norm("TIME" if pod else "DATE", "XXXX-XX-XX" + (f"T{pod}" if pod else ""), _mod(cand), None)
        return self._day_norm(self.dct + dt.timedelta(days=int(offset)), pod, cand, "published")

    def rule_partofday(self, cand: Candidate) -> Norm:
        pod = lookup("partofday", cand.group("partofday"))
        rel = " ".join(cand.group("podrel").lower().split())
        offset = {"tomorrow": 1, "yesterday": -1, "last": -1, "the next": 1, "the following": 1, "the previous": -1}.get(rel, 0)
        anaphoric = rel in ("that", "the same", "the next", "the following", "the previous")
        anchor = self._anchor(anaphoric)
        if anchor is None or anchor[2] not in ("day", "time"):
            if anchor is None or not anaphoric:
                return Norm("TIME", f"XXXX-XX-XXT{pod}", _mod(cand), None)
            anchor = self._anchor(False) or anchor
        mod = _mod(cand) or {"late": "END", "early": "START", "later this": "END", "earlier this": "START"}.get(rel)
        date = anchor[1] + dt.timedelta(days=offset)
        return Norm("TIME", f"{date.isoformat()}T{pod}", mod, anchor[0])

    def rule_relunit(self, cand: Candidate) -> Norm:
        unit = (cand.group("unit") or "").lower()
        code = unit_code(unit) or "D"
        rel = _relative(cand)
        direction, anaphoric = rel if rel else (0, True)
        if not rel and code == "Y" and not cand.group("pointmod"):
            return Norm("DURATION", "P1Y", None, None)
        gran = "week" if code == "WE" else GRANULARITY_OF_UNIT.get(code, ("D", "day"))[1]
        if cand.group("month") and self.dct:  # "the week of March 6"
            day = dt.date(choose_year(int(lookup("month", cand.group("month"))), int(cand.group("day")), self.dct, self.tense),
                          int(lookup("month", cand.group("month"))), int(cand.group("day")))
            return Norm("DATE", fmt(day, gran), None, "published")
        if code == "WE" and not rel and self.dct:  # "the weekend": the last one, or the coming one in future tense
            weekend = self.dct
            if self.dct.isoweekday() < 6 and self.tense != "future":
                weekend = self.dct - dt.timedelta(days=self.dct.isoweekday())
            return Norm("DATE", fmt(weekend, "week") + "-WE", _mod(cand), "published")
        anchor = self._anchor(anaphoric, gran)
        if anchor is None:
            blank = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX",
                     "decade": "XXX", "century": "XX"}.get(gran, "XXXX")  # fmt: skip
            return Norm("DATE", blank + ("-WE" if code == "WE" else ""), _mod(cand), None)
        base = anchor[1]
        date = add(base, "W" if code == "WE" else code, direction)
        value = fmt(date, gran) + ("-WE" if code == "WE" else "")
        return Norm("DATE", value, _mod(cand), anchor[0])

    def rule_ref(self, cand: Candidate) -> Norm:
        if cand.group("coming"):
            return Norm("DATE", "FUTURE_REF", None, None)
        return Norm("DATE", lookup("ref", cand.match.group()) or "PRESENT_REF", None, None)

    def rule_ago(self, cand: Candidate) -> Norm:
        code = unit_code(cand.group("unit")) or "D"
        sign, _, kind = (lookup("offset", cand.group("offset")) or "-1 dct").partition(" ")
        n = number_value(cand.group("number"))
        mod = _mod(cand)
        if n is None or cand.group("few"):
            return Norm("DATE", "PAST_REF" if int(sign) < 0 else "FUTURE_REF", mod, None)
        anaphoric = kind == "prev"
        prev = parse_value(self.prev) if self.prev else None
        if code in ("Y", "Q") and prev and prev[0] == "quarter" and (anaphoric or code == "Y"):
            return Norm("DATE", fmt(add(prev[1], code, int(sign) * int(n)), "quarter"), mod, "previous")
        gran = "week" if code == "WE" else GRANULARITY_OF_UNIT.get(code, ("D", "day"))[1]
        if gran in ("hour", "minute", "second"):
            gran = "day"
        elif gran in ("decade", "century"):
            gran = "year"
        anchor = self._anchor(anaphoric, gran)
        if anchor is None:
            return Norm("DATE", {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX"}.get(gran, "XXXX"), mod, None)
        if anchor[2] == "quarter" and code in ("M", "W", "D"):
            gran = anchor[2]
        try:
            date = add(anchor[1], code, int(sign) * (n if code in ("D", "H", "MIN", "S") else int(n)))
        except (OverflowError, ValueError):
            return Norm("DATE", None, mod, None)
        return Norm("DATE", fmt(date, gran), mod, anchor[0])

    def rule_duration(self, cand: Candidate) -> Norm:
        code = unit_code(cand.group("unit")) or "D"
        if cand.group("few") or cand.group("lead") is not None or cand.group("number2"):
            n = None
        else:
            n = number_value(cand.group("number"))
            if n is not None and cand.group("andhalf"):
                n += 0.5
        return Norm("DURATION", duration_value(n, code), _mod(cand), None)

    def rule_set(self, cand: Candidate) -> Norm:
        text = cand.match.group().lower()
        freq = cand.group("frequency")
        if freq:
            return Norm("SET", lookup("frequency", freq), None, None)
        weekday = cand.group("weekday")
        if weekday:
            return Norm("SET", f"XXXX-WXX-{lookup('weekday', weekday)}", None, None)
        code = unit_code(cand.group("unit")) or "D"
        n = number_value(cand.group("number")) if cand.group("number") else (2 if "other" in text.split() else 1)
        if code == "WE":
            return Norm("SET", "XXXX-WXX-WE", None, None)
        if code == "Q":
            return Norm("SET", f"P{_num_text(n or 1)}Q", None, None)
        return Norm("SET", duration_value(n if n else 1, code), None, None)

    def rule_time(self, cand: Candidate) -> Norm:
        clock = lookup("clock", cand.group("clock"))
        if clock:
            hhmm = clock
        else:
            hour = int(cand.group("hour") or cand.group("hour2"))
            minute = int(cand.group("minute") or cand.group("minute2") or 0)
            ampm = (cand.group("ampm") or "").lower().replace(".", "")
            if ampm == "pm" and hour < 12:
                hour += 12
            elif ampm == "am" and hour == 12:
                hour = 0
            if hour > 24 or minute > 59:
                return Norm("TIME", None)
            hhmm = f"{hour:02d}:{minute:02d}"
        date: dt.date | None = None
        anchor = None
        if cand.group("weekday") and self.dct:
            date, anchor = weekday_date(int(lookup("weekday", cand.group("weekday"))), self.dct, self.tense), "published"
        elif cand.group("deictic") and self.dct:
            offset = (lookup("deictic", cand.group("deictic")) or "0").split()[0]
            date, anchor = self.dct + dt.timedelta(days=int(offset)), "published"
        elif cand.group("month") and self.dct:
            month = int(lookup("month", cand.group("month")))
            date = dt.date(choose_year(month, int(cand.group("day")), self.dct, self.tense), month, int(cand.group("day")))
            anchor = "published"
        else:
            found = self._anchor(True, "day")
            if found:
                date, anchor = found[1], found[0]
        prefix = date.isoformat() if date else "XXXX-XX-XX"
        return Norm("TIME", f"{prefix}T{hhmm}", _mod(cand), anchor)

    def rule_holiday(self, cand: Candidate) -> Norm:
        name = lookup("holiday", cand.group("holiday")) or ""
        year = year_value(cand.group("year"), self.dct)
        rel = _relative(cand)
        if year is None and self.dct:
            year = self.dct.year + (rel[0] if rel and not rel[1] else 0)
            if not rel:
                probe = holiday_date(name, self.dct.year)
                if probe:
                    year = choose_year(probe.month, probe.day, self.dct, self.tense)
        date = holiday_date(name, year) if year else None
        if date is None:
            mmdd = name if re.fullmatch(r"[0-9]{2}-[0-9]{2}", name) else "XX-XX"
            return Norm("DATE", f"XXXX-{mmdd}", None, None)
        if name == "EASTERWEEK":
            return Norm("DATE", fmt(date, "week"), None, "published")
        return Norm("DATE", date.isoformat(), None, "absolute" if cand.group("year") else "published")


def normalize(cand: Candidate, anchors: Anchors) -> Norm:
    """Return the TIMEX3 type, value and modifier of ``cand`` resolved against ``anchors``."""
    try:
        return Normalizer(anchors)(cand)
    except (ValueError, OverflowError, TypeError):
        # a date that does not exist ("February 30") keeps its span but no value
        return Norm("DATE", None)
