"""Stage: temporal expressions (TIMEX3) found and normalised against the publication date.

Finding (``timex.find``: data-driven patterns over the text, checked against the parse) and
normalising (``timex.normalize``: calendar values anchored on the publication date, the last date
mentioned, and the tense of the governing verb) are separate steps. ``event_date`` picks an event's date.
"""

from __future__ import annotations

import functools

from spacy.tokens import Doc, Token

from ..document import EventDate, Time
from .context import Context, text_of
from .locate import plain_sentences
from .timex.calendar import parse_value
from .timex.find import Candidate, find_timexes
from .timex.normalize import Anchors, Norm, normalize
from .tokens import TokenTable, token_table

FUTURE_AUX = {"will", "'ll", "shall", "wo", "going"}
PLAN_VERBS = {"plan", "schedule", "expect", "hope", "intend", "prepare", "set", "aim", "agree", "decide", "vow",
              "promise", "threaten", "want", "propose", "ready", "due", "likely", "seek", "try"}  # fmt: skip
PAST_TAGS = {"VBD", "VBN"}
VERBAL = {"VERB", "AUX"}
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "xcomp", "conj", "parataxis", "acl", "csubj"}
GRANULARITY = {"day": "day", "week": "week", "month": "month", "quarter": "quarter", "season": "season",
               "year": "year", "half": "vague"}  # fmt: skip


