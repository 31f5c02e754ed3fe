"""Result types: what every stage produces and every sink consumes.

All spans carry character offsets ``start``/``end`` into the article text (``text[start:end]``).
Each type has ``to_dict()`` (JSON types only, keys in output order) and ``from_dict()``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .errors import SkipReason

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
EVENT_FLAGS = ("negated", "hypothetical", "future", "historical")
QUOTE_KINDS = ("direct", "indirect", "mixed")
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")


def _plain(value: Any) -> Any:
    """Return ``value`` as JSON types: dataclasses via their ``to_dict``, dates as ISO strings."""
    if value is None or type(value) in _SCALARS:
        return value
    if isinstance(value, _Record):
        return value.to_dict()
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


_SCALARS = frozenset((str, int, float, bool))
_PASS = frozenset((str, int, float, bool, type(None)))  # values ``_plain`` returns as they are
_TO_DICT: dict[type, Callable[[Any], dict[str, Any]]] = {}  # per record class: its compiled ``to_dict``


def _compile_to_dict(kind: type) -> Callable[[Any], dict[str, Any]]:
    """Return a function giving ``{field: _plain(value), ...}`` of a ``kind`` record in field order.

    Written out per class, as ``dataclasses`` writes ``__init__``: one dict display whose scalar fields
    need no call (``to_dict`` runs for every record a sink writes).
    """
    names = [f.name for f in dataclasses.fields(kind)]
    items = ", ".join(f"{n!r}: v if type(v := o.{n}) in S else P(v)" for n in names)
    scope: dict[str, Any] = {"S": _PASS, "P": _plain}
    exec(f"def to_dict(o):\n    return {{{items}}}", scope)  # noqa: S102 - the names are dataclass fields
    return _TO_DICT.setdefault(kind, scope["to_dict"])


class _Record:
    """Mixin: ``to_dict`` in field order and a ``from_dict`` that rebuilds nested records."""

    __slots__ = ()
    _nested: dict[str, type] = {}
    _nested_lists: dict[str, type] = {}

    def to_dict(self) -> dict[str, Any]:
        kind = type(self)
        return (_TO_DICT.get(kind) or _compile_to_dict(kind))(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        kwargs: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            if f.name not in data:
                continue
            value = data[f.name]
            if value is not None and f.name in cls._nested:
                value = cls._nested[f.name].from_dict(value)
            elif f.name in cls._nested_lists:
                value = tuple(cls._nested_lists[f.name].from_dict(v) for v in value or ())
            elif isinstance(value, list):
                value = tuple(value)
            kwargs[f.name] = value
        return cls(**kwargs)


@dataclass(frozen=True, slots=True)
class Span(_Record):
    """A stretch of the article text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Actor(_Record):
    """An actor mention resolved to a name, country (ISO3), sector (PLOVER code) and IGO.

    ``name`` is the canonical name (the full name of a person, the resolved entity for a pronoun);
    ``country`` is an ISO 3166-1 alpha-3 code or None; ``igo`` an IGO code such as NATO, EU, UN.
    ``title`` is a role phrase found with the mention ("Pentagon spokesman").
    ``kind`` says what the mention is: person, org, country, group, pronoun, description.
    """

    text: str
    start: int
    end: int
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    igo: str | None = None
    title: str | None = None
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class Time(_Record):
    """A TIMEX3 expression: ``type`` in DATE TIME DURATION SET, ``value`` in TIMEX3 syntax.

    ``mod`` is the TIMEX3 modifier (START, MID, END, APPROX, ...); ``anchor`` says what resolved it:
    ``absolute``, ``published`` (the publication date), ``previous`` (the last date mentioned) or None.
    ``value`` keeps unresolved parts as X (``XXXX-03-07``) when no anchor is known.
    """

    text: str
    start: int
    end: int
    type: str
    value: str | None
    mod: str | None = None
    anchor: str | None = None


@dataclass(frozen=True, slots=True)
class EventDate(_Record):
    """An event's date: ``granularity`` is day, week, month, quarter, season, year or ``reported``
    (no expression governs the event and the publication date stands in)."""

    text: str | None
    value: str | None
    granularity: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Place(_Record):
    """A toponym resolved to a GeoNames-style record.

    ``feature`` is the kind of place: continent, region, country, admin1, admin2, city, base, ...
    ``country`` is ISO3; ``admin1`` the first-level division's name; ``lat``/``lon`` in degrees.
    ``role`` is ``place`` normally, ``actor`` when the name stands for a government (metonymy) and
    ``organisation`` for a place named inside an organisation's name ("the Ohio Department of Health"):
    only a ``place`` can be an event's location.
    """

    text: str
    start: int
    end: int
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: str | None = None
    role: str = "place"


