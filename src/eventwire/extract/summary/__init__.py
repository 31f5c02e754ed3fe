"""Stage: the article's main event as a 5W1H summary.

Every answer is a span of the article body (``doc.text``). The main event is chosen among the
predicates of the lead sentences: each is scored by its position, by whether it is the sentence's
main predicate, whether an extracted event sits on it, whether it is quoted speech, and by how many
of its words (verb, subject, object) the headline shares. The headline (``ctx.title``) only guides
that choice; no answer is copied from it.
who = the predicate's doer (named part of the subject phrase), what = the predicate with its object
and one complement (no subject, no adverbials, no relative clauses), when = the date or clock time
attached to the predicate, else the first recent one of the chosen sentence or the lead, where = the
event's place or the first toponym in the chosen sentence or the lead, why = a causal clause or phrase
of the predicate, how = its "by"/"with" phrase.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...document import Actor, Event, Place, Span, Summary, Time
from ..context import Context, table_of
from ..tokens import span_root
from .lead import (
    LEAD_SENTENCES,
    WEIGHTS,
    Lead,
    SubtreeWords,
    lead_sentences,
    predicates,
    quote_marks,
    quoted,
    score_predicate,
    stem,
    subject_of,
    title_words,
    token_at,
)
from .phrases import (
    antecedent_mention,
    cause_span,
    counted_doer,
    counted_noun,
    manner_span,
    named_mention,
    phrase,
    predicate_span,
    span_of,
    what_span,
)
from .when_where import clock_times, merge_clock, place_entities, when_span, where_span

__all__ = ["Lead", "clock_times", "lead_sentences", "merge_clock", "predicate_span", "quote_marks", "quoted", "stem",
           "subject_of", "summarize", "title_words", "WEIGHTS"]


def summarize(
    doc: Doc, ctx: Context, *, events: list[Event], times: list[Time], places: list[Place], actors: list[Actor]
) -> Summary | None:
    """Return who/what/when/where/why/how of the article's main event, or None when it has none."""
    t = table_of(doc, ctx)
    text = t.text
    leads = lead_sentences(doc, LEAD_SENTENCES, text=text, title=ctx.title, table=t)
    if not leads:
        return None
    words = title_words(ctx.title)
    lead_end = leads[-1].end_char
    starts = t.idx
    events_at: dict[int, Event] = {}
    for event in events:
        if event.trigger.start < lead_end:
            i = token_at(starts, event.trigger.start)
            j = token_at(starts, max(event.trigger.end - 1, event.trigger.start)) + 1
            events_at.setdefault(i if j == i + 1 else span_root(t, i, j), event)
    marks = quote_marks(text, lead_end)
    shared = SubtreeWords(t, text, words) if words else None
    best = None
    for rank, lead in enumerate(leads):
        for v, main in predicates(t, lead):
            key = (score_predicate(t, marks, v, main, rank, events_at, shared), -v)
            if best is None or key > best[0]:
                best = (key, v, lead)
    _, v, lead = best
    what = span_of(t, *what_span(t, v))
    event = events_at.get(v)
    who = None
    subj = subject_of(t, v)
    if counted_noun(t, v) >= 0:  # a toll is no doer: the name in the event it counts, if any
        doer = counted_doer(t, v)
        who = span_of(t, *doer) if doer is not None else None
        event, subj = None, -1
    if event is not None and event.actors:
        first = event.actors[0]
        if first.start >= lead.start_char:  # never a stretch of the boilerplate cut off the sentence
            who = (named_mention(first, actors) if first.kind == "pronoun" else None) or Span(first.text, first.start, first.end)
    if who is None and subj >= 0:
        who = antecedent_mention(t, subj, actors) if t.pos[subj] == "PRON" else None
        who = who or span_of(t, *phrase(t, subj))
    order = [lead] + [s for s in leads if s.start != lead.start]
    when = when_span(t, times, order, v, ctx)
    entities = place_entities(t, min(s.start for s in leads), max(s.end for s in leads))
    where = where_span(t, v, places, order, words, entities)
    return Summary(who=who, what=what, when=when, where=where, why=cause_span(t, v), how=manner_span(t, v))
