"""The lead sentences of an article and the choice of its main predicate (see the package doc)."""

from __future__ import annotations

import bisect
import collections
import functools
import itertools
import re
from typing import NamedTuple

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, POS
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from ...document import Event

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
TREE_LABELS = ("VERB", "AUX", "PRON", "conj", "ccomp", "parataxis", "nsubj", "csubj", "agent", "pobj", "nsubjpass", "dobj", "prep", "xcomp")
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
                   arr: list[list[int]] | None = None) -> list[Lead]:
    """Return the first ``n`` sentences with a verb and at least five words, each cut after any
    boilerplate it starts with (captions, share and subscribe prompts) and after the headline when the
    body repeats it (answers never come from the headline). ``arr``: ``token_arrays(doc)`` if at hand."""
    text = doc.text if text is None else text
    strings = doc.vocab.strings
    verb, aux, root_dep = strings["VERB"], strings["AUX"], strings["ROOT"]
    pos, idx, dep = (arr or token_arrays(doc))[:3]
    heading = WORD.findall(title.lower()) if title else []
    lowered = text.lower()
    if len(lowered) != len(text):  # a character whose lower case is longer: lower each sentence apart
        lowered = None
    out = []
    for sent in doc.sents:
        sc, ec = sent.start_char, sent.end_char
        if lowered is None:
            low, base = text[sc:ec].lower(), sc
        else:
            low, base = lowered, 0
        cut = sc - base
        for match in BOILERPLATE.finditer(low, sc - base, ec - base):
            cut = match.end()
        if heading:
            cut = headline_end(low, cut, heading, ec - base)
        if len(list(itertools.islice(ALPHA_WORD.finditer(low, cut, ec - base), 5))) < 5:
            continue
        start, end = sent.start, sent.end
        if cut > sc - base:
            while start < end and idx[start] < base + cut:
                start += 1
            while start < end and not doc[start].is_alpha:  # ":", "--" after the boilerplate
                start += 1
            sc = idx[start] if start < end else ec
        if not any(p == verb or p == aux for p in pos[start:end]):
            continue
        root = next((i for i in range(sent.start, end) if dep[i] == root_dep), -1)
        out.append(Lead(start, end, sc, ec, root if root >= 0 else sent.root.i))
        if len(out) == n:
            break
    return out


def token_arrays(doc: Doc) -> list[list[int]]:
    """Return per-token lists: POS, character offset, dependency label, head offset, entity IOB and type."""
    return doc.to_array([POS, IDX, DEP, HEAD, ENT_IOB, ENT_TYPE]).T.tolist()


def headline_end(lowered: str, cut: int, heading: list[str], endpos: int | None = None) -> int:
    """Return where a repeat of the headline at offset ``cut`` of a sentence ends (``cut`` if none):
    the first words there match the headline's words with F1 >= 0.9 (a verbatim copy, a word or two apart;
    a lead sentence that paraphrases the headline stays)."""
    found = list(itertools.islice(WORD.finditer(lowered, cut, len(lowered) if endpos is None else endpos),
                                  len(heading) + 3))
    best, end = 0.0, cut
    want = collections.Counter(heading)
    shortest = max(1, len(heading) - 3)
    # every prefix shares at most what all the words share: skip when even that cannot reach 0.9
    if 2 * sum((collections.Counter(m.group() for m in found) & want).values()) / (shortest + len(heading)) < HEADLINE_F1:
        return cut
    for k in range(shortest, len(found) + 1):
        common = sum((collections.Counter(m.group() for m in found[:k]) & want).values())
        f1 = 2 * common / (k + len(heading))
        if f1 > best:
            best, end = f1, found[k - 1].end()
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


class Tree(NamedTuple):
    """The parse of the lead as plain lists (token i: dependency label, head index, children, ...)."""

    dep: list[int]
    head: list[int]
    kids: collections.defaultdict[int, list[int]]
    pos: list[int]
    idx: list[int]
    ids: dict[str, int]


def lead_tree(doc: Doc, end: int, arr: list[list[int]]) -> Tree:
    """Return the parse of tokens ``0..end`` (whole sentences, so every head lies inside)."""
    pos, idx, dep, rel = arr[:4]
    head = [i + (h if h < 2 ** 63 else h - 2 ** 64) for i, h in zip(range(end), rel, strict=False)]  # uint64 wrap-around
    kids: collections.defaultdict[int, list[int]] = collections.defaultdict(list)
    for i, h in enumerate(head):
        if h != i:
            kids[h].append(i)
    ids = {name: doc.vocab.strings[name] for name in TREE_LABELS}
    return Tree(dep, head, kids, pos, idx, ids)


