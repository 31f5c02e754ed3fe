"""Stage: actor mentions resolved to name, country, sector and IGO, through pronouns and titles.

Candidates are noun-phrase units (``actor.units``); resolution adds what the article says elsewhere:
appositions ("X, the army chief"), earlier mentions for pronouns, surnames and definite descriptions
("he", "Dupont", "the president", "the alliance"), and the article's dominant country for unqualified
state actors ("officials said", "the Defense Department").
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from spacy.tokens import Doc, Token

from ..document import Actor, Place
from .actor.lexicon import Entry, Lexicon, get_lexicon, scan
from .actor.units import Unit, describe, is_unit_head, unit_bounds
from .context import Context

STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent"})
ROLE_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "iobj", "poss", "appos", "conj", "ROOT", "attr", "dative"}
)
LOCATIVE_PREPS = frozenset(
    {"in", "into", "to", "from", "at", "near", "across", "toward", "towards", "inside", "outside", "around",
     "through", "within", "throughout", "over", "via", "on", "off", "out", "onto", "between"}
)  # fmt: skip
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
COLLECTIVE_IGO_NOUNS = frozenset(
    {"alliance", "bloc", "organization", "organisation", "body", "union", "coalition"}
)
PRONOUN_LOOKBACK_SENTS = 4


def extract_actors(doc: Doc, ctx: Context, *, places: list[Place]) -> list[Actor]:
    """Return every actor mention in ``doc`` (people, organisations, countries, pronouns resolved)."""
    lex = get_lexicon(ctx.settings.actors_file)
    entries_at = _entries_at(doc, lex)
    units = find_units(doc, lex, entries_at, places)
    return resolve_units(doc, units, lex, places)


def _entries_at(doc: Doc, lex: Lexicon) -> dict[int, tuple[int, int, Entry]]:
    """Map every token inside a lexicon phrase to the phrase's (start, end, entry)."""
    out: dict[int, tuple[int, int, Entry]] = {}
    for m in scan(doc, lex):
        for k in range(m[0], m[1]):
            out[k] = m
    return out


def find_units(
    doc: Doc, lex: Lexicon, entries_at: dict[int, tuple[int, int, Entry]], places: list[Place]
) -> list[Unit]:
    """Return the actor candidates of ``doc``: noun-phrase units that name, describe or refer to an actor."""
    actor_places = {p.start: p for p in places or () if p.role == "actor" and p.country}
    units: list[Unit] = []
    covered_until = -1
    for tok in doc:
        if tok.i < covered_until and tok.i in entries_at and entries_at[tok.i][0] < tok.i:
            continue
        if tok.lower_ in PERSON_PRONOUNS and tok.tag_ in ("PRP", "PRP$"):
            units.append(Unit(tok.i, tok.i, tok.i + 1, kind="pronoun"))
            continue
        if not is_unit_head(tok) or tok.tag_ == "PRP":
            continue
        start, end = unit_bounds(tok, entries_at, lambda t: _orgish(lex, t))
        unit = describe(doc, tok, start, end, lex, entries_at)
        if unit.kind == "capital":
            place = actor_places.get(doc[unit.head].idx)
            if place is None and not _metonym_role(tok):
                continue
            unit.kind, unit.sector = "country", unit.sector or "GOV"
        elif unit.kind is None:
            place = actor_places.get(doc[start].idx) or actor_places.get(tok.idx)
            if place is not None:
                unit.kind, unit.sector, unit.countries = "country", "GOV", [(tok.i, place.country)]
            elif tok.lemma_.lower() in COLLECTIVE_IGO_NOUNS:
                unit.kind = "org"
            elif unit.entries:  # "Palestinian homes": the modifier alone is the actor
                s, e, entry = unit.entries[0]
                if entry.kind == "capital" and not _metonym_role(doc[s]):
                    continue
                unit = describe(doc, doc[e - 1], s, e, lex, entries_at)
                unit.kind = "country" if entry.kind != "named" else "org"
            else:
                continue
        units.append(unit)
        covered_until = max(covered_until, end)
    return units


def _orgish(lex: Lexicon, tok: Token) -> bool:
    row = lex.agents.get(tok.lemma_.lower()) or lex.agents.get(tok.lower_)
    return row is not None and row.kind in ("title", "org", "portfolio")


