"""Stage: the article's main event as a 5W1H summary.

Every answer is a span of the article body (``doc.text``). The main event is chosen among the
predicates of the lead sentences: each is scored by its position, by whether it is the sentence's
main predicate, whether an extracted event sits on it, whether it is quoted speech, and by how many
of its words (verb, subject, object) the headline shares. The headline (``ctx.title``) only guides
that choice; no answer is copied from it.
who = the predicate's doer (named part of the subject phrase), what = the predicate with its object
and one complement (no subject, no adverbials, no relative clauses), when = the date or clock time
attached to the predicate, else the first recent one of the chosen sentence or the lead, where = the
event's place or the first toponym in the chosen sentence or the lead, why = a causal clause or phrase
of the predicate, how = its "by"/"with" phrase.
"""

from __future__ import annotations

import bisect
import collections
import datetime as dt
import functools
import itertools
import re
from typing import NamedTuple

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, POS
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from ..document import Actor, Event, Place, Span, Summary, Time
from .context import Context

LEAD_SENTENCES = 8
MAX_WHAT_TOKENS = 12
MAX_NP_TOKENS = 8
# every branch starts with a letter, so the regex engine skips other positions fast ("photo" as a
# whole word: the lookbehind after its "p")
BOILERPLATE = re.compile(r"thank you|subscri|newsletter|cookie|image copyright|image caption|skip ad|getty images|"
                         r"click here|sign up|all rights reserved|follow us|read more|p(?<=(?<!\w)p)hoto\b|embed|"
                         r"opens in new window|invalid email|try again later|play now|video will start|autoplay")
