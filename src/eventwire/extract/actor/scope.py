"""Per-document lookups of the actors stage: lexicon matches, toponyms and sentence bounds by token."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import NamedTuple

import numpy
from spacy.attrs import (
    DEP,
    HEAD,
    LOWER,
    ORTH,
    POS,
    SENT_START,
    TAG,
)
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Token

from ...document import Place
from ..context import Context, table_of
from ..tokens import TokenTable, char_tokens, span_root, strings_of
from .lexicon import Entry, Lexicon, get_lexicon, misspelt_country, scan_words


@dataclass(slots=True)
class Scope:
    """Per-document lookups shared by the finding and resolving steps.

    The token columns are the Doc's ``TokenTable`` lists when the stage reads the whole Doc; for one
    sentence (``actors_for``) the columns ``doc_words`` does not hold read the Tokens on demand.
    """

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
    verbal: Sequence[bool]  # whether each token is a VERB or AUX
    texts: Sequence[str]  # ``Token.text``
    lemmas: Sequence[str]  # ``Token.lemma_``
    lemma_lowers: Sequence[str]  # ``Token.lemma_.lower()``
    ent_types: Sequence[str]  # ``Token.ent_type_``
    ent_iobs: Sequence[str]  # ``Token.ent_iob_``: "B" begins an entity, "I" is inside one
    idx: Sequence[int]  # ``Token.idx``
    ends: Sequence[int]  # ``Token.idx + len(Token)``
    children: Sequence[list[int]]  # the indices of ``Token.children``
    text: str | None  # ``doc.text`` when read whole, else None

    def span_text(self, start: int, end: int) -> str:
        """Return ``doc[start:end].text`` without building the Span (``end`` > ``start``)."""
        if self.text is not None:
            return self.text[self.idx[start] : self.ends[end - 1]] if end > start else ""
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

    def lefts(self, i: int) -> list[int]:
        """Return the indices of ``Token.lefts``."""
        return [c for c in self.children[i] if c < i]

    def rights(self, i: int) -> list[int]:
        """Return the indices of ``Token.rights``."""
        return [c for c in self.children[i] if c > i]

    def span_root(self, start: int, end: int) -> int:
        """Return ``doc[start:end].root.i`` from the head column (``end`` > ``start``; no Span is built)."""
        if "root" in self.doc.user_span_hooks:
            return self.doc[start:end].root.i
        return span_root(self, start, end)


def _per_token(values: list[int], sent: list[int]) -> Sequence[int]:
    """Return ``[values[s] for s in sent]`` (each token's sentence's value), gathered in C."""
    return itemgetter(*sent)(values) if len(sent) > 1 else [values[s] for s in sent]


class _Verbal:
    """Whether token ``i`` is a VERB or AUX, read from the POS column on demand (``Scope.governor`` asks
    for a few tokens only)."""

    __slots__ = ("pos",)

    def __init__(self, pos: list[str]) -> None:
        self.pos = pos

    def __getitem__(self, i: int) -> bool:
        return self.pos[i] in VERBAL


class _Column:
    """A Token attribute by index, read on demand (the columns a ``Words`` lacks)."""

    __slots__ = ("toks", "read")

    def __init__(self, toks: list[Token], read) -> None:
        self.toks, self.read = toks, read

    def __getitem__(self, i: int):
        return self.read(self.toks[i])


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
    Given neither ``words`` nor a range, the columns are the Doc's ``TokenTable`` (``context.table_of``).
    """
    lex = get_lexicon(ctx.settings.actors_file)
    n = len(doc)
    whole = words is None and start == 0 and stop is None
    t = ctx.table if not whole and ctx.table is not None and _table_is_of(ctx.table, doc) else None
    if t is not None:  # one sentence of a Doc whose table the caller has: its columns, read already
        toks, texts, lowers, tags, deps, heads, idx, ends = t.toks, t.texts, t.lowers, t.tags, t.deps, t.heads, t.idx, t.ends
        verbal = words.verbal if words is not None else _Verbal(t.pos)
    elif whole:
        t = table_of(doc, ctx)
        texts, lowers, tags, deps, heads, idx, ends = t.texts, t.lowers, t.tags, t.deps, t.heads, t.idx, t.ends
        verbal = _Verbal(t.pos)
    else:
        toks, texts, lowers, tags, deps, heads, verbal = words if words is not None else doc_words(doc)
        idx, ends = _Column(toks, _IDX), _Column(toks, _END)
    entries_at: dict[int, tuple[int, int, Entry]] = {}
    for m in scan_words(texts, lowers, lex, start, n if stop is None else min(stop, n)):
        if m[1] < n and tags[m[1]] == CURRENCY_TAG and m[2].kind == "country":
            continue  # "US $50 million": the name of a currency, no actor
        for k in range(m[0], m[1]):
            entries_at[k] = m
    place_at: dict[int, str] = {}
    by_tok: dict[int, Place] = {}
    known: set[int] = set()  # tokens of places found in the gazetteer (not given the article's country)
    lo = idx[start] if start < n else 0
    hi = ends[stop - 1] if stop else ends[n - 1] if n else 0
    for p in places or ():
        if p.end <= lo or p.start >= hi:
            continue
        found = char_tokens(t, p.start, p.end) if t is not None else _span_range(doc, p)
        if found is None:
            continue
        for k in range(*found):
            if p.role != "organisation":  # a place inside an organisation's name is no actor by itself
                by_tok[k] = p
            if p.country:
                place_at[k] = p.country
                if p.feature != INFERRED:
                    known.add(k)
    ents = t.ent_types if t is not None else _Column(toks, _ENT_TYPE)
    _add_misspelt(entries_at, known, texts, lowers, tags, ents, lex, start, n if stop is None else min(stop, n))
    if whole:
        sent_start, sent_end = _per_token(t.sent_start, t.sent), _per_token(t.sent_end, t.sent)
        return Scope(doc, lex, entries_at, place_at, by_tok, sent_start, sent_end, t.toks, tags, deps, lowers, heads,
                     verbal, texts, t.lemmas, list(map(str.lower, t.lemmas)), t.ent_types, t.ent_iobs, idx, ends,
                     t.children, t.text)  # fmt: skip
    starts, sends = sentence_bounds(doc, start, stop)
    if t is not None:
        return Scope(doc, lex, entries_at, place_at, by_tok, starts, sends, toks, tags, deps, lowers, heads, verbal,
                     texts, t.lemmas, _Lowered(t.lemmas), t.ent_types, t.ent_iobs, idx, ends, t.children,
                     t.text)  # fmt: skip
    return Scope(doc, lex, entries_at, place_at, by_tok, starts, sends, toks, tags, deps, lowers, heads, verbal,
                 texts, _Column(toks, _LEMMA), _Column(toks, _LEMMA_LOWER), _Column(toks, _ENT_TYPE),
                 _Column(toks, _ENT_IOB), idx, ends, _Column(toks, _CHILDREN), None)  # fmt: skip