def _metonym_role(tok: Token) -> bool:
    """Return True if a capital's name plays an actor's role ("Moscow said", "talks with Beijing")."""
    if tok.dep_ in SUBJECT_DEPS or tok.dep_ in ("dobj", "iobj", "poss", "dative", "compound"):
        return True
    if tok.dep_ == "pobj":
        return tok.head.lower_ not in LOCATIVE_PREPS
    if tok.dep_ == "conj":
        return _metonym_role(tok.head)
    return False


def resolve_units(doc: Doc, units: list[Unit], lex: Lexicon, places: list[Place]) -> list[Actor]:
    """Turn units into Actors: merge appositions, resolve pronouns, surnames, descriptions, dominant country."""
    by_head = {u.head: u for u in units}
    for u in units:  # appositions share title, country, sector both ways
        for child in doc[u.head].children:
            other = by_head.get(child.i) if child.dep_ == "appos" else None
            if other is not None:
                _merge_appos(doc, u, other)
    dominant = dominant_country(doc, units, places)
    actors: list[Actor] = []
    history: list[tuple[Unit, Actor]] = []
    for u in units:
        actor = _to_actor(doc, u, lex, dominant, history)
        if actor is not None:
            actors.append(actor)
            history.append((u, actor))
    return actors


def _merge_appos(doc: Doc, a: Unit, b: Unit) -> None:
    person, desc = (a, b) if a.kind == "person" or (a.name and not b.name) else (b, a)
    if desc.kind not in ("description", "person", "org", None) or desc is person:
        return
    if person.title is None and desc.kind != "person":
        person.title = (desc.start, desc.end)
    if not person.countries and desc.countries:
        person.countries = list(desc.countries)
    person.sector = person.sector or desc.sector
    person.igo = person.igo or desc.igo
    if person.name and desc.kind == "description":
        desc.name, desc.kind = person.name, "person"
        desc.countries = desc.countries or list(person.countries)


def dominant_country(doc: Doc, units: list[Unit], places: list[Place] = ()) -> str | None:
    """Return the article's home country: explicit country evidence weighted by role and position."""
    score: Counter[str] = Counter()
    first_sent_end = next(iter(doc.sents)).end if len(doc) else 0
    for u in units:
        if not u.countries:
            continue
        w = 1.0
        if u.head < first_sent_end:
            w += 2
        if doc[u.head].dep_ in SUBJECT_DEPS:
            w += 1
        if u.sector in STATE_SECTORS:
            w += 1
        score[u.countries[0][1]] += w
    for p in places or ():
        if p.country and p.role == "actor":
            score[p.country] += 1
    return score.most_common(1)[0][0] if score else None


def _to_actor(
    doc: Doc, u: Unit, lex: Lexicon, dominant: str | None, history: list[tuple[Unit, Actor]]
) -> Actor | None:
    """Return the Actor of a unit, resolved against earlier mentions; None for a pronoun with no antecedent."""
    start_char, end_char = doc[u.start].idx, doc[u.end - 1].idx + len(doc[u.end - 1])
    text = doc.text[start_char:end_char]
    title = doc[u.title[0] : u.title[1]].text if u.title else None
    if u.kind == "pronoun":
        ante = _antecedent_person(doc, u.head, history)
        if ante is None:
            return None
        return dataclasses.replace(ante, text=text, start=start_char, end=end_char, kind="pronoun")
    country = u.countries[0][1] if u.countries else None
    name = u.name
    kind = u.kind
    head = doc[u.head]
    if kind == "person" and u.name and not u.title and not country and u.name_start is not None:
        ante = _same_person(u.name, history)
        if ante is not None:
            return dataclasses.replace(ante, text=text, start=start_char, end=end_char, name=ante.name)
    if kind == "description" and not country and not u.igo:
        ante = _description_antecedent(head, history)
        if ante is not None:
            return dataclasses.replace(ante, text=text, start=start_char, end=end_char, kind="description")
    if (
        kind in ("org", "description")
        and not country
        and not u.igo
        and head.lemma_.lower() in COLLECTIVE_IGO_NOUNS
    ):
        ante = next((a for _, a in reversed(history) if a.igo), None)
        if ante is not None:
            return Actor(text, start_char, end_char, ante.name, None, ante.sector, ante.igo, None, "org")
    if kind == "country":
        name = lex.country_names.get(country, u.head_entry.name if u.head_entry else text)
    elif kind == "org" and u.head_entry is not None:
        name = u.head_entry.name
    elif kind == "group" and u.head_entry is not None and u.head_entry.kind == "demonym" and not u.sector:
        name = lex.country_names.get(country)
    if country is None and not u.igo and u.sector in STATE_SECTORS and kind != "person":
        country = dominant
    if country is None and not u.igo and kind == "person" and u.title and u.sector in STATE_SECTORS:
        country = dominant
    return Actor(text, start_char, end_char, name, country, u.sector, u.igo, title, kind)


