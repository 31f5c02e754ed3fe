"""Where an event happened: the place its clause governs, else its sentence's, else the article's main place.

The parse is read once per Doc into plain lists (``parse_lists``, cached on the Doc's identity; the
cache holds the last few Docs only), so that each event's look-up walks integers instead of building
Token and Span objects.
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from spacy.attrs import DEP, HEAD, IDX, LENGTH, LOWER, POS, SENT_START
from spacy.symbols import NOUN
from spacy.tokens import Doc

from ..document import Place

EVENT_PREPS = ({"in", "at", "near", "inside", "outside", "within", "across", "throughout", "around", "on"},
               {"to", "into", "toward", "towards", "through"},
               {"from"})  # fmt: skip
PARTY_PREPS = {"between", "with", "against", "among"}
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "csubj", "parataxis", "acl"}
ANCHOR_DEPS = ("dobj", "nsubj", "nsubjpass", "pobj")  # a noun trigger in these slots is placed by its head
MODIFIER_DEPS = ("compound", "amod", "nmod", "poss")  # "Boston lawyers": a modifier, not a setting
MAX_DEPTH = 3
DOCS_KEPT = 4


class _Labels(NamedTuple):
    """The string ids of the dependency labels and words the walk compares with, in one vocab."""

    clause: frozenset[int]
    anchor: frozenset[int]
    modifier: frozenset[int]
    prep: int
    conj: int
    pobj: int
    ranks: tuple[frozenset[int], ...]
    party: frozenset[int]


@functools.lru_cache(maxsize=4)
def _labels(strings) -> _Labels:
    """Return the ids of the labels and words the walk compares with, in the string store ``strings``."""

    def ids(words) -> frozenset[int]:
        return frozenset(strings[w] for w in words)

    return _Labels(ids(CLAUSE_DEPS), ids(ANCHOR_DEPS), ids(MODIFIER_DEPS), strings["prep"], strings["conj"],
                   strings["pobj"], tuple(ids(p) for p in EVENT_PREPS), ids(PARTY_PREPS))


class ParseLists(NamedTuple):
    """A Doc's parse as plain lists: token start offsets and lengths, absolute heads, label and
    lower-case ids, sentence starts and each token's children (in text order)."""

    idx: list[int]
    length: list[int]
    head: list[int]
    dep: list[int]
    lower: list[int]
    pos: list[int]
    sent_starts: list[int]
    children: list[list[int]]
    text_len: int
    labels: _Labels
    plain: bool  # sentences annotated and no user hooks: the lists say what spaCy would


@functools.lru_cache(maxsize=DOCS_KEPT)
def _parse_lists(doc: Doc, n_tokens: int) -> ParseLists:
    a = doc.to_array([IDX, LENGTH, DEP, LOWER, POS, HEAD, SENT_START])
    idx, length, dep, lower, pos = a[:, :5].T.tolist()  # ids stay unsigned, as the StringStore gives them
    rel, sent_start = a[:, 5:].view("int64").T.tolist()
    children: list[list[int]] = [[] for _ in range(n_tokens)]
    for i, r in enumerate(rel):
        if r:
            children[i + r].append(i)
    head = [i + r for i, r in enumerate(rel)]
    sent_starts = [i for i, v in enumerate(sent_start) if v == 1]
    last = doc[n_tokens - 1]
    plain = doc.has_annotation("SENT_START") and not (doc.user_hooks or doc.user_token_hooks or doc.user_span_hooks)
    return ParseLists(idx, length, head, dep, lower, pos, sent_starts, children, last.idx + len(last.text_with_ws),
                      _labels(doc.vocab.strings), plain)


def parse_lists(doc: Doc) -> ParseLists:
    """Return the parse of ``doc`` (not empty) as plain lists, read once for the last few Docs."""
    return _parse_lists(doc, len(doc))


def _root_of(doc: Doc, p: ParseLists, place: Place) -> int | None:
    """Return the head token of the tokens a place's characters touch (as ``doc.char_span(...,
    alignment_mode="expand").root``); None when the offsets fall outside the text."""
    if not 0 <= place.start < p.text_len or not 0 <= place.end - 1 < p.text_len:
        return None
    first = bisect_right(p.idx, place.start) - 1
    if place.start == p.idx[first] + p.length[first]:  # on the space after a token: the next one
        first += 1
    last = bisect_right(p.idx, place.end - 1) - 1
    if first == last:
        return first
    if last < first:  # an empty span: let spaCy decide as before
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        return span.root.i if span is not None else None
    return doc[first : last + 1].root.i


def event_location(doc: Doc, token_i: int, places: list[Place]) -> Place | None:
    """Return where the event whose trigger is token ``token_i`` happened.

    First a place governed by the trigger's clause through in/at/near (then to/into, then from),
    else the first place of the trigger's sentence, else the article's most named place; only places
    with role ``place`` count, and not those used as modifiers ("Boston lawyers").
    """
    if not places or not 0 <= token_i < len(doc):
        return None
    usable = [p for p in places if p.role == "place"]
    if not usable:
        return None
    p = parse_lists(doc)
    if not p.plain:
        return _event_location_tokens(doc, token_i, usable)  # no sentences, or custom ones: as spaCy says
    roots: dict[int, Place] = {}
    for place in usable:
        i = _root_of(doc, p, place)
        if i is not None:
            roots.setdefault(i, place)
    if not roots:  # nothing to walk the tree for
        return dominant_place(usable)
    governed = _governed(p, token_i, roots)
    if governed is not None:
        return governed
    start, end = _sentence(p, token_i)
    for i, place in sorted(roots.items()):
        if start <= i < end and p.dep[i] not in p.labels.modifier and not _participant(p, i):
            return place
    return dominant_place(usable)


