"""Stage: the article's main event as a 5W1H summary.

Every answer is a span of the article body (``doc.text``). The main event is chosen among the
predicates of the lead sentences: each is scored by its position, by whether an extracted event sits
on it, and by how many of its words (lemmas of verb, subject and object) the headline shares. The
headline (``ctx.title``) only guides that choice; no answer is copied from it.
who = the predicate's doer (named part of the subject phrase), what = the predicate with its object,
when = the first date or time in the chosen sentence or the lead, where = the event's place or the
first toponym in the chosen sentence or the lead, why = a causal clause or phrase of the predicate,
how = its "by"/"with" phrase.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..document import Actor, Event, Place, Span, Summary, Time
from .context import Context

LEAD_SENTENCES = 8
MAX_WHAT_TOKENS = 6
BOILERPLATE = re.compile(r"thank you|subscri|newsletter|cookie|image copyright|image caption|skip ad|getty images|"
                         r"click here|sign up|all rights reserved|follow us|read more|\bphoto\b|embed", re.I)
MAX_WHO_TOKENS = 5
NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
SPEECH = frozenset({"say", "tell", "report", "announce", "state", "add", "claim"})
WHEN_TYPES = frozenset({"DATE", "TIME"})
CAUSE_MARKS = frozenset({"because", "as", "since", "after"})
CAUSE_PREPS = frozenset({"over", "because", "due", "amid", "after", "for"})
WORD = re.compile(r"[a-z0-9]+")
DATE_VALUE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
PLACE_PREPS = frozenset({"in", "at", "outside", "near", "inside", "into"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})


def lead_sentences(doc: Doc, n: int = LEAD_SENTENCES) -> list[SpacySpan]:
    """Return the first ``n`` sentences with a verb and at least five words (captions and bylines skipped)."""
    out = []
    for sent in doc.sents:
        words = sum(t.is_alpha for t in sent)
        if words >= 5 and any(t.pos_ in ("VERB", "AUX") for t in sent) and not BOILERPLATE.search(sent.text):
            out.append(sent)
            if len(out) == n:
                break
    return out


def title_words(title: str | None, nlp_vocab_doc: Doc) -> set[str]:
    """Return the lower-cased words of the headline (the lemma is not needed: prefixes are compared)."""
    return {w[:5] for w in WORD.findall((title or "").lower()) if len(w) > 2}


def predicates(sent: SpacySpan) -> list[tuple[Token, bool]]:
    """Return the sentence's verbs, each with whether it is a main predicate (root, its conjunct, or
    the clause reported by a root reporting verb)."""
    root = sent.root
    main = {root.i}
    main.update(c.i for c in root.children if c.dep_ == "conj" and c.pos_ == "VERB")
    if root.lemma_ in SPEECH:
        main.update(c.i for c in root.children if c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX"))
    return [(t, t.i in main) for t in sent if t.pos_ == "VERB" or t.i == root.i]


def subject_of(verb: Token) -> Token | None:
    """Return the doer of a predicate: subject, or agent of a passive, or the passive subject."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
    if subj is not None:
        return subj
    agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    if agent is not None:
        return agent
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if passive is not None:
        return passive
    if verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
        return subject_of(verb.head)
    return None


def phrase(tok: Token, limit: int = MAX_WHO_TOKENS) -> tuple[int, int]:
    """Return a short noun phrase around ``tok``: the named entity holding it, else head with left modifiers."""
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end and ent.label_ in NAMED:
            return ent.start, ent.end
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


def predicate_span(verb: Token) -> tuple[int, int]:
    """Return the predicate: negation, verb, particle, its object or complement, and one more phrase."""
    start = verb.i
    for child in verb.lefts:
        if child.dep_ == "neg" and child.i >= verb.i - 2:
            start = child.i
    end = verb.i + 1
    parts = 0
    for child in verb.rights:
        if child.dep_ in ("punct", "cc", "conj", "advcl", "ccomp", "relcl", "mark") or parts >= 2:
            break
        if child.dep_ in ("prt", "dobj", "attr", "acomp", "xcomp", "oprd", "dative", "prep", "npadvmod", "advmod"):
            end = child.right_edge.i + 1
            parts += child.dep_ != "prt"
    return start, min(end, start + MAX_WHAT_TOKENS)


def _span(doc: Doc, start: int, end: int) -> Span | None:
    if end <= start:
        return None
    sp = doc[start:end]
    return Span(sp.text, sp.start_char, sp.end_char)


def score_predicate(verb: Token, main: bool, rank: int, events_at: dict[int, Event], words: set[str]) -> float:
    """Return how likely ``verb`` states the article's main event."""
    score = 2.0 - 0.25 * min(rank, 6) - (0 if main else 1.0)
    if verb.i in events_at:
        score += 0.5 + events_at[verb.i].confidence
    if verb.lemma_ in SPEECH:
        score -= 1.0
    subj = subject_of(verb)
    near = [verb] + ([subj] if subj is not None else []) + [c for c in verb.children if c.dep_ in ("dobj", "prep")]
    shared = {t.lower_[:5] for n in near for t in n.subtree if not t.is_stop} & words if words else set()
    score += 0.6 * min(len(shared), 5) + (0.8 if verb.lower_[:5] in words else 0.0)
    if subj is None or subj.pos_ == "PRON":
        score -= 0.7
    return score


