"""The spans of the main predicate: its doer, the predicate with its object, its cause and manner."""

from __future__ import annotations

from ...document import Actor, Span
from ..tokens import TokenTable, entity_bounds, left_edge, right_edge

MAX_WHAT_TOKENS = 12
MAX_NP_TOKENS = 8
MAX_WHO_TOKENS = 5
NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
WHEN_TYPES = frozenset({"DATE", "TIME"})
CAUSE_MARKS = frozenset({"because", "as", "since", "after"})
CAUSE_PREPS = frozenset({"over", "because", "due", "amid", "after", "for"})
ARGUMENT_PREPS = frozenset({"into", "onto", "on", "for", "to", "against", "from", "off", "over", "with"})  # after an object
NP_PREPS = frozenset({"of", "between", "into", "on", "over", "against", "from", "among", "with"})  # inside a noun phrase
OBJECTS = frozenset({"dobj", "attr", "acomp", "oprd", "dative"})
TIME_WORDS = frozenset({"today", "yesterday", "tonight", "now", "recently", "later", "earlier", "again", "also",
                        "still", "already", "just", "then"})
VERB_POS = frozenset({"VERB", "AUX"})
PARTNER_PREPS = frozenset({"with", "against", "to"})  # a first phrase naming the other party, a place may follow
PLACE_PREPS = frozenset({"at", "in", "outside", "near", "inside"})
TOLL_NOUNS = frozenset({"toll", "tally"})  # "the death toll from the floods": the floods are the event
SENTENCE_OPENERS = frozenset({"DET", "PRON"})
GROUP_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})


def lefts(t: TokenTable, i: int) -> list[int]:
    """Return ``Token.lefts`` of token ``i`` as indices."""
    return [c for c in t.children[i] if c < i]


def rights(t: TokenTable, i: int) -> list[int]:
    """Return ``Token.rights`` of token ``i`` as indices."""
    return [c for c in t.children[i] if c > i]


def first_child(t: TokenTable, i: int, deps: tuple[str, ...] = ("pobj",)) -> int:
    """Return the first dependent of ``i`` with one of ``deps``, or -1."""
    return next((c for c in t.children[i] if t.deps[c] in deps), -1)


def phrase(t: TokenTable, i: int, limit: int = MAX_WHO_TOKENS) -> tuple[int, int]:
    """Return a short noun phrase around token ``i``: the named entity holding it, else head with left
    modifiers."""
    if t.ent_types[i] in NAMED:
        return entity_bounds(t, i)
    deps, lowers = t.deps, t.lowers
    start = i
    for child in reversed(lefts(t, i)):
        if deps[child] in ("det", "predet") and lowers[child] in ("the", "a", "an"):
            break
        if deps[child] in ("compound", "amod", "nummod", "quantmod", "det", "poss", "nmod", "advmod"):
            start = left_edge(t, child)
    end = i + 1
    for child in rights(t, i):  # "Dozens of rescuers"
        if (deps[child] == "prep" and lowers[child] == "of" and t.toks[i].like_num
                or lowers[i] in ("dozens", "hundreds", "thousands")):
            end = right_edge(t, child) + 1
        break
    start = max(start, end - limit)
    return start, end


def noun_phrase_end(t: TokenTable, i: int) -> int:
    """Return where the noun phrase headed by token ``i`` ends: its "of"/"between"/... phrase kept,
    relative clauses, appositions and anything after a comma left out; a name ends the phrase ("the
    agency of negligence" is a verb's "of" phrase after the name "the agency")."""
    if t.pos[i] == "PROPN" and t.ent_types[i] in NAMED:
        return entity_bounds(t, i)[1]
    deps = t.deps
    end = i + 1
    for child in rights(t, i):
        dep = deps[child]
        if dep in ("compound", "amod", "nummod", "case"):
            end = child + 1
        elif dep == "prep" and t.lowers[child] in NP_PREPS:
            obj = first_child(t, child)
            if obj >= 0 and t.ent_types[obj] not in WHEN_TYPES:
                pp_end = noun_phrase_end(t, obj)
                if pp_end <= i + MAX_NP_TOKENS:  # a whole phrase or none, never half of one
                    end = pp_end
            break
        else:
            break
    return min(end, i + MAX_NP_TOKENS)