@dataclass(frozen=True, slots=True)
class Quantity(_Record):
    """A counted amount: ``min``/``max`` (equal for an exact figure), ``approx`` for "about",
    "some", "more than"; ``unit`` is the counted noun's lemma (troops, people, dead, arrested)."""

    text: str
    start: int
    end: int
    min: float | None
    max: float | None
    approx: bool = False
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class Speaker(_Record):
    """Who a quote is attributed to: the mention in the text and the resolved named person/body."""

    text: str
    start: int
    end: int
    name: str | None = None
    title: str | None = None
    country: str | None = None
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class Quote(_Record):
    """A quote: ``text/start/end`` is the content; ``kind`` is direct, indirect or mixed."""

    text: str
    start: int
    end: int
    kind: str
    cue: Span | None = None
    speaker: Speaker | None = None

    _nested = {"cue": Span, "speaker": Speaker}


@dataclass(frozen=True, slots=True)
class Event(_Record):
    """One PLOVER event.

    ``flags`` is a subset of negated, hypothetical, future, historical. ``cameo`` is a CAMEO code
    (root at least), ``quad_class`` 0-4 (verbal/material cooperation/conflict), ``intensity`` -10..10.
    ``sentence`` spans the sentence holding the trigger. ``reported_by`` is the speaker when the
    event is stated inside reported speech. ``confidence`` is 0..1.
    """

    type: str
    trigger: Span
    sentence: Span
    mode: str | None = None
    flags: tuple[str, ...] = ()
    contexts: tuple[str, ...] = ()
    cameo: str | None = None
    quad_class: int | None = None
    intensity: float | None = None
    actors: tuple[Actor, ...] = ()
    recipients: tuple[Actor, ...] = ()
    date: EventDate | None = None
    location: Place | None = None
    size: Quantity | None = None
    reported_by: Speaker | None = None
    confidence: float = 0.5

    _nested = {
        "trigger": Span,
        "sentence": Span,
        "date": EventDate,
        "location": Place,
        "size": Quantity,
        "reported_by": Speaker,
    }
    _nested_lists = {"actors": Actor, "recipients": Actor}


@dataclass(frozen=True, slots=True)
class Summary(_Record):
    """The article's main event as 5W1H answers, each a span of the text or None."""

    who: Span | None = None
    what: Span | None = None
    when: Span | None = None
    where: Span | None = None
    why: Span | None = None
    how: Span | None = None

    _nested = {k: Span for k in ("who", "what", "when", "where", "why", "how")}


@dataclass(frozen=True, slots=True)
class Article(_Record):
    """An input article. ``id`` defaults to a content hash; ``source`` keeps provenance
    (file path, line, WARC offset, target URI, crawl date) as plain JSON values."""

    text: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    source: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.id is None:
            object.__setattr__(self, "id", content_id(self.text, self.url))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        published = data.get("published")
        if isinstance(published, str):
            published = dt.date.fromisoformat(published[:10])
        return cls(
            text=data["text"],
            id=data.get("id"),
            title=data.get("title"),
            url=data.get("url"),
            published=published,
            source=dict(data.get("source") or {}),
        )


@dataclass(frozen=True, slots=True)
class Skipped(_Record):
    """An article that could not be processed, in its Document's place."""

    id: str | None
    reason: SkipReason
    detail: str = ""
    source: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "skipped": str(self.reason), "detail": self.detail, "source": self.source}


@dataclass(frozen=True, slots=True)
class Document(_Record):
    """Everything eventwire found in one article."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    language: str = "en"
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    places: tuple[Place, ...] = ()
    times: tuple[Time, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    actors: tuple[Actor, ...] = ()
    summary: Summary | None = None
    source: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    _nested = {"summary": Summary}
    _nested_lists = {
        "events": Event,
        "quotes": Quote,
        "places": Place,
        "times": Time,
        "quantities": Quantity,
        "actors": Actor,
    }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        doc = super(Document, cls).from_dict(data)
        return dataclasses.replace(doc, source=dict(data.get("source") or {}))


def content_id(text: str, url: str | None = None) -> str:
    """Return a stable 16-hex-digit id for an article: a hash of its URL and text."""
    digest = hashlib.sha1(((url or "") + "\x00" + text).encode("utf-8"), usedforsecurity=False)
    return digest.hexdigest()[:16]
