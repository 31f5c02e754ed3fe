"""What a noun-phrase head stands for in an argument: actor-likeness, its owner ("Velia's plan" -> Velia),
coordinated conjuncts, prepositional objects (with a repair for objects the parser hung elsewhere); and
the small tree walks argument finding shares (a verb's subjects, agents, a tree's root).

The functions work on token indices of a ``TokenTable`` (``(t, i)``: no Token is built while walking);
the Token-taking names (``owner``, ``actor_like``, ...) are wrappers for one-off use.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..actor.units import RELATION_NOUNS
from ..tokens import TokenTable, token_table
from . import lexicon
from .triggers import INFLECTIONS, PARTITIVE_HEADS, conjuncts, verb_lemma

ACTOR_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "who", "which", "that"})
MODIFIER_LABELS = frozenset({"det", "nummod", "amod", "compound", "nmod", "quantmod", "advmod", "poss", "case"})
# prepositions whose object stands behind a non-actor noun ("an offer from Velia", "mediation among Velia's parties")
OWNER_PREPS = frozenset({"of", "from", "by", "to", "among", "between"})


def lemma_at(t: TokenTable, i: int) -> str:
    """Return ``lemma_of`` of token ``i`` (from the table's columns, as ``table_lemmas`` does)."""
    tag = t.tags[i]
    if tag not in INFLECTIONS:
        return (t.lemmas[i] or t.lowers[i]).lower()
    return verb_lemma(t.lemmas[i], t.lowers[i], tag)


def partitive_at(t: TokenTable, i: int) -> bool:
    """Return whether a noun only measures the "of" noun after it ("a state of emergency")."""
    return lemma_at(t, i) in PARTITIVE_HEADS and any(t.deps[c] == "prep" and t.lowers[c] == "of"
                                                     for c in t.children[i])


def with_conjuncts_at(t: TokenTable, heads: list[int]) -> list[int]:
    """Return ``heads`` and their coordinated conjuncts ("Poland and Romania"), without repeats."""
    if not heads:
        return []
    deps, children = t.deps, t.children
    out: list[int] = []
    for h in heads:
        if deps[h] != "conj":
            for c in children[h]:
                if deps[c] == "conj":
                    break
            else:  # no conjuncts: the usual case
                if h not in out and t.pos[h] not in ("CCONJ", "PUNCT"):
                    out.append(h)
                continue
        for k in (h, *conjuncts(t, h)):
            if k != h and (t.toks[k].is_punct or len(one_per_name_at(t, [h, k])) == 1):
                continue  # a name the parser split ("Khalifa al-Thani"): not a second party
            if k not in out and t.pos[k] not in ("CCONJ", "PUNCT"):
                out.append(k)
    return out


def actor_like_at(t: TokenTable, i: int, actor_starts: frozenset[int] = frozenset()) -> bool:
    """Return whether a noun phrase head can be an actor (a named body, an agent noun, a pronoun)."""
    if t.ent_types[i] in ACTOR_ENTS or t.idx[i] in actor_starts:
        return True
    if t.lowers[i] in PRONOUNS and t.pos[i] == "PRON":
        return True
    if lemma_at(t, i) in lexicon.argument_nouns():
        return True
    deps, ents = t.deps, t.ent_types
    return any(deps[c] in ("compound", "amod", "poss") and ents[c] in ACTOR_ENTS for c in t.children[i])


def one_per_name_at(t: TokenTable, heads: list[int]) -> list[int]:
    """Return ``heads`` in token order less those inside the same name as the one before ("Khalifa
    al-Thani" parsed as several subjects)."""
    if len(heads) < 2:
        return list(heads)
    iobs = t.ent_iobs
    out: list[int] = []
    for i in sorted(heads):
        if out and iobs[i] == "I" and all(iobs[k] == "I" for k in range(out[-1] + 1, i + 1)):
            continue
        out.append(i)
    return out


def pobjs_at(t: TokenTable, i: int) -> list[int]:
    """Return the ``pobj`` children of token ``i``."""
    deps = t.deps
    return [g for g in t.children[i] if deps[g] == "pobj"]


def agents_at(t: TokenTable, i: int) -> list[int]:
    """Return the objects of the ``agent`` ("by") children of token ``i``."""
    deps = t.deps
    return [g for c in t.children[i] if deps[c] == "agent" for g in t.children[c] if deps[g] == "pobj"]


def children_with(t: TokenTable, i: int, labels: tuple[str, ...]) -> list[int]:
    """Return the children of token ``i`` whose relation is in ``labels``."""
    deps = t.deps
    return [c for c in t.children[i] if deps[c] in labels]


def root_at(t: TokenTable, i: int) -> int:
    """Return the root of the tree holding token ``i``."""
    heads = t.heads
    while heads[i] != i:
        i = heads[i]
    return i


def prep_objects_at(t: TokenTable, i: int, preps: frozenset[str]) -> list[int]:
    """Return the objects of the prepositions of token ``i`` that are in ``preps``."""
    deps, lowers = t.deps, t.lowers
    out = []
    for c in t.children[i]:
        if deps[c] in ("prep", "dative") and lowers[c] in preps:
            out += [g for g in t.children[c] if deps[g] == "pobj"]
    return out


def orphan_object_at(t: TokenTable, p: int) -> list[int]:
    """Return the noun a preposition governs when the parser gave it no object and hung the noun elsewhere
    ("granted asylum to five army officers holed up ...": "officers" parsed as the next verb's subject)."""
    if any(c > p for c in t.children[p]):
        return []
    deps, heads, pos, n = t.deps, t.heads, t.pos, len(t.deps)
    k = p + 1
    while k < n and deps[k] in MODIFIER_LABELS and p < heads[k] and heads[k] > k:
        k += 1
    if k >= n or k == p + 1 and pos[k] not in ("NOUN", "PROPN"):
        return []
    return [k] if pos[k] in ("NOUN", "PROPN") and heads[k] != p else []


def object_owners_at(t: TokenTable, objects: list[int], actor_starts: frozenset[int] = frozenset()) -> list[int]:
    """Return who stands behind non-actor objects: a possessor or named modifier ("Velia's plan",
    "a Kandorese proposal"), else its doer ("crimes committed by Velia") or the actor-like object of
    "of"/"from"/"by"/"to" ("an offer from Velia", "his commitment to the Velian people")."""
    deps, children = t.deps, t.children
    out: list[int] = []
    for obj in objects:
        if actor_like_at(t, obj, actor_starts):
            continue
        own = owner_at(t, obj)
        if own != obj:
            out.append(own)
            continue
        doers = [g for c in children[obj] if deps[c] == "acl" and t.tags[c] == "VBN"  # "crimes committed by Kandor"
                 for a in children[c] if deps[a] == "agent" for g in children[a] if deps[g] == "pobj"]
        for pobj in doers + prep_objects_at(t, obj, OWNER_PREPS):
            if actor_like_at(t, pobj, actor_starts) or owner_at(t, pobj) != pobj:
                out.append(pobj)
                break
    return out


def named_side_at(t: TokenTable, i: int) -> bool:
    """Return whether a noun phrase names its side: an entity, or a group noun with a named possessor or
    modifier ("Kandorese troops", "Velia's army")."""
    ents, deps = t.ent_types, t.deps
    if ents[i] in ACTOR_ENTS:
        return True
    return any(deps[c] in ("poss", "compound", "amod", "nmod") and ents[c] in ACTOR_ENTS for c in t.children[i])


def owner_at(t: TokenTable, i: int) -> int:
    """Return the possessor or named modifier that stands for a phrase headed by a non-actor noun
    ("Velia's request" -> Velia), else ``i``."""
    ents, deps = t.ent_types, t.deps
    if ents[i] in ACTOR_ENTS or t.pos[i] == "PRON":
        return i
    lemma = lemma_at(t, i)
    if lemma in lexicon.argument_nouns():
        return i
    if t.tags[i] == "VBG" and deps[i] in ("nsubj", "nsubjpass"):  # "the Red Cross operating in X said": the
        return next((c for c in t.children[i] if c < i and deps[c] == "nsubj" and actor_like_at(t, c)), i)
    if lemma in RELATION_NOUNS:
        return i  # "Kandor's ally": the possessor is the other party
    for c in t.children[i]:
        dep = deps[c]
        if dep in ("poss", "compound", "amod", "nmod") and ents[c] in ACTOR_ENTS:
            return c  # "Velia's request", "a U.N. military presence" (the parser's nmod)
        if dep == "poss" and t.pos[c] == "NOUN" and lemma_at(t, c) in lexicon.argument_nouns():
            return c  # "the rebels' camp"
        if dep == "compound":  # "NATO peacekeeping troops"
            for g in t.children[c]:
                if deps[g] in ("compound", "amod") and ents[g] in ACTOR_ENTS:
                    return g
    return i


def member_of_at(t: TokenTable, i: int) -> int | None:
    """Return the body a person or group noun belongs to ("members of the Kandor Union", "doctors from
    two Velian groups"), or None."""
    deps = t.deps
    for c in t.children[i]:
        if deps[c] == "prep" and t.lowers[c] in ("of", "from"):
            for g in t.children[c]:
                if deps[g] == "pobj" and (actor_like_at(t, g) or owner_at(t, g) != g):
                    return g
    return None


def subjects_at(t: TokenTable, i: int) -> tuple[list[int], bool]:
    """Return the subject heads of a verb and whether it is passive (its subject then is acted on)."""
    deps, children = t.deps, t.children
    subj: list[int] = []
    passive: list[int] = []
    has_auxpass = False
    for c in children[i]:
        dep = deps[c]
        if dep == "nsubj" or dep == "csubj":
            subj.append(c)
        elif dep == "nsubjpass" or dep == "csubjpass":
            passive.append(c)
        elif dep == "aux" or dep == "auxpass":  # a subject hung on the auxiliary
            has_auxpass = has_auxpass or dep == "auxpass"
            for g in children[c]:
                dep = deps[g]
                if dep == "nsubj" or dep == "csubj":
                    subj.append(g)
                elif dep == "nsubjpass" or dep == "csubjpass":
                    passive.append(g)
    if len(subj) > 1:
        subj = one_per_name_at(t, subj)
    if len(passive) > 1:
        passive = one_per_name_at(t, passive)
    if passive or has_auxpass:
        return passive or subj, True  # "Velia is opposed": the parser may call a passive's subject nsubj
    return subj, False


# Token-taking wrappers (each builds the Doc's table: for one-off use, not in loops)


def owner(tok: Token) -> Token:
    """Return the possessor or named modifier that stands for a phrase headed by a non-actor noun
    ("Velia's request" -> Velia), else ``tok``."""
    t = token_table(tok.doc)
    k = owner_at(t, tok.i)
    return tok if k == tok.i else t.toks[k]


def subjects(tok: Token) -> tuple[list[Token], bool]:
    """Return the subject heads of a verb and whether it is passive (``subjects_at`` for one Token)."""
    t = token_table(tok.doc)
    subj, passive = subjects_at(t, tok.i)
    return [t.toks[k] for k in subj], passive
