"""Stage: actor mentions resolved to name, country, sector and IGO, through pronouns and titles.

Candidates are noun-phrase units (``actor.units``); resolution adds what the article says elsewhere:
appositions ("X, the army chief"), earlier mentions for pronouns, surnames and definite descriptions
("he", "Dupont", "the president", "the alliance"), and the article's dominant country for unqualified
actors ("officials said", "the Defense Department").

``actor_for`` and ``actors_for`` serve the event extractor: the actor(s) for an argument's head token.

Dictionaries are data files: ``data/countries.tsv`` (names, aliases, demonyms, capitals),
``data/actors/actors.tsv`` (named bodies, IGOs, metonyms: pattern, name, country, sector, igo),
``data/actors/people.tsv`` (well-known people, same columns), ``data/actors/agents.tsv`` (role and group
nouns -> sector) and ``data/actors/successions.tsv`` (countries before their independence belong to the
country they were part of, by the article's date). ``Settings.actors_file`` (``--actors FILE``)
lays a user file over them: the same five-column TSV (a row with only a pattern and a sector is an agent
noun), or a PETRARCH/NGEC ``PLOVER_agents.txt`` file, recognised by its ``PHRASE [~SEC]`` lines.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import itertools
import operator
from collections import Counter
from collections.abc import Callable

from spacy.tokens import Doc, Token

from ..document import Actor, Place
from ..resources import cached, iter_tsv
from .actor.coref import (
    LOOKBACK_MENTIONS,
    STATE_SECTORS,
    SUBJECT_DEPS,
    CountryFill,
    antecedent_group,
    antecedent_person,
    description_antecedent,
    merge_appos,
    same_person,
)
from .actor.scope import CURRENCY_TAG, Scope, Words, make_scope
from .actor.units import (
    COLLECTIVE_HEADS,
    MODIFIER_DEPS,
    NOMINAL_TAGS,
    PROPER_TAGS,
    Unit,
    describe,
    unit_bounds,
)
from .context import Context
from .tokens import entity_bounds, left_edge

LOCATIVE_PREPS = frozenset(
    {"in", "into", "to", "from", "at", "near", "across", "toward", "towards", "inside", "outside", "around",
     "through", "within", "throughout", "over", "via", "on", "off", "out", "onto", "between"}
)  # fmt: skip
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
GROUP_PRONOUNS = frozenset({"they", "them", "their"})
WE_PRONOUNS = frozenset({"we", "us", "our"})
IT_PRONOUNS = frozenset({"it", "its"})
PLAIN_FIELDS = ("text", "start", "end", "name", "country", "sector", "igo", "title", "kind")
PLAIN_ACTOR = tuple(f.name for f in dataclasses.fields(Actor)) == PLAIN_FIELDS


def _actor_builder() -> Callable[..., Actor]:
    """Return a function that builds an Actor from its nine fields, in field order.

    Actor is a frozen dataclass: its ``__init__`` sets each field through ``object.__setattr__``. The
    builder sets the same slots through their descriptors (what that call comes down to) in a third of the
    time; the stage builds one Actor per mention. It is Actor itself once Actor has other fields or a
    ``__post_init__``.
    """
    if not PLAIN_ACTOR or hasattr(Actor, "__post_init__"):
        return Actor
    put = [vars(Actor)[name].__set__ for name in PLAIN_FIELDS]
    text, start, end, name, country, sector, igo, title, kind = put
    new = object.__new__

    def build(t: str, s: int, e: int, n: str | None = None, c: str | None = None, sec: str | None = None,
              i: str | None = None, tit: str | None = None, k: str | None = None) -> Actor:  # fmt: skip
        actor = new(Actor)
        text(actor, t)
        start(actor, s)
        end(actor, e)
        name(actor, n)
        country(actor, c)
        sector(actor, sec)
        igo(actor, i)
        title(actor, tit)
        kind(actor, k)
        return actor

    return build


new_actor = _actor_builder()
COVER_LOOKBACK = 12  # mentions starting before a token that may still cover it
FALLBACK_HISTORY = 60  # earlier mentions an on-the-fly phrase may refer back to
COLLECTIVE_IGO_NOUNS = frozenset(
    {"alliance", "bloc", "organization", "organisation", "body", "union", "coalition"}
)
CANDIDATE_TAGS = NOMINAL_TAGS | {"PRP$"}  # nouns and pronouns: the tokens ``find_units`` looks at
AMOUNT_HEADS = frozenset(
    {"hundreds", "thousands", "dozens", "scores", "millions", "tens", "some", "many", "most", "all", "part",
     "half", "third", "members", "member", "group", "number", "majority", "rest", "each", "none", "several"}
)  # fmt: skip


def extract_actors(doc: Doc, ctx: Context, *, places: list[Place]) -> list[Actor]:
    """Return every actor mention in ``doc`` (people, organisations, countries, pronouns resolved)."""
    scope = make_scope(doc, ctx, places)
    units = find_units(scope)
    return as_of(resolve_units(scope, units), ctx.published)


@cached
def successions() -> dict[str, tuple[str, str]]:
    """Return iso3 -> (independent since, iso3 it was part of) (``data/actors/successions.tsv``)."""
    return {row[0].strip(): (row[1].strip(), row[2].strip()) for row in iter_tsv("actors/successions.tsv")}


def as_of(actors: list[Actor], published: dt.date | None) -> list[Actor]:
    """Return ``actors`` with the countries of their day: a country not yet independent when the article
    appeared is the one it was part of (Juba in 2000 is in Sudan)."""
    if published is None:
        return actors
    table, day = successions(), published.isoformat()
    return [dataclasses.replace(a, country=table[a.country][1]) if a.country in table and day < table[a.country][0]
            else a for a in actors]


def find_units(scope: Scope) -> list[Unit]:
    """Return the actor candidates: noun-phrase units that name, describe or refer to an actor."""
    entries_at, lowers, heads = scope.entries_at, scope.lowers, scope.heads
    tags, deps, place_at = scope.tags, scope.deps, scope.place_at
    units: list[Unit] = []
    seen: set[tuple[int, int]] = set()
    roots: dict[int, int] = {}  # a multi-word lexicon match's first token -> the match's root
    for i in itertools.compress(range(len(tags)), map(CANDIDATE_TAGS.__contains__, tags)):
        tag = tags[i]
        if tag == "PRP" or tag == "PRP$":
            lower = lowers[i]
            if (
                lower in PERSON_PRONOUNS
                or lower in GROUP_PRONOUNS
                or lower in WE_PRONOUNS
                or (lower in IT_PRONOUNS and _referring_it(scope, i))
            ):
                units.append(Unit(i, i, i + 1, kind="pronoun", agent_kind=lower))
            continue
        if heads[i] > i and deps[i] in MODIFIER_DEPS and tags[heads[i]] in NOMINAL_TAGS:
            continue  # a noun modifying the noun after it
        if i + 1 < len(tags) and tags[i + 1] == CURRENCY_TAG:
            continue  # "US $50 million": a currency's country
        m = entries_at.get(i)
        if m and m[1] - m[0] > 1:
            root = roots.get(m[0])
            if root is None:
                root = roots[m[0]] = scope.span_root(m[0], m[1])
            if root != i:
                continue  # a word inside a longer name ("Staff" in "Joint Chiefs of Staff")
        if m is None and (
            _inert(scope, i) if tag in PROPER_TAGS or i in place_at else not _promising(scope, i)
        ):
            continue
        unit = unit_at(scope, i)
        if unit is not None and (unit.start, unit.end) not in seen:
            seen.add((unit.start, unit.end))
            units.append(unit)
    return units


def _promising(scope: Scope, i: int) -> bool:
    """Return True if a noun could head an actor phrase (cheap test before building its unit)."""
    if scope.tags[i] in ("NNP", "NNPS") or i in scope.place_at:
        return True
    agents = scope.lex.agents
    lemma = scope.lemma_lowers[i]
    if lemma in agents or scope.lowers[i] in agents or lemma in COLLECTIVE_IGO_NOUNS:
        return True
    if not scope.children[i]:
        return False  # nothing before it in its phrase
    entries, places, lowers = scope.entries_at, scope.place_at, scope.lowers
    for k in range(left_edge(scope, i), i):
        if k in entries or k in places or lowers[k] in agents:
            return True
    return False


def _inert(scope: Scope, i: int) -> bool:
    """Return True for a name or toponym that ``unit_at`` would drop, told without describing it: a word
    outside the lexicon with no words before it in its phrase, no person or organisation by its entity type,
    no agent noun, and no place in an actor's role ("on Monday", "in Basra")."""
    kids = scope.children[i]
    if (kids and kids[0] < i) or scope.ent_types[i] in ("PERSON", "ORG"):
        return False
    lasts, lower, lemma = scope.lex.agent_lasts, scope.lowers[i], scope.lemma_lowers[i]
    if lower in lasts or lemma in lasts or " " in lower or " " in lemma:
        return False  # an agent phrase may end in it (every agent word is the last word of its phrase)
    if lemma in COLLECTIVE_HEADS or lemma in COLLECTIVE_IGO_NOUNS:
        return False
    place = scope.places.get(i)
    return place is None or not place.country or (place.role != "actor" and not _metonym_role(scope, i))


