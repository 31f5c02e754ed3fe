"""Generate invented Documents with consistent spans, for the web viewer's tests, demo and benchmark.

Every name is made up; countries and capitals come from a small fixed table. The same seed gives the
same Documents.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

from ..document import Actor, Document, Event, EventDate, Place, Quantity, Quote, Span, Speaker, Time

# ISO3, adjective, capital, lat, lon
COUNTRIES = (
    ("KEN", "Kenyan", "Nairobi", -1.286, 36.817),
    ("PER", "Peruvian", "Lima", -12.046, -77.043),
    ("VNM", "Vietnamese", "Hanoi", 21.028, 105.834),
    ("CAN", "Canadian", "Ottawa", 45.421, -75.697),
    ("AUS", "Australian", "Canberra", -35.281, 149.130),
    ("SEN", "Senegalese", "Dakar", 14.716, -17.467),
    ("ECU", "Ecuadorian", "Quito", -0.180, -78.468),
    ("NOR", "Norwegian", "Oslo", 59.914, 10.752),
    ("PHL", "Philippine", "Manila", 14.600, 120.984),
    ("TUN", "Tunisian", "Tunis", 36.806, 10.181),
    ("TUR", "Turkish", "Ankara", 39.934, 32.860),
    ("COL", "Colombian", "Bogota", 4.711, -74.072),
    ("IDN", "Indonesian", "Jakarta", -6.208, 106.846),
    ("NGA", "Nigerian", "Abuja", 9.076, 7.398),
    ("MNG", "Mongolian", "Ulaanbaatar", 47.886, 106.906),
    ("ARG", "Argentine", "Buenos Aires", -34.604, -58.382),
)
SECTORS = (("government", "GOV"), ("police", "COP"), ("army", "MIL"), ("protesters", "OPP"), ("officials", "GOV"),
           ("rebels", "REB"), ("ministry of health", "GOV"), ("labour unions", "LAB"))  # fmt: skip
VERBS = {
    "AGREE": "signed an accord with", "CONSULT": "held talks with", "SUPPORT": "praised",
    "CONCEDE": "apologised to", "COOPERATE": "worked with", "AID": "sent food aid to",
    "RETREAT": "withdrew from positions held by", "REQUEST": "asked for help from", "ACCUSE": "accused",
    "REJECT": "rejected a proposal by", "THREATEN": "threatened", "PROTEST": "marched against",
    "SANCTION": "imposed sanctions on", "MOBILIZE": "deployed troops facing", "COERCE": "detained members of",
    "ASSAULT": "shelled positions of",
}  # fmt: skip
MODES = {"ASSAULT": ("firearms", "explosives"), "PROTEST": ("demonstrate", None), "MOBILIZE": ("troops", None),
         "SANCTION": ("economic", None), "AID": ("humanitarian", None)}  # fmt: skip
SPEAKERS = (
    "Tamsin Oberle",
    "Ravi Kelleway",
    "Ines Marrowby",
    "Odile Fenwarth",
    "Casper Lindqvoss",
    "Nadia Tremaire",
)
QUOTES = ("We will not give up", "This cannot go on", "Talks must continue", "The situation remains calm")
TYPES = tuple(VERBS)
WEIGHTS = tuple(
    1 / (i + 1) ** 0.9 for i in range(len(COUNTRIES))
)  # a few countries dominate, as in real data


def _span(parts: list[str], piece: str) -> Span:
    """Append ``piece`` to the text being built and return its span."""
    start = sum(len(p) for p in parts)
    parts.append(piece)
    return Span(piece, start, start + len(piece))


def synthetic_document(rng: random.Random, n: int, *, events: int = 5, start: dt.date = dt.date(2021, 1, 1),
                       days: int = 730) -> Document:  # fmt: skip
    """Return one invented article (number ``n``) with ``events`` events, a quote and its spans."""
    parts: list[str] = []
    # a third of the articles cluster around one crisis, so that the timeline has a shape
    offset = (
        rng.randrange(days)
        if rng.random() > 0.3
        else min(days - 1, max(0, int(rng.gauss(days * 0.55, days / 40))))
    )
    published = start + dt.timedelta(days=offset)
    evs, places, times, quantities, actors = [], [], [], [], []
    for _ in range(events):
        etype = rng.choice(TYPES)
        a, r = rng.choices(COUNTRIES, WEIGHTS, k=2)
        while r is a:
            r = rng.choice(COUNTRIES)
        sec_a, sec_r = rng.choice(SECTORS), rng.choice(SECTORS)
        day = published - dt.timedelta(days=rng.randrange(4))
        sent_start = sum(len(p) for p in parts)
        sa = _span(parts, f"{a[1]} {sec_a[0]}")
        _span(parts, " ")
        tr = _span(parts, VERBS[etype])
        _span(parts, " ")
        sr = _span(parts, f"{r[1]} {sec_r[0]}")
        located = rng.random() < 0.8
        loc = None
        if located:
            _span(parts, " in ")
            sp = _span(parts, a[2])
            jitter = rng.choice(((0.0, 0.0), (0.8, -0.6), (-0.7, 0.9)))
            loc = Place(sp.text, sp.start, sp.end, name=a[2], country=a[0], lat=round(a[3] + jitter[0], 2),
                        lon=round(a[4] + jitter[1], 2), feature="city")  # fmt: skip
            places.append(loc)
        _span(parts, " on ")
        sd = _span(parts, f"{day:%B} {day.day}")
        size = None
        if etype in ("MOBILIZE", "PROTEST", "ASSAULT") and rng.random() < 0.6:
            _span(parts, ", involving about ")
            count = rng.choice((40, 150, 300, 1200))
            sq = _span(parts, f"{count} people")
            size = Quantity(sq.text, sq.start, sq.end, min=count, max=count, approx=True, unit="people")
            quantities.append(size)
        _span(parts, ". ")
        sentence_end = sum(len(p) for p in parts) - 1
        actor = Actor(
            sa.text, sa.start, sa.end, name=f"{a[1]} {sec_a[0]}", country=a[0], sector=sec_a[1], kind="group"
        )
        recip = Actor(
            sr.text, sr.start, sr.end, name=f"{r[1]} {sec_r[0]}", country=r[0], sector=sec_r[1], kind="group"
        )
        actors += [actor, recip]
        value = day.isoformat()
        times.append(Time(sd.text, sd.start, sd.end, "DATE", value, anchor="published"))
        flags = ("negated",) if rng.random() < 0.05 else ("hypothetical",) if rng.random() < 0.05 else ()
        evs.append(Event(
            type=etype, trigger=tr, sentence=Span("".join(parts)[sent_start:sentence_end], sent_start, sentence_end),
            mode=rng.choice(MODES.get(etype, (None,))), flags=flags, cameo=f"{TYPES.index(etype) + 1:02d}",
            actors=(actor,), recipients=(recip,), date=EventDate(sd.text, value, "day", sd.start, sd.end),
            location=loc, size=size, confidence=round(rng.uniform(0.3, 0.99), 2),
        ))  # fmt: skip
    speaker = rng.choice(SPEAKERS)
    _span(parts, '"')
    sq = _span(parts, rng.choice(QUOTES))
    _span(parts, '," ')
    cue = _span(parts, "said")
    _span(parts, " ")
    ss = _span(parts, speaker)
    _span(parts, ".")
    quote = Quote(sq.text, sq.start, sq.end, "direct", cue=cue,
                  speaker=Speaker(ss.text, ss.start, ss.end, name=speaker, title="spokesperson"))  # fmt: skip
    text = "".join(parts)
    return Document(
        id=f"syn{n:07d}", text=text, title=f"Report {n}: {evs[0].type.title()} near {evs[0].actors[0].text}",
        url=f"https://news.example.org/{n}", published=published.isoformat(), events=tuple(evs),
        quotes=(quote,), places=tuple(places), times=tuple(times), quantities=tuple(quantities), actors=tuple(actors),
    )  # fmt: skip


def synthetic_documents(n_articles: int, *, events: int = 5, seed: int = 7) -> Iterator[Document]:
    """Yield ``n_articles`` invented Documents, the same ones for the same ``seed``."""
    rng = random.Random(seed)
    for n in range(n_articles):
        yield synthetic_document(rng, n, events=events)


def build_database(
    path: str | Path, n_articles: int, *, events: int = 5, seed: int = 7, batch: int = 1000
) -> int:
    """Write ``n_articles`` synthetic articles into a new store at ``path``; return the events stored."""
    from ..sinks.duckdb import connect, write_documents

    con = connect(path)
    try:
        buffer: list[Document] = []
        for doc in synthetic_documents(n_articles, events=events, seed=seed):
            buffer.append(doc)
            if len(buffer) >= batch:
                write_documents(con, buffer)
                buffer.clear()
        if buffer:
            write_documents(con, buffer)
        return con.execute("SELECT count(*) FROM events").fetchone()[0]
    finally:
        con.close()
