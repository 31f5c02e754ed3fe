"""The lead sentences of an article and the choice of its main predicate (see the package doc)."""

from __future__ import annotations

import bisect
import collections
import functools
import itertools
import re
from typing import NamedTuple

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from ...document import Event
from ..tokens import TokenTable, span_root, token_table

LEAD_SENTENCES = 8
HEADLINE_F1 = 0.9  # a sentence opening this close to the headline's words repeats it
# every branch starts with a letter, so the regex engine skips other positions fast ("photo" as a
# whole word: the lookbehind after its "p")
BOILERPLATE = re.compile(r"thank you|subscri|newsletter|cookie|image copyright|image caption|skip ad|getty images|"
                         r"click here|sign up|all rights reserved|follow us|read more|p(?<=(?<!\w)p)hoto\b|embed|"
                         r"opens in new window|invalid email|try again later|play now|video will start|autoplay")
ALPHA_WORD = re.compile(r"[^\W\d_]+")
QUOTE = re.compile('["“”]')
SPEECH = frozenset({"say", "tell", "report", "announce", "state", "add", "claim"})
WORD = re.compile(r"[a-z0-9]+")
# how the main event is chosen: per lead sentence later, off the main clause, an event on it, a
# reporting verb, quoted speech, each headline word shared (verb and arguments), the verb itself shared,
# no (or a pronoun) subject
WEIGHTS = {"rank": 0.25, "subordinate": 1.0, "event": 0.5, "speech": 1.0, "quoted": 1.0, "headline": 0.8,
           "headline_verb": 0.8, "no_subject": 0.7}


class Lead(NamedTuple):
    """One lead sentence: its token range (boilerplate prefix cut off) and character range."""

    start: int
    end: int
    start_char: int
    end_char: int
    root: int


def lead_sentences(doc: Doc, n: int = LEAD_SENTENCES, text: str | None = None, title: str | None = None,
                   table: TokenTable | None = None) -> list[Lead]:
    """Return the first ``n`` sentences with a verb and at least five words, each cut after any
    boilerplate it starts with (captions, share and subscribe prompts) and after the headline when the
    body repeats it (answers never come from the headline). ``table``: ``token_table(doc)`` if at hand."""
    t = token_table(doc) if table is None else table
    text = t.text if text is None else text
    pos, idx, ends, deps, toks = t.pos, t.idx, t.ends, t.deps, t.toks
    heading = WORD.findall(title.lower()) if title else []
    want = collections.Counter(heading)
    lowered = text.lower()
    if len(lowered) != len(text):  # a character whose lower case is longer: lower each sentence apart
        lowered = None
    out = []
    for first, end in zip(t.sent_start, t.sent_end, strict=True):
        sc, ec = idx[first], ends[end - 1]
        if lowered is None:
            low, base = text[sc:ec].lower(), sc
        else:
            low, base = lowered, 0
        cut = sc - base
        for match in BOILERPLATE.finditer(low, sc - base, ec - base):
            cut = match.end()
        if heading:
            cut = headline_end(low, cut, heading, ec - base, want)
        if len(list(itertools.islice(ALPHA_WORD.finditer(low, cut, ec - base), 5))) < 5:
            continue
        start = first
        if cut > sc - base:
            while start < end and idx[start] < base + cut:
                start += 1
            while start < end and not toks[start].is_alpha:  # ":", "--" after the boilerplate
                start += 1
            sc = idx[start] if start < end else ec
        if "VERB" not in pos[start:end] and "AUX" not in pos[start:end]:
            continue
        root = next((i for i in range(first, end) if deps[i] == "ROOT"), -1)
        out.append(Lead(start, end, sc, ec, root if root >= 0 else span_root(t, first, end)))
        if len(out) == n:
            break
    return out


def headline_end(lowered: str, cut: int, heading: list[str], endpos: int | None = None,
                 want: collections.Counter[str] | None = None) -> int:
    """Return where a repeat of the headline at offset ``cut`` of a sentence ends (``cut`` if none):
    the first words there match the headline's words with F1 >= 0.9 (a verbatim copy, a word or two apart;
    a lead sentence that paraphrases the headline stays). ``want``: ``Counter(heading)`` if at hand."""
    size = len(heading)
    most = size + 3  # words compared at most
    shortest = max(1, size - 3)
    want = collections.Counter(heading) if want is None else want
    seen: dict[str, int] = {}
    best, end, common = 0.0, cut, 0  # common: how many of the first k words the headline shares (a multiset)
    matches = WORD.finditer(lowered, cut, len(lowered) if endpos is None else endpos)
    for k, match in enumerate(itertools.islice(matches, most), 1):
        word = match.group()
        have = seen.get(word, 0)
        seen[word] = have + 1
        common += have < want[word]
        if k >= shortest:
            f1 = 2 * common / (k + size)
            if f1 > best:
                best, end = f1, match.end()
        # a longer prefix shares at most one more word per word: stop once none can reach the bar
        if best < HEADLINE_F1 and 2 * (common + most - k) / (most + size) < HEADLINE_F1:
            return cut
    return end if best >= HEADLINE_F1 else cut


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Return a cheap stem of a lower-cased word: an inflection ending cut off, then five letters kept."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[:-len(suffix)]
            break
    return word[:5]


