"""Event attributes: mode, contexts, CAMEO code/quad class/intensity, date, location and size."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ...document import EventDate, Place, Quantity, Time
from ...resources import cached
from ..context import Context
from ..tokens import TokenTable
from . import lexicon

MODE_DEPS = frozenset({"dobj", "nsubjpass", "compound", "amod", "nmod", "pobj", "conj", "nsubj", "npadvmod"})
NUMBER = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")
WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "dozen": 12, "dozens": 24, "hundred": 100, "hundreds": 200, "thousand": 1000,
                "thousands": 2000}
LOCATION_PREPS = frozenset({"in", "at", "near", "to", "into", "outside", "inside", "across", "from", "throughout"})
PERSONNEL = frozenset({"troop", "soldier", "personnel", "marine", "police", "policeman", "officer", "protester",
                       "demonstrator", "people", "worker", "fighter", "militant", "reservist", "sailor"})
DATE_VALUE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


@functools.cache
def _stage_function(module: str, name: str):
    """Return another stage's helper function when it exists (it may land later), else None."""
    try:
        mod = importlib.import_module(f"eventwire.extract.{module}")
    except ImportError:
        return None
    return getattr(mod, name, None)


@dataclass(frozen=True, slots=True)
class Finders:
    """The times and places stages' helpers (``event_date``, ``event_location``), or None where absent.

    One Finders serves one Doc: ``table`` is its ``token_table`` when the caller has it (the helpers then
    walk the parse by index), ``memo`` what the helpers work out once per Doc.
    """

    event_date: Callable | None
    event_location: Callable | None
    dominant: Callable | None = None
    table: TokenTable | None = None
    memo: dict = field(default_factory=dict)

    @classmethod
    def load(cls, table: TokenTable | None = None) -> Finders:
        """Look the helpers up once per Doc (whose ``token_table`` is ``table``, when given)."""
        return cls(_stage_function("times", "event_date"), _stage_function("places", "event_location"),
                   _stage_function("places", "dominant_place"), table)

    def by_index(self) -> dict:
        """Return the keywords that hand the helpers this Doc's table and memo (none without a table)."""
        return {"table": self.table, "memo": self.memo} if self.table is not None else {}

    def dominant_place(self, places: list[Place]) -> Place | None:
        """Return the article's most named place (the location of events whose sentence names none)."""
        return self.dominant(places) if self.dominant is not None else None


def mode_for(type_: str, default: str | None, near: list[str], inner_types: list[str], *,
             nearest: bool = False) -> str | None:
    """Return the event's mode: the lexicon's, else a keyword among the ``near`` lemmas (the first one
    when ``nearest``, else the earliest-listed mode), else the embedded event type's."""
    if default:
        return default
    table = lexicon.mode_keywords().get(type_, {})
    if table:
        found = [table[lemma] for lemma in near if lemma in table]
        if found:
            # earlier-listed modes win: troops before weapons
            return found[0] if nearest else min(found, key=lexicon.mode_order(type_).__getitem__)
    for inner in inner_types:
        mode = table.get("@" + inner)
        if mode:
            return mode
    return None


def nearest_mode(type_: str, lemmas: list[str], start: int, end: int, i: int) -> str | None:
    """Return the mode keyword of ``type_`` nearest token ``i`` among ``lemmas[start:end]`` (the left one
    on a tie), or None: ``mode_for(type_, None, tokens sorted by distance, [], nearest=True)``."""
    return nearest_of(mode_positions(type_, lemmas, start, end), i)


def mode_positions(type_: str, lemmas: list[str], start: int, end: int) -> list[tuple[int, str]]:
    """Return ``(token, mode)`` of every mode keyword of ``type_`` among ``lemmas[start:end]``, in order."""
    table = lexicon.mode_keywords().get(type_)
    if not table:
        return []
    return [(k, table[lemmas[k]]) for k in range(start, end) if lemmas[k] in table]


def nearest_of(positions: list[tuple[int, str]], i: int) -> str | None:
    """Return the mode of the ``mode_positions`` entry nearest token ``i`` (the left one on a tie), or None:
    what ``nearest_mode`` gives over the same sentence."""
    best, best_key = None, None
    for k, mode in positions:
        key = (abs(k - i), k > i)
        if best_key is None or key < best_key:
            best, best_key = mode, key
    return best


def nearby(t: TokenTable, i: int, extra: list[int]) -> list[int]:
    """Return token ``i``, its close dependents and theirs, and the ``extra`` tokens with their modifiers:
    where mode keywords sit."""
    deps, children = t.deps, t.children
    out = [i]
    for child in children[i]:
        dep = deps[child]
        if dep in MODE_DEPS:
            out.append(child)
            out += [g for g in children[child] if deps[g] in MODE_DEPS]
        elif dep == "prep":  # "killed in a suicide bombing": the object and its modifiers
            out.append(child)
            for g in children[child]:
                if deps[g] in MODE_DEPS:
                    out.append(g)
                    out += [m for m in children[g] if deps[m] in ("compound", "amod")]
    for x in extra:
        out.append(x)
        out += [c for c in children[x] if deps[c] in ("compound", "amod", "nmod")]
    return out


