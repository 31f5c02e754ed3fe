"""Stage: direct, indirect and mixed quotes attributed to speakers.

Candidates come from two sources that meet here: the quoted stretches between quote marks
(``quoting.marks``) and the speech cues of the parse (``quoting.cues``). A cue whose reported
clause is a quoted stretch makes a direct quote; one whose clause only holds quoted words, a mixed
quote; one without quote marks, an indirect quote. A stretch the parse does not tie to a cue takes
the nearest cue beside it (after it in the same sentence, a dangling "He said." sentence, or before
it with a colon), then the cue of its neighbour quotes, then the last speaker of the paragraph before.
Speakers are resolved by ``quoting.speakers``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc

from ..document import Actor, Quote, Span, Speaker
from .context import Context
from .quoting.cues import SENT_END, Cue, find_cues
from .quoting.marks import Stretch, find_stretches, paragraphs
from .quoting.speakers import SpeakerResolver

SCARE_MAX_WORDS = 3  # a stretch this short is a scare quote unless a cue governs it
ORPHAN_MIN_WORDS = 6  # a stretch with no cue at all is kept as a quote from this length
POST_GAP_TOKENS = 16  # tokens between a quote's end and its cue after it ('," Defence spokesman X said')
PRE_GAP_TOKENS = 10  # tokens between a cue and the quote after it ('X said in a statement: "...')
DIRECT_SHARE = 0.6  # share of a cue's clause inside quote marks that makes the quote direct
MIN_CONTENT_WORDS = 3
CARRY_PARAGRAPHS = 1  # a cue-less quote opening a paragraph continues the speaker this many paragraphs back


@dataclass(slots=True)
class Candidate:
    """A quote before its speaker is resolved: content chars, kind, the cue (index into cues) or a quote to follow."""

    start: int
    end: int
    kind: str
    cue: int | None = None
    follows: int | None = None  # index of an earlier candidate whose speaker this one continues


def _words(text: str, start: int, end: int) -> int:
    return len(text[start:end].split())


class _Layout:
    """Token and paragraph lookups over one Doc."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.starts = [t.idx for t in doc]
        self.paras = paragraphs(doc.text)
        self.para_starts = [a for a, _b in self.paras]

    def token_at(self, char: int) -> int:
        """Return the index of the first token starting at or after ``char``."""
        return bisect.bisect_left(self.starts, char)

    def para_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, char) - 1)

    def gap_ok(self, first: int, last: int, limit: int) -> bool:
        """Say whether tokens ``[first, last)`` are few and hold no sentence end."""
        if last - first > limit:
            return False
        return not any(self.doc[i].text in SENT_END for i in range(max(first, 0), min(last, len(self.doc))))


def _claims(cue: Cue, stretch: Stretch) -> bool:
    """Say whether ``cue`` may take ``stretch`` as its quote: it reports nothing else."""
    if cue.content is None:
        return True
    a, b = cue.content
    return a < stretch.end and stretch.start < b


