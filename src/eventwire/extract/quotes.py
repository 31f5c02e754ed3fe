"""Stage: direct, indirect and mixed quotes attributed to speakers.

Candidates come from two sources that meet here: the quoted stretches between quote marks
(``quoting.marks``) and the speech cues of the parse (``quoting.cues``). A cue whose reported
clause is a quoted stretch makes a direct quote; one whose clause only holds quoted words, a mixed
quote; one without quote marks, an indirect quote. A stretch the parse does not tie to a cue takes
the nearest cue beside it (after it in the same sentence, a dangling "He said." sentence, or before
it with a colon, a dash and a name), then the cue of its neighbour quotes, then the last speaker of the
paragraph before. Quotes that lost a closing mark are repaired first. Speakers are resolved by
``quoting.speakers``; one odd quote only ever loses itself.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from ..document import Actor, Quote, Span, Speaker
from .context import Context, table_of
from .quoting.cues import SENT_END, Cue, find_colon_cues, find_cues, find_dash_cues, find_tail_cues, segments
from .quoting.lexicon import speech_forms
from .quoting.marks import Stretch, find_stretches, paragraphs
from .quoting.speakers import SpeakerResolver
from .tokens import TokenTable, span_root, token_table

LOG = logging.getLogger(__name__)
UNCLOSED_TAIL_RE = re.compile(r",\s+((?:[\w.’'-]+\s+){0,4}[\w.’'-]+)\s*,?\s*$")
SCARE_MAX_WORDS = 3  # a stretch this short is a scare quote unless a cue governs it
ORPHAN_MIN_WORDS = 6  # a stretch with no cue at all is kept as a quote from this length
POST_GAP_TOKENS = 16  # tokens between a quote's end and its cue after it ('," Defence spokesman X said')
PRE_GAP_TOKENS = 10  # tokens between a cue and the quote after it ('X said in a statement: "...')
NEAR_CUE_TOKENS = 6  # a cue this close after a comma-closed quote is the quote's, whatever else it reports
MIN_CONTENT_WORDS = 3  # an indirect clause shorter than this is no quote ("said so")
ORPHAN_REACH = 600  # characters back to the last speaker for a quote with no cue at all
SPEAKER_PRONOUNS = frozenset({"he", "she"})
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


def repair_unclosed(text: str, stretches: list[Stretch]) -> list[Stretch]:
    """Return ``stretches`` with a quote that lost its closing mark before its own cue cut there.

    '"Absent a deal, he added, "this will go on."' reads as one quote swallowing ", he added,".
    """
    forms = speech_forms()
    out = []
    for s in stretches:
        if not s.closed and not s.continues:
            match = UNCLOSED_TAIL_RE.search(text, s.inner_start, s.inner_end)
            if match and any(w.lower() in forms for w in match.group(1).split()):
                cut = match.start()
                s = Stretch(s.start, cut, s.inner_start, cut, s.paragraph, s.opened, False, False, s.single)
        out.append(s)
    return out


def _comma_closed(text: str, stretch: Stretch) -> bool:
    """Say whether a quote ends in a comma, inside or just outside its closing mark ('"...," she said')."""
    return "," in text[stretch.inner_end : stretch.end + 1]


def _outside_words(text: str, start: int, end: int, stretches: list[Stretch]) -> int:
    """Return how many words of ``text[start:end]`` lie outside the ``stretches`` (a leading "that" aside)."""
    pieces, pos = [], start
    for s in sorted(stretches, key=lambda s: s.start):
        pieces.append(text[pos : max(pos, s.start)])
        pos = max(pos, s.end)
    pieces.append(text[pos:end])
    words = [w for w in " ".join(pieces).split() if any(ch.isalnum() for ch in w)]
    if words and words[0].lower() == "that":
        words = words[1:]
    return len(words)


class _Layout:
    """Token and paragraph lookups over one Doc (its ``TokenTable``)."""

    def __init__(self, t: TokenTable, text: str) -> None:
        self.texts = t.texts
        self.starts = t.idx
        self.paras = paragraphs(text)
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
        return not any(self.texts[i] in SENT_END for i in range(max(first, 0), min(last, len(self.texts))))


class _Attacher:
    """The state of tying stretches to cues in one Doc; each step is one method, run in order."""

    def __init__(self, doc: Doc, text: str, stretches: list[Stretch], cues: list[Cue], spans=None, table=None) -> None:
        self.doc, self.text, self.stretches, self.cues = doc, text, stretches, cues
        self.t: TokenTable = token_table(doc) if table is None else table
        self.spans: list[tuple[int, int]] = segments(doc, self.t) if spans is None else spans
        self.layout = _Layout(self.t, text)
        self.owner: list[int | None] = [None] * len(stretches)  # cue index per stretch
        self.follows: list[int | None] = [None] * len(stretches)  # stretch whose speaker it continues; -1: none
        self.found: list[Candidate] = []
        self.used: set[int] = set()  # cues that gave a quote
        self.direct: set[int] = set()  # cues whose clause is a quoted stretch
        self.absorbed: set[int] = set()  # stretches inside a mixed quote's clause
        self.cue_starts = [self.t.idx[c.start] for c in cues]

    def claims(self, ci: int, stretch: Stretch) -> bool:
        """Say whether cue ``ci`` may take ``stretch``: it reports nothing else, or only other quoted stretches."""
        cue = self.cues[ci]
        if cue.content is None or ci in self.direct:
            return True
        a, b = cue.content
        return a < stretch.end and stretch.start < b

    def by_parse(self) -> None:
        """Tie each cue to the clause the parse gives it: quoted (direct), partly quoted (mixed) or not (indirect)."""
        text, stretches = self.text, self.stretches
        for ci, cue in enumerate(self.cues):
            if cue.content is None:
                continue
            a, b = cue.content
            inside = [si for si, s in enumerate(stretches) if s.start < b and a < s.end]
            if inside and not _outside_words(text, a, b, [stretches[si] for si in inside]):
                for si in inside:
                    if self.owner[si] is None:
                        self.owner[si] = ci
                self.used.add(ci)
                self.direct.add(ci)
                continue
            if _words(text, a, b) < MIN_CONTENT_WORDS:
                continue
            for si in inside:
                if self.owner[si] is None:
                    self.owner[si] = ci
                    self.absorbed.add(si)
                    a, b = min(a, stretches[si].inner_start), max(b, stretches[si].inner_end)
            self.found.append(Candidate(a, b, "mixed" if inside else "indirect", ci))
            self.used.add(ci)

    def beside(self) -> None:
        """Give a stretch the parse left alone the cue right after it, or the cue before it with a colon."""
        text, layout, cues, starts = self.text, self.layout, self.cues, self.cue_starts
        for si, s in enumerate(self.stretches):
            if self.owner[si] is not None:
                continue
            para = layout.para_of(s.start)
            next_start = self.stretches[si + 1].start if si + 1 < len(self.stretches) else len(text)
            pos = bisect.bisect_left(starts, s.inner_end)  # a cue token may hold the closing mark: '”―'
            if pos < len(cues) and starts[pos] < next_start and layout.para_of(starts[pos]) == para:
                gap_start = layout.token_at(s.end)
                # '"...," Jane Roe told the lawmakers who ...': right after a comma-closed quote the cue is its own
                near = _comma_closed(text, s) and cues[pos].start - gap_start <= NEAR_CUE_TOKENS
                if (near or self.claims(pos, s)) and layout.gap_ok(gap_start, cues[pos].start, POST_GAP_TOKENS):
                    self.owner[si] = pos
                    continue
            pos = bisect.bisect_left(starts, s.start) - 1
            if pos >= 0 and starts[pos] >= (self.stretches[si - 1].end if si > 0 else 0):
                cue = cues[pos]
                lead = text[self.t.idx[cue.end - 1] : s.start].rstrip()
                cue_para = layout.para_of(starts[pos])
                colon = lead.endswith(":")
                if (self.claims(pos, s) and (colon or (lead.endswith(",") and cue_para == para))
                        and (cue_para == para or (cue_para == para - 1 and not text[layout.paras[para][0] : s.start].strip()))
                        and layout.gap_ok(cue.end, layout.token_at(s.start), POST_GAP_TOKENS if colon else PRE_GAP_TOKENS)):  # fmt: skip
                    self.owner[si] = pos

    def into_clause(self) -> None:
        """Let an indirect clause that stops short of a quoted stretch later in its sentence take it (mixed)."""
        for cand in self.found:
            if cand.kind != "indirect":
                continue
            cue = self.cues[cand.cue]
            seg_end = self.t.ends[cue.sent_end - 1]
            for si, s in enumerate(self.stretches):
                if self.owner[si] is None and cand.end <= s.start and s.end <= seg_end:
                    between = [c for c in self.cue_starts if cand.end <= c < s.start]
                    if between:
                        break
                    self.owner[si] = cand.cue
                    self.absorbed.add(si)
                    cand.end, cand.kind = s.inner_end, "mixed"

    def neighbours(self) -> None:
        """Tie '"A," he said. "B."', '"A. "B," he said.' and later quotes of the paragraph to one cue."""
        text, layout, stretches, owner = self.text, self.layout, self.stretches, self.owner
        for _ in range(2):
            for si, s in enumerate(stretches):
                if owner[si] is not None:
                    continue
                para = layout.para_of(s.start)
                if si > 0 and owner[si - 1] is not None:
                    p, pc = stretches[si - 1], owner[si - 1]
                    lo = bisect.bisect_left(self.cue_starts, p.end)
                    hi = bisect.bisect_left(self.cue_starts, s.start)
                    speaker = self.cues[pc].speaker
                    same = all(ci == pc or (speaker is not None and self.cues[ci].speaker == speaker) for ci in range(lo, hi))
                    if (layout.para_of(p.start) == para and same) or (p.continues and layout.para_of(p.start) == para - 1):
                        owner[si] = pc
                        continue
                if si + 1 < len(stretches) and owner[si + 1] is not None:
                    n = stretches[si + 1]
                    adjacent = layout.para_of(n.start) == para and not text[s.end : n.start].strip(" \t,.;:—–-")
                    if adjacent or (s.continues and layout.para_of(n.start) == para + 1):
                        owner[si] = owner[si + 1]

    def carry(self) -> None:
        """Let a cue-less quote that opens a paragraph continue the last quoted speaker; keep long orphans."""
        text, layout = self.text, self.layout
        last_owned: tuple[int, int] | None = None  # (paragraph, stretch index)
        for si, s in enumerate(self.stretches):
            para = layout.para_of(s.start)
            if self.owner[si] is not None:
                last_owned = (para, si)
                continue
            words = _words(text, s.inner_start, s.inner_end)
            if words <= SCARE_MAX_WORDS:
                continue
            opens_para = not text[layout.paras[para][0] : s.start].strip()
            if last_owned is not None and opens_para and 0 < para - last_owned[0] <= CARRY_PARAGRAPHS:
                self.follows[si] = last_owned[1]
                last_owned = (para, si)
            elif words >= ORPHAN_MIN_WORDS and s.closed:
                soft = self._soft_cue(s)
                if soft is not None:
                    self.owner[si] = len(self.cues)
                    self.cues.append(soft)
                else:
                    self.follows[si] = -1  # a quote with nobody named

    def _soft_cue(self, s: Stretch) -> Cue | None:
        """Return a cue for a quote no speech verb governs: a person subject in the quote's own sentence."""
        t, layout = self.t, self.layout
        first, last = layout.token_at(s.start), layout.token_at(s.end)
        best: tuple[int, Cue] | None = None
        for a, b in self.spans:
            if b <= first or a > last:
                continue
            for i in range(a, b):
                char = t.idx[i]
                if s.start <= char < s.end or t.deps[i] != "nsubj" or t.pos[t.heads[i]] != "VERB":
                    continue
                if t.ent_types[i] == "PERSON" or t.lowers[i] in SPEAKER_PRONOUNS:
                    distance = min(abs(char - s.end), abs(s.start - char))
                    if best is None or distance < best[0]:
                        verb = t.heads[i]
                        best = (distance, Cue(verb, verb + 1, "say", i, None, a, b))
        return best[1] if best else None

    def dangling(self) -> None:
        """Let a dangling cue sentence ("Told.") with no quote before it report the sentence before."""
        t, text, layout, spans = self.t, self.text, self.layout, self.spans
        owned = set(self.owner)
        for ci, cue in enumerate(self.cues):
            if ci in self.used or ci in owned or not cue.dangling or cue.content is not None:
                continue
            prev_seg = next((seg for seg in reversed(spans) if seg[1] <= cue.sent_start), None)
            if prev_seg is None:
                continue
            prev_start, prev_end = t.idx[prev_seg[0]], t.ends[prev_seg[1] - 1]
            if any(c.sent_start == prev_seg[0] for c in self.cues):
                continue
            if any(s.start < prev_end and prev_start < s.end for s in self.stretches):
                continue
            same_para = layout.para_of(t.idx[cue.start]) == layout.para_of(prev_start)
            if same_para and _words(text, prev_start, prev_end) >= MIN_CONTENT_WORDS:
                self.found.append(Candidate(prev_start, prev_end, "indirect", ci))

    def result(self) -> list[Candidate]:
        """Return every candidate in text order, direct stretches included."""
        found = self.found
        index_of: dict[int, int] = {}
        for si, s in enumerate(self.stretches):
            if si not in self.absorbed and (self.owner[si] is not None or self.follows[si] is not None):
                index_of[si] = len(found)
                found.append(Candidate(s.inner_start, s.inner_end, "direct", self.owner[si]))
        for si, target in enumerate(self.follows):
            if target is not None and si in index_of:
                found[index_of[si]].follows = index_of.get(target) if target >= 0 else None
        order = sorted(range(len(found)), key=lambda i: found[i].start)
        remap = {old: new for new, old in enumerate(order)}
        result = [found[i] for i in order]
        for cand in result:
            if cand.follows is not None:
                cand.follows = remap.get(cand.follows)
        return result


