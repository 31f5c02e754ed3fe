"""Resolution of argument tokens to Actors: the actors stage's mentions and ``actor_for``, else a fallback."""

from __future__ import annotations

import bisect
import dataclasses
import importlib

from spacy.tokens import Doc, Token

from ...document import Actor, Place
from ..actor.scope import Words
from ..context import Context
from ..tokens import TokenTable, token_table
from . import lexicon
from .arguments import ACTOR_ENTS, actor_like, member_of, owner
from .triggers import VERBAL, conjuncts, lemma_of


def _actor_for_function(name: str = "actor_for"):
    """Return the actors stage's ``actor_for`` (or another function by ``name``) once it exists, else None."""
    try:
        module = importlib.import_module("eventwire.extract.actors")
    except ImportError:
        return None
    return getattr(module, name, None)


def phrase_range(tok: Token) -> tuple[int, int]:
    """Return the token range of a noun phrase's name part: the entity holding it, or head and modifiers."""
    if tok.ent_type_ and tok.ent_iob_ != "O":
        for ent in tok.doc.ents:
            if ent.start <= tok.i < ent.end:
                return ent.start, ent.end
    start = tok.i
    for child in sorted(tok.lefts, key=lambda t: -t.i):
        if child.dep_ in ("compound", "amod", "nmod", "poss") and child.i == start - 1:
            start = child.left_edge.i if child.dep_ == "poss" else child.i
        elif child.dep_ == "case" or child.tag_ == "POS":
            continue
        else:
            break
    return start, tok.i + 1


def fallback_actor(doc: Doc, tok: Token, places: list[Place], actors: list[Actor]) -> Actor:
    """Build an Actor for ``tok`` without the actors stage: its phrase, a country from places, a sector."""
    start, end = phrase_range(tok)
    span = doc[start:end]
    country = None
    for place in places:
        if place.start < span.end_char and span.start_char < place.end and place.country:
            country = place.country
            break
    sector = lexicon.argument_nouns().get(lemma_of(tok))
    kind = "pronoun" if tok.pos_ == "PRON" else ("person" if tok.ent_type_ == "PERSON" else
                                                 "country" if tok.ent_type_ == "GPE" else
                                                 "org" if tok.ent_type_ == "ORG" else "description")
    return Actor(span.text, span.start_char, span.end_char, name=span.text, country=country, sector=sector, kind=kind)


def antecedent(tok: Token) -> Token | None:
    """Return the nearest earlier subject in the sentence that can act, for an unresolved pronoun."""
    best = None
    for cand in tok.sent:
        if cand.i >= tok.i:
            break
        if cand.dep_ in ("nsubj", "nsubjpass") and cand.pos_ != "PRON" and actor_like(cand):
            best = cand
    return best


def apposed(tok: Token) -> list[Token]:
    """Return the phrases in apposition with ``tok`` (its head when it is one, its own appositions)."""
    out = [tok.head] if tok.dep_ == "appos" and tok.head is not tok else []
    return out + [c for c in tok.children if c.dep_ == "appos"]


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
        self.words: Words | None = None  # the Doc's token lists for the actors stage, made once when needed

    def _words(self) -> Words:
        if self.words is None:
            t = self.table
            self.words = Words(t.toks, t.texts, t.lowers, t.tags, t.deps, t.heads, [p in VERBAL for p in t.pos])
        return self.words

    def __call__(self, tok: Token) -> Actor:
        """Return the Actor for an argument head, looking through non-actor heads and unresolved pronouns."""
        found = self.memo.get(tok.i)
        if found is None:
            found = self.memo[tok.i] = self._resolve_full(tok)
        return found

    def all(self, tok: Token) -> list[Actor]:
        """Return the Actors for an argument head: several when its modifiers name several countries
        ("U.S. and Russian negotiators"), else the one ``__call__`` gives."""
        t = self.table
        coordinated = any(t.deps[c] in ("amod", "compound", "nmod") and conjuncts(t, c) for c in t.children[tok.i])
        if self.actors_for is not None and coordinated and tok.pos_ == "NOUN" and tok.ent_type_ not in ACTOR_ENTS:
            try:
                found = self.actors_for(self.doc, tok.i, self.actors, self.ctx, conjuncts=False, places=self.places,
                                        words=self._words())
            except (TypeError, IndexError, KeyError, ValueError, AttributeError):
                found = []
            if len({a.country or a.igo for a in found}) > 1:
                return found
        return [self(tok)]

    def _resolve_full(self, tok: Token) -> Actor:
        actor = self._one(owner(tok))
        if actor.country is None and actor.igo is None:
            other = antecedent(tok) if tok.pos_ == "PRON" else member_of(tok)
            if other is not None:
                found = self._one(owner(other))
                if found.country is not None or found.igo is not None:
                    return found if tok.pos_ == "PRON" else dataclasses.replace(actor, country=found.country, igo=found.igo)
            for same in apposed(tok):  # "Ghanaians, the biggest group": the apposition names the same party
                found = self._one(owner(same))
                if found.country is not None or found.igo is not None:
                    return dataclasses.replace(actor, country=found.country, igo=found.igo)
        return actor

    def _one(self, tok: Token) -> Actor:
        covering = self.cover.get(tok.i)
        if covering is not None:
            return covering
        if self.actor_for is not None:
            try:
                found = self.actor_for(self.doc, tok.i, self.actors, self.ctx, places=self.places, words=self._words())
            except TypeError:
                found = self.actor_for(self.doc, tok.i, self.actors, self.ctx)
            except (IndexError, KeyError, ValueError, AttributeError):
                found = None
            if found is not None:
                return found
        return fallback_actor(self.doc, tok, self.places, self.actors)


def resolve(doc: Doc, tok: Token, actors: list[Actor], places: list[Place], ctx: Context) -> Actor:
    """Return the Actor for an argument head (one-off; ``Resolver`` does many at once)."""
    return Resolver(doc, actors, places, ctx)(tok)