def unit_at(scope: Scope, i: int) -> Unit | None:
    """Return the actor unit headed by token ``i``, or None when the phrase names no actor."""
    start, end = unit_bounds(scope, i, _orgish)
    unit = describe(scope, i, start, end)
    place = scope.places.get(i)
    if unit.kind == "capital":
        if not (place is not None and place.role == "actor") and not _metonym_role(scope, i):
            return None
        unit.kind, unit.sector = "country", unit.sector or "GOV"
    elif unit.kind is None:
        if place is not None and place.country and (place.role == "actor" or _metonym_role(scope, i)):
            unit.kind = "country" if place.role == "actor" else "place"
            unit.sector = "GOV" if place.role == "actor" else None
            unit.countries = [(i, place.country)]
            unit.name = place.name
        elif scope.lemma_lowers[i] in COLLECTIVE_IGO_NOUNS or _unknown_body(scope, i):
            unit.kind = "org"  # "the alliance"; a named body the lexicon does not know ("the Kandor Freedom Movement")
        elif unit.entries:  # "Palestinian homes": the modifier alone is the actor
            s, e, entry = unit.entries[0]
            if entry.kind == "capital" and not _metonym_role(scope, s):
                return None
            unit = describe(scope, e - 1, s, e)
            unit.kind = {"named": "org", "person": "person"}.get(entry.kind, "country")
        else:
            return None
    return unit


