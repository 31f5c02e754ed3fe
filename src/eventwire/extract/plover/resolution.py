"""Resolution of argument tokens to Actors: the actors stage's mentions and ``actor_for``, else a fallback."""

from __future__ import annotations

import bisect
import dataclasses
import functools
import importlib

from spacy.tokens import Doc, Token

from ...document import Actor, Place
from ..actor.lexicon import misspelt_country
from ..actor.scope import INFERRED, Words, person_word
from ..context import Context
from ..tokens import TokenTable, token_table
from . import lexicon
from .phrases import ACTOR_ENTS, actor_like_at, lemma_at, member_of_at, owner_at
from .triggers import VERBAL, conjuncts


@functools.cache
def _actor_for_function(name: str = "actor_for"):
    """Return the actors stage's ``actor_for`` (or another function by ``name``) once it exists, else None."""
    try:
        module = importlib.import_module("eventwire.extract.actors")
    except ImportError:
        return None
    return getattr(module, name, None)


def phrase_range(t: TokenTable, i: int) -> tuple[int, int]:
    """Return the token range of a noun phrase's name part: the entity holding token ``i`` (by its IOB tags,
    as ``doc.ents`` reads them), or head and modifiers."""
    iobs = t.ent_iobs
    if t.ent_types[i] and iobs[i] != "O":
        start, end = i, i + 1
        while iobs[start] == "I" and start > 0:
            start -= 1
        while end < len(iobs) and iobs[end] == "I":
            end += 1
        return start, end
    start = i
    deps = t.deps
    for c in reversed([c for c in t.children[i] if c < i]):
        if deps[c] in ("compound", "amod", "nmod", "poss") and c == start - 1:
            start = t.toks[c].left_edge.i if deps[c] == "poss" else c
        elif deps[c] == "case" or t.tags[c] == "POS":
            continue
        else:
            break
    return start, i + 1


def fallback_actor(t: TokenTable, i: int, places: list[Place]) -> Actor:
    """Build an Actor for token ``i`` without the actors stage: its phrase, a country from places, a sector."""
    first, last = phrase_range(t, i)
    start, end = t.char_range(first, last)
    text = t.text[start:end]
    country = None
    inferred = True
    for place in places:
        if place.start < end and start < place.end and place.country:
            country, inferred = place.country, place.feature == INFERRED
            break
    if inferred and last - first == 1 and t.tags[i] == "NNP" and t.ent_types[i] != "PERSON" and t.texts[i][:1].isupper():
        entry = misspelt_country(t.lowers[i])  # "from Afganistan": a name one letter off a country's
        if entry is not None and not person_word(t.lowers, t.ent_types, t.lowers[i]):
            country = entry.country
    sector = lexicon.argument_nouns().get(lemma_at(t, i))
    ent = t.ent_types[i]
    kind = "pronoun" if t.pos[i] == "PRON" else ("person" if ent == "PERSON" else "country" if ent == "GPE" else
                                                 "org" if ent == "ORG" else "description")
    return Actor(text, start, end, name=text, country=country, sector=sector, kind=kind)


def antecedent(t: TokenTable, i: int) -> int | None:
    """Return the nearest earlier subject in the sentence that can act, for an unresolved pronoun."""
    deps, pos = t.deps, t.pos
    best = None
    for k in range(t.sent_start[t.sent[i]], i):
        if deps[k] in ("nsubj", "nsubjpass") and pos[k] != "PRON" and actor_like_at(t, k):
            best = k
    return best


def apposed(t: TokenTable, i: int) -> list[int]:
    """Return the phrases in apposition with token ``i`` (its head when it is one, its own appositions)."""
    deps = t.deps
    return ([t.heads[i]] if deps[i] == "appos" else []) + [c for c in t.children[i] if deps[c] == "appos"]