def _span_root(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root


def _governing_verb(token: Token) -> Token | None:
    """Return the nearest verb at or above ``token`` in the dependency tree."""
    for node in (token, *token.ancestors):
        if node.pos_ in VERBAL or node.tag_.startswith("VB"):
            return node
    return None


def verb_tense(verb: Token | None) -> str | None:
    """Return past, present or future for a verb, from its tag and its auxiliaries; None without a verb."""
    if verb is None:
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowers = {a.lower_ for a in auxes}
    if lowers & FUTURE_AUX or (verb.tag_ == "MD" and verb.lower_ in FUTURE_AUX):
        return "future"
    if verb.tag_ == "VB" and "to" in lowers:
        head = _governing_verb(verb.head) if verb.head.i != verb.i else None
        if head is None or head.i == verb.i or head.lemma_ in PLAN_VERBS or verb_tense(head) != "past":
            return "future"  # "is scheduled to close Monday", "plans to vote Tuesday"
        return "past"  # "staged celebrations to mark the entry on Friday"
    if "would" in lowers and verb.tag_ in ("VB", "VBG"):
        return "future"  # future in the past: "said he would be travelling Thursday"
    if any(a.tag_ == "VBD" for a in auxes) or (verb.tag_ in PAST_TAGS and not auxes):
        return "past"
    if verb.tag_ == "VBN" and lowers & {"has", "have", "'ve", "'s"}:
        return "past"
    if verb.tag_ == "VBD":
        return "past"
    return "present"


def expression_tense(doc: Doc, start: int, end: int) -> str | None:
    """Return the tense of the verb that governs the expression at ``start:end``."""
    root = _span_root(doc, start, end)
    if root is None:
        return None
    if root.dep_ == "poss" or (root.i + 1 < len(doc) and doc[root.i + 1].tag_ == "POS"):
        return "past"  # "Wednesday's ruling" names something that happened
    return verb_tense(_governing_verb(root))


def find_times(doc: Doc, text: str | None = None) -> list[Candidate]:
    """Return the temporal expressions of ``doc`` (whose ``text`` may be given) as candidates, in text order."""
    return find_timexes(doc.text if text is None else text, doc)


def normalize_times(doc: Doc, candidates: list[Candidate], ctx: Context) -> list[Time]:
    """Return ``Time`` records for ``candidates``, each anchored on the date mentioned before it."""
    times: list[Time] = []
    prev: str | None = None
    for cand in candidates:
        tense = expression_tense(doc, cand.start, cand.end)
        norm: Norm = normalize(cand, Anchors(ctx.published, prev, tense))
        if norm.value is None and norm.type == "DATE" and cand.rule not in ("ref",):
            # an impossible date ("February 30"): not worth reporting as a time
            continue
        times.append(
            Time(
                cand.match.string[cand.start : cand.end],
                cand.start,
                cand.end,
                norm.type,
                norm.value,
                norm.mod,
                norm.anchor,
            )
        )
        if norm.type in ("DATE", "TIME") and norm.anchor in ("absolute", "published") and cand.rule != "ago":
            if norm.value and "X" not in norm.value and parse_value(norm.value):
                prev = norm.value
    return times


def extract_times(doc: Doc, ctx: Context) -> list[Time]:
    """Return every temporal expression in ``doc`` with its TIMEX3 type and value."""
    return normalize_times(doc, find_times(doc, text_of(doc, ctx)), ctx)


@functools.lru_cache(maxsize=4096)
def granularity(value: str | None) -> str:
    """Return the granularity of a TIMEX3 value: day, week, month, quarter, season, year, time or vague."""
    if not value:
        return "vague"
    if "T" in value[4:] and value[:4].isdigit():
        return "time"
    parsed = parse_value(value)
    if parsed is None or "X" in value:
        return "vague"
    return GRANULARITY.get(parsed[0], "vague")


def event_date(
    doc: Doc,
    token_i: int,
    times: list[Time],
    ctx: Context,
    *,
    sent_chars: tuple[int, int] | None = None,
    table: TokenTable | None = None,
    memo: dict | None = None,
) -> EventDate | None:
    """Return the date of the event whose trigger is token ``token_i``.

    The time expression governing it in its clause wins, else the nearest in its sentence, else the
    publication date with granularity ``reported``; None without any of them. ``sent_chars`` is the
    character span of the trigger's sentence when the caller knows it (``Token.sent`` walks the doc).
    ``table`` is ``token_table(doc)`` when the caller has it (it is built otherwise), ``memo`` a dict the
    caller keeps for this one Doc (each time's root token is found once there).
    """
    dated = [t for t in times if t.type in ("DATE", "TIME") and granularity(t.value) != "vague"]
    if dated:  # the sentence and the parse are looked at only when some date could be in them
        if sent_chars is None and not plain_sentences(doc, memo):  # custom sentences: as spaCy says
            sent = doc[token_i].sent
            sent_chars = (sent.start_char, sent.end_char)
        t = table if table is not None else token_table(doc)
        found = _date_by_index(doc, token_i, dated, t, memo, sent_chars)
        if found is not None:
            return found
    if ctx.published is None:
        return None
    return EventDate(None, ctx.published.isoformat(), "reported")


def _date_by_index(
    doc: Doc, token_i: int, dated: list[Time], t: TokenTable, memo: dict | None, sent_chars: tuple[int, int] | None
) -> EventDate | None:
    """Return ``event_date``'s choice among ``dated`` (DATE/TIME, not vague) walking the table's heads by
    index; None when none of them is in the trigger's sentence."""
    if sent_chars is None:
        s = t.sent[token_i]
        sent_chars = (t.idx[t.sent_start[s]], t.ends[t.sent_end[s] - 1])
    lo, hi = sent_chars
    roots = []
    for time in dated:
        if lo <= time.start < hi:
            r = _time_root(doc, time, memo)
            if r is not None:
                roots.append((time, r))
    if not roots:
        return None
    heads = t.heads
    clause = _clause_index(doc, t, token_i)
    governing = []
    for time, r in roots:
        i, above = r, False
        for _ in range(len(heads)):  # ``Token.ancestors``: up the heads until a root
            if heads[i] == i:
                break
            i = heads[i]
            if i == token_i:
                above = True
                break
        if above or _clause_index(doc, t, r) == clause:
            governing.append((time, r))
    time = min(governing or roots, key=lambda tr: abs(tr[1] - token_i))[0]
    return EventDate(time.text, time.value, granularity(time.value), time.start, time.end)


def _time_root(doc: Doc, time: Time, memo: dict | None) -> int | None:
    """Return the index of ``_span_root`` of a time's characters, kept in ``memo`` when given."""
    key = ("time", time.start, time.end)
    if memo is not None and key in memo:
        return memo[key]
    root = _span_root(doc, time.start, time.end)
    i = root.i if root is not None else None
    if memo is not None:
        memo[key] = i
    return i


def _clause_index(doc: Doc, t: TokenTable, i: int) -> int:
    """Return the verb heading the clause of token ``i`` (the token itself for a verb; else its sentence's
    root), by index."""
    heads, pos, tags = t.heads, t.pos, t.tags
    node = i
    for _ in range(len(heads) + 1):  # the token, then ``Token.ancestors``
        if pos[node] in VERBAL or tags[node].startswith("VB"):
            return node
        if heads[node] == node:
            break
        node = heads[node]
    return doc[i].sent.root.i
