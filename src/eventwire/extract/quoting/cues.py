"""Speech cues from the parse: the verb (or "according to"), its speaker's head token and its content.

Candidates only: which quotes the cues introduce is decided in ``extract/quotes.py``.
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate, compress
from typing import NamedTuple

from spacy.lang.lex_attrs import is_quote
from spacy.tokens import Doc

from ...resources import cached
from ..tokens import TokenTable, edges, is_punct_text, token_table
from .lexicon import cue_phrases, object_verbs, phrase_patterns, speech_verbs

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
CONTENT_DEPS = frozenset({"ccomp"})
NAMING_DEPS = frozenset({"oprd", "xcomp", "attr", "ccomp", "acomp"})
INHERIT_DEPS = frozenset({"conj", "xcomp", "advcl", "pcomp", "prep", "acl", "dobj", "pobj"})
OBJECT_DEPS = frozenset({"dobj", "xcomp"})
OBJECT_PREPS = frozenset({"of", "about", "for"})
DASH_SIGNATURE_RE = re.compile(r"[ \t]*([―—–]|--?)[ \t]*[A-Z]")
NOT_SPEAKERS = frozenset({"it", "that", "this", "which", "there", "what", "these", "those"})
SENT_END = frozenset({".", "!", "?"})
DANGLING_MAX = 4  # tokens in a sentence that is only a cue: "Told." "He said." "the minister added."


class Cue(NamedTuple):  # a tuple: a frozen dataclass costs several times as much to make
    """A speech cue: tokens ``[start, end)``, its ``kind`` (the lexicon kind or ``according``),
    the speaker's head token (or None), and the content's character span (or None) from the parse.
    ``dangling`` marks a sentence that is nothing but the cue ("Told.", "He said.")."""

    start: int
    end: int
    kind: str
    speaker: int | None
    content: tuple[int, int] | None
    sent_start: int
    sent_end: int
    dangling: bool = False


def _char_span(t: TokenTable, first: int, last: int, lo: int, hi: int) -> tuple[int, int] | None:
    """Return the character span of tokens ``first..last`` kept inside chars [lo, hi), trimmed of punctuation."""
    texts, idx = t.texts, t.idx
    while first <= last:
        if not (idx[first] < lo or is_punct_text(texts[first]) or texts[first].isspace()):
            break
        first += 1
    while last >= first:
        if not (idx[last] >= hi or is_punct_text(texts[last]) or texts[last].isspace()):
            break
        last -= 1
    if last < first:
        return None
    return idx[first], t.ends[last]


def _subtree_bounds(t: TokenTable, token: int, exclude: int) -> tuple[int, int] | None:
    """Return the first and last token index of ``token``'s subtree without ``exclude``'s subtree."""
    lo, hi = edges(t, exclude)
    indices = [k for k in _subtree(t, token) if not lo <= k <= hi]
    return (min(indices), max(indices)) if indices else None


def _subtree(t: TokenTable, i: int) -> list[int]:
    """Return the tokens of ``i``'s subtree (any order)."""
    out, stack = [], [i]
    while stack:
        k = stack.pop()
        out.append(k)
        stack.extend(t.children[k])
    return out


def _speaker_of(t: TokenTable, verb: int) -> int | None:
    """Return the head token of whoever speaks through ``verb``: its subject, a passive agent, an inherited subject."""
    deps, heads, children = t.deps, t.heads, t.children[verb]
    agent = next((c for c in children if deps[c] == "agent"), None)
    if agent is not None:
        pobj = next((c for c in t.children[agent] if deps[c] == "pobj"), None)
        if pobj is not None:
            return pobj
    for child in children:
        if deps[child] == "nsubj":
            return child
    if any(deps[c] == "nsubjpass" for c in children):
        return None  # "he was told", "it was said that": no speaker in the clause
    head = heads[verb]
    if deps[verb] == "relcl" and t.pos[head] in ("NOUN", "PROPN", "PRON"):
        return head
    # climb to the clause that has the subject: "X deflected questions before saying", "X issued a statement saying"
    token = verb
    for _ in range(4):
        if deps[token] not in INHERIT_DEPS or heads[token] == token:
            break
        token = heads[token]
        if t.pos[token] in ("VERB", "AUX"):
            return _speaker_of(t, token) if token != verb else None
    return _lost_subject(t, verb)


