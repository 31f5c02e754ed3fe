"""The spans of the main predicate: its doer, the predicate with its object, its cause and manner."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ...document import Actor, Span
from ..tokens import entity_bounds

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


def subject_of(verb: Token) -> Token | None:
    """Return the doer of a predicate: subject, or agent of a passive, or the passive subject."""
    passive = None
    for c in verb.children:
        dep = c.dep_
        if dep in ("nsubj", "csubj"):
            return c
        if dep == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
        elif dep == "nsubjpass" and passive is None:
            passive = c
    if passive is not None:
        return passive
    if verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
        return subject_of(verb.head)
    return None


def phrase(tok: Token, limit: int = MAX_WHO_TOKENS) -> tuple[int, int]:
    """Return a short noun phrase around ``tok``: the named entity holding it, else head with left modifiers."""
    if tok.ent_type_ in NAMED:
        return entity_bounds(tok.doc, tok.i)
    start = tok.i
    for child in sorted(tok.lefts, key=lambda t: -t.i):
        if child.dep_ in ("det", "predet") and child.lower_ in ("the", "a", "an"):
            break
        if child.dep_ in ("compound", "amod", "nummod", "quantmod", "det", "poss", "nmod", "advmod"):
            start = child.left_edge.i
    end = tok.i + 1
    for child in tok.rights:  # "Dozens of rescuers"
        if child.dep_ == "prep" and child.lower_ == "of" and tok.like_num or tok.lower_ in ("dozens", "hundreds", "thousands"):
            end = child.right_edge.i + 1
        break
    start = max(start, end - limit)
    return start, end


def noun_phrase_end(tok: Token) -> int:
    """Return where the noun phrase headed by ``tok`` ends: its "of"/"between"/... phrase kept,
    relative clauses, appositions and anything after a comma left out; a name ends the phrase ("the
    agency of negligence" is a verb's "of" phrase after the name "the agency")."""
    if tok.pos_ == "PROPN" and tok.ent_type_ in NAMED:
        return entity_bounds(tok.doc, tok.i)[1]
    end = tok.i + 1
    for child in tok.rights:
        dep = child.dep_
        if dep in ("compound", "amod", "nummod", "case"):
            end = child.i + 1
        elif dep == "prep" and child.lower_ in NP_PREPS:
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.ent_type_ not in WHEN_TYPES:
                pp_end = noun_phrase_end(obj)
                if pp_end <= tok.i + MAX_NP_TOKENS:  # a whole phrase or none, never half of one
                    end = pp_end
            break
        else:
            break
    return min(end, tok.i + MAX_NP_TOKENS)


def temporal(tok: Token) -> bool:
    """Return whether a complement states time ("on Monday", "for the first time", "today")."""
    if tok.lower_ in TIME_WORDS or tok.ent_type_ in WHEN_TYPES:
        return True
    obj = next((g for g in tok.children if g.dep_ == "pobj"), None)
    if obj is None:
        return False
    if obj.lower_ == "time":  # "at the time", "this time"; not "for the first time" (what, not when)
        return not any(c.ent_type_ == "ORDINAL" for c in obj.lefts)
    return obj.ent_type_ in WHEN_TYPES or obj.lower_ == "moment"


def auxiliary_start(verb: Token) -> int:
    """Return where the verb group of ``verb`` starts: its auxiliaries and negation right before it
    ("have now been identified"), short adverbs between them kept."""
    start = i = verb.i
    doc = verb.doc
    while i > 0:
        tok = doc[i - 1]
        if tok.head.i != verb.i or tok.dep_ not in GROUP_DEPS:
            break
        i -= 1
        if tok.dep_ != "advmod":
            start = i
    return start


def predicate_span(verb: Token, aux: bool = True) -> tuple[int, int]:
    """Return the predicate: negation, verb, particle, then its object or complement trimmed to its noun
    phrase, or (without one) its first non-temporal prepositional phrase; an infinitive it governs
    ("vowed to rebuild the bridge") carries on the phrase."""
    start = verb.i
    for child in verb.lefts:
        if child.dep_ == "neg" and child.i >= verb.i - 2:
            start = child.i
    if aux and verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.lefts):
        start = min(start, auxiliary_start(verb))
    end = verb.i + 1
    has_object = has_prep = False
    first_prep = ""
    for child in verb.rights:
        dep = child.dep_
        if child.i > end + 1 and dep != "prep" and not (dep in OBJECTS or dep == "xcomp"):
            break
        if dep == "prt" or dep == "neg":
            end = child.i + 1
        elif dep in OBJECTS and not has_object and not temporal(child):
            end = noun_phrase_end(child)
            has_object = True
        elif dep == "xcomp" and child.pos_ in VERB_POS and not has_prep:
            x_start, x_end = predicate_span(child, aux=False)
            if x_start == child.i and child.left_edge.i >= end:
                end = x_end
            break
        elif (dep == "prep" and first_prep in PARTNER_PREPS and child.i == end and not has_object
              and child.lower_ in PLACE_PREPS and not temporal(child)):  # "met with the envoy at the palace"
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None and noun_phrase_end(obj) - start <= MAX_WHAT_TOKENS:
                end = noun_phrase_end(obj)
            break
        elif dep in ("prep", "agent") and not has_prep and not temporal(child) and (
                not has_object or child.lower_ in ARGUMENT_PREPS and child.i == end):
            obj = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
            if obj is None:
                break
            pp_end = noun_phrase_end(obj) if obj.dep_ == "pobj" else min(obj.right_edge.i + 1, obj.i + 4)
            if pp_end - start > MAX_WHAT_TOKENS and has_object:  # no half phrase after a whole object
                break
            end = pp_end
            has_prep = True
            first_prep = child.lower_
        elif dep in ("punct", "cc", "conj", "advcl", "ccomp", "relcl", "mark") or has_prep:
            break
    end = min(end, start + MAX_WHAT_TOKENS)
    return start, glued_sentence_end(verb.doc, verb.i + 1, end)


