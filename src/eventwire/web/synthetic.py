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
    con.execute("SET enable_progress_bar = false")
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


def _at(text: str, piece: str, after: int = 0) -> Span:
    start = text.index(piece, after)
    return Span(piece, start, start + len(piece))


def _actor(text: str, piece: str, country: str, sector: str, name: str | None = None) -> Actor:
    s = _at(text, piece)
    return Actor(s.text, s.start, s.end, name=name or piece, country=country, sector=sector)


def _sentence(text: str, piece: str) -> Span:
    return _at(text, piece)


def sample_documents() -> list[Document]:
    """Return three small hand-made Documents with known events, for exact assertions in tests.

    The third has markup and LIKE wildcards in its title and text, to test escaping.
    """
    t1 = ('Dock workers protested in Valparaiso on Monday against the port authority. "We want fair pay," said '
          "union leader Corin Vastel. Police detained 12 workers near the harbour.")  # fmt: skip
    port = _at(t1, "Valparaiso")
    place1 = Place(port.text, port.start, port.end, name="Valparaiso", country="CHL", admin1="Valparaiso",
                   lat=-33.05, lon=-71.62, feature="city")  # fmt: skip
    monday = _at(t1, "Monday")
    twelve = _at(t1, "12 workers")
    size = Quantity(twelve.text, twelve.start, twelve.end, min=12, max=12, unit="workers")
    speaker = _at(t1, "Corin Vastel")
    quote = _at(t1, "We want fair pay")
    d1 = Document(
        id="art-protest", text=t1, title="Dock workers protest in Valparaiso", url="https://news.example.org/port",
        published="2023-04-05",
        events=(
            Event("PROTEST", _at(t1, "protested"), _sentence(t1, "Dock workers protested in Valparaiso on Monday "
                                                                "against the port authority."),
                  mode="demonstrate", actors=(_actor(t1, "Dock workers", "CHL", "LAB"),),
                  recipients=(_actor(t1, "the port authority", "CHL", "GOV"),),
                  date=EventDate("Monday", "2023-04-03", "day", monday.start, monday.end), location=place1,
                  confidence=0.9),
            Event("COERCE", _at(t1, "detained"), _sentence(t1, "Police detained 12 workers near the harbour."),
                  mode="arrest", actors=(_actor(t1, "Police", "CHL", "COP"),), size=size,
                  date=EventDate(None, "2023-04-05", "reported"), confidence=0.7),
        ),
        quotes=(Quote(quote.text, quote.start, quote.end, kind="direct", cue=_at(t1, "said"),
                      speaker=Speaker(speaker.text, speaker.start, speaker.end, name="Corin Vastel",
                                      title="union leader", country="CHL")),),
        places=(place1,), times=(Time("Monday", monday.start, monday.end, "DATE", "2023-04-03"),), quantities=(size,),
    )  # fmt: skip
    t2 = ("Kenyan and Tanzanian ministers held talks in Arusha on May 9. Kenya did not sign the grazing accord "
          "with Tanzania.")  # fmt: skip
    arusha = _at(t2, "Arusha")
    place2 = Place(arusha.text, arusha.start, arusha.end, name="Arusha", country="TZA", lat=-3.37, lon=36.68,
                   feature="city")  # fmt: skip
    may9 = _at(t2, "May 9")
    kenya = t2.index("Kenya did")
    d2 = Document(
        id="art-talks", text=t2, title="Border talks in Arusha", url="https://news.example.org/talks",
        published="2023-05-10",
        events=(
            Event("CONSULT", _at(t2, "held talks"), _sentence(t2, "Kenyan and Tanzanian ministers held talks in "
                                                                 "Arusha on May 9."),
                  actors=(_actor(t2, "Kenyan", "KEN", "GOV", "Kenya"),),
                  recipients=(_actor(t2, "Tanzanian ministers", "TZA", "GOV"),),
                  date=EventDate("May 9", "2023-05-09", "day", may9.start, may9.end), location=place2,
                  confidence=0.8),
            Event("AGREE", _at(t2, "sign"), _sentence(t2, "Kenya did not sign the grazing accord with Tanzania."),
                  flags=("negated",), actors=(Actor("Kenya", kenya, kenya + 5, name="Kenya", country="KEN", sector="GOV"),),
                  recipients=(Actor("Tanzania", t2.rindex("Tanzania"), t2.rindex("Tanzania") + 8, name="Tanzania",
                                    country="TZA", sector="GOV"),),
                  date=EventDate(None, "2023-05-10", "reported"), confidence=0.6),
        ),
        places=(place2,), times=(Time("May 9", may9.start, may9.end, "DATE", "2023-05-09"),),
    )  # fmt: skip
    t3 = 'Militants <b>shelled</b> a depot & "100%_done" <img src=x onerror=alert(1)> in the hills.'
    d3 = Document(
        id="art-markup", text=t3, title='<script>alert("x")</script> & co', url="javascript:alert(1)",
        published="2023-06-01",
        events=(Event("ASSAULT", _at(t3, "shelled"), Span(t3, 0, len(t3)), mode="explosives",
                      actors=(_actor(t3, "Militants", "SDN", "REB"),), confidence=0.5),),
    )  # fmt: skip
    return [d1, d2, d3]