def _sentence(p: ParseLists, i: int) -> tuple[int, int]:
    """Return the token range of the sentence holding token ``i`` (as ``Token.sent``)."""
    starts = p.sent_starts
    k = bisect_right(starts, i)
    return (starts[k - 1] if k else 0), (starts[k] if k < len(starts) else len(p.head))


def _participant(p: ParseLists, i: int) -> bool:
    """Return True for a place named as a party ("talks between X and Y", "a deal with X"), not a setting."""
    conj = p.labels.conj
    while p.dep[i] == conj and p.head[i] != i:
        i = p.head[i]
    return p.dep[i] == p.labels.pobj and p.lower[p.head[i]] in p.labels.party


def _first_in_subtree(p: ParseLists, i: int, roots: dict[int, Place]) -> int | None:
    """Return the first token of ``i``'s subtree (in ``Token.subtree`` order) that is a place's root."""
    for k in p.children[i]:
        if k > i:
            break
        found = _first_in_subtree(p, k, roots)
        if found is not None:
            return found
    if i in roots:
        return i
    for k in p.children[i]:
        if k > i:
            found = _first_in_subtree(p, k, roots)
            if found is not None:
                return found
    return None


def _paths(head: list[int], roots: dict[int, Place], anchor: int) -> set[int]:
    """Return the tokens on the way from ``anchor`` down to each root below it (empty: none is below)."""
    marked: set[int] = set()
    for i in roots:
        chain = []
        for _ in range(len(head)):
            chain.append(i)
            if i == anchor:
                marked.update(chain)
                break
            if head[i] == i:
                break
            i = head[i]
    return marked


def _governed(p: ParseLists, trigger: int, roots: dict[int, Place]) -> Place | None:
    """Return the place in a locative phrase of the trigger's clause, preferring in/at over to over from."""
    labels = p.labels
    anchor = p.head[trigger] if p.dep[trigger] in labels.anchor and p.pos[trigger] == NOUN else trigger
    marked = _paths(p.head, roots, anchor)  # the walk below visits only these: the others lead to no place
    if not marked:
        return None
    by_rank: dict[int, list[tuple[int, Place]]] = {}
    stack = [(anchor, 0)]
    while stack:
        tok, depth = stack.pop()
        for child in p.children[tok]:
            if child not in marked:
                continue
            dep = p.dep[child]
            if dep in labels.clause and child != trigger:
                continue
            if dep == labels.prep:
                for rank, preps in enumerate(labels.ranks):
                    if p.lower[child] in preps:
                        found = _first_in_subtree(p, child, roots)
                        if found is not None:
                            by_rank.setdefault(rank, []).append((depth, roots[found]))
            if depth < MAX_DEPTH:
                stack.append((child, depth + 1))
    for rank in sorted(by_rank):
        return min(by_rank[rank], key=lambda dp: dp[0])[1]
    return None


def _event_location_tokens(doc: Doc, token_i: int, usable: list[Place]) -> Place | None:
    """Return ``event_location`` read through spaCy's Token API (a Doc with user hooks)."""
    roots: dict[int, Place] = {}
    for place in usable:
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is not None:
            roots.setdefault(span.root.i, place)
    if not roots:
        return dominant_place(usable)
    trigger = doc[token_i]
    anchor = trigger.head if trigger.dep_ in ANCHOR_DEPS and trigger.pos_ == "NOUN" else trigger
    by_rank: dict[int, list[tuple[int, Place]]] = {}
    stack = [(anchor, 0)]
    while stack:
        tok, depth = stack.pop()
        for child in tok.children:
            if child.dep_ in CLAUSE_DEPS and child.i != trigger.i:
                continue
            if child.dep_ == "prep":
                for rank, preps in enumerate(EVENT_PREPS):
                    if child.lower_ in preps:
                        found = next((t.i for t in child.subtree if t.i in roots), None)
                        if found is not None:
                            by_rank.setdefault(rank, []).append((depth, roots[found]))
            if depth < MAX_DEPTH:
                stack.append((child, depth + 1))
    for rank in sorted(by_rank):
        return min(by_rank[rank], key=lambda dp: dp[0])[1]
    sent = trigger.sent
    for i, place in sorted(roots.items()):
        tok = doc[i]
        if sent.start <= i < sent.end and tok.dep_ not in MODIFIER_DEPS:
            while tok.dep_ == "conj" and tok.head.i != tok.i:
                tok = tok.head
            if not (tok.dep_ == "pobj" and tok.head.lower_ in PARTY_PREPS):
                return place
    return dominant_place(usable)


def dominant_place(places: Sequence[Place]) -> Place | None:
    """Return the most often named resolved place (first named on a tie) of role ``place``."""
    resolved = [p for p in places if p.role == "place" and p.name]
    if not resolved:
        return None
    counts = Counter((p.name, p.country) for p in resolved)
    best = max(counts.values())
    return next(p for p in resolved if counts[(p.name, p.country)] == best)