def first_in(items, sents: list[SpacySpan], ok) -> object | None:
    """Return the first item (by offset) lying in the given sentences and accepted by ``ok``."""
    for sent in sents:
        for item in sorted(items, key=lambda x: x.start):
            if sent.start_char <= item.start and item.end <= sent.end_char and ok(item):
                return item
    return None


def cause_span(doc: Doc, verb: Token) -> Span | None:
    """Return a "because ..."/"after ..." clause or "over ..." phrase of the predicate."""
    for child in verb.children:
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CAUSE_MARKS for m in child.children):
            return _span(doc, child.left_edge.i, min(child.right_edge.i + 1, child.left_edge.i + 12))
        if child.dep_ == "prep" and child.lower_ in CAUSE_PREPS and child.lower_ != "for":
            return _span(doc, child.i, min(child.right_edge.i + 1, child.i + 10))
    return None


def manner_span(doc: Doc, verb: Token) -> Span | None:
    """Return the predicate's "by ..."/"with ..." phrase (how it was done), or None."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "with") and not any(g.dep_ == "pobj" and g.ent_type_ == "PERSON"
                                                                              for g in child.children):
            return _span(doc, child.i, min(child.right_edge.i + 1, child.i + 8))
    return None


def recent(time: Time, ctx: Context) -> bool:
    """Return whether a time's value falls within two weeks of publication (the news event, not background)."""
    if ctx.published is None or not time.value:
        return False
    match = DATE_VALUE.match(time.value)
    if match is None:
        return time.value in ("PRESENT_REF",) or time.value.startswith("XXXX-WXX")
    try:
        day = dt.date(int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1))
    except ValueError:
        return False
    return abs((ctx.published - day).days) <= (14 if match.group(3) else 31)


def when_span(times: list[Time], order: list[SpacySpan], ctx: Context) -> Span | None:
    """Return the event's time: in the chosen sentence, else the lead; times near publication first."""
    usable = [t for t in times if t.type in WHEN_TYPES and t.value not in (None, "PRESENT_REF")
              and not (t.text.isupper() and len(t.text) > 3)]
    near = [t for t in usable if recent(t, ctx)]
    found = (first_in(near, order[:1], bool) or first_in(near, order, bool)
             or min(near, key=lambda t: t.start, default=None)  # dated near publication anywhere
             or first_in(usable, order, bool))
    return Span(found.text, found.start, found.end) if found is not None else None


def where_span(doc: Doc, verb: Token, places: list[Place], order: list[SpacySpan], words: set[str]) -> Span | None:
    """Return where: a place named in the lead (toponyms and named facilities), ranked by whether the
    headline names it too, then by lying in the chosen sentence or attached to the predicate, then a town
    or building before a country, then position."""
    attached = set()
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
            attached.update(t.i for t in child.subtree)
    named = [(False, e) for e in doc.ents if e.label_ in ("FAC", "LOC", "GPE")]
    for place in places:
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if place.role != "actor" and span is not None and span.root.ent_type_ in PLACE_ENTS:
            named.append((place.feature in ("country", "continent", "region"), span))
    lead_start, lead_end = order[0].start, order[0].end
    best, best_key = None, None
    seen = set()
    for broad, span in named:
        if (span.start, span.end) in seen or not any(s.start <= span.start < s.end for s in order):
            continue
        seen.add((span.start, span.end))
        in_title = bool({t.lower_[:5] for t in span if t.is_alpha} & words)
        key = (not in_title, not (lead_start <= span.start < lead_end or span.root.i in attached), broad, span.start)
        if best_key is None or key < best_key:
            best, best_key = span, key
    return Span(best.text, best.start_char, best.end_char) if best is not None else None


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


def summarize(
    doc: Doc, ctx: Context, *, events: list[Event], times: list[Time], places: list[Place], actors: list[Actor]
) -> Summary | None:
    """Return who/what/when/where/why/how of the article's main event, or None when it has none."""
    sents = lead_sentences(doc)
    if not sents:
        return None
    words = title_words(ctx.title, doc)
    events_at: dict[int, Event] = {}
    for event in events:
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if span is not None:
            events_at.setdefault(span.root.i, event)
    scored = [(score_predicate(v, main, rank, events_at, words), -v.i, v)
              for rank, sent in enumerate(sents) for v, main in predicates(sent)]
    _, _, verb = max(scored)
    sent = verb.sent
    event = events_at.get(verb.i)
    who = None
    if event is not None and event.actors:
        first = event.actors[0]
        who = (named_mention(first, actors) if first.kind == "pronoun" else None) or Span(first.text, first.start, first.end)
    subj = subject_of(verb)
    if who is None and subj is not None:
        who = antecedent_mention(subj, actors) if subj.pos_ == "PRON" else None
        who = who or _span(doc, *phrase(subj))
    what = _span(doc, *predicate_span(verb))
    order = [sent] + [s for s in sents if s.start != sent.start]
    when = when_span(times, order, ctx)
    where = where_span(doc, verb, places, order, words)
    return Summary(who=who, what=what, when=when, where=where, why=cause_span(doc, verb), how=manner_span(doc, verb))
