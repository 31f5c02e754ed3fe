"""Flags of an event (negated, hypothetical, future) and its embedding: reported speech, governing events."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from . import lexicon
from .triggers import lemma_of

# what a governing event says about an event in its complement ("threatened to attack")
GOVERNOR_FLAGS = {"THREATEN": "hypothetical", "REQUEST": "hypothetical", "AGREE": "future", "REJECT": "negated",
                  "CONSULT": "hypothetical"}
EMBED_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "pobj", "dobj", "advcl", "acl", "relcl", "nsubj",
                        "nsubjpass", "prep", "attr", "oprd", "appos", "npadvmod"})
SPEECH_DEPS = frozenset({"ccomp", "parataxis", "xcomp", "conj", "advcl", "dobj"})
# pseudo-flags (not output): "intent" (will, would, going to, ready to ...), "obligation" (must, should),
# "refusal" (failed to, declined to): they let events.py code the stance the sentence states
INTENT_AUX = frozenset({"will", "shall", "would", "'ll", "'d", "wo"})
OBLIGATION_AUX = frozenset({"must", "should"})
INTENT_VERBS = frozenset({"go", "plan", "intend", "prepare", "aim", "vow", "pledge", "promise", "agree",
                          "swear"})
INTENT_ADJS = frozenset({"ready", "prepared", "willing", "unwilling", "determined", "set"})
REFUSAL_VERBS = frozenset({"fail", "decline", "refuse", "avoid", "abandon"})
SUBORDINATE_DEPS = frozenset({"advcl", "relcl", "acl", "pcomp", "csubj"})


@dataclass(slots=True)
class Embedding:
    """What the path from a trigger up to its sentence root says about it.

    ``governor`` is the token of the event it is embedded in (None at top level); ``speech`` the
    reporting verb whose complement holds it; ``depth`` counts subordinate clauses crossed.
    """

    flags: set[str] = field(default_factory=set)
    governor: int | None = None
    relation: str | None = None
    speech: int | None = None
    depth: int = 0


def local_flags(tok: Token, *, modal_only: bool = False) -> set[str]:
    """Return the flags given by the token's own auxiliaries, negation, subordinator and determiners."""
    cues = lexicon.cues()
    flags: set[str] = set()
    for child in tok.children:
        low = child.lower_
        if child.dep_ in ("aux", "auxpass") and (child.tag_ == "MD" or low in ("'ll", "'d")):
            flag = cues.get((lemma_of(child), "aux")) or cues.get((low, "aux"))
            if flag:
                flags.add(flag)
            if low in INTENT_AUX:
                flags.add("intent")
            elif low in OBLIGATION_AUX:
                flags.add("obligation")
        if modal_only:
            continue
        if child.dep_ == "neg":
            flags.add("negated")
        elif child.dep_ == "mark" and (flag := cues.get((low, "mark"))):
            flags.add(flag)
        elif child.dep_ in ("det", "amod", "advmod") and (flag := cues.get((low, "det"))):
            if tok.pos_ == "NOUN" or child.dep_ == "advmod" and low == "never":
                flags.add(flag)
        elif child.dep_ == "prep" and low == "without":
            pass
    if tok.dep_ == "pobj" and tok.head.lower_ == "without" or tok.dep_ == "pcomp" and tok.head.lower_ == "without":
        flags.add("negated")
    return flags


def speech_subject(verb: Token) -> Token | None:
    """Return the subject of a reporting verb (through "according to X" when it has none)."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    return None


def embedding(doc: Doc, i: int, triggers: dict[int, str], support: int | None = None) -> Embedding:
    """Walk from token ``i`` to the root, collecting flags, the governing event and the reporting verb.

    ``triggers`` maps token index to the PLOVER type of every trigger in the Doc.
    """
    verbs = lexicon.verb_classes()
    cues = lexicon.cues()
    emb = Embedding(flags=local_flags(doc[i]))
    cur = doc[i]
    if support is not None:
        emb.flags |= local_flags(doc[support])
        flag = verbs.get(lemma_of(doc[support]), {}).get("light")
        if flag:
            emb.flags.add(flag)
        if support in triggers:
            emb.governor = support
            emb.flags.add(GOVERNOR_FLAGS.get(triggers[support], "")) if triggers[support] in GOVERNOR_FLAGS else None
            return emb
        cur = doc[support]
    steps = 0
    while cur.dep_ != "ROOT" and cur.head.i != cur.i and steps < 40:
        steps += 1
        dep, head = cur.dep_, cur.head
        classes = verbs.get(lemma_of(head), {})
        if dep in SUBORDINATE_DEPS:
            emb.depth += 1
        if dep == "conj":
            emb.flags |= local_flags(head, modal_only=True)
            cur = head
            continue
        if head.i in triggers and dep in EMBED_DEPS:
            emb.governor = head.i
            emb.relation = dep
            flag = GOVERNOR_FLAGS.get(triggers[head.i])
            if dep == "xcomp" and "pass" in classes:
                flag = classes["pass"] or flag
            if dep != "nsubj" and dep != "nsubjpass" and flag:
                emb.flags.add(flag)
            return emb
        if dep == "xcomp" and head.pos_ == "ADJ" and (flag := cues.get((lemma_of(head), "adj"))):
            emb.flags.add(flag)
            if lemma_of(head) in INTENT_ADJS:
                emb.flags.add("intent")
            emb.flags |= local_flags(head)
            copula = head.head if head.dep_ in ("acomp", "xcomp") else None
            if copula is not None:
                emb.flags |= local_flags(copula, modal_only=True)
        elif dep == "xcomp" and ("pass" in classes or "objctl" in classes):
            flag = classes.get("pass") or classes.get("objctl")
            if flag:
                emb.flags.add(flag)
            lemma = lemma_of(head)
            if lemma in INTENT_VERBS:
                emb.flags.add("intent")
            elif lemma in REFUSAL_VERBS:
                emb.flags.add("refusal")
            emb.flags |= local_flags(head)
        elif "speech" in classes and dep in SPEECH_DEPS and emb.speech is None:
            stated = [c.i for c in head.children if c.dep_ == "dobj" and triggers.get(c.i) in GOVERNOR_FLAGS]
            if dep == "ccomp" and stated:  # "reiterated its demand that Velia withdraw": the demand's content
                emb.governor, emb.relation = stated[0], "ccomp"
                emb.flags.add(GOVERNOR_FLAGS[triggers[stated[0]]])
                return emb
            emb.speech = head.i
            if classes["speech"]:
                emb.flags.add(classes["speech"])
        elif dep in ("acomp", "xcomp") and head.pos_ in ("AUX", "VERB"):
            emb.flags |= local_flags(head, modal_only=True)
        cur = head
    return emb
