"""Generate a labelled set for linking: reports of invented events, built as Documents without NLP.

Each real event gets 1-6 reports in different articles that vary the date granularity (a day, the
week, the month, or only the publication date), the actor naming (country, a named official, a bare
surname, an IGO), the place detail (city, country, none), the wording and, for symmetric types, the
order of the parties. Some articles are syndicated near-copies of others (same events, a changed
line). Distractors are separate real events that share the type and parties of another one but
differ in date, place or recipient. Every name, city and coordinate is invented from a seed.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from ..document import PLOVER_TYPES, Actor, Document, Event, EventDate, Place, Span, content_id

COUNTRIES = (
    "ARG", "AUS", "BRA", "CAN", "CHL", "DEU", "EGY", "ESP", "ETH", "FRA", "GBR", "IDN", "IND", "IRN", "ITA",
    "JPN", "KEN", "MEX", "NGA", "PAK", "PER", "POL", "ROU", "SWE", "THA", "TUR", "UKR", "VNM", "ZAF", "COL",
)  # fmt: skip
IGOS = ("UN", "EU", "NATO", "AU", "ASEAN")
SECTORS = ("GOV", "MIL", "GOV", "COP", "REB", "OPP", "CVL", None)
SYLLABLES = ("ka", "lor", "ven", "tri", "mo", "sa", "dal", "ren", "zu", "bek", "ia", "nor", "vi", "tal", "os")
VERBS = ("reported", "confirmed", "announced", "said", "described")
FILLER_WORDS = (
    "officials", "market", "weather", "council", "season", "river", "harvest", "festival", "prices", "school",
    "bridge", "budget", "league", "museum", "railway", "clinic", "airport", "storm", "elections", "exports",
    "farmers", "teachers", "hospital", "court", "village", "factory", "ministry", "parliament", "coast", "valley",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class LinkingSet:
    """The generated documents with their gold labels.

    ``gold`` maps each stored event id (``article_id:idx``) to its real event; ``copies`` maps each
    article id to the id of the article it is a near-copy of (itself when original).
    """

    documents: list[Document]
    gold: dict[str, int]
    copies: dict[str, str]


def _word(rng: random.Random, n: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n)).capitalize()


@dataclass(frozen=True, slots=True)
class _Real:
    type: str
    actor: tuple[str | None, str | None]  # (country, igo)
    recipient: str | None
    day: dt.date
    place: Place | None
    leader: str


class _World:
    """Invented cities (three per country, far apart) and officials, from the seed."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.cities: dict[str, list[Place]] = {}
        self.leaders: dict[str, list[str]] = {}
        gid = 9_100_000
        for i, iso3 in enumerate(COUNTRIES):
            lat0, lon0 = -40 + (i * 7) % 90, -120 + (i * 37) % 240
            cities = []
            for k in range(3):
                gid += 1
                name = _word(rng, 2) + rng.choice(("ville", "burg", "grad", "polis", "abad", ""))
                cities.append(Place(name, 0, 0, name, iso3, _word(rng) + " Province", lat0 + 2.5 * k,
                                    lon0 + 2.5 * k, gid, "city"))  # fmt: skip
            self.cities[iso3] = cities
            self.leaders[iso3] = [f"{_word(rng)} {_word(rng, 3)}" for _ in range(3)]


def _real_events(world: _World, rng: random.Random, n: int, start: dt.date) -> list[_Real]:
    reals: list[_Real] = []
    while len(reals) < n:
        country = rng.choice(COUNTRIES)
        igo = rng.choice(IGOS) if rng.random() < 0.1 else None
        recipient = rng.choice([c for c in COUNTRIES if c != country]) if rng.random() < 0.85 else None
        where = recipient or country
        place = rng.choice(world.cities[where]) if rng.random() < 0.8 else None
        day = start + dt.timedelta(days=rng.randrange(330))
        real = _Real(rng.choice(PLOVER_TYPES), (None if igo else country, igo), recipient, day, place,
                     rng.choice(world.leaders[country]))  # fmt: skip
        reals.append(real)
        if rng.random() < 0.35 and len(reals) < n:  # a distractor: same type and parties, another event
            kind = rng.random()
            if kind < 0.5:
                shift = rng.choice((-1, 1)) * rng.randrange(4, 60)
                reals.append(_Real(real.type, real.actor, real.recipient, day + dt.timedelta(days=shift),
                                   real.place, real.leader))  # fmt: skip
            elif kind < 0.8 and place is not None:
                other = rng.choice([p for p in world.cities[where] if p != place])
                reals.append(_Real(real.type, real.actor, real.recipient, day, other, real.leader))
            else:
                other_r = rng.choice([c for c in COUNTRIES if c not in (country, recipient)])
                reals.append(_Real(real.type, real.actor, other_r, day, rng.choice(world.cities[other_r]),
                                   real.leader))  # fmt: skip
    return reals


