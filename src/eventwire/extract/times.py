"""Stage: temporal expressions (TIMEX3) found and normalised against the publication date.

Finding (``timex.find``: data-driven patterns over the text, checked against the parse) and
normalising (``timex.normalize``: calendar values anchored on the publication date, the last date
mentioned, and the tense of the governing verb) are separate steps. ``event_date`` picks an event's date.
"""

from __future__ import annotations

import functools

from spacy.tokens import Doc

from ..document import EventDate, Time
from .context import Context, table_of, text_of
from .locate import plain_sentences
from .timex.calendar import parse_value
from .timex.find import Candidate, find_timexes
from .timex.normalize import Anchors, Norm, normalize
from .tokens import TokenTable, char_tokens, span_root, token_table

FUTURE_AUX = {"will", "'ll", "shall", "wo", "going"}
PLAN_VERBS = {"plan", "schedule", "expect", "hope", "intend", "prepare", "set", "aim", "agree", "decide", "vow",
              "promise", "threaten", "want", "propose", "ready", "due", "likely", "seek", "try"}  # fmt: skip
PAST_TAGS = {"VBD", "VBN"}
VERBAL = {"VERB", "AUX"}
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "xcomp", "conj", "parataxis", "acl", "csubj"}
GRANULARITY = {"day": "day", "week": "week", "month": "month", "quarter": "quarter", "season": "season",
               "year": "year", "half": "vague"}  # fmt: skip


def _span_root(doc: Doc, t: TokenTable, start: int, end: int) -> int | None:
    """Return the index of ``doc.char_span(start, end, alignment_mode="expand").root``, read from the table
    (no Span, no Token); None where that span is None or empty."""
    if "root" in doc.user_span_hooks:
        span = doc.char_span(start, end, alignment_mode="expand")
        return span.root.i if span is not None and len(span) else None
    found = char_tokens(t, start, end)
    if found is None or found[0] == found[1]:
        return None
    return span_root(t, *found)


def _governing_verb(t: TokenTable, i: int) -> int | None:
    """Return the nearest verb at or above token ``i`` in the dependency tree."""
    pos, tags, heads = t.pos, t.tags, t.heads
    node = i
    for _ in range(len(heads) + 1):  # the token, then ``Token.ancestors``
        if pos[node] in VERBAL or tags[node].startswith("VB"):
            return node
        if heads[node] == node:
            return None
        node = heads[node]
    return None


def verb_tense(t: TokenTable, verb: int | None) -> str | None:
    """Return past, present or future for the verb at index ``verb``, from its tag and its auxiliaries; None
    without a verb."""
    if verb is None:
        return None
    tags, lowers = t.tags, t.lowers
    auxes = [c for c in t.children[verb] if t.deps[c] in ("aux", "auxpass")]
    aux_lowers = {lowers[a] for a in auxes}
    tag = tags[verb]
    if aux_lowers & FUTURE_AUX or (tag == "MD" and lowers[verb] in FUTURE_AUX):
        return "future"
    if tag == "VB" and "to" in aux_lowers:
        above = t.heads[verb]
        head = _governing_verb(t, above) if above != verb else None
        if head is None or head == verb or t.lemmas[head] in PLAN_VERBS or verb_tense(t, head) != "past":
            return "future"  # "is scheduled to close Monday", "plans to vote Tuesday"
        return "past"  # "staged celebrations to mark the entry on Friday"
    if "would" in aux_lowers and tag in ("VB", "VBG"):
        return "future"  # future in the past: "said he would be travelling Thursday"
    if any(tags[a] == "VBD" for a in auxes) or (tag in PAST_TAGS and not auxes):
        return "past"
    if tag == "VBN" and aux_lowers & {"has", "have", "'ve", "'s"}:
        return "past"
    if tag == "VBD":
        return "past"
    return "present"


def expression_tense(doc: Doc, start: int, end: int, table: TokenTable | None = None) -> str | None:
    """Return the tense of the verb that governs the expression at ``start:end`` (``table`` is
    ``token_table(doc)`` when the caller has it)."""
    t = table if table is not None else token_table(doc)
    root = _span_root(doc, t, start, end)
    if root is None:
        return None
    if t.deps[root] == "poss" or (root + 1 < len(t.heads) and t.tags[root + 1] == "POS"):
        return "past"  # "Wednesday's ruling" names something that happened
    return verb_tense(t, _governing_verb(t, root))


def find_times(doc: Doc, text: str | None = None, table: TokenTable | None = None) -> list[Candidate]:
    """Return the temporal expressions of ``doc`` (whose ``text`` and ``token_table`` may be given) as
    candidates, in text order."""
    return find_timexes(doc.text if text is None else text, doc, table)


def normalize_times(
    doc: Doc, candidates: list[Candidate], ctx: Context, table: TokenTable | None = None
) -> list[Time]:
    """Return ``Time`` records for ``candidates``, each anchored on the date mentioned before it."""
    times: list[Time] = []
    prev: str | None = None
    if table is None and candidates:
        table = table_of(doc, ctx)
    for cand in candidates:
        tense = expression_tense(doc, cand.start, cand.end, table)
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
    table = table_of(doc, ctx)
    return normalize_times(doc, find_times(doc, text_of(doc, ctx), table), ctx, table)


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
    doc: Doc,
    token_i: int,
    dated: list[Time],
    t: TokenTable,
    memo: dict | None,
    sent_chars: tuple[int, int] | None,
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
            r = _time_root(doc, t, time, memo)
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


def _time_root(doc: Doc, t: TokenTable, time: Time, memo: dict | None) -> int | None:
    """Return ``_span_root`` of a time's characters, kept in ``memo`` when given."""
    key = ("time", time.start, time.end)
    if memo is not None and key in memo:
        return memo[key]
    i = _span_root(doc, t, time.start, time.end)
    if memo is not None:
        memo[key] = i
    return i


def _clause_index(doc: Doc, t: TokenTable, i: int) -> int:
    """Return the verb heading the clause of token ``i`` (the token itself for a verb; else its sentence's
    root), by index."""
    verb = _governing_verb(t, i)
    return doc[i].sent.root.i if verb is None else verb
