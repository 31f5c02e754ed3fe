"""Find candidate event triggers: lexicon lookup of verb and noun lemmas, checked against the parse."""

from __future__ import annotations

import itertools
from typing import NamedTuple

from spacy.tokens import Doc, Token

from ...resources import cached
from ..tokens import TokenTable, token_table
from . import lexicon
from .lexicon import Requirement, TriggerEntry

SKIP_ENTS = frozenset({"PERSON", "ORG", "GPE", "WORK_OF_ART", "LAW", "FAC", "PRODUCT"})
PARTITIVE_HEADS = frozenset({"state", "kind", "number", "series", "part", "amount", "lot", "range", "set", "wave",
                             "batch", "shipment", "consignment", "ton", "tonne", "load", "round", "package", "form",
                             "kg", "kilogram", "kilo", "pound", "litre", "liter", "gallon", "barrel", "dose", "crate",
                             "truckload", "box", "sack", "bag", "carton", "pallet", "container", "tranche", "quantity"})
OBJ_DEPS = frozenset({"dobj", "obj", "attr", "oprd"})
MOD_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
# generic nouns a nominal trigger may modify and still be the event ("peace talks", "mediation mission")
FRAME_NOUNS = frozenset({"mission", "effort", "process", "operation", "campaign", "plan", "initiative", "bid",
                         "movement", "program", "programme", "package", "action", "activity", "force"})
NOUNLIKE_DEPS = frozenset({"dobj", "pobj", "nsubj", "nsubjpass", "attr", "conj", "appos"})
POS_KEYS = {"VERB": "V", "NOUN": "N"}  # the lexicon's part of speech of a trigger by its Token.pos_
VERBAL = frozenset({"VERB", "AUX"})


class Candidate(NamedTuple):
    """A trigger found in the Doc: its head token, the lexicon reading, the token range shown as
    its text (``start``..``end``), and the light verb that carries a nominal trigger (or None).

    A NamedTuple (cheaper to make than a frozen dataclass; one per trigger of every Doc).
    """

    i: int
    entry: TriggerEntry
    start: int
    end: int
    support: int | None = None


INFLECTIONS = {"VBD": ("d", "ed"), "VBN": ("d", "ed", "en", "n"), "VBG": ("ing", "ing+e"), "VBZ": ("s", "es")}


def lemma_of(tok: Token) -> str:
    """Return the lower-cased lemma; for an inflected verb the lemmatizer got wrong ("staged" -> "stag"),
    the stem that the PLOVER lexicons know."""
    tag = tok.tag_
    if tag not in INFLECTIONS:
        return (tok.lemma_ or tok.lower_).lower()
    return verb_lemma(tok.lemma_, tok.lower_, tag)


@cached
def verb_lemma(lemma: str, low: str, tag: str) -> str:
    """Return ``lemma_of`` for an inflected verb form (cached per lemma, form and tag)."""
    lemma = (lemma or low).lower()
    known = lexicon.known_verbs()
    if lemma in known:
        return lemma
    for ending in INFLECTIONS[tag]:
        suffix, _, add = ending.partition("+")
        if low.endswith(suffix) and (stem := low[: len(low) - len(suffix)] + add) in known:
            return stem
    return lemma


def table_lemmas(t: TokenTable) -> list[str]:
    """Return ``lemma_of`` of every token of a ``TokenTable``."""
    inflections, verb_lemma_ = INFLECTIONS, verb_lemma
    return [(lemma or low).lower() if tag not in inflections else verb_lemma_(lemma, low, tag)
            for lemma, low, tag in zip(t.lemmas, t.lowers, t.tags, strict=True)]


def conjuncts(t: TokenTable, i: int) -> list[int]:
    """Return the tokens coordinated with token ``i`` (``Token.conjuncts`` on indices)."""
    heads, deps, children = t.heads, t.deps, t.children
    start = i
    while heads[start] != start and deps[start] == "conj":
        start = heads[start]
    out = [start]
    for word in out:  # grows while read: each conjunct's own right conjuncts follow
        out += [c for c in children[word] if c > word and deps[c] == "conj"]
    return [w for w in out if w != i]


def objects(t: TokenTable, lem: list[str], i: int) -> list[int]:
    """Return the object heads of a verb (or passive subject), or the of-object of a noun, with conjuncts."""
    deps, children, lowers = t.deps, t.children, t.lowers
    found: list[int] = []
    for child in children[i]:
        dep = deps[child]
        if dep in OBJ_DEPS or dep == "nsubjpass":
            found.append(child)
        elif dep == "prep" and lowers[child] == "of" and t.pos[i] == "NOUN":
            found += [g for g in children[child] if deps[g] == "pobj"]
        elif dep == "dative":
            found.append(child)
    for head in list(found):
        found += [c for c in conjuncts(t, head) if c not in found]
    for head in list(found):  # "lifted a state of emergency", "sent a shipment of food": the "of" noun counts
        if lem[head] in PARTITIVE_HEADS:
            found += [g for c in children[head] if deps[c] == "prep" and lowers[c] == "of"
                      for g in children[c] if deps[g] == "pobj"]
    return found