def contexts_of(lemmas: list[str]) -> tuple[str, ...]:
    """Return the PLOVER contexts signalled by keyword ``lemmas``, in first-seen order."""
    table = lexicon.context_keywords()
    return tuple(dict.fromkeys([ctx for lemma in lemmas if lemma in table and (ctx := table[lemma])]))


@cached
def cameo_for(type_: str, mode: str | None, code: str | None) -> tuple[str | None, int | None, float | None]:
    """Return the CAMEO code, quad class and intensity of a type and mode (a lexicon code wins)."""
    rows = lexicon.cameo_rows()
    defaults = lexicon.cameo_defaults()
    if code is None or (mode and (type_, mode) in defaults and rows.get(code, None) is not None
                        and rows[code].type != type_):
        code = defaults.get((type_, mode)) or defaults.get((type_, None)) or code
    if code is None:
        return None, None, None
    for key in (code, code[:3], code[:2]):
        row = rows.get(key)
        if row is not None:
            return code, row.quad_class, row.intensity
    return code, None, None


def granularity(value: str | None) -> str:
    """Return day, week, month, quarter, season or year for a TIMEX3 date value."""
    if not value:
        return "reported"
    if re.match(r"^\d{4}-W\d{2}$", value):
        return "week"
    if re.match(r"^\d{4}-Q\d$", value):
        return "quarter"
    if re.match(r"^\d{4}-(SP|SU|FA|WI)$", value):
        return "season"
    match = DATE_VALUE.match(value)
    if match is None:
        return "reported"
    return "day" if match.group(3) else "month" if match.group(2) else "year"


@cached
def date_bounds(value: str | None) -> tuple[dt.date, dt.date] | None:
    """Return the first and last day a TIMEX3 date value covers, or None when it names no calendar span."""
    match = DATE_VALUE.match(value or "")
    if match is None:
        return None
    year = int(match.group(1))
    try:
        if match.group(3):
            day = dt.date(year, int(match.group(2)), int(match.group(3)))
            return day, day
        if match.group(2):
            month = int(match.group(2))
            first = dt.date(year, month, 1)
            last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1))
            return first, last
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None


def _in_sentence(start: int, end: int, sentence: Span) -> bool:
    return sentence.start_char <= start and end <= sentence.end_char


def _attachment_distance(doc: Doc, tok_i: int, target: Token) -> int:
    """Return how many head steps from token ``tok_i`` up to ``target`` (large when it never gets there)."""
    cur = doc[tok_i]
    for steps in range(12):
        if cur.i == target.i:
            return steps
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return 50 + abs(tok_i - target.i)


