"""When and where the main event happened: times and places of the lead, ranked around the predicate."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re

from ...document import Place, Span, Time
from ..context import Context
from ..tokens import TokenTable, left_edge, right_edge, span_root
from .lead import WORD, Lead, stem, token_at
from .phrases import VERB_POS, WHEN_TYPES, span_of

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


def when_span(t: TokenTable, times: list[Time], order: list[Lead], verb: int, ctx: Context) -> Span | None:
    """Return the event's time: one attached to the predicate, else in the chosen sentence, else the
    lead; times near publication (or clock times) first."""
    text, starts = t.text, t.idx
    usable = [x for x in merge_clock(times, clock_times(text, order), text)
              if x.type in WHEN_TYPES and x.value not in (None, "PRESENT_REF") and not (x.text.isupper() and len(x.text) > 3)]
    near = [x for x in usable if x.value == "CLOCK" or recent(x, ctx)]
    near.sort(key=lambda x: (x.start, -x.end))
    sent = order[0]
    attached = None
    for x in near:
        if sent.start_char <= x.start < sent.end_char and governing_verb(t, token_at(starts, x.start)) == verb:
            if attached is None or x.start < attached.end and x.end > attached.end:
                attached = x
    found = attached
    if found is None:
        for lead in order:
            inside = [x for x in near if lead.start_char <= x.start and x.end <= lead.end_char]
            found = next((x for x in inside if not in_relative_clause(t, token_at(starts, x.start))), None)
            found = found or (inside[0] if inside else None)
            if found is not None:
                break
    found = found or (near[0] if near else None) or next(
        (x for lead in order for x in sorted(usable, key=lambda x: x.start) if lead.start_char <= x.start and x.end <= lead.end_char), None)
    return Span(found.text, found.start, found.end) if found is not None else None


def in_relative_clause(t: TokenTable, i: int) -> bool:
    """Return whether token ``i`` sits in a relative or adverbial clause (background: "who won on Monday")."""
    deps, heads = t.deps, t.heads
    for _ in range(12):
        if deps[i] in ("relcl", "acl", "advcl"):
            return True
        if heads[i] == i:
            return False
        i = heads[i]
    return False


def governing_verb(t: TokenTable, i: int) -> int:
    """Return the index of the first verb above token ``i`` in the parse (itself excluded), or -1."""
    heads, pos = t.heads, t.pos
    for _ in range(12):
        head = heads[i]
        if head == i:
            return -1
        if pos[head] in VERB_POS:
            return head
        i = head
    return -1


def place_entities(t: TokenTable, lo: int, hi: int) -> list[tuple[int, int]]:
    """Return the token ranges of the GPE/LOC/FAC entities among tokens ``lo``..``hi``."""
    iobs, types = t.ent_iobs, t.ent_types
    out = []
    for i in [i for i in range(lo, hi) if iobs[i] == "B"]:  # an entity's "I" tokens hold no "B"
        if types[i] in PLACE_ENTS:
            j = i + 1
            while j < len(iobs) and iobs[j] == "I":
                j += 1
            out.append((i, j))
    return out


def where_span(t: TokenTable, verb: int, places: list[Place], order: list[Lead], words: set[str],
               entities: list[tuple[int, int]]) -> Span | None:
    """Return where: a place named in the lead (toponyms and named facilities), ranked by whether the
    headline names it too, then by lying in the chosen sentence or attached to the predicate, then a town
    or building before a country, then position."""
    text, starts, types = t.text, t.idx, t.ent_types
    attached: list[tuple[int, int]] = []
    for child in t.children[verb]:
        if t.deps[child] == "prep" and t.lowers[child] in PLACE_PREPS:
            attached.append((left_edge(t, child), right_edge(t, child)))
    lo, hi = order[0].start_char, max(lead.end_char for lead in order)
    named = [(False, start, end) for start, end in entities]
    for place in places:
        if place.role == "actor" or not lo <= place.start < hi:
            continue
        start, end = token_at(starts, place.start), token_at(starts, max(place.end - 1, place.start)) + 1
        if types[start if end - start == 1 else span_root(t, start, end)] in PLACE_ENTS:
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
            root = start if end - start == 1 else span_root(t, start, end)
            near = any(a <= root <= b for a, b in attached)
        key = (not in_title, not near, broad, start)
        if best_key is None or key < best_key:
            best, best_key = (start, end), key
    return None if best is None else span_of(t, *best)