def _lost_subject(t: TokenTable, verb: int) -> int | None:
    """Return a speaker the parse did not make the subject: '"...," said Jane Roe', 'Jane Roe (R-XY) said'."""
    texts, iobs, types, n = t.texts, t.ent_iobs, t.ent_types, len(t.texts)
    if verb > 0 and (is_punct_text(texts[verb - 1]) or is_quote(texts[verb - 1])):
        # inverted order: '"...," said Jane Roe, an economist'
        after = verb + 1
        if after < n and types[after] in ("PERSON", "ORG") and iobs[after] == "B":
            end = after
            while end + 1 < n and iobs[end + 1] == "I":
                end += 1
            return end
        for child in t.children[verb]:
            if child < verb:
                continue
            if child > verb + 3:
                break
            if t.pos[child] in ("PROPN", "NOUN") and t.deps[child] not in ("ccomp", "prep", "advmod"):
                return child
    for i in range(verb - 1, max(-1, verb - 9), -1):
        # a parse that lost the subject: take a name standing just before the verb
        word = texts[i]
        if is_quote(word) or word in SENT_END or word.isspace():
            break
        if types[i] in ("PERSON", "ORG") and (i + 1 == verb or iobs[i + 1] != "I"):
            return i
    return None


def _content_of(t: TokenTable, verb: int, kind: str, lo: int, hi: int) -> tuple[int, int] | None:
    """Return the character span of what ``verb`` reports, from its dependents (None when there is none)."""
    deps, children = t.deps, t.children[verb]
    if kind == "name":
        obj = next((c for c in children if deps[c] == "dobj"), None)
        comp = next((c for c in children if deps[c] in NAMING_DEPS and c > verb), None)
        if comp is None:
            return None
        first = edges(t, obj if obj is not None else comp)[0]
        return _char_span(t, first, edges(t, comp)[1], lo, hi)
    comps = [edges(t, c) for c in children if deps[c] in CONTENT_DEPS]
    if comps:
        return _char_span(t, min(e[0] for e in comps), max(e[1] for e in comps), lo, hi)
    far = _that_clause_below(t, verb)
    if far is not None:
        return _char_span(t, *edges(t, far), lo, hi)
    if t.lemmas[verb].lower() in object_verbs():
        parts = [edges(t, c) for c in children
                 if c > verb and (deps[c] in OBJECT_DEPS or (deps[c] == "prep" and t.lowers[c] in OBJECT_PREPS))]
        if parts:
            return _char_span(t, min(e[0] for e in parts), max(e[1] for e in parts), lo, hi)
    head = t.heads[verb]
    if deps[verb] in ("parataxis", "ccomp") and head < verb:
        # inverted order parsed upside down: "The talks failed, he said."
        bounds = _subtree_bounds(t, head, exclude=verb)
        last = edges(t, verb)[0] - 1
        if bounds is None or min(bounds[1], last) < bounds[0]:
            return None
        return _char_span(t, bounds[0], min(bounds[1], last), lo, hi)
    return None


def _that_clause_below(t: TokenTable, verb: int) -> int | None:
    """Return a "that" clause the parse hung lower down: "said at a rally after talking to leaders that ...".

    The path down may cross prepositions and subjectless verbs only (not another speaker's clause).
    """
    deps, children = t.deps, t.children
    stack = [c for c in children[verb] if c > verb and deps[c] in ("prep", "advcl", "npadvmod")]
    while stack:
        token = stack.pop()
        for child in children[token]:
            if child < token:
                continue
            if deps[child] == "ccomp" and any(m < child and deps[m] == "mark" and t.lowers[m] == "that"
                                              for m in children[child]):
                return child
            if deps[child] in ("prep", "pcomp", "pobj", "advcl") and not any(deps[c] == "nsubj" for c in children[child]):
                stack.append(child)
    return None


@cached
def _verb_lemmas() -> frozenset[str]:
    """Return the speech verbs' lemmas, particles aside ("point" of "point out")."""
    return frozenset(lemma.split()[0] for lemma in speech_verbs())


