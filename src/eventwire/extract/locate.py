"""Where an event happened: the place its clause governs, else its sentence's, else the article's main place.

The parse is read from the events stage's ``TokenTable`` (plain lists), so that each event's look-up walks
integers instead of building Token and Span objects; what does not depend on the event (each place's root
token, whether the Doc's sentences are spaCy's own) is worked out once per Doc into the caller's ``memo``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc

from ..document import Place
from .tokens import TokenTable, char_tokens, span_root, token_table

EVENT_PREPS = ({"in", "at", "near", "inside", "outside", "within", "across", "throughout", "around", "on"},
               {"to", "into", "toward", "towards", "through"},
               {"from"})  # fmt: skip
PARTY_PREPS = {"between", "with", "against", "among"}
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "csubj", "parataxis", "acl"}
ANCHOR_DEPS = ("dobj", "nsubj", "nsubjpass", "pobj")  # a noun trigger in these slots is placed by its head
MODIFIER_DEPS = ("compound", "amod", "nmod", "poss")  # "Boston lawyers": a modifier, not a setting
MAX_DEPTH = 3
_ANCHORS = frozenset(ANCHOR_DEPS)
_MODIFIERS = frozenset(MODIFIER_DEPS)
_PREP_RANKS = {word: rank for rank, preps in reversed(list(enumerate(EVENT_PREPS))) for word in preps}  # the first rank


def plain_sentences(doc: Doc, memo: dict | None = None) -> bool:
    """Return True when ``doc``'s sentences are annotated and no user hook changes what spaCy says (the
    ``TokenTable`` then says the same); kept in ``memo`` (one Doc's) when given."""
    if memo is not None and "plain" in memo:
        return memo["plain"]
    plain = doc.has_annotation("SENT_START") and not (doc.user_hooks or doc.user_token_hooks or doc.user_span_hooks)
    if memo is not None:
        memo["plain"] = plain
    return plain


def _root_of(doc: Doc, t: TokenTable, place: Place) -> int | None:
    """Return the head token of the tokens a place's characters touch (as ``doc.char_span(...,
    alignment_mode="expand").root``); None when the offsets fall outside the text."""
    found = char_tokens(t, place.start, place.end)
    if found is None:
        return None
    first, end = found
    if end - first == 1:
        return first
    if end == first:  # an empty span: let spaCy decide as before
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        return span.root.i if span is not None else None
    return span_root(t, first, end)


def _place_root(doc: Doc, t: TokenTable, place: Place, memo: dict | None) -> int | None:
    """Return ``_root_of`` the place, kept in ``memo`` by its offsets when given."""
    if memo is None:
        return _root_of(doc, t, place)
    key = ("place", place.start, place.end)
    if key not in memo:
        memo[key] = _root_of(doc, t, place)
    return memo[key]


def event_location(
    doc: Doc, token_i: int, places: list[Place], *, table: TokenTable | None = None, memo: dict | None = None
) -> Place | None:
    """Return where the event whose trigger is token ``token_i`` happened.

    First a place governed by the trigger's clause through in/at/near (then to/into, then from),
    else the first place of the trigger's sentence, else the article's most named place; only places
    with role ``place`` count, and not those used as modifiers ("Boston lawyers"). ``table`` is
    ``token_table(doc)`` when the caller has it; ``memo`` a dict the caller keeps for this one Doc.
    """
    if not places or not 0 <= token_i < len(doc):
        return None
    usable = [p for p in places if p.role == "place"]
    if not usable:
        return None
    t = table if table is not None else token_table(doc)
    roots: dict[int, Place] = {}
    for place in usable:
        i = _place_root(doc, t, place, memo)
        if i is not None:
            roots.setdefault(i, place)
    if not roots:  # nothing to walk the tree for
        return dominant_place(usable)
    governed = _governed(t, token_i, roots)
    if governed is not None:
        return governed
    start, end = _sentence(t, token_i) if plain_sentences(doc, memo) else _spacy_sentence(doc, token_i)
    deps = t.deps
    for i, place in sorted(roots.items()):
        if start <= i < end and deps[i] not in _MODIFIERS and not _participant(t, i):
            return place
    return dominant_place(usable)


def _sentence(t: TokenTable, i: int) -> tuple[int, int]:
    """Return the token range of the sentence holding token ``i`` (as ``Token.sent``)."""
    s = t.sent[i]
    return t.sent_start[s], t.sent_end[s]


def _spacy_sentence(doc: Doc, i: int) -> tuple[int, int]:
    """Return the token range of ``Token.sent`` of token ``i`` (a Doc whose sentences are custom or unset)."""
    sent = doc[i].sent
    return sent.start, sent.end


def _participant(t: TokenTable, i: int) -> bool:
    """Return True for a place named as a party ("talks between X and Y", "a deal with X"), not a setting."""
    deps, heads = t.deps, t.heads
    while deps[i] == "conj" and heads[i] != i:
        i = heads[i]
    return deps[i] == "pobj" and t.lowers[heads[i]] in PARTY_PREPS


def _first_in_subtree(children: list[list[int]], i: int, roots: dict[int, Place]) -> int | None:
    """Return the first token of ``i``'s subtree (in ``Token.subtree`` order) that is a place's root."""
    for k in children[i]:
        if k > i:
            break
        found = _first_in_subtree(children, k, roots)
        if found is not None:
            return found
    if i in roots:
        return i
    for k in children[i]:
        if k > i:
            found = _first_in_subtree(children, k, roots)
            if found is not None:
                return found
    return None


def _paths(head: list[int], roots: dict[int, Place], anchor: int) -> set[int]:
    """Return the tokens on the way from ``anchor`` down to each root below it (empty: none is below)."""
    marked: set[int] = set()
    n = len(head)
    for i in roots:
        k = i
        for _ in range(n):  # up from the root, at most through every token
            if k == anchor:
                while i != anchor:  # below the anchor: mark the way up again
                    marked.add(i)
                    i = head[i]
                marked.add(anchor)
                break
            if head[k] == k:
                break
            k = head[k]
    return marked


def _governed(t: TokenTable, trigger: int, roots: dict[int, Place]) -> Place | None:
    """Return the place in a locative phrase of the trigger's clause, preferring in/at over to over from."""
    deps, lowers, children = t.deps, t.lowers, t.children
    anchor = t.heads[trigger] if deps[trigger] in _ANCHORS and t.pos[trigger] == "NOUN" else trigger
    marked = _paths(t.heads, roots, anchor)  # the walk below visits only these: the others lead to no place
    if not marked:
        return None
    by_rank: dict[int, list[tuple[int, Place]]] = {}
    stack = [(anchor, 0)]
    while stack:
        tok, depth = stack.pop()
        for child in children[tok]:
            if child not in marked:
                continue
            dep = deps[child]
            if dep in CLAUSE_DEPS and child != trigger:
                continue
            if dep == "prep":
                rank = _PREP_RANKS.get(lowers[child])
                if rank is not None:
                    found = _first_in_subtree(children, child, roots)
                    if found is not None:
                        by_rank.setdefault(rank, []).append((depth, roots[found]))
            if depth < MAX_DEPTH:
                stack.append((child, depth + 1))
    for rank in sorted(by_rank):
        return min(by_rank[rank], key=lambda dp: dp[0])[1]
    return None


def dominant_place(places: Sequence[Place]) -> Place | None:
    """Return the most often named resolved place (first named on a tie) of role ``place``."""
    resolved = [p for p in places if p.role == "place" and p.name]
    if not resolved:
        return None
    counts = Counter((p.name, p.country) for p in resolved)
    best = max(counts.values())
    return next(p for p in resolved if counts[(p.name, p.country)] == best)