def what_span(verb: Token) -> tuple[int, int]:
    """Return the what of the main predicate: ``predicate_span``, from the predicate before it when it
    is the second of two joined clauses and that one takes no object ("[died] and dozens [were injured]":
    one event told in two clauses); the event a toll counts when the predicate updates a toll ("the
    death toll from [the dam collapse] rose to 40")."""
    counted = counted_event(verb)
    if counted is not None:
        return counted
    start, end = predicate_span(verb)
    head = verb.head
    if (verb.dep_ == "conj" and head.i < verb.i and head.pos_ in VERB_POS
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.lefts)
            and not any(c.dep_ in OBJECTS for c in head.rights)):
        head_start = predicate_span(head)[0]
        if end - head_start <= MAX_WHAT_TOKENS:
            start = head_start
    return start, end


def counted_event(verb: Token) -> tuple[int, int] | None:
    """Return the noun phrase of the event whose toll the predicate's subject is ("The death toll from
    the floods rose"), or None."""
    noun = counted_noun(verb)
    return (phrase(noun, MAX_NP_TOKENS)[0], noun_phrase_end(noun)) if noun is not None else None


def counted_noun(verb: Token) -> Token | None:
    """Return the head noun of the event a toll subject counts ("floods" in "the death toll from the
    floods rose"), or None."""
    subj = next((c for c in verb.lefts if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lemma_.lower() not in TOLL_NOUNS:
        return None
    for prep in subj.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("from", "in", "of"):
            obj = next((g for g in prep.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
            if obj is not None:
                return obj
    return None


def counted_doer(verb: Token) -> tuple[int, int] | None:
    """Return the name in a counted event's phrase ("the Taliban" in "the toll from a Taliban bombing"),
    or None."""
    noun = counted_noun(verb)
    doer = next((c for c in noun.lefts if c.ent_type_ in NAMED), None) if noun is not None else None
    return entity_bounds(doer.doc, doer.i) if doer is not None else None


def glued_sentence_end(doc: Doc, start: int, end: int) -> int:
    """Return where a new sentence visibly starts in tokens ``start..end`` (a capitalised article or
    pronoun after a word: "shot in Seattle A swathe of police", a missing full stop), else ``end``."""
    for i in range(start + 1, end):
        tok = doc[i]
        if tok.is_title and tok.pos_ in SENTENCE_OPENERS and tok.lower_ != "i" and doc[i - 1].is_alpha:
            return i
    return end


def span_of(doc: Doc, start: int, end: int) -> Span | None:
    """Return tokens ``start..end`` as a span of the text, or None when empty."""
    if end <= start:
        return None
    sp = doc[start:end]
    return Span(sp.text, sp.start_char, sp.end_char)


def cause_span(doc: Doc, verb: Token) -> Span | None:
    """Return a "because ..."/"after ..." clause or "over ..." phrase of the predicate."""
    for child in verb.children:
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CAUSE_MARKS for m in child.children):
            return span_of(doc, child.left_edge.i, min(child.right_edge.i + 1, child.left_edge.i + 12))
        if child.dep_ == "prep" and child.lower_ in CAUSE_PREPS and child.lower_ != "for":
            return span_of(doc, child.i, min(child.right_edge.i + 1, child.i + 10))
    return None


def manner_span(doc: Doc, verb: Token) -> Span | None:
    """Return the predicate's "by ..."/"with ..." phrase (how it was done), or None."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "with") and not any(g.dep_ == "pobj" and g.ent_type_ == "PERSON"
                                                                              for g in child.children):
            return span_of(doc, child.i, min(child.right_edge.i + 1, child.i + 8))
    return None


def named_mention(actor: Actor, actors: list[Actor]) -> Span | None:
    """Return the first named mention of the one a pronoun actor stands for ("she" -> "Mara Velin"), or None."""
    if not actor.name or actor.name.lower() == actor.text.lower():
        return None
    for other in sorted(actors, key=lambda a: a.start):
        if other.name == actor.name and other.kind != "pronoun":
            return Span(other.text, other.start, other.end)
    return None


def antecedent_mention(pronoun: Token, actors: list[Actor]) -> Span | None:
    """Return the named mention a pronoun token resolves to through the actors stage, or None."""
    covering = next((a for a in actors if a.start <= pronoun.idx < a.end), None)
    return named_mention(covering, actors) if covering is not None else None
