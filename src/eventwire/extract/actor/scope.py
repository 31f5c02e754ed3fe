"""Per-document lookups of the actors stage: lexicon matches, toponyms and sentence bounds by token."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from ...document import Place
from ..context import Context
from .lexicon import Entry, Lexicon, get_lexicon, scan


@dataclass(slots=True)
class Scope:
    """Per-document lookups shared by the finding and resolving steps."""

    doc: Doc
    lex: Lexicon
    entries_at: dict[int, tuple[int, int, Entry]]
    place_at: dict[int, str]
    places: dict[int, Place]
    sent_start: list[int]
    sent_end: list[int]


def make_scope(
    doc: Doc, ctx: Context, places: list[Place] | None, start: int = 0, stop: int | None = None
) -> Scope:
    """Index the lexicon matches and the resolved toponyms of ``doc`` (or tokens ``start:stop``) by token."""
    lex = get_lexicon(ctx.settings.actors_file)
    entries_at: dict[int, tuple[int, int, Entry]] = {}
    for m in scan(doc, lex, start, stop):
        for k in range(m[0], m[1]):
            entries_at[k] = m
    place_at: dict[int, str] = {}
    by_tok: dict[int, Place] = {}
    lo = doc[start].idx if start < len(doc) else 0
    hi = doc[stop - 1].idx + len(doc[stop - 1]) if stop else doc[-1].idx + len(doc[-1]) if len(doc) else 0
    for p in places or ():
        if p.end <= lo or p.start >= hi:
            continue
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None:
            continue
        for t in span:
            by_tok[t.i] = p
            if p.country:
                place_at[t.i] = p.country
    starts, ends = sentence_bounds(doc, start, stop)
    return Scope(doc, lex, entries_at, place_at, by_tok, starts, ends)


def sentence_bounds(doc: Doc, start: int = 0, stop: int | None = None) -> tuple[list[int], list[int]]:
    """Return, for every token, its sentence's first token and end. Given ``start:stop`` (one sentence),
    only those tokens are mapped. ``Token.sent`` costs a pass over the document; this is one pass in all."""
    n = len(doc)
    if start != 0 or stop is not None:
        stop = n if stop is None else stop
        return dict.fromkeys(range(start, stop), start), dict.fromkeys(range(start, stop), stop)  # type: ignore[return-value]
    starts, ends = [0] * n, [n] * n
    for sent in doc.sents:
        a, b = sent.start, sent.end
        starts[a:b] = [a] * (b - a)
        ends[a:b] = [b] * (b - a)
    return starts, ends