def temporal(t: TokenTable, i: int) -> bool:
    """Return whether a complement states time ("on Monday", "for the first time", "today")."""
    if t.lowers[i] in TIME_WORDS or t.ent_types[i] in WHEN_TYPES:
        return True
    obj = first_child(t, i)
    if obj < 0:
        return False
    if t.lowers[obj] == "time":  # "at the time", "this time"; not "for the first time" (what, not when)
        return not any(t.ent_types[c] == "ORDINAL" for c in lefts(t, obj))
    return t.ent_types[obj] in WHEN_TYPES or t.lowers[obj] == "moment"


def auxiliary_start(t: TokenTable, verb: int) -> int:
    """Return where the verb group of ``verb`` starts: its auxiliaries and negation right before it
    ("have now been identified"), short adverbs between them kept."""
    start = i = verb
    while i > 0:
        prev = i - 1
        if t.heads[prev] != verb or t.deps[prev] not in GROUP_DEPS:
            break
        i -= 1
        if t.deps[prev] != "advmod":
            start = i
    return start


def predicate_span(t: TokenTable, verb: int, aux: bool = True) -> tuple[int, int]:
    """Return the predicate: negation, verb, particle, then its object or complement trimmed to its noun
    phrase, or (without one) its first non-temporal prepositional phrase; an infinitive it governs
    ("vowed to rebuild the bridge") carries on the phrase."""
    deps, lowers = t.deps, t.lowers
    start = verb
    before = lefts(t, verb)
    for child in before:
        if deps[child] == "neg" and child >= verb - 2:
            start = child
    if aux and t.tags[verb] == "VBN" and any(deps[c] == "auxpass" for c in before):
        start = min(start, auxiliary_start(t, verb))
    end = verb + 1
    has_object = has_prep = False
    first_prep = ""
    for child in rights(t, verb):
        dep = deps[child]
        if child > end + 1 and dep != "prep" and not (dep in OBJECTS or dep == "xcomp"):
            break
        if dep == "prt" or dep == "neg":
            end = child + 1
        elif dep in OBJECTS and not has_object and not temporal(t, child):
            end = noun_phrase_end(t, child)
            has_object = True
        elif dep == "xcomp" and t.pos[child] in VERB_POS and not has_prep:
            x_start, x_end = predicate_span(t, child, aux=False)
            if x_start == child and left_edge(t, child) >= end:
                end = x_end
            break
        elif (dep == "prep" and first_prep in PARTNER_PREPS and child == end and not has_object
              and lowers[child] in PLACE_PREPS and not temporal(t, child)):  # "met with the envoy at the palace"
            obj = first_child(t, child)
            if obj >= 0 and noun_phrase_end(t, obj) - start <= MAX_WHAT_TOKENS:
                end = noun_phrase_end(t, obj)
            break
        elif dep in ("prep", "agent") and not has_prep and not temporal(t, child) and (
                not has_object or lowers[child] in ARGUMENT_PREPS and child == end):
            obj = first_child(t, child, ("pobj", "pcomp"))
            if obj < 0:
                break
            pp_end = noun_phrase_end(t, obj) if deps[obj] == "pobj" else min(right_edge(t, obj) + 1, obj + 4)
            if pp_end - start > MAX_WHAT_TOKENS and has_object:  # no half phrase after a whole object
                break
            end = pp_end
            has_prep = True
            first_prep = lowers[child]
        elif dep in ("punct", "cc", "conj", "advcl", "ccomp", "relcl", "mark") or has_prep:
            break
    end = min(end, start + MAX_WHAT_TOKENS)
    return start, glued_sentence_end(t, verb + 1, end)


def what_span(t: TokenTable, verb: int) -> tuple[int, int]:
    """Return the what of the main predicate: ``predicate_span``, from the predicate before it when it
    is the second of two joined clauses and that one takes no object ("[died] and dozens [were injured]":
    one event told in two clauses); the event a toll counts when the predicate updates a toll ("the
    death toll from [the dam collapse] rose to 40")."""
    counted = counted_event(t, verb)
    if counted is not None:
        return counted
    start, end = predicate_span(t, verb)
    head, deps = t.heads[verb], t.deps
    if (deps[verb] == "xcomp" and head < verb and t.pos[head] in VERB_POS
            and any(deps[c] == "aux" and t.lowers[c] == "to" for c in lefts(t, verb))):  # "[trying to] reach the boy"
        head_start, head_end = predicate_span(t, head)
        if head_end >= end and head_end - head_start <= MAX_WHAT_TOKENS:
            return head_start, head_end
    if (deps[verb] == "conj" and head < verb and t.pos[head] in VERB_POS
            and any(deps[c] in ("nsubj", "nsubjpass") for c in lefts(t, verb))
            and not any(deps[c] in OBJECTS for c in rights(t, head))):
        head_start = predicate_span(t, head)[0]
        if end - head_start <= MAX_WHAT_TOKENS:
            start = head_start
    return start, end


