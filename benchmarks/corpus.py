"""Generate a reproducible corpus of news-like articles with invented names, for the benchmarks.

The sentences cover every stage (events, quotes, dates, places, quantities); names are invented, places are
real countries and cities so that the geoparser has work to do.
"""

from __future__ import annotations

import random

COUNTRIES = ["Kenya", "Peru", "Norway", "Vietnam", "Chile", "Ghana", "Poland", "Canada", "Egypt", "Nepal",
             "Mexico", "Turkey", "Sweden", "Brazil", "Japan", "Morocco", "Iraq", "Sudan", "Colombia", "Finland"]
CITIES = ["Nairobi", "Lima", "Oslo", "Hanoi", "Santiago", "Accra", "Gdansk", "Toronto", "Cairo", "Pokhara",
          "Monterrey", "Izmir", "Malmo", "Recife", "Osaka", "Rabat", "Basra", "Khartoum", "Medellin", "Turku"]
FIRST = ["Amara", "Joel", "Ines", "Tomas", "Leila", "Viktor", "Nadia", "Oren", "Sofia", "Kwame", "Hana", "Pavel"]
LAST = ["Okonkwo", "Varga", "Lindqvist", "Moreau", "Sato", "Haddad", "Novak", "Quispe", "Mensah", "Dumitru"]
TITLES = ["Foreign Minister", "Defence Minister", "government spokesman", "army spokeswoman", "Interior Minister",
          "opposition leader", "police chief", "President"]
DAYS = ["on Monday", "on Tuesday", "last week", "on March 3", "in early February", "on Friday", "that month",
        "on 12 April", "in the coming days", "yesterday"]
TEMPLATES = [
    "{c1} deployed {n} troops to {city} {day} to reinforce units already there, the ministry said.",
    "{title} {name} said {day} that {c1} would not send soldiers to fight in {c2}.",
    "Police arrested {n} protesters in {city} {day} after a march against rising fuel prices.",
    "\"We are ready to talk, but we will defend our borders,\" {title} {name} told reporters in {city}.",
    "The foreign ministers of {c1} and {c2} met in {city} {day} and agreed to resume trade talks.",
    "At least {n} people were killed when an airstrike hit a market near {city} {day}, officials said.",
    "{c1} accused {c2} of violating the ceasefire and demanded an investigation by the United Nations.",
    "The European Union imposed sanctions on {n} companies from {c2} {day}, according to a statement.",
    "Thousands of people marched through {city} {day} to protest against the government of {c1}.",
    "{name}, the {title}, warned that {c1} could cut gas supplies to {c2} if the dispute continued.",
    "{c1} sent about {n} tonnes of food aid to {c2} {day} after floods displaced some {n2} families.",
    "Talks between {c1} and {c2} ended {day} without an agreement, and a new round is planned for next month.",
]


def make_corpus(n_articles: int = 300, sentences: tuple[int, int] = (8, 16), seed: int = 7) -> list[str]:
    """Return ``n_articles`` article texts of 8-16 sentences each, the same for the same ``seed``."""
    rng = random.Random(seed)
    articles = []
    for _ in range(n_articles):
        lines = []
        for _ in range(rng.randint(*sentences)):
            c1, c2 = rng.sample(COUNTRIES, 2)
            lines.append(rng.choice(TEMPLATES).format(
                c1=c1, c2=c2, city=rng.choice(CITIES), day=rng.choice(DAYS), title=rng.choice(TITLES),
                name=f"{rng.choice(FIRST)} {rng.choice(LAST)}", n=rng.choice([3, 12, 45, 150, 500, 2000]),
                n2=rng.choice([300, 1200, 8000]),
            ))  # fmt: skip
        articles.append(" ".join(lines))
    return articles
