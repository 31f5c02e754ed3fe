"""Stage helper (times): normalizers of calendar expressions: dates, months, years, decades, quarters, seasons."""

from __future__ import annotations

import datetime as dt
import re

from .calendar import add, fmt, parse_value, season_index
from .find import Candidate
from .lexicon import lookup
from .values import (
    GRANULARITY_RANK,
    Anchors,
    Norm,
    choose_year,
    expression_mod,
    number_value,
    relative_of,
    relative_word,
    year_value,
)


class CalendarRules:
    """Normalize calendar expressions (dates, months, years, quarters, seasons) against anchors."""

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

    def _month_day(
        self, month: int, day: int | None, year: int | None, relative: str | None = None
    ) -> tuple[str, str]:
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
            return Norm("TIME", f"{value}T{pod}", expression_mod(cand), anchor)
        return Norm("DATE", value, expression_mod(cand), anchor)

    def rule_month(self, cand: Candidate) -> Norm:
        month = int(lookup("month", cand.group("month")) or 0)
        rel = relative_of(cand)
        if rel and rel[1] and self.prev:  # "that May", "the following March"
            parsed = parse_value(self.prev)
            if parsed:
                base = parsed[1]
                year = (
                    base.year
                    + (1 if rel[0] > 0 and month <= base.month else 0)
                    - (1 if rel[0] < 0 and month >= base.month else 0)
                )
                return Norm("DATE", f"{year}-{month:02d}", expression_mod(cand), "previous")
        word = (cand.group("relative") or "").lower().split()
        relative = relative_word(rel[0]) if rel else None
        if rel and rel[0] == 0 and word and word[-1] in ("this", "current"):
            relative = "this"
        year = year_value(cand.group("year"), self.dct)
        myear = (cand.group("myear") or "").lower()
        if myear and self.dct:
            year = self.dct.year + {"last": -1, "next": 1}.get(myear, 0)
        value, anchor = self._month_day(month, None, year, relative)
        return Norm("DATE", value, expression_mod(cand), anchor)

    def rule_year(self, cand: Candidate) -> Norm:
        relyear = (cand.group("relyear") or "").lower()
        if relyear:
            if re.match(
                r"\s+(?:that\s+)?(?:ended|ending|ends|through)\b",
                cand.match.string[cand.end : cand.end + 20],
                re.I,
            ):
                return Norm("DURATION", "P1Y", None, None)  # "the fiscal year ended Jan. 31"
            if not self.dct:
                return Norm("DATE", "XXXX", None, None)
            shift = (
                -1 if re.search(r"\b(last|previous|past|prior)\b", relyear) else 1 if "next" in relyear else 0
            )
            return Norm("DATE", str(self.dct.year + shift), None, "published")
        if cand.group("yearend"):
            return Norm(
                "DATE", str(self.dct.year) if self.dct else "XXXX", "END", "published" if self.dct else None
            )
        year = year_value(cand.group("year") or cand.group("spelled"), self.dct)
        if cand.group("period") and self.prev and not cand.group("pointmod"):
            prev = parse_value(self.prev)
            if prev and prev[0] == "quarter":  # "the 1988 period" in a report about a quarter
                return Norm("DATE", f"{year}-Q{(prev[1].month - 1) // 3 + 1}", None, "previous")
        return Norm("DATE", str(year), expression_mod(cand), "absolute")

    def rule_decade(self, cand: Candidate) -> Norm:
        word = cand.group("decword")
        if word:
            tens = int(number_value(word.lower().rstrip("s").replace("ie", "y").replace("tiey", "ty")) or 0)
            return Norm("DATE", f"19{tens // 10}", expression_mod(cand), "absolute")
        dec = cand.group("dec") or cand.group("dec2")
        century = cand.group("dcent")
        if century is None:
            century = str(self.dct.year // 100) if self.dct else "19"
        return Norm("DATE", f"{century}{dec[0]}", expression_mod(cand), "absolute")

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
            return Norm("DATE", f"{year}-Q{n}", expression_mod(cand), "absolute")
        if not self.dct:
            return Norm("DATE", f"XXXX-Q{n}" if n else "XXXX-QX", expression_mod(cand), None)
        current = (self.dct.month - 1) // 3 + 1
        if n:
            if year is None:
                year = self.dct.year - (1 if n > current and self.tense != "future" else 0)
            return Norm("DATE", f"{year}-Q{n}", expression_mod(cand), "published")
        if "current" in qrel or "this" in text.split()[:1]:
            return Norm("DATE", fmt(self.dct, "quarter"), expression_mod(cand), "published")
        if "next" in qrel:
            return Norm("DATE", fmt(add(self.dct, "Q", 1), "quarter"), expression_mod(cand), "published")
        if ("same" in qrel or not qrel) and prev and prev[0] == "quarter":
            return Norm("DATE", self.prev, expression_mod(cand), "previous")
        return Norm("DATE", fmt(add(self.dct, "Q", -1), "quarter"), expression_mod(cand), "published")

    def rule_half(self, cand: Candidate) -> Norm:
        half = 1 if cand.group("half").lower() == "first" else 2
        year = year_value(cand.group("year"), self.dct)
        word = (cand.group("hyear") or "").lower()
        if year is None and self.dct:
            year = self.dct.year + {"last": -1, "next": 1}.get(word, 0)
            if not word and half == 2 and self.dct.month <= 6 and self.tense != "future":
                year -= 1
        return Norm(
            "DATE",
            f"{year if year else 'XXXX'}-H{half}",
            None,
            "published" if not cand.group("year") else "absolute",
        )

    def rule_season(self, cand: Candidate) -> Norm:
        season = lookup("season", cand.group("season"))
        year = year_value(cand.group("year"), self.dct)
        rel = relative_of(cand)
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
        return Norm(
            "DATE",
            f"{year if year else 'XXXX'}-{season}",
            expression_mod(cand),
            "published" if self.dct else None,
        )

    def _day_norm(self, date: dt.date, pod: str | None, cand: Candidate, anchor: str) -> Norm:
        if pod:
            return Norm("TIME", f"{date.isoformat()}T{pod}", expression_mod(cand), anchor)
        return Norm("DATE", date.isoformat(), expression_mod(cand), anchor)