VERBAL = frozenset({"VERB", "AUX"})
PROPER_NOUN = "NNP"
CURRENCY_TAG = "$"
INFERRED = "inferred"  # the feature of a place the gazetteer lacks, put in the article's country
PROPER_NOUN_TAGS = frozenset({"NNP", "NNPS"})


def _table_is_of(t: TokenTable, doc: Doc) -> bool:
    """Return whether ``t`` is the token table of ``doc`` (a Context's table may come from elsewhere)."""
    return len(t.heads) == len(doc) and (not t.toks or t.toks[0].doc is doc)


class _Lowered:
    """``str.lower`` of a column's values, read on demand (one sentence asks for a few)."""

    __slots__ = ("values",)

    def __init__(self, values: Sequence[str]) -> None:
        self.values = values

    def __getitem__(self, i: int) -> str:
        return self.values[i].lower()


def _LEMMA(t: Token) -> str:  # noqa: N802
    return t.lemma_


def _LEMMA_LOWER(t: Token) -> str:  # noqa: N802
    return t.lemma_.lower()


def _ENT_TYPE(t: Token) -> str:  # noqa: N802
    return t.ent_type_


def _ENT_IOB(t: Token) -> str:  # noqa: N802
    return t.ent_iob_


def _IDX(t: Token) -> int:  # noqa: N802
    return t.idx


def _END(t: Token) -> int:  # noqa: N802
    return t.idx + len(t)


def _CHILDREN(t: Token) -> list[int]:  # noqa: N802
    return [c.i for c in t.children]


def _span_range(doc: Doc, p: Place) -> tuple[int, int] | None:
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    return None if span is None else (span.start, span.end)


class Words(NamedTuple):
    """The token attributes of a Doc as plain lists, read once (``Token`` attribute access costs more)."""

    toks: list[Token]
    texts: list[str]
    lowers: list[str]
    tags: list[str]
    deps: list[str]
    heads: list[int]
    verbal: list[bool]


def _add_misspelt(
    entries_at: dict[int, tuple[int, int, Entry]],
    known: set[int],
    texts: list[str],
    lowers: list[str],
    tags: list[str],
    ents: Sequence[str],
    lex: Lexicon,
    start: int,
    stop: int,
) -> None:
    """Add to ``entries_at`` the one-word proper names that misspell a country name or demonym by one letter
    ("Ethopia", "Afganistan"): names no dictionary knows, the gazetteer does not hold and the parser does not
    take for (part of) a person's, standing alone (no proper noun beside them: "Columbo Street" is a name of its own)."""
    names = list(itertools.compress(range(start, stop), map(PROPER_NOUN.__eq__, tags[start:stop])))
    for k, entry in zip(names, map(misspelt_country, map(lowers.__getitem__, names)), strict=True):
        if entry is None:  # (nearly always: the look-up is memoised by word)
            continue
        lower = lowers[k]
        if not (
            k in entries_at
            or k in known
            or lower in lex.firsts
            or not texts[k][:1].isupper()
            or ents[k] == "PERSON"
            or (k > start and tags[k - 1] in PROPER_NOUN_TAGS)
            or (k + 1 < stop and tags[k + 1] in PROPER_NOUN_TAGS)
            or person_word(lowers, ents, lower)
        ):
            entries_at[k] = (k, k + 1, entry)


def person_word(lowers: Sequence[str], ents: Sequence[str], lower: str) -> bool:
    """Return True if the word ``lower`` is part of a person's name somewhere in the Doc ("David Cameron")."""
    return any(ents[k] == "PERSON" for k in range(len(lowers)) if lowers[k] == lower)


def doc_words(doc: Doc) -> Words:
    """Return the token lists of ``doc``: tokens, texts, lower forms, tags, labels, head indices, verb-ness."""
    n = len(doc)
    if not n:
        return Words([], [], [], [], [], [], [])
    arr = doc.to_array([ORTH, LOWER, TAG, DEP, HEAD, POS])
    texts, lowers, tags, deps = (strings_of(doc, arr[:, k].tolist()) for k in range(4))
    heads = (numpy.arange(n, dtype="int64") + arr[:, 4].astype("int64")).tolist()
    verbal = [p in (VERB, AUX) for p in arr[:, 5].tolist()]
    return Words(list(doc), texts, lowers, tags, deps, heads, verbal)


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
