"""Find candidate event triggers: lexicon lookup of verb and noun lemmas, checked against the parse."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ...resources import cached
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


@dataclass(frozen=True, slots=True)
class Candidate:
    """A trigger found in the Doc: its head token, the lexicon reading, the token range shown as
    its text (``start``..``end``), and the light verb that carries a nominal trigger (or None)."""

    i: int
    entry: TriggerEntry
    start: int
    end: int
    support: int | None = None


def pos_key(tok: Token) -> str | None:
    """Return V for verbs, N for common nouns, None otherwise."""
    if tok.pos_ == "VERB":
        return "V"
    if tok.pos_ == "NOUN":
        return "N"
    return None


INFLECTIONS = {"VBD": ("d", "ed"), "VBN": ("d", "ed", "en", "n"), "VBG": ("ing", "ing+e"), "VBZ": ("s", "es")}


def lemma_of(tok: Token) -> str:
    """Return the lower-cased lemma; for an inflected verb the lemmatizer got wrong ("staged" -> "stag"),
    the stem that the PLOVER lexicons know."""
    tag = tok.tag_
    if tag not in INFLECTIONS:
        return (tok.lemma_ or tok.lower_).lower()
    return _verb_lemma(tok.lemma_, tok.lower_, tag)


@cached
def _verb_lemma(lemma: str, low: str, tag: str) -> str:
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


def doc_lemmas(doc: Doc) -> list[str]:
    """Return ``lemma_of`` of every token of ``doc``, in one pass."""
    return [lemma_of(tok) for tok in doc]


def objects(tok: Token) -> list[Token]:
    """Return the object heads of a verb (or passive subject), or the of-object of a noun, with conjuncts."""
    found: list[Token] = []
    for child in tok.children:
        if child.dep_ in OBJ_DEPS or child.dep_ == "nsubjpass":
            found.append(child)
        elif child.dep_ == "prep" and child.lower_ == "of" and tok.pos_ == "NOUN":
            found += [g for g in child.children if g.dep_ == "pobj"]
        elif child.dep_ == "dative":
            found.append(child)
    for head in list(found):
        found += [c for c in head.conjuncts if c not in found]
    for head in list(found):  # "lifted a state of emergency", "sent a shipment of food": the "of" noun counts
        if lemma_of(head) in PARTITIVE_HEADS:
            found += [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj"]
    return found


def satisfied(tok: Token, req: Requirement) -> bool:
    """Return whether ``tok`` meets one requirement of a trigger entry."""
    if req.kind == "obj":
        objs = objects(tok)
        if "*" in req.lemmas:
            return bool(objs)
        # "the wounded": no lemma; "ended mediation efforts", "violated the ceasefire agreement": the compound
        return any(lemma_of(o) in req.lemmas or o.lower_ in req.lemmas
                   or any(c.dep_ == "compound" and lemma_of(c) in req.lemmas for c in o.children) for o in objs)
    if req.kind == "prep":
        return any(c.dep_ in ("prep", "prt", "agent", "dative") and c.lower_ in req.lemmas for c in tok.children)
    if req.kind == "mod":  # also an adverb: "sexually abused"
        return any((c.dep_ in MOD_DEPS or c.dep_ == "advmod") and lemma_of(c) in req.lemmas for c in tok.children)
    if req.kind == "head":
        head = tok.head.head if tok.dep_ == "pobj" else tok.head
        return tok.dep_ in ("dobj", "nsubjpass", "pobj", "attr", "xcomp") and lemma_of(head) in req.lemmas
    if req.kind == "comp":
        return any(c.dep_ in ("xcomp", "ccomp") for c in tok.children)
    if req.kind == "subj":
        return any(c.dep_ in ("nsubj", "nsubjpass") and lemma_of(c) in req.lemmas for c in tok.children)
    return False


def reading(tok: Token) -> TriggerEntry | None:
    """Return the lexicon reading of ``tok`` whose requirements hold, or None."""
    pos = pos_key(tok)
    if pos is None or tok.dep_ in ("aux", "auxpass") or tok.ent_type_ in SKIP_ENTS:
        return None
    if tok.dep_ == "compound" and lemma_of(tok.head) not in FRAME_NOUNS:
        return None
    if pos == "V" and any(c.dep_ == "det" for c in tok.children):
        return None  # a participle used as a noun: "evacuated the wounded"
    table = lexicon.triggers()
    lemma = lemma_of(tok)
    keys = [(lemma, pos)]
    if pos == "V" and tok.dep_ in NOUNLIKE_DEPS and tok.tag_ in ("NNS", "NN", "VBZ"):
        keys.append((lemma, "N"))  # a noun the tagger read as a verb ("talks", "strikes")
    for key in keys:
        for entry in table.get(key, ()):
            if all(satisfied(tok, req) for req in entry.requires):
                return entry
    return None


def trigger_range(tok: Token, entry: TriggerEntry) -> tuple[int, int]:
    """Return the token range shown as the trigger: the head plus a required particle or modifier."""
    start, end = tok.i, tok.i + 1
    for child in tok.children:
        if child.dep_ in ("prt",) or (child.dep_ in MOD_DEPS and any(
                r.kind == "mod" and lemma_of(child) in r.lemmas for r in entry.requires)):
            if child.i == start - 1:
                start = child.i
            elif child.i == end:
                end = child.i + 1
    return start, end


def governing_verb(tok: Token) -> Token | None:
    """Return the verb whose object (or "for"-object) a noun is, also through "N of": "gave 5 million of aid"."""
    cur = tok
    for _ in range(2):
        if cur.dep_ in ("dobj", "nsubjpass", "attr") and cur.head.pos_ in ("VERB", "AUX"):
            return cur.head
        if cur.dep_ == "pobj" and cur.head.dep_ == "prep":
            prep = cur.head
            if prep.lower_ == "for" and prep.head.pos_ in ("VERB", "AUX"):
                return prep.head
            if prep.lower_ == "of" and prep.head.pos_ in ("NOUN", "NUM", "PROPN"):
                cur = prep.head
                continue
            if prep.head.pos_ in ("VERB", "AUX") and prep.lower_ in ("to", "into", "in"):
                return prep.head
        if cur.dep_ == "compound" and cur.head.pos_ == "NOUN":
            cur = cur.head
            continue
        return None
    return None


def find_candidates(doc: Doc, lemmas: list[str] | None = None) -> list[Candidate]:
    """Return every trigger in ``doc`` in token order, nominal ones tied to their light verb.

    ``lemmas`` (``doc_lemmas(doc)``) saves recomputing the lemmas when the caller has them.
    """
    verbs = lexicon.verb_classes()
    known = lexicon.trigger_lemmas()
    if lemmas is None:
        lemmas = doc_lemmas(doc)
    found: list[Candidate] = []
    by_token: dict[int, TriggerEntry] = {}
    for i, lemma in enumerate(lemmas):
        if lemma in known:  # only lexicon lemmas can have a reading
            entry = reading(doc[i])
            if entry is not None:
                by_token[i] = entry
    for i, entry in by_token.items():
        tok = doc[i]
        support = None
        if entry.pos == "N":
            head = governing_verb(tok)
            purpose = tok.dep_ == "pobj" and tok.head.lower_ == "for"
            if head is not None and (purpose or "light" in verbs.get(lemma_of(head), {})):
                head_entry = by_token.get(head.i)
                if head_entry is not None and head_entry.type == entry.type:
                    continue  # "signed an agreement": the verb already states it
                support = head.i
        start, end = trigger_range(tok, entry)
        found.append(Candidate(i, entry, start, end, support))
    return found