ALPHA_WORD = re.compile(r"[^\W\d_]+")
QUOTE = re.compile('["“”]')
MAX_WHO_TOKENS = 5
NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
SPEECH = frozenset({"say", "tell", "report", "announce", "state", "add", "claim"})
WHEN_TYPES = frozenset({"DATE", "TIME"})
CAUSE_MARKS = frozenset({"because", "as", "since", "after"})
CAUSE_PREPS = frozenset({"over", "because", "due", "amid", "after", "for"})
WORD = re.compile(r"[a-z0-9]+")
DATE_VALUE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
PLACE_PREPS = frozenset({"in", "at", "outside", "near", "inside", "into"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
ARGUMENT_PREPS = frozenset({"into", "onto", "on", "for", "to", "against", "from", "off", "over", "with"})  # after an object
NP_PREPS = frozenset({"of", "between", "into", "on", "over", "against", "from", "among", "with"})  # inside a noun phrase
OBJECTS = frozenset({"dobj", "attr", "acomp", "oprd", "dative"})
NP_LEFT = frozenset({"det", "predet", "amod", "compound", "nummod", "quantmod", "poss", "nmod", "case", "advmod", "npadvmod"})
TIME_WORDS = frozenset({"today", "yesterday", "tonight", "now", "recently", "later", "earlier", "again", "also",
                        "still", "already", "just", "then"})
CLOCK = re.compile(r"\b(?:\d{1,2}(?:[.:]\d{2})? ?[ap]\.?m\b\.?|\d{1,2}[.:][0-5]\d\b(?![.:,]\d)|noon|midnight)", re.I)
CLOCK_GAP = re.compile(r"^\s*(?:local time\s*)?(?:on|of|,)?\s*$", re.I)  # "6am on Monday", "11am local time on Sunday"
MAX_CLOCK_GAP = 20
VERB_POS = frozenset({"VERB", "AUX"})
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
    the first words there match the headline's words with F1 >= 0.8."""
    found = list(WORD.finditer(lowered, cut, len(lowered) if endpos is None else endpos))[:len(heading) + 3]
    best, end = 0.0, cut
    want = collections.Counter(heading)
    for k in range(max(1, len(heading) - 3), len(found) + 1):
        common = sum((collections.Counter(m.group() for m in found[:k]) & want).values())
        f1 = 2 * common / (k + len(heading))
        if f1 > best:
            best, end = f1, found[k - 1].end()
    return end if best >= 0.8 else cut


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


def subject_of(verb: Token) -> Token | None:
    """Return the doer of a predicate: subject, or agent of a passive, or the passive subject."""
    passive = None
    for c in verb.children:
        dep = c.dep_
        if dep in ("nsubj", "csubj"):
            return c
        if dep == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
        elif dep == "nsubjpass" and passive is None:
            passive = c
    if passive is not None:
        return passive
    if verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
        return subject_of(verb.head)
    return None


def phrase(tok: Token, limit: int = MAX_WHO_TOKENS) -> tuple[int, int]:
    """Return a short noun phrase around ``tok``: the named entity holding it, else head with left modifiers."""
    if tok.ent_type_ in NAMED:
        start, end = tok.i, tok.i + 1
        while start > 0 and tok.doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(tok.doc) and tok.doc[end].ent_iob_ == "I":
            end += 1
        return start, end
    start = tok.i
    for child in sorted(tok.lefts, key=lambda t: -t.i):
        if child.dep_ in ("det", "predet") and child.lower_ in ("the", "a", "an"):
            break
        if child.dep_ in ("compound", "amod", "nummod", "quantmod", "det", "poss", "nmod", "advmod"):
            start = child.left_edge.i
    end = tok.i + 1
    for child in tok.rights:  # "Dozens of rescuers"
        if child.dep_ == "prep" and child.lower_ == "of" and tok.like_num or tok.lower_ in ("dozens", "hundreds", "thousands"):
            end = child.right_edge.i + 1
        break
    start = max(start, end - limit)
    return start, end


def noun_phrase_end(tok: Token) -> int:
    """Return where the noun phrase headed by ``tok`` ends: its "of"/"between"/... phrase kept,
    relative clauses, appositions and anything after a comma left out."""
    end = tok.i + 1
    for child in tok.rights:
        dep = child.dep_
        if dep in ("compound", "amod", "nummod", "case"):
            end = child.i + 1
        elif dep == "prep" and child.lower_ in NP_PREPS:
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.ent_type_ not in WHEN_TYPES:
                end = noun_phrase_end(obj)
            break
        else:
            break
    return min(end, tok.i + MAX_NP_TOKENS)


def temporal(tok: Token) -> bool:
    """Return whether a complement states time ("on Monday", "for the first time", "today")."""
    if tok.lower_ in TIME_WORDS or tok.ent_type_ in WHEN_TYPES:
        return True
    obj = next((g for g in tok.children if g.dep_ == "pobj"), None)
    return obj is not None and (obj.ent_type_ in WHEN_TYPES or obj.lower_ in ("time", "moment"))


def predicate_span(verb: Token) -> tuple[int, int]:
    """Return the predicate: negation, verb, particle, then its object or complement trimmed to its noun
    phrase, or (without one) its first non-temporal prepositional phrase; an infinitive it governs
    ("vowed to rebuild the bridge") carries on the phrase."""
    start = verb.i
    for child in verb.lefts:
        if child.dep_ == "neg" and child.i >= verb.i - 2:
            start = child.i
    end = verb.i + 1
    has_object = has_prep = False
    for child in verb.rights:
        dep = child.dep_
        if child.i > end + 1 and dep != "prep" and not (dep in OBJECTS or dep == "xcomp"):
            break
        if dep == "prt" or dep == "neg":
            end = child.i + 1
        elif dep in OBJECTS and not has_object and not temporal(child):
            end = noun_phrase_end(child)
            has_object = True
        elif dep == "xcomp" and child.pos_ in VERB_POS and not has_prep:
            x_start, x_end = predicate_span(child)
            if x_start == child.i and child.left_edge.i >= end:
                end = x_end
            break
        elif dep in ("prep", "agent") and not has_prep and not temporal(child) and (
                not has_object or child.lower_ in ARGUMENT_PREPS and child.i == end):
            obj = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
            if obj is None:
                break
            pp_end = noun_phrase_end(obj) if obj.dep_ == "pobj" else min(obj.right_edge.i + 1, obj.i + 4)
            if pp_end - start > MAX_WHAT_TOKENS and has_object:  # no half phrase after a whole object
                break
            end = pp_end
            has_prep = True
        elif dep in ("punct", "cc", "conj", "advcl", "ccomp", "relcl", "mark") or has_prep:
            break
    return start, min(end, start + MAX_WHAT_TOKENS)


def _span(doc: Doc, start: int, end: int) -> Span | None:
    if end <= start:
        return None
    sp = doc[start:end]
    return Span(sp.text, sp.start_char, sp.end_char)


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
        if subj >= 0:
            near.append(subj)
        shared = shared_words(text, tree, near, words)
        score += WEIGHTS["headline"] * min(len(shared), 5)
        score += WEIGHTS["headline_verb"] if stem(tok.lower_) in words or stem(lemma) in words else 0.0
    if subj < 0 or tree.pos[subj] == tree.ids["PRON"]:
        score -= WEIGHTS["no_subject"]
    return score


def token_at(starts: list[int], offset: int) -> int:
    """Return the index of the token holding character ``offset`` (``starts`` = token offsets)."""
    return max(bisect.bisect_right(starts, offset) - 1, 0)


def cause_span(doc: Doc, verb: Token) -> Span | None:
    """Return a "because ..."/"after ..." clause or "over ..." phrase of the predicate."""
    for child in verb.children:
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CAUSE_MARKS for m in child.children):
            return _span(doc, child.left_edge.i, min(child.right_edge.i + 1, child.left_edge.i + 12))
        if child.dep_ == "prep" and child.lower_ in CAUSE_PREPS and child.lower_ != "for":
            return _span(doc, child.i, min(child.right_edge.i + 1, child.i + 10))
    return None


def manner_span(doc: Doc, verb: Token) -> Span | None:
    """Return the predicate's "by ..."/"with ..." phrase (how it was done), or None."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "with") and not any(g.dep_ == "pobj" and g.ent_type_ == "PERSON"
                                                                              for g in child.children):
            return _span(doc, child.i, min(child.right_edge.i + 1, child.i + 8))
    return None


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
        chunk = text[starts[start]:starts[end]] if end < n else text[starts[start]:]
        in_title = bool({stem(w) for w in WORD.findall(chunk.lower())} & words)
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


def named_mention(actor: Actor, actors: list[Actor]) -> Span | None:
    """Return the first named mention of the one a pronoun actor stands for ("she" -> "Mara Velin"), or None."""
    if not actor.name or actor.name.lower() == actor.text.lower():
        return None
    for other in sorted(actors, key=lambda a: a.start):
        if other.name == actor.name and other.kind != "pronoun":
            return Span(other.text, other.start, other.end)
    return None


def antecedent_mention(pronoun: Token, actors: list[Actor]) -> Span | None:
    """Return the named mention a pronoun token resolves to through the actors stage, or None."""
    covering = next((a for a in actors if a.start <= pronoun.idx < a.end), None)
    return named_mention(covering, actors) if covering is not None else None


def summarize(
    doc: Doc, ctx: Context, *, events: list[Event], times: list[Time], places: list[Place], actors: list[Actor]
) -> Summary | None:
    """Return who/what/when/where/why/how of the article's main event, or None when it has none."""
    text = doc.text
    arr = token_arrays(doc)
    leads = lead_sentences(doc, LEAD_SENTENCES, text=text, title=ctx.title, arr=arr)
    if not leads:
        return None
    words = title_words(ctx.title)
    lead_end = leads[-1].end_char
    starts = arr[1]
    events_at: dict[int, Event] = {}
    for event in events:
        if event.trigger.start < lead_end:
            i = token_at(starts, event.trigger.start)
            j = token_at(starts, max(event.trigger.end - 1, event.trigger.start)) + 1
            events_at.setdefault(i if j == i + 1 else doc[i:j].root.i, event)
    marks = quote_marks(text, lead_end)
    tree = lead_tree(doc, leads[-1].end, arr)
    best = None
    for rank, lead in enumerate(leads):
        for v, main in predicates(doc, tree, lead):
            key = (score_predicate(doc, text, tree, marks, v, main, rank, events_at, words), -v)
            if best is None or key > best[0]:
                best = (key, v, lead)
    _, v, lead = best
    verb = doc[v]
    what = _span(doc, *predicate_span(verb))
    event = events_at.get(verb.i)
    who = None
    subj = subject_of(verb)
    if event is not None and event.actors:
        first = event.actors[0]
        if first.start >= lead.start_char:  # never a stretch of the boilerplate cut off the sentence
            who = (named_mention(first, actors) if first.kind == "pronoun" else None) or Span(first.text, first.start, first.end)
    if who is None and subj is not None:
        who = antecedent_mention(subj, actors) if subj.pos_ == "PRON" else None
        who = who or _span(doc, *phrase(subj))
    order = [lead] + [s for s in leads if s.start != lead.start]
    when = when_span(doc, text, times, order, verb, starts, ctx)
    entities = place_entities(doc, min(s.start for s in leads), max(s.end for s in leads), arr[4], arr[5])
    where = where_span(doc, text, verb, places, order, words, starts, entities, arr[5])
    return Summary(who=who, what=what, when=when, where=where, why=cause_span(doc, verb), how=manner_span(doc, verb))
