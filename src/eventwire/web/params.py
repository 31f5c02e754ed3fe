"""Parse and validate the web viewer's query parameters; one table of specs feeds validation, forms and OpenAPI.

A bad value raises ``BadParam`` with a message meant for the user (the app answers 400 with it).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from ..document import EVENT_FLAGS, PLOVER_TYPES

COUNTRY_RE = re.compile(r"^[A-Za-z]{3}$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MODE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_ -]{0,39}$")
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
MAX_TEXT = 200
SORT_KEYS = ("date", "type", "mode", "actor", "actor_country", "recipient", "recipient_country", "location",
             "location_country", "confidence", "published", "size")  # fmt: skip
ORDERS = ("asc", "desc")
INTERVALS = ("auto", "day", "week", "month", "year")
MAP_BY = ("location", "actor", "recipient")


class BadParam(ValueError):
    """A query parameter the viewer cannot use; the message says which and why."""


@dataclass(frozen=True, slots=True)
class Param:
    """One query parameter: ``kind`` is date, enum, country, mode, text, int or float."""

    name: str
    kind: str
    help: str
    choices: tuple[str, ...] = ()
    multi: bool = False
    default: Any = None
    minimum: float | None = None
    maximum: float | None = None


FILTER_PARAMS = (
    Param("since", "date", "Earliest event date, YYYY-MM-DD (inclusive)."),
    Param("until", "date", "Latest event date, YYYY-MM-DD (inclusive)."),
    Param(
        "type", "enum", "PLOVER event type; repeat or comma-separate for several.", PLOVER_TYPES, multi=True
    ),
    Param("mode", "mode", "PLOVER mode of the event, e.g. firearms or troops."),
    Param("country", "country", "ISO3 country of the actor or the recipient."),
    Param("actor_country", "country", "ISO3 country of the (first) actor."),
    Param("recipient_country", "country", "ISO3 country of the (first) recipient."),
    Param("location_country", "country", "ISO3 country where the event took place."),
    Param("actor", "text", "Text in the actor's or recipient's mention or resolved name (case-insensitive)."),
    Param("place", "text", "Text in the event location's mention, name or first-level division."),
    Param("q", "text", "Text in the sentence that reports the event (case-insensitive)."),
    Param("exclude", "enum", "Leave out events with this flag; repeat for several.", EVENT_FLAGS, multi=True),
    Param(
        "min_confidence", "float", "Leave out events below this confidence (0-1).", minimum=0.0, maximum=1.0
    ),
    Param("article", "text", "Only events of the article with this id."),
)
PAGE_PARAMS = (
    Param("sort", "enum", "Column to sort the events by.", SORT_KEYS, default="date"),
    Param("order", "enum", "Sort direction.", ORDERS, default="desc"),
    Param("page", "int", "Page number, from 1.", default=1, minimum=1, maximum=1_000_000),
    Param("per_page", "int", "Events per page (at most the server's row cap).", default=25, minimum=1),
)
TIMELINE_PARAMS = (
    Param(
        "interval",
        "enum",
        "Bucket size; auto picks day, week, month or year from the date range and the row cap.",
        INTERVALS,
        default="auto",
    ),  # fmt: skip
)
MAP_PARAMS = (Param("by", "enum", "Which country the choropleth counts.", MAP_BY, default="location"),)
PAGE_VIEW_PARAMS = (
    Param("interval", "enum", "Timeline bucket size.", INTERVALS, default="auto"),
    Param("map_by", "enum", "Which country the map counts.", MAP_BY, default="location"),
)


@dataclass(frozen=True, slots=True)
class Filters:
    """The validated event filters; ``None`` or empty means no constraint."""

    since: dt.date | None = None
    until: dt.date | None = None
    type: tuple[str, ...] = ()
    mode: str | None = None
    country: str | None = None
    actor_country: str | None = None
    recipient_country: str | None = None
    location_country: str | None = None
    actor: str | None = None
    place: str | None = None
    q: str | None = None
    exclude: tuple[str, ...] = ()
    min_confidence: float | None = None
    article: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the non-empty filters as JSON types."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if value in (None, ()):
                continue
            out[f.name] = (
                value.isoformat()
                if isinstance(value, dt.date)
                else list(value)
                if isinstance(value, tuple)
                else value
            )
        return out

    def query_string(self) -> str:
        """Return the filters as a URL query string (repeated keys for lists)."""
        return urlencode(self.to_dict(), doseq=True)


@dataclass(frozen=True, slots=True)
class Page:
    """Sorting and paging of the event list."""

    sort: str = "date"
    order: str = "desc"
    page: int = 1
    per_page: int = 25


def _one(param: Param, raw: str, max_rows: int) -> Any:
    """Return ``raw`` converted to the parameter's type, or raise BadParam."""
    raw = raw.strip()
    if len(raw) > MAX_TEXT or CONTROL_RE.search(raw):
        raise BadParam(f"{param.name}: at most {MAX_TEXT} characters and no control characters")
    if param.kind == "date":
        if not DATE_RE.match(raw):
            raise BadParam(f"{param.name}: {raw!r} is not a date in the form YYYY-MM-DD")
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            raise BadParam(f"{param.name}: {raw!r} is not a valid calendar date") from None
    if param.kind == "enum":
        value = raw.upper() if param.choices and param.choices[0].isupper() else raw.lower()
        if value not in param.choices:
            raise BadParam(f"{param.name}: {raw!r} is not one of {', '.join(param.choices)}")
        return value
    if param.kind == "country":
        if not COUNTRY_RE.match(raw):
            raise BadParam(f"{param.name}: {raw!r} is not an ISO 3166 alpha-3 country code such as KEN")
        return raw.upper()
    if param.kind == "mode":
        if not MODE_RE.match(raw):
            raise BadParam(f"{param.name}: {raw!r} is not a mode name (letters, digits, _ - and spaces)")
        return raw.lower()
    if param.kind in ("int", "float"):
        try:
            value = int(raw) if param.kind == "int" else float(raw)
        except ValueError:
            raise BadParam(f"{param.name}: {raw!r} is not a number") from None
        high = max_rows if param.name == "per_page" else param.maximum
        if (
            (param.minimum is not None and value < param.minimum)
            or (high is not None and value > high)
            or value != value
        ):
            raise BadParam(f"{param.name}: {raw!r} must lie between {param.minimum} and {high}")
        return value
    return raw


