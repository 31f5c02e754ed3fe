"""Flags of an event (negated, hypothetical, future) and its embedding: reported speech, governing events."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from ..tokens import TokenTable
from . import lexicon

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


def local_flags(t: TokenTable, lem: list[str], i: int, *, modal_only: bool = False) -> set[str]:
    """Return the flags given by token ``i``'s own auxiliaries, negation, subordinator and determiners
    (``lem``: ``table_lemmas(t)``)."""
    cues = lexicon.cues()
    deps, lowers = t.deps, t.lowers
    flags: set[str] = set()
    for child in t.children[i]:
        dep = deps[child]
        if dep == "aux" or dep == "auxpass":
            low = lowers[child]
            if t.tags[child] == "MD" or low in ("'ll", "'d"):
                flag = cues.get((lem[child], "aux")) or cues.get((low, "aux"))
                if flag:
                    flags.add(flag)
                if low in INTENT_AUX:
                    flags.add("intent")
                elif low in OBLIGATION_AUX:
                    flags.add("obligation")
        elif modal_only:
            continue
        elif dep == "neg":
            flags.add("negated")
        elif dep == "mark":
            if flag := cues.get((lowers[child], "mark")):
                flags.add(flag)
        elif dep in ("det", "amod", "advmod") and (flag := cues.get((low := lowers[child], "det"))):
            if t.pos[i] == "NOUN" or dep == "advmod" and low == "never":
                flags.add(flag)
    if deps[i] in ("pobj", "pcomp") and lowers[t.heads[i]] == "without":
        flags.add("negated")
    return flags


def speech_subject(verb: Token) -> Token | None:
    """Return the subject of a reporting verb (through "according to X" when it has none)."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    return None


def embedding(t: TokenTable, lem: list[str], i: int, triggers: dict[int, str], support: int | None = None) -> Embedding:
    """Walk from token ``i`` to the root, collecting flags, the governing event and the reporting verb.

    ``triggers`` maps token index to the PLOVER type of every trigger in the Doc; ``lem`` is
    ``table_lemmas(t)``.
    """
    verbs = lexicon.verb_classes()
    cues = lexicon.cues()
    deps, heads, pos = t.deps, t.heads, t.pos
    emb = Embedding(flags=local_flags(t, lem, i))
    cur = i
    if support is not None:
        emb.flags |= local_flags(t, lem, support)
        flag = verbs.get(lem[support], {}).get("light")
        if flag:
            emb.flags.add(flag)
        if support in triggers:
            emb.governor = support
            emb.flags.add(GOVERNOR_FLAGS.get(triggers[support], "")) if triggers[support] in GOVERNOR_FLAGS else None
            return emb
        cur = support
    steps = 0
    while deps[cur] != "ROOT" and heads[cur] != cur and steps < 40:
        steps += 1
        dep, head = deps[cur], heads[cur]
        classes = verbs.get(lem[head], {})
        if dep in SUBORDINATE_DEPS:
            emb.depth += 1
        if dep == "conj":
            emb.flags |= local_flags(t, lem, head, modal_only=True)
            cur = head
            continue
        if head in triggers and dep in EMBED_DEPS:
            emb.governor = head
            emb.relation = dep
            flag = GOVERNOR_FLAGS.get(triggers[head])
            if dep == "xcomp" and "pass" in classes:
                flag = classes["pass"] or flag
            if dep != "nsubj" and dep != "nsubjpass" and flag:
                emb.flags.add(flag)
            return emb
        if dep == "xcomp" and pos[head] == "ADJ" and (flag := cues.get((lem[head], "adj"))):
            emb.flags.add(flag)
            if lem[head] in INTENT_ADJS:
                emb.flags.add("intent")
            emb.flags |= local_flags(t, lem, head)
            if deps[head] in ("acomp", "xcomp"):  # the copula
                emb.flags |= local_flags(t, lem, heads[head], modal_only=True)
        elif dep == "xcomp" and ("pass" in classes or "objctl" in classes):
            flag = classes.get("pass") or classes.get("objctl")
            if flag:
                emb.flags.add(flag)
            lemma = lem[head]
            if lemma in INTENT_VERBS:
                emb.flags.add("intent")
            elif lemma in REFUSAL_VERBS:
                emb.flags.add("refusal")
            emb.flags |= local_flags(t, lem, head)
        elif "speech" in classes and dep in SPEECH_DEPS and emb.speech is None:
            stated = [c for c in t.children[head] if deps[c] == "dobj" and triggers.get(c) in GOVERNOR_FLAGS]
            if dep == "ccomp" and stated:  # "reiterated its demand that Velia withdraw": the demand's content
                emb.governor, emb.relation = stated[0], "ccomp"
                emb.flags.add(GOVERNOR_FLAGS[triggers[stated[0]]])
                return emb
            emb.speech = head
            if classes["speech"]:
                emb.flags.add(classes["speech"])
        elif dep in ("acomp", "xcomp") and pos[head] in ("AUX", "VERB"):
            emb.flags |= local_flags(t, lem, head, modal_only=True)
        cur = head
    return emb