def token_at(doc: Doc, char: int) -> int | None:
    """Return the index of the token starting at or holding character ``char``."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None and len(span) else None


def event_date(doc: Doc, tok: Token, times: list[Time], ctx: Context, finders: Finders | None = None) -> EventDate | None:
    """Return the event's date: the times stage's choice, else the closest-attached date in the sentence."""
    finders = finders or Finders.load()
    func = finders.event_date
    if func is not None:
        try:
            return func(doc, tok.i, times, ctx, **finders.by_index())
        except (IndexError, KeyError, ValueError, AttributeError, TypeError):
            pass
    sentence = tok.sent
    best, best_dist = None, 10**6
    for time in times:
        if time.type not in ("DATE", "TIME") or not time.value or not _in_sentence(time.start, time.end, sentence):
            continue
        i = token_at(doc, time.start)
        if i is None:
            continue
        dist = _attachment_distance(doc, i, tok)
        if dist < best_dist:
            best, best_dist = time, dist
    if best is not None:
        value = best.value[:10] if best.type == "TIME" else best.value
        return EventDate(best.text, value, granularity(value), best.start, best.end)
    if ctx.published is not None:
        return EventDate(None, ctx.published.isoformat(), "reported")
    return None


def _inside_argument(place: Place, taken: set[tuple[int, int]]) -> bool:
    """Return True for a place inside a longer actor or recipient phrase ("a U.S. soldier": who, not where).

    A place that is itself the argument ("sent troops to Latvia", "invaded Kandor") is still where it happened.
    """
    start, end = place.start, place.end
    for s, e in taken:
        if s <= start and end <= e and e - s > end - start:
            return True
    return False


def event_location(doc: Doc, tok: Token, places: list[Place], taken: set[tuple[int, int]],
                   finders: Finders | None = None) -> Place | None:
    """Return where the event happened among ``places`` (those of its sentence): the places stage's
    choice, else the best one by attachment; None when the sentence names no place.

    ``taken`` holds the character spans already used as actors or recipients (not locations).
    """
    for place in places:
        if place.role == "place":
            break
    else:  # no place (of role "place") could be chosen
        return None
    finders = finders or Finders.load()
    func = finders.event_location
    if func is not None:
        try:
            found = func(doc, tok.i, places, **finders.by_index())
        except (IndexError, KeyError, ValueError, AttributeError, TypeError):
            found = None
        if found is not None and not _inside_argument(found, taken):
            return found
    if all(place.role != "place" for place in places):  # none could be chosen: spare the sentence's walk
        return None
    t = finders.table
    if t is None:
        return _location_by_tokens(doc, tok, places, taken)
    i = tok.i
    deps, heads, lowers = t.deps, t.heads, t.lowers
    sent = t.sent[i]
    lo, hi = t.idx[t.sent_start[sent]], t.ends[t.sent_end[sent] - 1]
    best, best_key = None, None
    for place in places:
        if not (lo <= place.start and place.end <= hi) or place.role != "place":
            continue
        if _inside_argument(place, taken):
            continue
        k = _token_at(doc, t, place.start)
        if k is None:
            continue
        head = k
        while deps[head] in ("compound", "amod", "flat", "nmod") and heads[head] != head:
            head = heads[head]
        in_prep = deps[head] == "pobj" and lowers[heads[head]] in LOCATION_PREPS
        key = (not in_prep, _distance_at(heads, k, i))
        if best_key is None or key < best_key:
            best, best_key = place, key
    return best


def _token_at(doc: Doc, t: TokenTable, char: int) -> int | None:
    """Return ``token_at`` by the table's offsets (the Doc's ``char_span`` only for a character between tokens)."""
    k = bisect.bisect_right(t.ends, char)
    if k < len(t.idx) and t.idx[k] <= char:
        return k
    return token_at(doc, char)


def _distance_at(heads: list[int], k: int, target: int) -> int:
    """Return ``_attachment_distance`` by the table's heads."""
    cur = k
    for steps in range(12):
        if cur == target:
            return steps
        if heads[cur] == cur:
            break
        cur = heads[cur]
    return 50 + abs(k - target)


def _location_by_tokens(doc: Doc, tok: Token, places: list[Place], taken: set[tuple[int, int]]) -> Place | None:
    """Return ``event_location``'s choice by attachment, read through the Token API (no table at hand)."""
    sentence = tok.sent
    best, best_key = None, None
    for place in places:
        if not _in_sentence(place.start, place.end, sentence) or place.role != "place":
            continue
        if _inside_argument(place, taken):
            continue
        i = token_at(doc, place.start)
        if i is None:
            continue
        head = doc[i]
        while head.dep_ in ("compound", "amod", "flat", "nmod") and head.head.i != head.i:
            head = head.head
        in_prep = head.dep_ == "pobj" and head.head.lower_ in LOCATION_PREPS
        key = (not in_prep, _attachment_distance(doc, i, tok))
        if best_key is None or key < best_key:
            best, best_key = place, key
    return best


def parse_number(text: str) -> float | None:
    """Return the value of a numeral token ("11,700", "150", "five"), or None."""
    low = text.lower()
    if NUMBER.match(low):
        return float(low.replace(",", ""))
    return float(WORD_NUMBERS[low]) if low in WORD_NUMBERS else None


def event_size(t: TokenTable, lem: list[str], i: int, heads: list[int], quantities: list[Quantity]) -> Quantity | None:
    """Return the count attached to trigger ``i``'s object or subject (token ``heads``: "500 troops"), or None.

    ``lem`` is ``table_lemmas(t)``.
    """
    def extent(k: int) -> tuple[int, int]:
        tok = t.toks[k]
        return t.idx[tok.left_edge.i], t.ends[tok.right_edge.i]

    candidates = []
    if quantities:  # only then are the phrases' extents needed
        spans = [extent(h) for h in heads]
        if t.pos[i] == "NOUN":
            spans.append(extent(i))
        candidates = [q for q in quantities if any(s <= q.start and q.end <= e for s, e in spans)]
    if candidates:
        candidates.sort(key=lambda q: (q.unit not in PERSONNEL, abs(q.start - t.idx[i])))
        return candidates[0]
    deps, children = t.deps, t.children
    for head in heads:
        for child in children[head]:
            if deps[child] == "nummod" and (value := parse_number(t.texts[child])) is not None:
                approx = any(t.lowers[g] in ("about", "some", "around", "approximately", "nearly", "over")
                             for g in children[child])
                left = t.toks[child].left_edge.i
                start = min(t.idx[left], t.idx[child])
                return Quantity(t.text[t.idx[left]:t.ends[child]], start, t.ends[child], value, value, approx, lem[head])
    return None