def title_words(title: str | None) -> set[str]:
    """Return the stems of the headline's content words."""
    return {stem(w) for w in WORD.findall((title or "").lower()) if len(w) > 2 and w not in STOP_WORDS}


def quote_marks(text: str, end: int) -> list[int]:
    """Return the offsets of the double quotation marks before ``end``."""
    return [m.start() for m in QUOTE.finditer(text, 0, end)]


def quoted(marks: list[int], tok: Token) -> bool:
    """Return whether ``tok`` lies inside quotation marks (an odd number of them before it)."""
    return bisect.bisect_left(marks, tok.idx) % 2 == 1


def predicates(t: TokenTable, lead: Lead) -> list[tuple[int, bool]]:
    """Return the sentence's verbs, each with whether it is a main predicate (root, its conjunct, or
    the clause reported by a root reporting verb)."""
    root, deps, pos = lead.root, t.deps, t.pos
    main = {root}
    speech = t.lemmas[root] in SPEECH
    for c in t.children[root]:
        if (deps[c] == "conj" and pos[c] == "VERB"
                or speech and deps[c] in ("ccomp", "parataxis") and pos[c] in ("VERB", "AUX")):
            main.add(c)
    return [(i, i in main) for i in range(lead.start, lead.end) if pos[i] == "VERB" or i == root and pos[i] == "AUX"]


def subject_of(t: TokenTable, verb: int) -> int:
    """Return the doer of a predicate: subject, or agent of a passive, or the passive subject; -1 if none."""
    deps, children = t.deps, t.children
    passive = -1
    for c in children[verb]:
        d = deps[c]
        if d == "nsubj" or d == "csubj":
            return c
        if d == "agent":
            for g in children[c]:
                if deps[g] == "pobj":
                    return g
        elif d == "nsubjpass" and passive < 0:
            passive = c
    if passive >= 0:
        return passive
    if deps[verb] in ("conj", "xcomp") and t.heads[verb] != verb:
        return subject_of(t, t.heads[verb])
    return -1


class SubtreeWords:
    """The headline words (stems) in the parse subtree of each token of one article, memoised: the
    predicates of a lead share subjects and nested phrases."""

    def __init__(self, t: TokenTable, text: str, words: set[str]) -> None:
        self.t, self.text, self.words = t, text, words
        self.candidates = stem_led(frozenset(words))
        self.memo: dict[int, frozenset[str]] = {}
        self.edge_memo: dict[int, tuple[int, int]] = {}

    def edges(self, i: int) -> tuple[int, int]:
        """Return the first and last token of ``i``'s subtree."""
        found = self.edge_memo.get(i)
        if found is None:
            left = right = i
            for k in self.t.children[i]:
                a, b = self.edges(k)
                left, right = min(left, a), max(right, b)
            found = self.edge_memo[i] = (left, right)
        return found

    def __call__(self, i: int) -> frozenset[str]:
        found = self.memo.get(i)
        if found is None:
            left, right = self.edges(i)
            idx, text = self.t.idx, self.text
            chunk = text[idx[left]:idx[right + 1] if right + 1 < len(idx) else len(text)].lower()
            found = self.memo[i] = frozenset([stem(w) for w in self.candidates.findall(chunk)]) & self.words
        return found


@functools.lru_cache(maxsize=256)
def stem_led(words: frozenset[str]) -> re.Pattern[str]:
    """Return a pattern of the ``WORD`` runs that start with one of ``words``: a word's stem is a prefix of
    it, so these are the only words whose stem can be one of them."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
    return re.compile(rf"(?<![a-z0-9])(?:{alternatives})[a-z0-9]*")


def score_predicate(t: TokenTable, marks: list[int], verb: int, main: bool, rank: int, events_at: dict[int, Event],
                    shared: SubtreeWords | None) -> float:
    """Return how likely token ``verb`` states the article's main event (``shared``: None without a
    headline)."""
    score = -WEIGHTS["rank"] * min(rank, 6) - (0 if main else WEIGHTS["subordinate"])
    if verb in events_at:
        score += WEIGHTS["event"] * (1 + events_at[verb].confidence)
    lemma = t.lemmas[verb]
    if lemma in SPEECH:
        score -= WEIGHTS["speech"]
    if bisect.bisect_left(marks, t.idx[verb]) % 2 == 1:  # quoted
        score -= WEIGHTS["quoted"]
    subj = subject_of(t, verb)
    if shared is not None:
        deps, words = t.deps, shared.words
        near = [c for c in t.children[verb] if deps[c] == "dobj" or deps[c] == "prep"]
        if subj >= 0 and lemma not in SPEECH:  # a speaker's description is not the event
            near.append(subj)
        found = frozenset().union(*map(shared, near))
        score += WEIGHTS["headline"] * min(len(found), 5)
        score += WEIGHTS["headline_verb"] if stem(t.lowers[verb]) in words or stem(lemma) in words else 0.0
    if subj < 0 or t.pos[subj] == "PRON":
        score -= WEIGHTS["no_subject"]
    return score


def token_at(starts: list[int], offset: int) -> int:
    """Return the index of the token holding character ``offset`` (``starts`` = token offsets)."""
    i = bisect.bisect_right(starts, offset) - 1
    return i if i > 0 else 0
