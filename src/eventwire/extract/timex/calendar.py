"""Stage helper (times): calendar arithmetic on TIMEX3 values (shift, format, parse, holidays)."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

# unit code -> (duration letter, granularity of a point at that unit)
GRANULARITY_OF_UNIT = {
    "S": ("S", "second"), "MIN": ("M", "minute"), "H": ("H", "hour"), "D": ("D", "day"), "WE": ("W", "week"),
    "W": ("W", "week"), "FN": ("W", "week"), "M": ("M", "month"), "Q": ("Q", "quarter"), "Y": ("Y", "year"),
    "DE": ("Y", "decade"), "CE": ("Y", "century"),
}  # fmt: skip
SEASON_OF_MONTH = {12: 3, 1: 3, 2: 3, 3: 0, 4: 0, 5: 0, 6: 1, 7: 1, 8: 1, 9: 2, 10: 2, 11: 2}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
VALUE_RE = re.compile(
    r"(?P<y>[0-9]{4})(?:-(?:(?P<m>[0-9]{2})(?:-(?P<d>[0-9]{2}))?|W(?P<w>[0-9]{2})|Q(?P<q>[1-4])|H(?P<h>[12])"
    r"|(?P<s>SP|SU|FA|WI)))?"
)


def add(date: dt.date, unit: str, n: float) -> dt.date:
    """Return ``date`` shifted by ``n`` units (D W M Q Y DE CE; H MIN S count as fractions of a day)."""
    if unit in ("D",):
        return date + dt.timedelta(days=n)
    if unit in ("H", "MIN", "S"):
        per_day = {"H": 24, "MIN": 1440, "S": 86400}[unit]
        return date + dt.timedelta(days=int(n // per_day) if n < 0 else int(n // per_day))
    if unit in ("W", "WE"):
        return date + dt.timedelta(weeks=n)
    if unit == "FN":
        return date + dt.timedelta(weeks=2 * n)
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}.get(unit)
    if months is None:
        return date
    total = date.year * 12 + date.month - 1 + int(n) * months
    year, month = divmod(total, 12)
    day = min(date.day, calendar.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day)


def fmt(date: dt.date, granularity: str) -> str:
    """Return the TIMEX3 value of ``date`` at a granularity (day, week, month, quarter, year, decade, century)."""
    if granularity == "week":
        year, week, _ = date.isocalendar()
        return f"{year}-W{week:02d}"
    if granularity == "month":
        return f"{date.year}-{date.month:02d}"
    if granularity == "quarter":
        return f"{date.year}-Q{(date.month - 1) // 3 + 1}"
    if granularity == "year":
        return str(date.year)
    if granularity == "decade":
        return str(date.year // 10)
    if granularity == "century":
        return f"{date.year // 100:02d}"
    return date.isoformat()


@functools.lru_cache(maxsize=4096)
def parse_value(value: str | None) -> tuple[str, dt.date] | None:
    """Return (granularity, first day) of a calendar TIMEX3 value such as ``2022-03``; None for others."""
    if not value:
        return None
    m = VALUE_RE.match(value)
    if not m:
        return None
    year = int(m.group("y"))
    try:
        if m.group("d"):
            return "day", dt.date(year, int(m.group("m")), int(m.group("d")))
        if m.group("m"):
            return "month", dt.date(year, int(m.group("m")), 1)
        if m.group("w"):
            return "week", dt.date.fromisocalendar(year, int(m.group("w")), 1)
        if m.group("q"):
            return "quarter", dt.date(year, 3 * int(m.group("q")) - 2, 1)
        if m.group("h"):
            return "half", dt.date(year, 1 if m.group("h") == "1" else 7, 1)
        if m.group("s"):
            return "season", dt.date(year, SEASON_START[m.group("s")], 1)
    except ValueError:
        return None
    return "year", dt.date(year, 1, 1)


def season_index(date: dt.date) -> int:
    """Return the season of a date: 0 spring, 1 summer, 2 fall, 3 winter (northern hemisphere)."""
    return SEASON_OF_MONTH[date.month]


def easter(year: int) -> dt.date:
    """Return the date of (Western) Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """Return the n-th ISO weekday of a month (n = -1 for the last)."""
    days = [
        d
        for d in range(1, calendar.monthrange(year, month)[1] + 1)
        if dt.date(year, month, d).isoweekday() == weekday
    ]
    return dt.date(year, month, days[n if n < 0 else n - 1])


def holiday_date(name: str, year: int) -> dt.date | None:
    """Return a holiday's date in ``year``: ``MM-DD`` names or a movable feast's rule name."""
    if re.fullmatch(r"[0-9]{2}-[0-9]{2}", name):
        return dt.date(year, int(name[:2]), int(name[3:]))
    rules = {
        "EASTER": lambda: easter(year),
        "EASTERWEEK": lambda: easter(year),
        "GOODFRIDAY": lambda: easter(year) - dt.timedelta(days=2),
        "THANKSGIVING": lambda: nth_weekday(year, 11, 4, 4),
        "LABOR": lambda: nth_weekday(year, 9, 1, 1),
        "MEMORIAL": lambda: nth_weekday(year, 5, 1, -1),
        "ELECTION": lambda: nth_weekday(year, 11, 1, 1) + dt.timedelta(days=1),
    }
    rule = rules.get(name)
    return rule() if rule else None