def find_quote_candidates(
    doc: Doc, stretches: list[Stretch], cues: list[Cue], text: str | None = None,
    spans: list[tuple[int, int]] | None = None, table: TokenTable | None = None,
) -> list[Candidate]:
    """Return the quotes of ``doc`` as candidates: content spans, kinds and the cue each hangs on.

    ``cues`` must be in text order. ``text``, ``spans`` and ``table`` are ``doc.text``, ``segments(doc)``
    and ``token_table(doc)`` when the caller has them already (spaCy rebuilds the text on each access).
    """
    attacher = _Attacher(doc, doc.text if text is None else text, stretches, cues, spans, table)
    attacher.by_parse()
    attacher.beside()
    attacher.into_clause()
    attacher.neighbours()
    attacher.carry()
    attacher.dangling()
    return attacher.result()


def _previous_subject(doc: Doc, sent_start: int, t: TokenTable) -> int | None:
    """Return the subject of the sentence before token ``sent_start`` when it names someone ("Told." after it).

    The sentence and its root are read from the table (``Token.sent`` tests every token of the Doc for
    sentence starts) unless a user hook or a Doc without sentence starts leaves them to spaCy."""
    if sent_start == 0:
        return None
    if len(t.sent_start) > 1 and not (
        "sent" in doc.user_token_hooks or "sent" in doc.user_span_hooks
        or "sents" in doc.user_hooks or "root" in doc.user_span_hooks
    ):
        k = t.sent[sent_start - 1]
        root = span_root(t, t.sent_start[k], t.sent_end[k])
    else:
        root = doc[sent_start - 1].sent.root.i
    deps, ent_types = t.deps, t.ent_types
    for child in t.children[root]:
        if deps[child] in ("nsubj", "nsubjpass") and (
            ent_types[child] in ("PERSON", "ORG", "GPE", "NORP") or t.pos[child] == "PRON"
        ):
            return child
    return None


