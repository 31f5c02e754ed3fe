"""Stage helper (times): turn a matched candidate into a TIMEX3 type, value and modifier.

Relative expressions are resolved against ``Anchors``: the publication date (``dct``), the last
calendar value mentioned before (``prev``), and the tense of the governing verb. Without a
publication date the unresolvable parts stay X (``XXXX-03-07``): no year is ever invented.
"""

from __future__ import annotations

import datetime as dt
import re

from .absolute import CalendarRules
from .calendar import GRANULARITY_OF_UNIT, add, fmt, holiday_date, parse_value
from .find import Candidate
from .lexicon import lookup
from .values import (
    Anchors,
    Norm,
    choose_year,
    duration_value,
    expression_mod,
    num_text,
    number_value,
    relative_of,
    relative_word,
    unit_code,
    weekday_date,
    year_value,
)

ENDED_RE = re.compile(r"\s+(?:that\s+)?(?:ended|ending|ends|through|to\s+date)\b", re.I)

__all__ = ["Anchors", "Norm", "Normalizer", "duration_value", "normalize", "number_value"]


class Normalizer(CalendarRules):
    """Normalize one candidate against its anchors; one ``rule_<name>`` method per pattern rule."""

    def rule_weekday(self, cand: Candidate) -> Norm:
        weekday = int(lookup("weekday", cand.group("weekday")))
        rel = relative_of(cand)
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
            return Norm(
                "TIME" if pod else "DATE",
                f"XXXX-WXX-{weekday}" + (f"T{pod}" if pod else ""),
                expression_mod(cand),
                None,
            )
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
        relative = relative_word(rel[0]) if rel else None
        date = weekday_date(weekday, self.dct, self.tense, relative)
        return self._day_norm(date, pod, cand, "published")

    def rule_deictic(self, cand: Candidate) -> Norm:
        offset, _, pod = (lookup("deictic", cand.group("deictic")) or "0").partition(" ")
        pod = (
            lookup("partofday", cand.group("partofday2"))
            or lookup("partofday", cand.group("partofday"))
            or pod
            or None
        )
        if not self.dct:
            return Norm(
                "TIME" if pod else "DATE",
                "XXXX-XX-XX" + (f"T{pod}" if pod else ""),
                expression_mod(cand),
                None,
            )
        return self._day_norm(self.dct + dt.timedelta(days=int(offset)), pod, cand, "published")

    def rule_partofday(self, cand: Candidate) -> Norm:
        pod = lookup("partofday", cand.group("partofday"))
        rel = " ".join(cand.group("podrel").lower().split())
        offset = {
            "tomorrow": 1,
            "yesterday": -1,
            "last": -1,
            "the next": 1,
            "the following": 1,
            "the previous": -1,
        }.get(rel, 0)
        anaphoric = rel in ("that", "the same", "the next", "the following", "the previous")
        anchor = self._anchor(anaphoric)
        if anchor is None or anchor[2] not in ("day", "time"):
            if anchor is None or not anaphoric:
                return Norm("TIME", f"XXXX-XX-XXT{pod}", expression_mod(cand), None)
            anchor = self._anchor(False) or anchor
        mod = expression_mod(cand) or {
            "late": "END",
            "early": "START",
            "later this": "END",
            "earlier this": "START",
        }.get(rel)
        date = anchor[1] + dt.timedelta(days=offset)
        return Norm("TIME", f"{date.isoformat()}T{pod}", mod, anchor[0])

    def rule_relunit(self, cand: Candidate) -> Norm:
        unit = (cand.group("unit") or "").lower()
        code = unit_code(unit) or "D"
        rel = relative_of(cand)
        direction, anaphoric = rel if rel else (0, True)
        if (
            not rel
            and code == "Y"
            and not cand.group("pointmod")
            and (ENDED_RE.match(cand.match.string, cand.end) or not self.dct)
        ):
            return Norm("DURATION", "P1Y", None, None)  # "the year ended June 30" is a span of a year
        gran = "week" if code == "WE" else GRANULARITY_OF_UNIT.get(code, ("D", "day"))[1]
        if cand.group("month") and self.dct:  # "the week of March 6"
            day = dt.date(
                choose_year(
                    int(lookup("month", cand.group("month"))), int(cand.group("day")), self.dct, self.tense
                ),
                int(lookup("month", cand.group("month"))),
                int(cand.group("day")),
            )
            return Norm("DATE", fmt(day, gran), None, "published")
        if (
            code == "WE" and not rel and self.dct
        ):  # "the weekend": the last one, or the coming one in future tense
            weekend = self.dct
            if self.dct.isoweekday() < 6 and self.tense != "future":
                weekend = self.dct - dt.timedelta(days=self.dct.isoweekday())
            return Norm("DATE", fmt(weekend, "week") + "-WE", expression_mod(cand), "published")
        anchor = self._anchor(anaphoric, gran)
        if anchor is None:
            blank = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX",
                     "decade": "XXX", "century": "XX"}.get(gran, "XXXX")  # fmt: skip
            return Norm("DATE", blank + ("-WE" if code == "WE" else ""), expression_mod(cand), None)
        base = anchor[1]
        date = add(base, "W" if code == "WE" else code, direction)
        value = fmt(date, gran) + ("-WE" if code == "WE" else "")
        return Norm("DATE", value, expression_mod(cand), anchor[0])

    def rule_ref(self, cand: Candidate) -> Norm:
        if cand.group("coming"):
            return Norm("DATE", "FUTURE_REF", None, None)
        return Norm("DATE", lookup("ref", cand.match.group()) or "PRESENT_REF", None, None)

    def rule_ago(self, cand: Candidate) -> Norm:
        code = unit_code(cand.group("unit")) or "D"
        sign, _, kind = (lookup("offset", cand.group("offset")) or "-1 dct").partition(" ")
        n = number_value(cand.group("number"))
        mod = expression_mod(cand)
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
            return Norm(
                "DATE",
                {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX"}.get(gran, "XXXX"),
                mod,
                None,
            )
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
        return Norm("DURATION", duration_value(n, code), expression_mod(cand), None)

    def rule_set(self, cand: Candidate) -> Norm:
        text = cand.match.group().lower()
        freq = cand.group("frequency")
        if freq:
            return Norm("SET", lookup("frequency", freq), None, None)
        weekday = cand.group("weekday")
        if weekday:
            return Norm("SET", f"XXXX-WXX-{lookup('weekday', weekday)}", None, None)
        code = unit_code(cand.group("unit")) or "D"
        n = (
            number_value(cand.group("number"))
            if cand.group("number")
            else (2 if "other" in text.split() else 1)
        )
        if code == "WE":
            return Norm("SET", "XXXX-WXX-WE", None, None)
        if code == "Q":
            return Norm("SET", f"P{num_text(n or 1)}Q", None, None)
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
            date, anchor = (
                weekday_date(int(lookup("weekday", cand.group("weekday"))), self.dct, self.tense),
                "published",
            )
        elif cand.group("deictic") and self.dct:
            offset = (lookup("deictic", cand.group("deictic")) or "0").split()[0]
            date, anchor = self.dct + dt.timedelta(days=int(offset)), "published"
        elif cand.group("month") and self.dct:
            month = int(lookup("month", cand.group("month")))
            date = dt.date(
                choose_year(month, int(cand.group("day")), self.dct, self.tense),
                month,
                int(cand.group("day")),
            )
            anchor = "published"
        else:
            found = self._anchor(True, "day")
            if found:
                date, anchor = found[1], found[0]
        prefix = date.isoformat() if date else "XXXX-XX-XX"
        return Norm("TIME", f"{prefix}T{hhmm}", expression_mod(cand), anchor)

    def rule_holiday(self, cand: Candidate) -> Norm:
        name = lookup("holiday", cand.group("holiday")) or ""
        year = year_value(cand.group("year"), self.dct)
        rel = relative_of(cand)
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