def _antecedent_person(doc: Doc, pron_i: int, history: list[tuple[Unit, Actor]]) -> Actor | None:
    """Return the person a pronoun refers to: the subject person of the nearest earlier sentence first."""
    sent_starts: list[int] = []
    cur = doc[pron_i].sent
    for _ in range(PRONOUN_LOOKBACK_SENTS):
        sent_starts.append(cur.start)
        if cur.start == 0:
            break
        cur = doc[cur.start - 1].sent
    for s_start in sent_starts:
        s_end = doc[s_start].sent.end
        cands = [
            (u, a)
            for u, a in history
            if s_start <= u.head < s_end and u.head < pron_i and a.kind in ("person",) and a.name
        ]
        if not cands:
            cands = [
                (u, a)
                for u, a in history
                if s_start <= u.head < s_end and u.head < pron_i and a.kind == "description"
            ]
        if cands:
            subj = [c for c in cands if doc[c[0].head].dep_ in SUBJECT_DEPS]
            return (subj[0] if subj else cands[-1])[1]
    return None


def _same_person(name: str, history: list[tuple[Unit, Actor]]) -> Actor | None:
    last = name.split()[-1]
    for _, a in reversed(history):
        if a.kind == "person" and a.name and a.name != name and a.name.split()[-1] == last:
            return a
    return None


def _description_antecedent(head: Token, history: list[tuple[Unit, Actor]]) -> Actor | None:
    """Return the last mention whose title or text holds the description's head noun ("the president")."""
    word = head.lower_
    for _, a in reversed(history):
        if a.kind == "pronoun":
            continue
        holder = (a.title or "") + " " + (a.text if a.kind != "person" else "")
        if word in holder.lower().split():
            return a
    return None


def actor_for(doc: Doc, token_i: int, actors: list[Actor], ctx: Context) -> Actor | None:
    """Return the actor for an argument token: the mention covering it, else its noun phrase resolved now.

    Give the head of each conjunct ("Poland and Romania": call once for each). None when nothing there
    is an actor.
    """
    if not 0 <= token_i < len(doc):
        return None
    tok = doc[token_i]
    lex = get_lexicon(ctx.settings.actors_file)
    lo, hi = tok.idx, tok.idx + len(tok)
    best = None
    for a in actors:
        if a.start <= lo and hi <= a.end and (best is None or a.end - a.start < best.end - best.start):
            best = a
    if best is not None:
        own = _own_country(doc, tok, lex)
        if own and own != best.country and best.kind not in ("person", "pronoun"):
            return dataclasses.replace(
                best, text=tok.text, start=lo, end=hi, country=own, name=lex.country_names.get(own)
            )
        return best
    entries_at = _entries_at(doc, lex)
    start, end = unit_bounds(tok, entries_at, lambda t: _orgish(lex, t))
    unit = describe(doc, tok, start, end, lex, entries_at)
    if unit.kind is None:
        if not unit.entries:
            return None
        # "Russia's invasion", "Palestinian homes": the modifier's own mention stands for the phrase
        s, e, entry = unit.entries[0]
        inner = [a for a in actors if doc[s].idx <= a.start and a.end <= doc[e - 1].idx + len(doc[e - 1])]
        if inner:
            return inner[0]
        unit = describe(doc, doc[e - 1], s, e, lex, entries_at)
        unit.kind = "country" if entry.kind != "named" else "org"
    if unit.kind == "capital":
        unit.kind, unit.sector = "country", unit.sector or "GOV"
    counts = Counter(a.country for a in actors if a.country and a.kind != "pronoun")
    dominant = counts.most_common(1)[0][0] if counts else None
    history = []
    for a in actors:
        span = doc.char_span(a.start, a.end, alignment_mode="expand") if a.end <= lo else None
        if span is not None:
            history.append((Unit(span.root.i, span.start, span.end), a))
    return _to_actor(doc, unit, lex, dominant, history)


def _own_country(doc: Doc, tok: Token, lex: Lexicon) -> str | None:
    """Return the country a single country name or demonym token names, if it is one."""
    for words, entry in [*lex.phrases.get(tok.lower_, ()), *lex.phrases.get("=" + tok.text, ())]:
        if len(words) == 1 and entry.kind in ("country", "demonym") and entry.country:
            return entry.country
    return None