def attribute(
    doc: Doc, candidates: list[Candidate], cues: list[Cue], actors: list[Actor], text: str | None = None,
    table: TokenTable | None = None,
) -> list[Quote]:
    """Return Quotes for ``candidates``: cue spans and speakers resolved in text order. ``table`` is
    ``token_table(doc)`` when the caller has it."""
    t = token_table(doc) if table is None else table
    text = t.text if text is None else text
    resolver = SpeakerResolver(doc, actors, t)
    by_cue: dict[int, Speaker | None] = {}
    spoken: list[Speaker | None] = []
    quotes: list[Quote] = []
    last: Speaker | None = None
    last_end = 0
    for cand in candidates:
        cue = cues[cand.cue] if cand.cue is not None else None
        speaker: Speaker | None
        if cue is not None:
            if cand.cue not in by_cue:
                sent_start = resolver.sent_start_of(cue.start)
                head = cue.speaker if cue.speaker is not None else _previous_subject(doc, sent_start, t)
                if head is not None:
                    try:
                        by_cue[cand.cue] = resolver.resolve(head)
                    except (IndexError, KeyError, ValueError, AttributeError) as exc:  # one odd parse loses one speaker
                        LOG.debug("speaker of cue %r not resolved: %r", cue, exc)
                        by_cue[cand.cue] = None
                else:
                    by_cue[cand.cue] = last
                    resolver.remember(resolver.sent_index(sent_start), last)
            speaker = by_cue[cand.cue]
            first, end = t.idx[cue.start], t.ends[cue.end - 1]
            cue_span = Span(text[first:end], first, end)
        else:
            if cand.follows is not None:
                speaker = spoken[cand.follows]
            else:  # nobody named: the last speaker, when a quote of theirs is close, else the last name before
                speaker = last if last is not None and cand.start - last_end <= ORPHAN_REACH else None
                if speaker is None:
                    speaker = resolver.person_before(cand.start, ORPHAN_REACH)
            cue_span = None
        spoken.append(speaker)
        if speaker is not None:
            last, last_end = speaker, cand.end
        quotes.append(Quote(text[cand.start : cand.end], cand.start, cand.end, cand.kind, cue_span, speaker))
    return quotes


def extract_quotes(doc: Doc, ctx: Context, *, actors: list[Actor]) -> list[Quote]:
    """Return every quote in ``doc`` with its cue and resolved speaker."""
    t = table_of(doc, ctx)
    text = t.text if ctx.text is None else ctx.text
    if not text.strip() or not len(doc):
        return []
    stretches = repair_unclosed(text, find_stretches(text))
    blocked = [(s.inner_start, s.inner_end) for s in stretches if _words(text, s.inner_start, s.inner_end) > SCARE_MAX_WORDS]
    spans = segments(doc, t)
    cues = find_cues(doc, blocked, spans, text, t)
    ends = [s.end for s in stretches if s.closed and _comma_closed(text, s)]
    closed = [s.end for s in stretches if s.closed]
    extra = find_tail_cues(doc, ends, cues, spans, table=t) + find_colon_cues(doc, cues, spans, t)
    extra += find_dash_cues(doc, text, closed, spans, t)
    cues = sorted(cues + extra, key=lambda c: c.start)
    candidates = find_quote_candidates(doc, stretches, cues, text, spans, t)
    return attribute(doc, candidates, cues, actors or [], text, t)