def _party(
    world: _World, rng: random.Random, country: str | None, igo: str | None, *, recipient: bool
) -> Actor:
    if igo:
        return Actor(igo, 0, 0, name=igo, igo=igo, kind="org")
    style = rng.random()
    sector = rng.choice(SECTORS)
    if style < 0.5 or recipient:
        return Actor(country, 0, 0, name=country, country=country, sector=sector, kind="country")
    leader = rng.choice(world.leaders[country])
    if style < 0.9:
        return Actor(leader, 0, 0, name=leader, country=country, sector="GOV", kind="person")
    surname = leader.split()[-1]  # a bare surname the resolver could not place
    return Actor(surname, 0, 0, name=surname, kind="person")


def _mention(world: _World, rng: random.Random, real: _Real, published: dt.date) -> tuple[Event, str]:
    """Return one report of ``real`` as an Event and its sentence text (offsets fixed by the caller)."""
    actor = _party(world, rng, real.actor[0], real.actor[1], recipient=False)
    recipients = ()
    if real.recipient and rng.random() < 0.85:
        recipients = (_party(world, rng, real.recipient, None, recipient=True),)
    actors = (actor,)
    if real.type in ("CONSULT", "COOPERATE", "AGREE") and recipients and rng.random() < 0.5:
        actors, recipients = recipients, actors
    roll = rng.random()
    if roll < 0.55:
        date = EventDate(real.day.strftime("%B %d"), real.day.isoformat(), "day")
    elif roll < 0.7:
        year, week, _ = real.day.isocalendar()
        date = EventDate("last week", f"{year}-W{week:02d}", "week")
    elif roll < 0.82:
        date = EventDate(real.day.strftime("in %B"), real.day.strftime("%Y-%m"), "month")
    else:
        date = EventDate(None, published.isoformat(), "reported")
    place = None
    if real.place is not None:
        roll = rng.random()
        if roll < 0.55:
            place = real.place
        elif roll < 0.75:
            place = Place(real.place.country, 0, 0, real.place.country, real.place.country, feature="country")
    trigger = rng.choice(("move", "action", "step", "incident", "decision")) + " " + rng.choice(VERBS)
    text = (f"{actor.text} and {recipients[0].text if recipients else 'others'}: {real.type.lower()} {trigger}"
            f"{' in ' + place.name if place else ''} {date.text or ''}.")  # fmt: skip
    event = Event(real.type, Span(trigger, 0, len(trigger)), Span(text, 0, len(text)), actors=actors,
                  recipients=recipients, date=date, location=place, confidence=round(rng.uniform(0.5, 1), 2))  # fmt: skip
    return event, text


def _filler(rng: random.Random) -> str:
    return " ".join(
        " ".join(rng.choice(FILLER_WORDS) for _ in range(rng.randrange(6, 12))).capitalize() + "."
        for _ in range(rng.randrange(4, 8))
    )


def _document(reports: list[tuple[Event, str]], published: dt.date, url: str, rng: random.Random,
              filler: str | None = None) -> tuple[Document, str]:  # fmt: skip
    filler = _filler(rng) if filler is None else filler
    parts, events, pos = [], [], 0
    for event, sentence in reports:
        start = pos
        end = start + len(sentence)
        trig = event.trigger
        events.append(Event(event.type, Span(trig.text, start + sentence.find(trig.text), start + sentence.find(trig.text) + len(trig.text)),
                            Span(sentence, start, end), actors=event.actors, recipients=event.recipients,
                            date=event.date, location=event.location, confidence=event.confidence))  # fmt: skip
        parts.append(sentence)
        pos = end + 1
    text = " ".join(parts) + " " + filler
    doc_id = content_id(text, url)
    return Document(
        doc_id, text, title=None, url=url, published=published.isoformat(), events=tuple(events)
    ), filler


def generate(seed: int = 0, n_events: int = 300, start: dt.date = dt.date(2023, 1, 9)) -> LinkingSet:
    """Return a labelled linking set of about ``n_events`` real events and their reports."""
    rng = random.Random(seed)
    world = _World(rng)
    reals = _real_events(world, rng, n_events, start)
    docs: list[Document] = []
    gold: dict[str, int] = {}
    copies: dict[str, str] = {}
    outlet = 0
    for gi, real in enumerate(reals):
        for _ in range(min(6, 1 + int(rng.expovariate(0.6)))):
            published = real.day + dt.timedelta(days=rng.randrange(0, 4))
            reports = [(_mention(world, rng, real, published), gi)]
            if rng.random() < 0.3:  # a second event of the last ten days in the same article
                oi = rng.randrange(len(reals))
                if 0 <= (published - reals[oi].day).days <= 10:
                    reports.append((_mention(world, rng, reals[oi], published), oi))
            outlet += 1
            doc, filler = _document(
                [r for r, _ in reports], published, f"https://news{outlet}.example/{gi}", rng
            )
            group = [doc]
            for k in range(rng.choice((0, 0, 0, 0, 1, 2))):  # syndicated copies: one more line, same events
                extra = filler + " " + _filler(rng).split(".")[0] + "."
                copy, _ = _document([r for r, _ in reports], published + dt.timedelta(days=k % 2),
                                    f"https://wire{outlet}-{k}.example/{gi}", rng, filler=extra)  # fmt: skip
                group.append(copy)
            for d in group:
                docs.append(d)
                copies[d.id] = doc.id
                for idx, (_, g) in enumerate(reports):
                    gold[f"{d.id}:{idx}"] = g
    return LinkingSet(docs, gold, copies)