def _unknown_body(scope: Scope, i: int) -> bool:
    """Return True for the head of an organisation name that no dictionary knows: not a place the parser took
    for one, nor the department in a title or body's "of" phrase ("Department of National Defence")."""
    if scope.ent_types[i] != "ORG" or scope.tags[i] not in PROPER_TAGS or i in scope.place_at or i in scope.places:
        return False
    head = scope.heads[i]
    if scope.deps[i] == "pobj" and scope.lowers[head] == "of" and _orgish(scope, scope.heads[head]):
        return False
    start, end = entity_bounds(scope, i)
    return head == i or not start <= head < end  # the name's head, not a word inside it


def _referring_it(scope: Scope, i: int) -> bool:
    """Return True for an "it" that can stand for a body ("Iraq said it would", "its troops"), not the
    expletive of "it is likely that"."""
    if scope.lowers[i] == "its":
        return True
    if scope.deps[i] not in ("nsubj", "nsubjpass"):  # "denied it": objects are mostly things
        return False
    head = scope.heads[i]
    lemma = scope.lemmas[head]
    return not (
        lemma == "be"
        or (
            lemma in ("seem", "appear", "remain", "become")
            and any(scope.deps[c] in ("acomp", "ccomp", "xcomp") and c > i for c in scope.children[head])
        )
    )


def _orgish(scope: Scope, i: int) -> bool:
    """Return True for a title, organisation or portfolio word (by its lemma first, then its form)."""
    lemma = scope.lemma_lowers[i]
    return lemma in scope.lex.title_words if lemma in scope.lex.agents else scope.lowers[i] in scope.lex.title_words