def _without_cue(doc: Doc, t: TokenTable, verb: int, content: tuple[int, int] | None) -> tuple[int, int] | None:
    """Return ``content`` cut where it runs over the cue itself (a parse gone wrong): keep the longer side."""
    if content is None:
        return None
    a, b = content
    first, last = t.idx[verb], t.ends[verb]
    if not (a < last and first < b):
        return content
    subject = _speaker_of(t, verb)
    if subject is not None:
        left, right = edges(t, subject)
        first, last = min(first, t.idx[left]), max(last, t.ends[right])
    before = (a, first)
    after = (last, b)
    keep = before if before[1] - before[0] >= after[1] - after[0] else after
    start, end = keep
    return _trim_chars(doc, start, end)


def _trim_chars(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Return chars [start, end) shrunk to whole tokens that are not punctuation or space."""
    tokens = [t for t in doc.char_span(start, end, alignment_mode="contract") or () if not (t.is_punct or t.is_space)]
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _is_cue_verb(t: TokenTable, i: int, verbs: dict[str, str]) -> str | None:
    """Return the lexicon kind when token ``i`` is a speech verb used as one, else None."""
    dep = t.deps[i]
    if t.pos[i] != "VERB" or dep in ("amod", "compound"):
        return None
    if dep == "acl" and t.tags[i] != "VBG":
        return None  # "the report released by ...", but keep "a statement saying ..."
    lemma = t.lemmas[i].lower()
    kind = verbs.get(lemma)
    if kind is not None:
        return kind
    for child in t.children[i]:
        if t.deps[child] == "prt":
            kind = verbs.get(f"{lemma} {t.lowers[child]}")
            if kind is not None:
                return kind
    return None


def segments(doc: Doc, table: TokenTable | None = None) -> list[tuple[int, int]]:
    """Return the token spans ``[start, end)`` of the sentences, cut at line breaks (a parse may run across
    them). ``table`` is ``token_table(doc)`` when the caller has it."""
    if not len(doc):
        return []
    t = token_table(doc) if table is None else table
    # cuts are (boundary token, first token after it): sentence starts, and line-break space tokens
    cuts = [(i, i) for i in t.sent_start[1:]]
    texts = t.texts  # the space tokens first (map and compress loop in C), then those holding a line break
    breaks = [(i, i + 1) for i in compress(range(len(texts)), map(str.isspace, texts)) if "\n" in texts[i]]
    if breaks:
        cuts = sorted(cuts + breaks)
    spans: list[tuple[int, int]] = []
    start = 0
    for end, resume in cuts:
        if end > start:
            spans.append((start, end))
        start = max(start, resume)
    if len(doc) > start:
        spans.append((start, len(doc)))
    return spans


def _is_dangling(t: TokenTable, seg: tuple[int, int], i: int) -> bool:
    """Say whether the sentence ``seg`` (token range) is nothing but the cue at token ``i``: "Told.",
    "He said.", "the spokesman added."."""
    words = 0
    for k in range(*seg):
        w = t.texts[k]
        if not is_punct_text(w) and not w.isspace():
            words += 1
            if words > DANGLING_MAX:
                return False
    return not any(t.deps[c] in CONTENT_DEPS for c in t.children[i])


def find_cues(
    doc: Doc, blocked: list[tuple[int, int]] = (), spans: list[tuple[int, int]] | None = None, text: str | None = None,
    table: TokenTable | None = None,
) -> list[Cue]:
    """Return the speech cues of ``doc`` in text order; cue words inside the ``blocked`` char spans are skipped.

    ``blocked`` holds the inner spans of quotations: a "said" inside a quote is not a cue. ``spans``,
    ``text`` and ``table`` are ``segments(doc)``, ``doc.text`` and ``token_table(doc)`` when the caller
    has them already.
    """
    verbs = speech_verbs()
    cues: list[Cue] = []
    blocked = sorted(blocked)
    t = token_table(doc) if table is None else table
    spans = segments(doc, t) if spans is None else spans
    lemmas = _verb_lemmas()
    hits = list(compress(range(len(t.lemmas)), map(lemmas.__contains__, t.lemmas)))  # the loop in C

    starts = [a for a, _b in blocked]
    reach = list(accumulate((b for _a, b in blocked), max))  # the farthest end of the spans up to each

    def is_blocked(char: int) -> bool:
        k = bisect.bisect_right(starts, char)  # the spans starting at or before ``char``
        return k > 0 and reach[k - 1] > char

    for i in hits:
        kind = _is_cue_verb(t, i, verbs)
        if kind is None or is_blocked(t.idx[i]) or not spans:
            continue
        if t.tags[i] == "VBN" and not any(t.deps[c] in ("aux", "auxpass", "nsubj", "nsubjpass") for c in t.children[i]):
            if t.deps[i] not in ("ROOT", "conj", "ccomp", "parataxis"):
                continue
        seg = spans[max(0, bisect.bisect_right(spans, (i, len(doc) + 1)) - 1)]
        content = _without_cue(doc, t, i, _content_of(t, i, kind, t.idx[seg[0]], t.ends[seg[1] - 1]))
        dangling = _is_dangling(t, seg, i)
        speaker = _speaker_of(t, i)
        if speaker is not None and is_blocked(t.idx[speaker]):
            speaker = _lost_subject(t, i)  # a "subject" inside the quote is the parse's mistake
            if speaker is not None and is_blocked(t.idx[speaker]):
                speaker = None
        if speaker is not None and content is not None and content[0] <= t.idx[speaker] < content[1]:
            content = None  # '"...," said Jane Roe, who heads X': the clause is the speaker's own description
        cues.append(Cue(i, i + 1, kind, speaker, content, seg[0], seg[1], dangling))
    for start, end in _phrase_matches(t, spans, (t.text if text is None else text).lower()):
        if is_blocked(t.idx[start]):
            continue
        cue = _according(t, start, end, spans)
        if cue is not None:
            cues.append(cue)
    cues.sort(key=lambda c: c.start)
    return cues


def _phrase_matches(t: TokenTable, spans: list[tuple[int, int]], lowered: str) -> list[tuple[int, int]]:
    """Return the token spans of the phrase cues, matching only the sentences whose text holds one (as the
    spaCy Matcher of the patterns over each such sentence would: a run of tokens whose lower-cased
    texts the pattern allows, in token order)."""
    todo: set[tuple[int, int]] = set()
    for phrase in cue_phrases():
        pos = lowered.find(phrase)
        while pos >= 0:
            i = bisect.bisect_right(t.idx, pos) - 1
            k = bisect.bisect_right(spans, (i, len(t.idx) + 1)) - 1
            if k >= 0:
                todo.add(spans[k])
            pos = lowered.find(phrase, pos + 1)
    found = []
    lowers = t.lowers
    for a, b in sorted(todo):
        for i in range(a, b):
            for pattern in phrase_patterns().get(lowers[i], ()):
                end = i + len(pattern)
                if end <= b and all(lowers[i + k] in allowed for k, allowed in enumerate(pattern)):
                    found.append((i, end))
    return found


def _according(t: TokenTable, start: int, end: int, spans: list[tuple[int, int]]) -> Cue | None:
    """Return the cue of "according to X": X speaks, the rest of the sentence is the content."""
    pobj = next((c for c in t.children[end - 1] if t.deps[c] == "pobj"), None)
    if pobj is None:
        pobj = end if end < len(t.texts) and t.pos[end] in ("PROPN", "NOUN", "PRON") else None
        if pobj is None:
            return None
    seg = next(((a, b) for a, b in spans if a <= start < b), None)
    if seg is None:
        return None
    first, last = seg
    lo, hi = t.idx[first], t.ends[last - 1]
    phrase_end = max(edges(t, pobj)[1], end - 1)
    before = _char_span(t, first, start - 1, lo, hi) if start > first else None
    after = _char_span(t, phrase_end + 1, last - 1, lo, hi) if phrase_end + 1 < last else None
    parts = [p for p in (before, after) if p is not None and p[1] - p[0] > 1]
    if not parts:
        return None
    content = max(parts, key=lambda p: p[1] - p[0])
    return Cue(start, end, "according", pobj, content, first, last)


def find_tail_cues(
    doc: Doc, ends: list[int], cues: list[Cue], spans: list[tuple[int, int]] | None = None, limit: int = 12,
    table: TokenTable | None = None,
) -> list[Cue]:
    """Return cues for quotes that end in a comma ('"...," an angry Jane Roe retorted.') with no lexicon cue.

    ``ends`` are the character offsets just after such quotes. The first verb with a subject within
    ``limit`` tokens after the quote, before the sentence ends, is taken as the cue, whatever the verb.
    ``table`` is ``token_table(doc)`` when the caller has it.
    """
    if not ends:
        return []
    t = token_table(doc) if table is None else table
    texts, pos, deps = t.texts, t.pos, t.deps
    known = {c.start for c in cues}
    spans = segments(doc, t) if spans is None else spans
    found: list[Cue] = []
    for end in ends:
        first = bisect.bisect_left(t.idx, end)
        seg = next(((a, b) for a, b in spans if a <= first < b), None)
        if seg is None:
            continue
        for i in range(first, min(first + limit, seg[1])):
            if i in known or texts[i] in SENT_END or texts[i] in ('"', "“", "”"):
                break
            if pos[i] != "VERB":
                continue
            if deps[i] not in ("ROOT", "parataxis"):
                break
            subject = next((c for c in t.children[i] if deps[c] == "nsubj" and c >= first), None)
            if subject is not None and pos[subject] in ("PROPN", "NOUN", "PRON") and t.lowers[subject] not in NOT_SPEAKERS:
                found.append(Cue(i, i + 1, "say", subject, None, seg[0], seg[1]))
            break
    return found


def find_colon_cues(
    doc: Doc, cues: list[Cue], spans: list[tuple[int, int]] | None = None, table: TokenTable | None = None
) -> list[Cue]:
    """Return cues for sentences that end in a colon and hold no lexicon cue ("Jane Roe put it bluntly:").

    The sentence's main verb is the cue and its subject the speaker; the quote follows the colon.
    ``table`` is ``token_table(doc)`` when the caller has it.
    """
    t = token_table(doc) if table is None else table
    texts, heads = t.texts, t.heads
    known = {c.sent_start for c in cues}
    found: list[Cue] = []
    for first, last in segments(doc, t) if spans is None else spans:
        end = last - 1
        while end > first and texts[end].isspace():
            end -= 1
        if texts[end] != ":" or first in known:
            continue
        root = heads[end] if t.pos[heads[end]] in ("VERB", "AUX") else None
        if root is None or not first <= root < end:
            continue
        subject = next((c for c in t.children[root] if t.deps[c] == "nsubj"), None)
        if subject is not None:
            found.append(Cue(root, root + 1, "say", subject, None, first, last))
    return found


def find_dash_cues(
    doc: Doc, text: str, ends: list[int], spans: list[tuple[int, int]] | None = None, table: TokenTable | None = None
) -> list[Cue]:
    """Return cues for quotes signed with a dash and a name: '"...." ― Jane Roe' (vox pops, epigraphs).

    ``ends`` are the character offsets just after closed quotes; the dash is the cue, the name the speaker.
    ``table`` is ``token_table(doc)`` when the caller has it.
    """
    if not ends:
        return []
    t = token_table(doc) if table is None else table
    pos, n = t.pos, len(t.texts)
    spans = segments(doc, t) if spans is None else spans
    found: list[Cue] = []
    for end in ends:
        match = DASH_SIGNATURE_RE.match(text, end)
        if match is None:
            continue
        dash = bisect.bisect_right(t.idx, match.start(1)) - 1  # the dash may be glued to the closing mark
        name = dash + 1
        if dash < 0 or name >= n:
            continue
        head = name
        while head + 1 < n and (t.ent_iobs[head + 1] == "I" or (
                pos[head] == "PROPN" and pos[head + 1] == "PROPN" and t.texts[head + 1].istitle())):  # fmt: skip
            head += 1
        if pos[head] != "PROPN" and t.ent_types[head] not in ("PERSON", "ORG"):
            continue
        k = max(0, bisect.bisect_right(spans, (dash, n + 1)) - 1)
        seg = spans[k] if spans else (dash, dash + 1)
        found.append(Cue(dash, dash + 1, "say", head, None, seg[0], seg[1]))
    return found
