"""Token-level helpers shared by several extractors."""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from itertools import compress
from operator import itemgetter
from typing import NamedTuple

import numpy
from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_TYPE,
    HEAD,
    IDX,
    LEMMA,
    LENGTH,
    LOWER,
    ORTH,
    POS,
    SENT_START,
    SPACY,
    TAG,
)
from spacy.lang.lex_attrs import is_punct
from spacy.tokens import Doc, Token

IOB_NAMES = ("", "I", "O", "B")  # ``Token.ent_iob_`` by the integer ``Doc.to_array(ENT_IOB)`` gives
STRING_COLUMNS = (ORTH, LOWER, TAG, DEP, POS, LEMMA, ENT_TYPE)
INT_COLUMNS = (HEAD, ENT_IOB, IDX, LENGTH, SENT_START, SPACY)
MEMO_LIMIT = 200_000  # strings memoised per StringStore before the memo starts afresh


def entity_bounds(t: TokenTable, i: int) -> tuple[int, int]:
    """Return ``(start, end)`` of the named entity holding token ``i`` by its IOB tags (``doc.ents`` builds
    every entity's Span); ``(i, i + 1)`` for a token outside any entity. ``t`` is the Doc's table, or any
    object with its ``toks`` and ``ent_iobs`` columns."""
    iobs, n = t.ent_iobs, len(t.toks)
    start, end = i, i + 1
    while start > 0 and iobs[start] == "I":
        start -= 1
    while end < n and iobs[end] == "I":
        end += 1
    return start, end


@dataclass(slots=True)
class TokenTable:
    """The token attributes of one Doc as plain lists, read in one pass (every ``doc[i]``, ``tok.head`` or
    ``tok.children`` builds a new Token). Index ``i`` of each list is token ``i``.

    ``sent`` is each token's sentence number, ``sent_start``/``sent_end`` each sentence's token range,
    ``children`` each token's dependents in token order (``Token.children``).
    """

    toks: list[Token]
    texts: list[str]
    lowers: list[str]
    tags: list[str]
    deps: list[str]
    pos: list[str]
    lemmas: list[str]  # ``Token.lemma_`` as the pipeline set it
    ent_types: list[str]
    ent_iobs: list[str]
    heads: list[int]
    idx: list[int]
    ends: list[int]  # character offset after each token
    sent: list[int]
    sent_start: list[int]
    sent_end: list[int]
    children: list[list[int]]
    text: str  # ``doc.text`` (which joins every token's text anew on each access)

    def char_range(self, start: int, end: int) -> tuple[int, int]:
        """Return the character offsets of tokens ``start:end`` (``end`` > ``start``)."""
        return self.idx[start], self.ends[end - 1]


def token_table(doc: Doc) -> TokenTable:
    """Return the ``TokenTable`` of ``doc``; sentences split where ``Token.is_sent_start`` is set, as
    ``doc.sents`` does."""
    n = len(doc)
    if not n:
        return TokenTable(*([] for _ in range(16)), "")
    arr = doc.to_array([*STRING_COLUMNS, *INT_COLUMNS])
    k = len(STRING_COLUMNS)
    texts, lowers, tags, deps, pos, lemmas, ent_types = (strings_of(doc, arr[:, c].tolist()) for c in range(k))
    ints = arr[:, k:].astype("int64")
    ints[:, 0] += numpy.arange(n, dtype="int64")  # relative heads to indices
    breaks = ints[:, 4] == 1
    breaks[0] = False  # sentence starts after the first token
    ints[:, 3] += ints[:, 2]  # lengths to end offsets
    heads, iob, idx, ends, spaces = ints[:, [0, 1, 2, 3, 5]].T.tolist()
    children: list[list[int]] = [[] for _ in range(n)]
    for i, h in enumerate(heads):
        if h != i:
            children[h].append(i)
    sent_start = [0, *numpy.flatnonzero(breaks).tolist()]
    sent_end = [*sent_start[1:], n]
    text = "".join([w + " " if sp else w for w, sp in zip(texts, spaces, strict=True)])
    return TokenTable(list(doc), texts, lowers, tags, deps, pos, lemmas, ent_types, [IOB_NAMES[v] for v in iob],
                      heads, idx, ends, numpy.cumsum(breaks).tolist(), sent_start, sent_end, children, text)


def strings_of(doc: Doc, ids: list[int], lower: bool = False) -> list[str]:
    """Return the strings of ``ids`` (string hashes from ``Doc.to_array``), lower-cased with ``lower``; each
    is looked up in the StringStore once per process (a hash names the same string in every vocab; the
    lookup is slow)."""
    memo = _memo(doc.vocab.strings, lower)
    try:  # itemgetter looks them all up in C; with one argument it returns the item, not a tuple
        return list(itemgetter(*ids)(memo)) if len(ids) > 1 else [memo[h] for h in ids]
    except KeyError:  # some string not seen before
        strings = doc.vocab.strings
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        for h in set(ids).difference(memo):
            memo[h] = (strings[h].lower() if lower else strings[h]) if h else ""
        return [memo[h] for h in ids]