def parse(query: Mapping[str, Sequence[str]], params: Sequence[Param], *, max_rows: int) -> dict[str, Any]:
    """Validate ``query`` (name -> list of raw values) against ``params``; unknown names are refused."""
    known = {p.name: p for p in params}
    unknown = sorted(set(query) - set(known))
    if unknown:
        raise BadParam(f"unknown parameter {unknown[0]!r}; accepted: {', '.join(known)}")
    out: dict[str, Any] = {}
    for name, raws in query.items():
        param = known[name]
        values = [v for raw in raws for v in (raw.split(",") if param.multi else [raw]) if v.strip()]
        if not values:
            continue
        if not param.multi and len(values) > 1:
            raise BadParam(f"{name}: give it once")
        converted = [_one(param, v, max_rows) for v in values]
        out[name] = tuple(dict.fromkeys(converted)) if param.multi else converted[0]
    return out


def split(values: dict[str, Any]) -> tuple[Filters, dict[str, Any]]:
    """Return the Filters in ``values`` and the remaining (non-filter) values; check the date range."""
    names = {f.name for f in dataclasses.fields(Filters)}
    filters = Filters(**{k: v for k, v in values.items() if k in names})
    if filters.since and filters.until and filters.since > filters.until:
        raise BadParam(f"since ({filters.since}) is after until ({filters.until})")
    rest = {k: v for k, v in values.items() if k not in names}
    return filters, rest


def page_of(rest: dict[str, Any], max_rows: int) -> Page:
    """Return the Page (sort, order, page, per_page) in ``rest``, with defaults."""
    return Page(sort=rest.get("sort", "date"), order=rest.get("order", "desc"), page=rest.get("page", 1),
                per_page=min(rest.get("per_page", 25), max_rows))  # fmt: skip