def satisfied(t: TokenTable, lem: list[str], i: int, req: Requirement, objs: list[int] | None = None) -> bool:
    """Return whether token ``i`` meets one requirement of a trigger entry (``lem``: ``table_lemmas(t)``;
    ``objs``: ``objects(t, lem, i)`` when the caller has it)."""
    deps, kids = t.deps, t.children[i]
    if req.kind == "obj":
        if objs is None:
            objs = objects(t, lem, i)
        if "*" in req.lemmas:
            return bool(objs)
        # "the wounded": no lemma; "ended mediation efforts", "violated the ceasefire agreement": the compound
        return any(lem[o] in req.lemmas or t.lowers[o] in req.lemmas
                   or any(deps[c] == "compound" and lem[c] in req.lemmas for c in t.children[o]) for o in objs)
    if req.kind == "prep":
        return any(deps[c] in ("prep", "prt", "agent", "dative") and t.lowers[c] in req.lemmas for c in kids)
    if req.kind == "mod":  # also an adverb: "sexually abused"
        return any((deps[c] in MOD_DEPS or deps[c] == "advmod") and lem[c] in req.lemmas for c in kids)
    if req.kind == "head":
        head = t.heads[t.heads[i]] if deps[i] == "pobj" else t.heads[i]
        return deps[i] in ("dobj", "nsubjpass", "pobj", "attr", "xcomp") and lem[head] in req.lemmas
    if req.kind == "comp":
        return any(deps[c] in ("xcomp", "ccomp") for c in kids)
    if req.kind == "subj":
        return any(deps[c] in ("nsubj", "nsubjpass") and lem[c] in req.lemmas for c in kids)
    return False


def reading(t: TokenTable, lem: list[str], i: int) -> TriggerEntry | None:
    """Return the lexicon reading of token ``i`` whose requirements hold, or None."""
    pos = POS_KEYS.get(t.pos[i])
    deps = t.deps
    dep = deps[i]
    if pos is None or dep in ("aux", "auxpass") or t.ent_types[i] in SKIP_ENTS:
        return None
    if dep == "compound" and lem[t.heads[i]] not in FRAME_NOUNS:
        return None
    if pos == "V":
        for c in t.children[i]:
            if deps[c] == "det":
                return None  # a participle used as a noun: "evacuated the wounded"
    table = lexicon.triggers()
    lemma = lem[i]
    entries = table.get((lemma, pos), ())
    if pos == "V" and dep in NOUNLIKE_DEPS and t.tags[i] in ("NNS", "NN", "VBZ"):
        entries = (*entries, *table.get((lemma, "N"), ()))  # a noun the tagger read as a verb ("talks", "strikes")
    objs = None  # the token's objects, found once for every "obj" requirement
    for entry in entries:
        for req in entry.requires:
            if req.kind == "obj" and objs is None:
                objs = objects(t, lem, i)
            if not satisfied(t, lem, i, req, objs):
                break
        else:
            return entry
    return None


def trigger_range(t: TokenTable, lem: list[str], i: int, entry: TriggerEntry) -> tuple[int, int]:
    """Return the token range shown as the trigger: the head plus a required particle or modifier."""
    start, end = i, i + 1
    mods = [r.lemmas for r in entry.requires if r.kind == "mod"]
    deps = t.deps
    for child in t.children[i]:
        dep = deps[child]
        if dep == "prt" or (mods and dep in MOD_DEPS and any(lem[child] in lemmas for lemmas in mods)):
            if child == start - 1:
                start = child
            elif child == end:
                end = child + 1
    return start, end


def governing_verb(t: TokenTable, i: int) -> int | None:
    """Return the verb whose object (or "for"-object) a noun is, also through "N of": "gave 5 million of aid"."""
    deps, heads, pos, lowers = t.deps, t.heads, t.pos, t.lowers
    cur = i
    for _ in range(2):
        dep, head = deps[cur], heads[cur]
        if dep in ("dobj", "nsubjpass", "attr") and pos[head] in VERBAL:
            return head
        if dep == "pobj" and deps[head] == "prep":
            prep, above = head, heads[head]
            if lowers[prep] == "for" and pos[above] in VERBAL:
                return above
            if lowers[prep] == "of" and pos[above] in ("NOUN", "NUM", "PROPN"):
                cur = above
                continue
            if pos[above] in VERBAL and lowers[prep] in ("to", "into", "in"):
                return above
        if dep == "compound" and pos[head] == "NOUN":
            cur = head
            continue
        return None
    return None


def find_candidates(doc: Doc, lemmas: list[str] | None = None, table: TokenTable | None = None) -> list[Candidate]:
    """Return every trigger in ``doc`` in token order, nominal ones tied to their light verb.

    ``lemmas`` (``table_lemmas``) and ``table`` (``token_table(doc)``) save reading the Doc again.
    """
    verbs = lexicon.verb_classes()
    known = lexicon.trigger_lemmas()
    t = table if table is not None else token_table(doc)
    lem = lemmas if lemmas is not None else table_lemmas(t)
    found: list[Candidate] = []
    by_token: dict[int, TriggerEntry] = {}
    # only lexicon lemmas can have a reading
    for i in itertools.compress(itertools.count(), map(known.__contains__, lem)):
        entry = reading(t, lem, i)
        if entry is not None:
            by_token[i] = entry
    for i, entry in by_token.items():
        support = None
        if entry.pos == "N":
            head = governing_verb(t, i)
            purpose = t.deps[i] == "pobj" and t.lowers[t.heads[i]] == "for"
            if head is not None and (purpose or "light" in verbs.get(lem[head], {})):
                head_entry = by_token.get(head)
                if head_entry is not None and head_entry.type == entry.type:
                    continue  # "signed an agreement": the verb already states it
                support = head
        start, end = trigger_range(t, lem, i, entry)
        found.append(Candidate(i, entry, start, end, support))
    return found
