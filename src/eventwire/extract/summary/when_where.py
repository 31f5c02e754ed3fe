"""When and where the main event happened: times and places of the lead, ranked around the predicate."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re

from spacy.tokens import Doc, Token

from ...document import Place, Span, Time
from ..context import Context
from .lead import WORD, Lead, stem, token_at
from .phrases import VERB_POS, WHEN_TYPES

DATE_VALUE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
PLACE_PREPS = frozenset({"in", "at", "outside", "near", "inside", "into"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
CLOCK = re.compile(r"\b(?:\d{1,2}(?:[.:]\d{2})? ?[ap]\.?m\b\.?|\d{1,2}[.:][0-5]\d\b(?![.:,]\d)|noon|midnight)", re.I)
CLOCK_GAP = re.compile(r"^\s*(?:local time\s*)?(?:on|of|,)?\s*$", re.I)  # "6am on Monday", "11am local time on Sunday"
MAX_CLOCK_GAP = 20


def recent(time: Time, ctx: Context) -> bool:
    """Return whether a time's value falls within two weeks of publication (the news event, not background)."""
    if ctx.published is None or not time.value:
        return False
    return recent_value(time.value, ctx.published)


@functools.lru_cache(maxsize=4096)
def recent_value(value: str, published: dt.date) -> bool:
    """Return whether a TIMEX3 value falls within two weeks of ``published`` (a month for a month)."""
    match = DATE_VALUE.match(value)
    if match is None:
        return value in ("PRESENT_REF",) or value.startswith("XXXX-WXX")
    try:
        day = dt.date(int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1))
    except ValueError:
        return False
    return abs((published - day).days) <= (14 if match.group(3) else 31)


def clock_times(text: str, leads: list[Lead]) -> list[Time]:
    """Return the clock times ("6.10am", "11:30 p.m.", "noon") of the lead sentences as TIME candidates."""
    out = []
    for lead in leads:
        for m in CLOCK.finditer(text, lead.start_char, lead.end_char):
            out.append(Time(m.group(), m.start(), m.end(), "TIME", "CLOCK"))
    return out


def merge_clock(times: list[Time], clocks: list[Time], text: str) -> list[Time]:
    """Return ``times`` with each clock time joined to a date right after or before it ("6am on Monday")."""
    if not clocks:
        return times
    out = list(times)
    for clock in clocks:
        joined = clock
        for t in times:
            if t.type not in WHEN_TYPES or t.start - clock.end > MAX_CLOCK_GAP or clock.start - t.end > MAX_CLOCK_GAP:
                continue
            gap = text[clock.end:t.start] if t.start >= clock.end else text[t.end:clock.start]
            if CLOCK_GAP.match(gap):
                start, end = min(clock.start, t.start), max(clock.end, t.end)
                joined = Time(text[start:end], start, end, "TIME", t.value, anchor=t.anchor)
                break
        out.append(joined)
    return out


def when_span(doc: Doc, text: str, times: list[Time], order: list[Lead], verb: Token, starts: list[int], ctx: Context) -> Span | None:
    """Return the event's time: one attached to the predicate, else in the chosen sentence, else the
    lead; times near publication (or clock times) first."""
    usable = [t for t in merge_clock(times, clock_times(text, order), text)
              if t.type in WHEN_TYPES and t.value not in (None, "PRESENT_REF") and not (t.text.isupper() and len(t.text) > 3)]
    near = [t for t in usable if t.value == "CLOCK" or recent(t, ctx)]
    near.sort(key=lambda t: (t.start, -t.end))
    sent = order[0]
    attached = None
    for t in near:
        if sent.start_char <= t.start < sent.end_char and governing_verb(doc[token_at(starts, t.start)]) == verb.i:
            if attached is None or t.start < attached.end and t.end > attached.end:
                attached = t
    found = attached
    if found is None:
        for lead in order:
            inside = [t for t in near if lead.start_char <= t.start and t.end <= lead.end_char]
            found = next((t for t in inside if not in_relative_clause(doc[token_at(starts, t.start)])), None)
            found = found or (inside[0] if inside else None)
            if found is not None:
                break
    found = found or (near[0] if near else None) or next(
        (t for lead in order for t in sorted(usable, key=lambda t: t.start) if lead.start_char <= t.start and t.end <= lead.end_char), None)
    return Span(found.text, found.start, found.end) if found is not None else None


def in_relative_clause(tok: Token) -> bool:
    """Return whether ``tok`` sits in a relative or adverbial clause (background: "who won on Monday")."""
    for _ in range(12):
        if tok.dep_ in ("relcl", "acl", "advcl"):
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def governing_verb(tok: Token) -> int:
    """Return the index of the first verb above ``tok`` in the parse (itself excluded), or -1."""
    for _ in range(12):
        head = tok.head
        if head.i == tok.i:
            return -1
        if head.pos_ in VERB_POS:
            return head.i
        tok = head
    return -1


def place_entities(doc: Doc, lo: int, hi: int, iob: list[int], etype: list[int]) -> list[tuple[int, int]]:
    """Return the token ranges of the GPE/LOC/FAC entities among tokens ``lo``..``hi``."""
    kinds = {doc.vocab.strings[k] for k in PLACE_ENTS}
    out = []
    i = lo
    while i < hi:
        if iob[i] == 3 and etype[i] in kinds:
            j = i + 1
            while j < len(iob) and iob[j] == 1:
                j += 1
            out.append((i, j))
            i = j
        else:
            i += 1
    return out


def where_span(doc: Doc, text: str, verb: Token, places: list[Place], order: list[Lead], words: set[str],
               starts: list[int], entities: list[tuple[int, int]], etype: list[int]) -> Span | None:
    """Return where: a place named in the lead (toponyms and named facilities), ranked by whether the
    headline names it too, then by lying in the chosen sentence or attached to the predicate, then a town
    or building before a country, then position."""
    attached: list[tuple[int, int]] = []
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
            attached.append((child.left_edge.i, child.right_edge.i))
    lo, hi = order[0].start_char, max(lead.end_char for lead in order)
    named = [(False, start, end) for start, end in entities]
    kinds = {doc.vocab.strings[k] for k in PLACE_ENTS}
    for place in places:
        if place.role == "actor" or not lo <= place.start < hi:
            continue
        start, end = token_at(starts, place.start), token_at(starts, max(place.end - 1, place.start)) + 1
        if etype[start] in kinds if end - start == 1 else doc[start:end].root.ent_type_ in PLACE_ENTS:
            named.append((place.feature in ("country", "continent", "region"), start, end))
    first = order[0]
    best, best_key = None, None
    seen = set()
    n = len(starts)
    bounds = sorted((s.start, s.end) for s in order)
    lead_starts = [b[0] for b in bounds]
    for broad, start, end in named:
        k = bisect.bisect_right(lead_starts, start) - 1
        if (start, end) in seen or k < 0 or start >= bounds[k][1]:
            continue
        seen.add((start, end))
        chunk = (text[starts[start]:starts[end]] if end < n else text[starts[start]:]) if words else ""
        in_title = bool(words) and not words.isdisjoint(stem(w) for w in WORD.findall(chunk.lower()))
        near = first.start <= start < first.end
        if not near and attached:
            root = start if end - start == 1 else doc[start:end].root.i
            near = any(a <= root <= b for a, b in attached)
        key = (not in_title, not near, broad, start)
        if best_key is None or key < best_key:
            best, best_key = (start, end), key
    if best is None:
        return None
    span = doc[best[0]:best[1]]
    return Span(span.text, span.start_char, span.end_char)