def counted_event(t: TokenTable, verb: int) -> tuple[int, int] | None:
    """Return the noun phrase of the event whose toll the predicate's subject is ("The death toll from
    the floods rose"), or None."""
    noun = counted_noun(t, verb)
    return (phrase(t, noun, MAX_NP_TOKENS)[0], noun_phrase_end(t, noun)) if noun >= 0 else None


def counted_noun(t: TokenTable, verb: int) -> int:
    """Return the head noun of the event a toll subject counts ("floods" in "the death toll from the
    floods rose"), or -1."""
    deps = t.deps
    subj = next((c for c in lefts(t, verb) if deps[c] in ("nsubj", "nsubjpass")), -1)
    if subj < 0 or t.lemmas[subj].lower() not in TOLL_NOUNS:
        return -1
    for prep in rights(t, subj):
        if deps[prep] == "prep" and t.lowers[prep] in ("from", "in", "of"):
            obj = next((g for g in t.children[prep] if deps[g] == "pobj" and t.pos[g] == "NOUN"), -1)
            if obj >= 0:
                return obj
    return -1


def counted_doer(t: TokenTable, verb: int) -> tuple[int, int] | None:
    """Return the name in a counted event's phrase ("the Taliban" in "the toll from a Taliban bombing"),
    or None."""
    noun = counted_noun(t, verb)
    doer = next((c for c in lefts(t, noun) if t.ent_types[c] in NAMED), -1) if noun >= 0 else -1
    return entity_bounds(t, doer) if doer >= 0 else None


def glued_sentence_end(t: TokenTable, start: int, end: int) -> int:
    """Return where a new sentence visibly starts in tokens ``start..end`` (a capitalised article or
    pronoun after a word: "shot in Seattle A swathe of police", a missing full stop), else ``end``."""
    toks = t.toks
    for i in range(start + 1, end):
        if t.pos[i] in SENTENCE_OPENERS and toks[i].is_title and t.lowers[i] != "i" and toks[i - 1].is_alpha:
            return i
    return end


def span_of(t: TokenTable, start: int, end: int) -> Span | None:
    """Return tokens ``start..end`` as a span of the text, or None when empty."""
    if end <= start:
        return None
    first, last = t.idx[start], t.ends[end - 1]
    return Span(t.text[first:last], first, last)


def cause_span(t: TokenTable, verb: int) -> Span | None:
    """Return a "because ..."/"after ..." clause or "over ..." phrase of the predicate."""
    deps, lowers = t.deps, t.lowers
    for child in t.children[verb]:
        if deps[child] == "advcl" and any(deps[m] == "mark" and lowers[m] in CAUSE_MARKS for m in t.children[child]):
            left = left_edge(t, child)
            return span_of(t, left, min(right_edge(t, child) + 1, left + 12))
        if deps[child] == "prep" and lowers[child] in CAUSE_PREPS and lowers[child] != "for":
            return span_of(t, child, min(right_edge(t, child) + 1, child + 10))
    return None


def manner_span(t: TokenTable, verb: int) -> Span | None:
    """Return the predicate's "by ..."/"with ..." phrase (how it was done), or None."""
    deps = t.deps
    for child in t.children[verb]:
        if deps[child] == "prep" and t.lowers[child] in ("by", "with") and not any(
                deps[g] == "pobj" and t.ent_types[g] == "PERSON" for g in t.children[child]):
            return span_of(t, child, min(right_edge(t, child) + 1, child + 8))
    return None


def named_mention(actor: Actor, actors: list[Actor]) -> Span | None:
    """Return the first named mention of the one a pronoun actor stands for ("she" -> "Mara Velin"), or None."""
    if not actor.name or actor.name.lower() == actor.text.lower():
        return None
    for other in sorted(actors, key=lambda a: a.start):
        if other.name == actor.name and other.kind != "pronoun":
            return Span(other.text, other.start, other.end)
    return None


def antecedent_mention(t: TokenTable, pronoun: int, actors: list[Actor]) -> Span | None:
    """Return the named mention a pronoun token resolves to through the actors stage, or None."""
    at = t.idx[pronoun]
    covering = next((a for a in actors if a.start <= at < a.end), None)
    return named_mention(covering, actors) if covering is not None else None