class Resolver:
    """Resolve argument tokens to Actors for one Doc: the smallest actor mention covering the token,
    else the actors stage's ``actor_for``, else a plain fallback. Results are memoised per token."""

    def __init__(self, doc: Doc, actors: list[Actor], places: list[Place], ctx: Context,
                 table: TokenTable | None = None) -> None:
        self.doc, self.actors, self.places, self.ctx = doc, actors, places, ctx
        self.table = table if table is not None else token_table(doc)
        self.actor_for = _actor_for_function()
        self.actors_for = _actor_for_function("actors_for")
        self.cover: dict[int, Actor] = {}
        # the tokens each actor overlaps (what doc.char_span(..., alignment_mode="expand") gives, without a Span)
        starts, ends = self.table.idx, self.table.ends
        for actor in actors:
            for i in range(bisect.bisect_right(ends, actor.start), bisect.bisect_left(starts, actor.end)):
                old = self.cover.get(i)
                if old is None or actor.end - actor.start < old.end - old.start:
                    self.cover[i] = actor
        self.memo: dict[int, Actor] = {}
        self.all_memo: dict[int, list[Actor]] = {}  # all_at's answers (shared lists: read them, don't change them)
        self.words: Words | None = None  # the Doc's token lists for the actors stage, made once when needed

    def _words(self) -> Words:
        if self.words is None:
            t = self.table
            self.words = Words(t.toks, t.texts, t.lowers, t.tags, t.deps, t.heads, [p in VERBAL for p in t.pos])
        return self.words

    def __call__(self, tok: Token) -> Actor:
        """Return the Actor for an argument head, looking through non-actor heads and unresolved pronouns."""
        return self.at(tok.i)

    def at(self, i: int) -> Actor:
        """Return ``__call__`` for the token at index ``i``."""
        found = self.memo.get(i)
        if found is None:
            found = self.memo[i] = self._resolve_full(i)
        return found

    def all(self, tok: Token) -> list[Actor]:
        """Return the Actors for an argument head: several when its modifiers name several countries
        ("U.S. and Russian negotiators"), else the one ``__call__`` gives."""
        return list(self.all_at(tok.i))

    def all_at(self, i: int) -> list[Actor]:
        """Return ``all`` for the token at index ``i`` (memoised: the list is shared, read it only)."""
        found = self.all_memo.get(i)
        if found is None:
            found = self.all_memo[i] = self._all_full(i)
        return found

    def _all_full(self, i: int) -> list[Actor]:
        t = self.table
        if self.actors_for is not None and t.pos[i] == "NOUN" and t.ent_types[i] not in ACTOR_ENTS and any(
                t.deps[c] in ("amod", "compound", "nmod") and conjuncts(t, c) for c in t.children[i]):
            try:
                found = self.actors_for(self.doc, i, self.actors, self.ctx, conjuncts=False, places=self.places,
                                        words=self._words())
            except (TypeError, IndexError, KeyError, ValueError, AttributeError):
                found = []
            if len({a.country or a.igo for a in found}) > 1:
                return found
        return [self.at(i)]

    def _resolve_full(self, i: int) -> Actor:
        t = self.table
        actor = self._one(owner_at(t, i))
        if actor.country is None and actor.igo is None:
            pron = t.pos[i] == "PRON"
            other = antecedent(t, i) if pron else member_of_at(t, i)
            if other is not None:
                found = self._one(owner_at(t, other))
                if found.country is not None or found.igo is not None:
                    return found if pron else dataclasses.replace(actor, country=found.country, igo=found.igo)
            for same in apposed(t, i):  # "Ghanaians, the biggest group": the apposition names the same party
                found = self._one(owner_at(t, same))
                if found.country is not None or found.igo is not None:
                    return dataclasses.replace(actor, country=found.country, igo=found.igo)
        return actor

    def _one(self, i: int) -> Actor:
        covering = self.cover.get(i)
        if covering is not None:
            return covering
        if self.actor_for is not None:
            try:
                found = self.actor_for(self.doc, i, self.actors, self.ctx, places=self.places, words=self._words())
            except TypeError:
                found = self.actor_for(self.doc, i, self.actors, self.ctx)
            except (IndexError, KeyError, ValueError, AttributeError):
                found = None
            if found is not None:
                return found
        return fallback_actor(self.table, i, self.places)


def resolve(doc: Doc, tok: Token, actors: list[Actor], places: list[Place], ctx: Context) -> Actor:
    """Return the Actor for an argument head (one-off; ``Resolver`` does many at once)."""
    return Resolver(doc, actors, places, ctx)(tok)
