"""What a noun-phrase head stands for in an argument: actor-likeness, its owner ("Velia's plan" -> Velia),
coordinated conjuncts, prepositional objects (with a repair for objects the parser hung elsewhere)."""

from __future__ import annotations

from spacy.tokens import Token

from ..actor.units import RELATION_NOUNS
from . import lexicon
from .triggers import PARTITIVE_HEADS, lemma_of

ACTOR_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "who", "which", "that"})


def partitive(tok: Token) -> bool:
    """Return whether a noun only measures the "of" noun after it ("a state of emergency")."""
    return lemma_of(tok) in PARTITIVE_HEADS and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)


def with_conjuncts(tokens: list[Token]) -> list[Token]:
    """Return ``tokens`` and their coordinated conjuncts ("Poland and Romania"), without repeats."""
    if not tokens:
        return []
    out: list[Token] = []
    for tok in tokens:
        for t in (tok, *tok.conjuncts):
            if t is not tok and (t.is_punct or len(one_per_name([tok, t])) == 1):
                continue  # a name the parser split ("Khalifa al-Thani"): not a second party
            if t not in out and t.pos_ not in ("CCONJ", "PUNCT"):
                out.append(t)
    return out


def actor_like(tok: Token, actor_starts: frozenset[int] = frozenset()) -> bool:
    """Return whether a noun phrase head can be an actor (a named body, an agent noun, a pronoun)."""
    if tok.ent_type_ in ACTOR_ENTS or tok.idx in actor_starts:
        return True
    if tok.lower_ in PRONOUNS and tok.pos_ == "PRON":
        return True
    if lemma_of(tok) in lexicon.argument_nouns():
        return True
    return any(c.dep_ in ("compound", "amod", "poss") and c.ent_type_ in ACTOR_ENTS for c in tok.children)


def one_per_name(tokens: list[Token]) -> list[Token]:
    """Return ``tokens`` less those inside the same name as the one before ("Khalifa al-Thani" parsed as
    several subjects)."""
    if len(tokens) < 2:
        return list(tokens)
    out: list[Token] = []
    for tok in sorted(tokens, key=lambda t: t.i):
        if out and tok.ent_iob_ == "I" and all(tok.doc[k].ent_iob_ == "I" for k in range(out[-1].i + 1, tok.i + 1)):
            continue
        out.append(tok)
    return out


def prep_objects(tok: Token, preps: frozenset[str]) -> list[Token]:
    """Return the objects of the prepositions of ``tok`` that are in ``preps``."""
    out = []
    for child in tok.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            out += [g for g in child.children if g.dep_ == "pobj"]
    return out


MODIFIER_LABELS = frozenset({"det", "nummod", "amod", "compound", "nmod", "quantmod", "advmod", "poss", "case"})


def orphan_object(prep: Token) -> list[Token]:
    """Return the noun a preposition governs when the parser gave it no object and hung the noun elsewhere
    ("granted asylum to five army officers holed up ...": "officers" parsed as the next verb's subject)."""
    if prep.n_rights:
        return []
    doc, k = prep.doc, prep.i + 1
    while k < len(doc) and doc[k].dep_ in MODIFIER_LABELS and prep.i < doc[k].head.i and doc[k].head.i > k:
        k += 1
    if k >= len(doc) or k == prep.i + 1 and doc[k].pos_ not in ("NOUN", "PROPN"):
        return []
    noun = doc[k]
    return [noun] if noun.pos_ in ("NOUN", "PROPN") and noun.head.i != prep.i else []


# prepositions whose object stands behind a non-actor noun ("an offer from Velia", "mediation among Velia's parties")
OWNER_PREPS = frozenset({"of", "from", "by", "to", "among", "between"})


def object_owners(objects: list[Token], actor_starts: frozenset[int] = frozenset()) -> list[Token]:
    """Return who stands behind non-actor objects: a possessor or named modifier ("Velia's plan",
    "a Kandorese proposal"), else its doer ("crimes committed by Velia") or the actor-like object of
    "of"/"from"/"by"/"to" ("an offer from Velia", "his commitment to the Velian people")."""
    out: list[Token] = []
    for obj in objects:
        if actor_like(obj, actor_starts):
            continue
        own = owner(obj)
        if own is not obj:
            out.append(own)
            continue
        doers = [g for c in obj.children if c.dep_ == "acl" and c.tag_ == "VBN"  # "crimes committed by Kandor"
                 for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
        for pobj in doers + prep_objects(obj, OWNER_PREPS):
            if actor_like(pobj, actor_starts) or owner(pobj) is not pobj:
                out.append(pobj)
                break
    return out


def named_side(tok: Token) -> bool:
    """Return whether a noun phrase names its side: an entity, or a group noun with a named possessor or
    modifier ("Kandorese troops", "Velia's army")."""
    if tok.ent_type_ in ACTOR_ENTS:
        return True
    return any(c.dep_ in ("poss", "compound", "amod", "nmod") and c.ent_type_ in ACTOR_ENTS for c in tok.children)


def owner(tok: Token) -> Token:
    """Return the possessor or named modifier that stands for a phrase headed by a non-actor noun
    ("Velia's request" -> Velia), else ``tok``."""
    if tok.ent_type_ in ACTOR_ENTS or tok.pos_ == "PRON" or lemma_of(tok) in lexicon.argument_nouns():
        return tok
    if tok.tag_ == "VBG" and tok.dep_ in ("nsubj", "nsubjpass"):  # "the Red Cross operating in X said": the
        doer = next((c for c in tok.lefts if c.dep_ == "nsubj" and actor_like(c)), None)  # parser's subject clause
        return doer if doer is not None else tok
    if lemma_of(tok) in RELATION_NOUNS:
        return tok  # "Kandor's ally": the possessor is the other party
    for child in tok.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod") and child.ent_type_ in ACTOR_ENTS:
            return child  # "Velia's request", "a U.N. military presence" (the parser's nmod)
        if child.dep_ == "poss" and child.pos_ == "NOUN" and lemma_of(child) in lexicon.argument_nouns():
            return child  # "the rebels' camp"
        if child.dep_ == "compound":  # "NATO peacekeeping troops"
            for grand in child.children:
                if grand.dep_ in ("compound", "amod") and grand.ent_type_ in ACTOR_ENTS:
                    return grand
    return tok


def member_of(tok: Token) -> Token | None:
    """Return the body a person or group noun belongs to ("members of the Kandor Union", "doctors from
    two Velian groups"), or None."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "from"):
            for pobj in child.children:
                if pobj.dep_ == "pobj" and (actor_like(pobj) or owner(pobj) is not pobj):
                    return pobj
    return None