@functools.lru_cache(maxsize=8)
def _memo(strings, lower: bool = False) -> dict[int, str]:
    """Return the hash-to-string memo for a StringStore (of lower-cased strings with ``lower``)."""
    return {}


class Entity(NamedTuple):
    """A named entity as token range and label (``doc.ents`` builds a Span, and two Tokens, for each)."""

    start: int
    end: int
    label: str


def table_entities(doc: Doc, t: TokenTable) -> list[Entity]:
    """Return the named entities of ``doc`` in text order, as ``doc.ents`` has them (read from the table's
    IOB tags; an inside tag with no beginning leaves it to spaCy)."""
    iobs, types = t.ent_iobs, t.ent_types
    found: list[Entity] = []
    start, last, label = -1, -2, ""
    for i in compress(range(len(iobs)), map("O".__ne__, iobs)):  # the "O" tokens between only end an entity
        if start != -1 and i != last + 1:
            found.append(Entity(start, last + 1, label))
            start = -1
        last = i
        iob = iobs[i]
        if iob == "I":
            if start == -1:
                return [Entity(e.start, e.end, e.label_) for e in doc.ents]
        else:  # "B", or no tag: a "B" without a type opens nothing
            if start != -1:
                found.append(Entity(start, i, label))
            start, label = (i, types[i]) if iob == "B" and types[i] else (-1, "")
    if start != -1:
        found.append(Entity(start, last + 1, label))
    return found


@functools.lru_cache(maxsize=1 << 16)
def is_punct_text(text: str) -> bool:
    """Return ``Token.is_punct`` for a token's text (every character is punctuation)."""
    return is_punct(text)


def span_root(t: TokenTable, start: int, end: int) -> int:
    """Return the index of ``doc[start:end].root`` (``end`` > ``start``), as spaCy finds it: a sentence root
    inside the span, else, of the tokens with a head outside it, the one fewest steps below its sentence root
    (the first on a tie; a punctuation or space token with no dependents counts as the farthest).

    ``t`` is the Doc's table, or any object with its ``heads``, ``children`` and ``texts`` columns. A
    ``root`` user hook on the Doc is the caller's to honour.
    """
    heads = t.heads
    outside = []
    for i in range(start, end):
        h = heads[i]
        if h == i:
            return i
        if not start <= h < end:
            outside.append(i)
    if not outside:
        return start
    if len(outside) == 1:
        return outside[0]
    n = len(heads)
    best, best_depth = start, n
    for i in outside:
        word = t.texts[i]
        if not t.children[i] and (word.isspace() or is_punct_text(word)):
            depth = n - 1
        else:
            depth, k = 0, i
            while heads[k] != k and depth < n:
                k = heads[k]
                depth += 1
        if depth < best_depth:
            best, best_depth = i, depth
    return best


def char_tokens(t: TokenTable, start: int, end: int) -> tuple[int, int] | None:
    """Return ``(span.start, span.end)`` of ``doc.char_span(start, end, alignment_mode="expand")`` (``end`` >
    ``start``), read from the table: None where spaCy finds no token at one end; the range is empty where the
    characters are only the whitespace after a token."""
    size = len(t.text)
    if not (0 <= start < size and 0 < end <= size):
        return None
    first = bisect.bisect_right(t.idx, start) - 1  # the token whose text or trailing space holds ``start``
    if start == t.ends[first]:
        first += 1  # the trailing space is not the token's
    last = bisect.bisect_right(t.idx, end - 1)
    return first, max(first, last)


def left_edge(t: TokenTable, i: int) -> int:
    """Return ``Token.left_edge.i`` (spaCy keeps it on the token: cheaper than walking the subtree). ``t`` is
    the Doc's table, or any object with its ``toks`` and ``children`` columns."""
    return t.toks[i].left_edge.i if t.children[i] else i  # a leaf is its own edge


def right_edge(t: TokenTable, i: int) -> int:
    """Return ``Token.right_edge.i`` (see ``left_edge``)."""
    return t.toks[i].right_edge.i if t.children[i] else i


def edges(t: TokenTable, i: int) -> tuple[int, int]:
    """Return the first and last token of ``i``'s subtree: ``(left_edge, right_edge)``."""
    if not t.children[i]:
        return i, i
    tok = t.toks[i]
    return tok.left_edge.i, tok.right_edge.i


def subtree(t: TokenTable, i: int) -> list[int]:
    """Return the tokens of ``i``'s subtree in ``Token.subtree`` order (``t``: see ``left_edge``)."""
    children = t.children
    out: list[int] = []
    for k in children[i]:
        if k < i:
            out += subtree(t, k)
    out.append(i)
    for k in children[i]:
        if k > i:
            out += subtree(t, k)
    return out