def _metonym_role(scope: Scope, i: int) -> bool:
    """Return True if a place name plays an actor's role ("Moscow said", "talks with Beijing")."""
    dep = scope.deps[i]
    if dep in SUBJECT_DEPS or dep in ("dobj", "iobj", "poss", "dative"):
        return True
    if dep == "pobj":
        return scope.lowers[scope.heads[i]] not in LOCATIVE_PREPS
    if dep == "conj":
        return _metonym_role(scope, scope.heads[i])
    return False


def resolve_units(scope: Scope, units: list[Unit]) -> list[Actor]:
    """Turn units into Actors: merge appositions, resolve pronouns, surnames, descriptions, dominant country."""
    doc, heads = scope.doc, scope.heads
    by_head = {u.head: u for u in units}
    appos: dict[int, list[int]] = {}  # head -> its appositions, in text order (as ``Token.children``)
    for k in [k for k, dep in enumerate(scope.deps) if dep == "appos"]:
        if heads[k] != k:
            appos.setdefault(heads[k], []).append(k)
    for u in units:  # appositions share title, country, sector both ways
        for k in appos.get(u.head, ()):
            other = by_head.get(k)
            if other is not None:
                merge_appos(u, other)
    fill = CountryFill(doc, units, scope)
    actors: list[Actor] = []
    history: list[tuple[Unit, Actor]] = []
    later: list[Unit] = []
    for u in units:
        if u.kind == "pronoun" and u.agent_kind in WE_PRONOUNS:
            later.append(u)  # "we" looks both ways in its sentence: resolved once all else is
            continue
        actor = to_actor(scope, u, fill, history)
        if actor is not None:
            actors.append(actor)
            history.append((u, actor))
    for u in later:
        actor = _we_actor(scope, u, history, fill)
        if actor is not None:
            actors.append(actor)
    actors.sort(key=operator.attrgetter("start"))  # actor_for relies on this order
    return actors


def _we_actor(scope: Scope, u: Unit, history: list[tuple[Unit, Actor]], fill: CountryFill) -> Actor | None:
    """Return what "we" stands for: the speaker or body named in its sentence (a quote's "he said"), else
    the subject of a recent sentence, else the article's country."""
    h = u.head
    start, end = scope.sent_start[h], scope.sent_end[h]
    kinds = ("person", "org", "group", "description", "pronoun")
    own = scope.governor(u.head)
    ante = None
    for _ in range(3):  # this sentence (both sides), then the two before: subjects first
        here = [
            (v, a)
            for v, a in history
            if start <= v.head < end
            and a.kind in kinds
            and (a.country or a.igo)
            and scope.governor(v.head) != own
        ]
        if here:
            subj = [c for c in here if scope.deps[c[0].head] in SUBJECT_DEPS]
            ante = (subj or here)[-1][1]  # the last subject: a quote's speaker follows it
            break
        if start == 0:
            break
        start, end = scope.sent_start[start - 1], start
    text = scope.texts[h]
    idx = scope.idx[h]
    if ante is not None:
        return _moved(ante, text, idx, idx + len(text), "pronoun")
    country = fill.country(h, state=False)
    if country is None:
        return None
    return new_actor(text, idx, idx + len(text), None, country, None, None, None, "pronoun")