def predicates(doc: Doc, tree: Tree, lead: Lead) -> list[tuple[int, bool]]:
    """Return the sentence's verbs, each with whether it is a main predicate (root, its conjunct, or
    the clause reported by a root reporting verb)."""
    root, dep, pos, ids = lead.root, tree.dep, tree.pos, tree.ids
    main = {root}
    speech = doc[root].lemma_ in SPEECH
    verb, aux = ids["VERB"], ids["AUX"]
    for c in tree.kids[root]:
        if (dep[c] == ids["conj"] and pos[c] == verb
                or speech and (dep[c] == ids["ccomp"] or dep[c] == ids["parataxis"]) and (pos[c] == verb or pos[c] == aux)):
            main.add(c)
    return [(i, i in main) for i in range(lead.start, lead.end) if pos[i] == verb or i == root and pos[root] == aux]


def subject_index(tree: Tree, verb: int) -> int:
    """Return the index of ``subject_of(verb)`` computed on the lists, or -1."""
    dep, ids = tree.dep, tree.ids
    passive = -1
    for c in tree.kids[verb]:
        d = dep[c]
        if d == ids["nsubj"] or d == ids["csubj"]:
            return c
        if d == ids["agent"]:
            for g in tree.kids[c]:
                if dep[g] == ids["pobj"]:
                    return g
        elif d == ids["nsubjpass"] and passive < 0:
            passive = c
    if passive >= 0:
        return passive
    if (dep[verb] == ids["conj"] or dep[verb] == ids["xcomp"]) and tree.head[verb] != verb:
        return subject_index(tree, tree.head[verb])
    return -1


def edges(tree: Tree, i: int) -> tuple[int, int]:
    """Return the first and last token of ``i``'s subtree."""
    left = right = i
    for k in tree.kids[i]:
        a, b = edges(tree, k)
        left, right = min(left, a), max(right, b)
    return left, right


def shared_words(text: str, tree: Tree, tokens: list[int], words: set[str]) -> set[str]:
    """Return the headline words found in the subtrees of ``tokens``."""
    found: set[str] = set()
    idx = tree.idx
    for tok in tokens:
        left, right = edges(tree, tok)
        chunk = text[idx[left]:idx[right + 1] if right + 1 < len(idx) else len(text)].lower()
        found.update(stem(w) for w in WORD.findall(chunk))
    return found & words


def score_predicate(doc: Doc, text: str, tree: Tree, marks: list[int], verb: int, main: bool, rank: int,
                    events_at: dict[int, Event], words: set[str]) -> float:
    """Return how likely token ``verb`` states the article's main event."""
    score = -WEIGHTS["rank"] * min(rank, 6) - (0 if main else WEIGHTS["subordinate"])
    if verb in events_at:
        score += WEIGHTS["event"] * (1 + events_at[verb].confidence)
    tok = doc[verb]
    lemma = tok.lemma_
    if lemma in SPEECH:
        score -= WEIGHTS["speech"]
    if bisect.bisect_left(marks, tree.idx[verb]) % 2 == 1:  # quoted
        score -= WEIGHTS["quoted"]
    subj = subject_index(tree, verb)
    if words:
        dep, dobj, prep = tree.dep, tree.ids["dobj"], tree.ids["prep"]
        near = [c for c in tree.kids[verb] if dep[c] == dobj or dep[c] == prep]
        if subj >= 0 and lemma not in SPEECH:  # a speaker's description is not the event
            near.append(subj)
        shared = shared_words(text, tree, near, words)
        score += WEIGHTS["headline"] * min(len(shared), 5)
        score += WEIGHTS["headline_verb"] if stem(tok.lower_) in words or stem(lemma) in words else 0.0
    if subj < 0 or tree.pos[subj] == tree.ids["PRON"]:
        score -= WEIGHTS["no_subject"]
    return score


def token_at(starts: list[int], offset: int) -> int:
    """Return the index of the token holding character ``offset`` (``starts`` = token offsets)."""
    i = bisect.bisect_right(starts, offset) - 1
    return i if i > 0 else 0
