"""Per-document lookups of the actors stage: lexicon matches, toponyms and sentence bounds by token."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import NamedTuple

import numpy
from spacy.attrs import DEP, HEAD, LOWER, ORTH, POS, SENT_START, TAG
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Token

from ...document import Place
from ..context import Context
from .lexicon import Entry, Lexicon, get_lexicon, scan_words


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
    toks: list[Token]  # the Doc's tokens, built once (``doc[i]`` builds a new Token on every call)
    tags: list[str]  # ``Token.tag_`` of each token
    deps: list[str]  # ``Token.dep_``
    lowers: list[str]  # ``Token.lower_``
    heads: list[int]  # each token's head index
    verbal: list[bool]  # whether each token is a VERB or AUX

    def span_text(self, start: int, end: int) -> str:
        """Return ``doc[start:end].text`` without building the Span (``end`` > ``start``)."""
        toks = self.toks
        if end - start <= 1:
            return toks[start].text if end > start else ""
        return "".join([toks[k].text_with_ws for k in range(start, end - 1)]) + toks[end - 1].text

    def governor(self, i: int) -> int:
        """Return the index of the verb token ``i`` is an argument of (``coref.governor`` on indices)."""
        heads, verbal = self.heads, self.verbal
        node = i
        while heads[node] != node:
            node = heads[node]
            if verbal[node]:
                return node
        return node


TABLE_LIMIT = 200_000  # strings memoised by ``_names`` before the memo starts afresh


def make_scope(
    doc: Doc,
    ctx: Context,
    places: list[Place] | None,
    start: int = 0,
    stop: int | None = None,
    words: Words | None = None,
) -> Scope:
    """Index the lexicon matches and the resolved toponyms of ``doc`` (or tokens ``start:stop``) by token.

    ``words`` (from ``doc_words``) saves reading the Doc again when one caller makes many scopes of it.
    """
    lex = get_lexicon(ctx.settings.actors_file)
    n = len(doc)
    toks, texts, lowers, tags, deps, heads, verbal = words if words is not None else doc_words(doc)
    entries_at: dict[int, tuple[int, int, Entry]] = {}
    for m in scan_words(texts, lowers, lex, start, n if stop is None else min(stop, n)):
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
            if p.role != "organisation":  # a place inside an organisation's name is no actor by itself
                by_tok[t.i] = p
            if p.country:
                place_at[t.i] = p.country
    starts, ends = sentence_bounds(doc, start, stop)
    return Scope(doc, lex, entries_at, place_at, by_tok, starts, ends, toks, tags, deps, lowers, heads, verbal)


class Words(NamedTuple):
    """The token attributes of a Doc as plain lists, read once (``Token`` attribute access costs more)."""

    toks: list[Token]
    texts: list[str]
    lowers: list[str]
    tags: list[str]
    deps: list[str]
    heads: list[int]
    verbal: list[bool]


def doc_words(doc: Doc) -> Words:
    """Return the token lists of ``doc``: tokens, texts, lower forms, tags, labels, head indices, verb-ness."""
    n = len(doc)
    if not n:
        return Words([], [], [], [], [], [], [])
    arr = doc.to_array([ORTH, LOWER, TAG, DEP, HEAD, POS])
    texts, lowers, tags, deps = (_names(doc, arr[:, k].tolist()) for k in range(4))
    heads = (numpy.arange(n, dtype="int64") + arr[:, 4].astype("int64")).tolist()
    verbal = [p in (VERB, AUX) for p in arr[:, 5].tolist()]
    return Words(list(doc), texts, lowers, tags, deps, heads, verbal)


def _names(doc: Doc, ids: list[int]) -> list[str]:
    """Return the strings of ``ids`` (string hashes from ``Doc.to_array``); each is looked up in the
    StringStore once per process (a hash names one string in every vocab, and that lookup is slow)."""
    strings = doc.vocab.strings
    table = _table(strings)
    missing = set(ids).difference(table)
    if missing:
        if len(table) > TABLE_LIMIT:
            table.clear()
        for h in missing:
            table[h] = strings[h] if h else ""
    return [table[h] for h in ids]


@functools.lru_cache(maxsize=4)
def _table(strings) -> dict[int, str]:
    """Return the hash-to-string memo for a StringStore."""
    return {}


def sentence_bounds(doc: Doc, start: int = 0, stop: int | None = None) -> tuple[list[int], list[int]]:
    """Return, for every token, its sentence's first token and end. Given ``start:stop`` (one sentence),
    only those tokens are mapped. ``Token.sent`` costs a pass over the document; this is one pass in all."""
    n = len(doc)
    if start != 0 or stop is not None:
        stop = n if stop is None else stop
        return dict.fromkeys(range(start, stop), start), dict.fromkeys(range(start, stop), stop)  # type: ignore[return-value]
    starts, ends = [0] * n, [n] * n
    if not n:
        return starts, ends
    flags = doc.to_array([SENT_START]).tolist()  # 1 on a sentence's first token (``Doc.sents`` is slow)
    firsts = [i for i in range(1, n) if flags[i] == 1]
    for a, b in zip([0, *firsts], [*firsts, n], strict=True):
        starts[a:b] = [a] * (b - a)
        ends[a:b] = [b] * (b - a)
    return starts, ends