def to_actor(
    scope: Scope, u: Unit, fill: CountryFill | None, history: list[tuple[Unit, Actor]]
) -> Actor | None:
    """Return the Actor of a unit, resolved against earlier mentions; None for a pronoun with no antecedent."""
    lex = scope.lex
    start_char, end_char = scope.idx[u.start], scope.ends[u.end - 1]
    text = scope.span_text(u.start, u.end)
    title = scope.span_text(*u.title) if u.title else None
    if u.kind == "pronoun":
        if u.agent_kind in GROUP_PRONOUNS:
            ante = antecedent_group(scope, u.head, history, plural=True)
        elif u.agent_kind in IT_PRONOUNS:
            ante = antecedent_group(scope, u.head, history, kinds=("org", "country"))
        else:
            ante = antecedent_person(scope, u.head, history)
        if ante is None:
            return None
        return _moved(ante, text, start_char, end_char, "pronoun")
    country = u.countries[0][1] if u.countries else None
    name = u.name
    kind = u.kind
    h = u.head
    if kind == "person" and u.name and not u.title and not country and u.name_start is not None:
        ante = same_person(u.name, history)
        if ante is not None:
            return _moved(ante, text, start_char, end_char, ante.kind)
    if kind == "description" and not country and not u.igo:
        ante = description_antecedent(scope.lowers[h], history)
        if ante is not None:
            return _moved(ante, text, start_char, end_char, "description")
    if (
        kind in ("org", "description")
        and not country
        and not u.igo
        and scope.lemma_lowers[h] in COLLECTIVE_IGO_NOUNS
    ):
        ante = next((a for _, a in itertools.islice(reversed(history), LOOKBACK_MENTIONS) if a.igo), None)
        if ante is not None:
            return new_actor(text, start_char, end_char, ante.name, None, ante.sector, ante.igo, None, "org")
    if kind == "country":
        name = lex.country_names.get(country, u.head_entry.name if u.head_entry else text)
    elif kind == "org" and u.head_entry is not None:
        name = u.head_entry.name
    elif kind == "org" and scope.tags[h] in ("NNP", "NNPS"):  # a named body: "U.S. Department of Defense"
        name = text
    elif kind == "org" and u.igo:  # "the NATO alliance"
        name = next((e.name for _, _, e in u.entries if e.igo == u.igo), None)
    elif kind == "group" and u.head_entry is not None and u.head_entry.kind == "demonym" and not u.sector:
        name = lex.country_names.get(country)
    if country is None and u.ethnic:
        country = (fill.other_country(h, u.ethnic) if fill is not None else None) or u.ethnic
    if country is None and not u.igo and fill is not None and not u.worldwide:
        if kind == "group" and u.sector == "CVL" and fill.local_country(h):
            country = fill.local_country(h)  # "killed 23 people in X": civilians of the place it happens
        elif (u.sector and kind in ("group", "org", "description")) or kind == "person":
            # a named person the text ties to no country: the article's (as a coder reads a local story)
            country = fill.country(h, state=u.sector in STATE_SECTORS)
        elif kind == "org" and scope.ent_types[h] == "ORG":
            country = fill.country(h, state=False)
    return new_actor(text, start_char, end_char, name, country, u.sector, u.igo, title, kind)


def _moved(a: Actor, text: str, start: int, end: int, kind: str | None) -> Actor:
    """Return ``a`` at another mention (``dataclasses.replace`` of its text, offsets and kind, built directly)."""
    if not PLAIN_ACTOR:  # a field added to Actor: copy it too
        return dataclasses.replace(a, text=text, start=start, end=end, kind=kind)
    return new_actor(text, start, end, a.name, a.country, a.sector, a.igo, a.title, kind)


def actor_for(
    doc: Doc,
    token_i: int,
    actors: list[Actor],
    ctx: Context,
    *,
    places: list[Place] | None = None,
    words: Words | None = None,
) -> Actor | None:
    """Return the actor for an argument token: the mention covering it, else its noun phrase resolved now.

    ``actors`` is the list ``extract_actors`` returned (sorted by start; a covering mention is found by
    bisection). Give the head of each conjunct ("Poland and Romania": call once for each, or use ``actors_for``).
    With ``places`` (the places stage's result) a toponym argument ("shelled Kabul", "curfew in Algiers")
    becomes an actor of kind ``place`` with the place's country. None when nothing there is an actor.
    """
    found = actors_for(doc, token_i, actors, ctx, conjuncts=False, places=places, words=words)
    return found[0] if found else None