def find_quote_candidates(doc: Doc, stretches: list[Stretch], cues: list[Cue]) -> list[Candidate]:
    """Return the quotes of ``doc`` as candidates: content spans, kinds and the cue each hangs on."""
    text = doc.text
    layout = _Layout(doc)
    owner: list[int | None] = [None] * len(stretches)  # cue index per stretch
    follows: list[int | None] = [None] * len(stretches)  # stretch index whose attribution it continues
    found: list[Candidate] = []
    used: set[int] = set()
    absorbed: set[int] = set()  # stretches inside a mixed quote's clause

    # 1. cues whose clause the parse gives
    for ci, cue in enumerate(cues):
        if cue.content is None:
            continue
        a, b = cue.content
        inside = [si for si, s in enumerate(stretches) if s.start < b and a < s.end]
        quoted = sum(min(b, stretches[si].end) - max(a, stretches[si].start) for si in inside)
        size = len(text[a:b].strip())
        if inside and quoted >= DIRECT_SHARE * size:
            for si in inside:
                if owner[si] is None:
                    owner[si] = ci
            used.add(ci)
            continue
        if _words(text, a, b) < MIN_CONTENT_WORDS:
            continue
        free = [si for si in inside if owner[si] is None]
        for si in free:
            owner[si] = ci
            absorbed.add(si)
            a, b = min(a, stretches[si].inner_start), max(b, stretches[si].inner_end)
        found.append(Candidate(a, b, "mixed" if inside else "indirect", ci))
        used.add(ci)

    # 2. stretches the parse left alone take the cue beside them
    cue_starts = [doc[c.start].idx for c in cues]
    for si, s in enumerate(stretches):
        if owner[si] is not None:
            continue
        para = layout.para_of(s.start)
        next_start = stretches[si + 1].start if si + 1 < len(stretches) else len(text)
        after = layout.token_at(s.end)
        pos = bisect.bisect_left(cue_starts, s.end)
        if pos < len(cues):
            cue = cues[pos]
            if (cue_starts[pos] < next_start and layout.para_of(cue_starts[pos]) == para and _claims(cue, s)
                    and layout.gap_ok(after, cue.start, POST_GAP_TOKENS)):  # fmt: skip
                owner[si] = pos
                continue
        pos = bisect.bisect_left(cue_starts, s.start) - 1
        if pos >= 0:
            cue = cues[pos]
            prev_end = stretches[si - 1].end if si > 0 else 0
            lead = text[doc[cue.end - 1].idx : s.start].rstrip()
            if (cue_starts[pos] >= prev_end and layout.para_of(cue_starts[pos]) == para and _claims(cue, s)
                    and lead.endswith((":", ",")) and layout.gap_ok(cue.end, layout.token_at(s.start), PRE_GAP_TOKENS)):  # fmt: skip
                owner[si] = pos

    # 3. neighbours: '"A," he said. "B."' and '"A. "B," he said.'
    for _ in range(2):
        for si, s in enumerate(stretches):
            if owner[si] is not None or follows[si] is not None or _words(text, s.inner_start, s.inner_end) <= SCARE_MAX_WORDS:
                continue
            para = layout.para_of(s.start)
            if si > 0 and owner[si - 1] is not None:
                p = stretches[si - 1]
                cue_char = cue_starts[owner[si - 1]]
                same_para = layout.para_of(p.start) == para
                if (same_para and p.end <= cue_char < s.start) or (p.continues and layout.para_of(p.start) == para - 1):
                    owner[si] = owner[si - 1]
                    continue
            if si + 1 < len(stretches) and owner[si + 1] is not None:
                n = stretches[si + 1]
                if layout.para_of(n.start) == para and not text[s.end : n.start].strip(" \t,.;:—–-"):
                    owner[si] = owner[si + 1]

    # 4. a paragraph that opens with a quote continues the last quoted speaker
    last_owned: tuple[int, int] | None = None  # (paragraph, stretch index)
    for si, s in enumerate(stretches):
        para = layout.para_of(s.start)
        if owner[si] is not None:
            last_owned = (para, si)
            continue
        words = _words(text, s.inner_start, s.inner_end)
        if words <= SCARE_MAX_WORDS:
            continue
        opens_para = not text[layout.paras[para][0] : s.start].strip()
        if last_owned is not None and opens_para and 0 < para - last_owned[0] <= CARRY_PARAGRAPHS:
            follows[si] = last_owned[1]
            last_owned = (para, si)
        elif words >= ORPHAN_MIN_WORDS and s.closed:
            follows[si] = -1  # a quote with nobody named

    # 5. dangling cue sentences with no quote before them report the sentence before
    for ci, cue in enumerate(cues):
        if ci in used or not cue.dangling or cue.content is not None or ci in owner:
            continue
        sent = doc[cue.sent_start]
        if cue.sent_start == 0:
            continue
        prev = doc[cue.sent_start - 1].sent
        if any(c.sent_start == prev.start for c in cues) or any(s.start < prev.end_char and prev.start_char < s.end for s in stretches):
            continue
        if _words(text, prev.start_char, prev.end_char) >= MIN_CONTENT_WORDS and layout.para_of(sent.idx) == layout.para_of(prev.start_char):
            found.append(Candidate(prev.start_char, prev.end_char, "indirect", ci))

    index_of: dict[int, int] = {}
    for si, s in enumerate(stretches):
        if si not in absorbed and (owner[si] is not None or follows[si] is not None):
            index_of[si] = len(found)
            found.append(Candidate(s.inner_start, s.inner_end, "direct", owner[si]))
    for si, target in enumerate(follows):
        if target is not None and si in index_of:
            found[index_of[si]].follows = index_of.get(target) if target >= 0 else None
    order = sorted(range(len(found)), key=lambda i: found[i].start)
    remap = {old: new for new, old in enumerate(order)}
    result = [found[i] for i in order]
    for cand in result:
        if cand.follows is not None:
            cand.follows = remap[cand.follows]
    return result


def _previous_subject(doc: Doc, sent_start: int) -> int | None:
    """Return the subject of the sentence before token ``sent_start`` when it names someone ("Told." after it)."""
    if sent_start == 0:
        return None
    root = doc[sent_start - 1].sent.root
    for child in root.children:
        if child.dep_ in ("nsubj", "nsubjpass") and (child.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or child.pos_ == "PRON"):
            return child.i
    return None


def attribute(doc: Doc, candidates: list[Candidate], cues: list[Cue], actors: list[Actor]) -> list[Quote]:
    """Return Quotes for ``candidates``: cue spans and speakers resolved in text order."""
    text = doc.text
    resolver = SpeakerResolver(doc, actors)
    by_cue: dict[int, Speaker | None] = {}
    spoken: list[Speaker | None] = []
    quotes: list[Quote] = []
    last: Speaker | None = None
    for cand in candidates:
        cue = cues[cand.cue] if cand.cue is not None else None
        speaker: Speaker | None
        if cue is not None:
            if cand.cue not in by_cue:
                sent = doc[cue.start].sent
                head = cue.speaker if cue.speaker is not None else _previous_subject(doc, sent.start)
                if head is not None:
                    by_cue[cand.cue] = resolver.resolve(head)
                else:
                    by_cue[cand.cue] = last
                    resolver.remember(resolver.sent_of.get(sent.start, 0), last)
            speaker = by_cue[cand.cue]
            first, end = doc[cue.start], doc[cue.end - 1]
            cue_span = Span(text[first.idx : end.idx + len(end)], first.idx, end.idx + len(end))
        else:
            speaker = spoken[cand.follows] if cand.follows is not None else None
            cue_span = None
        spoken.append(speaker)
        if speaker is not None:
            last = speaker
        quotes.append(Quote(text[cand.start : cand.end], cand.start, cand.end, cand.kind, cue_span, speaker))
    return quotes


def extract_quotes(doc: Doc, ctx: Context, *, actors: list[Actor]) -> list[Quote]:
    """Return every quote in ``doc`` with its cue and resolved speaker."""
    text = doc.text
    if not text.strip() or not len(doc):
        return []
    stretches = find_stretches(text)
    blocked = [(s.inner_start, s.inner_end) for s in stretches if _words(text, s.inner_start, s.inner_end) > SCARE_MAX_WORDS]
    cues = find_cues(doc, blocked)
    candidates = find_quote_candidates(doc, stretches, cues)
    return attribute(doc, candidates, cues, actors or [])