def actors_for(
    doc: Doc,
    token_i: int,
    actors: list[Actor],
    ctx: Context,
    *,
    conjuncts: bool = True,
    places: list[Place] | None = None,
    words: Words | None = None,
) -> list[Actor]:
    """Return the actors for an argument's head token, one per coordinated country or conjunct.

    "U.S. and Russian negotiators" gives a USA and a RUS actor; with ``conjuncts`` "Poland and Romania"
    (given the head "Poland") gives both countries. A caller resolving many tokens of one Doc passes
    ``words=actor.scope.doc_words(doc)`` once made, so the Doc is read once.
    """
    if not 0 <= token_i < len(doc):
        return []
    t = ctx.table
    if t is not None and len(t.heads) == len(doc) and t.toks[0].doc is doc:  # the sentence from the table
        tok = t.toks[token_i]
        sent = t.sent[token_i]
        s, e = t.sent_start[sent], t.sent_end[sent]
    else:
        tok = doc[token_i]
        s = token_i
        while s > 0 and not doc[s].is_sent_start:
            s -= 1
        e = token_i + 1
        while e < len(doc) and not doc[e].is_sent_start:
            e += 1
    scope = make_scope(doc, ctx, places, s, e, words)
    out = _actors_at(scope, tok, actors)
    if conjuncts:
        for conj in tok.conjuncts:
            out += [a for a in _actors_at(scope, conj, actors) if a not in out]
    return as_of(out, ctx.published)


def _actors_at(scope: Scope, tok: Token, actors: list[Actor]) -> list[Actor]:
    doc = scope.doc
    lo, hi = tok.idx, tok.idx + len(tok)
    best = None
    # actors come sorted by start (extract_actors' order): look back from the last one starting at ``lo``
    at = bisect.bisect_right(actors, lo, key=lambda a: a.start)
    for a in itertools.islice(reversed(actors), len(actors) - at, len(actors) - at + COVER_LOOKBACK):
        if a.start <= lo and hi <= a.end and (best is None or a.end - a.start < best.end - best.start):
            best = a
    if best is None and (tok.like_num or tok.lower_ in AMOUNT_HEADS):
        of = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if obj is not None:  # "hundreds of protesters", "one third of the rebels"
            return _actors_at(scope, obj, actors)
    if best is None and tok.pos_ in ("VERB", "AUX", "ADP", "CCONJ", "SCONJ", "PUNCT", "DET", "PART", "ADV"):
        return []
    if best is None:
        unit = unit_at(scope, tok.i)
        if unit is None:
            place = scope.places.get(tok.i)
            if place is None or not place.country:
                return []
            s, e = place.start, place.end
            return [Actor(place.text, s, e, place.name, place.country, None, None, None, "place")]
        history = []
        for a in actors[max(0, at - FALLBACK_HISTORY) : at]:
            span = doc.char_span(a.start, a.end, alignment_mode="expand") if a.end <= lo else None
            if span is not None:
                history.append((Unit(span.root.i, span.start, span.end), a))
        best = to_actor(scope, unit, _fill_from(actors), history)
        if best is None:
            return []
    if best.kind in ("person", "pronoun", "country", "place"):
        return [best]
    # coordinated country modifiers share the head: one actor each ("U.S. and Russian negotiators")
    out = [best]
    seen = {best.country}
    span = doc.char_span(best.start, best.end, alignment_mode="expand")
    for t in span if span is not None else ():
        m = scope.entries_at.get(t.i)
        if m and m[0] == t.i and m[2].kind in ("country", "demonym") and m[2].country not in seen:
            if t.dep_ == "conj" or any(c.dep_ == "conj" for c in t.children):
                seen.add(m[2].country)
                s, e = doc[m[0]].idx, doc[m[1] - 1].idx + len(doc[m[1] - 1])
                out.append(
                    dataclasses.replace(
                        best, text=doc[m[0] : m[1]].text, start=s, end=e, country=m[2].country
                    )
                )
    return out


class _fill_from:  # noqa: N801 - a CountryFill stand-in built from finished actors
    """Country fill-in from already resolved actors (the most frequent country), for ``actor_for``."""

    __slots__ = ("best",)

    def __init__(self, actors: list[Actor]) -> None:
        counts = Counter(a.country for a in actors if a.country and a.kind not in ("pronoun",))
        self.best = counts.most_common(1)[0][0] if counts else None

    def country(self, i: int, state: bool) -> str | None:
        return self.best

    def other_country(self, i: int, not_this: str) -> str | None:
        return None

    def local_country(self, i: int) -> str | None:
        return None
