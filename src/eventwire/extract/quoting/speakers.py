"""Speakers: the mention a cue's subject makes, resolved to a named person with title, country and sector.

The actors stage's mentions are used when one overlaps the subject (matched by character offsets);
otherwise the stage resolves on its own: a name in the mention, a surname back to the full name,
a pronoun to the nearest gender-compatible person (the last speaker first, then sentence subjects),
and a bare title ("the spokesman") to the last person who carried it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from itertools import islice

from spacy.tokens import Doc

from ...document import Actor, Speaker
from ..tokens import TokenTable, is_punct_text, span_root, subtree, table_entities, token_table
from .lexicon import first_name_genders

MENTION_DROP = frozenset({"conj", "cc", "appos", "relcl", "acl", "advcl", "punct", "preconj"})
TITLE_DROP = frozenset({"det", "poss", "case", "punct", "predet"})
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
PLURAL_PRONOUNS = frozenset({"they", "them", "we", "us", "i", "me", "you", "it"})
HONORIFIC_GENDER = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f",
                    "sir": "m", "madam": "f", "lady": "f", "lord": "m"}  # fmt: skip
HONORIFICS = frozenset(HONORIFIC_GENDER) | frozenset({"dr", "dr.", "prof", "prof.", "sen", "sen.", "rep", "rep.",
                                                       "gov", "gov.", "gen", "gen.", "col", "col.", "lt", "lt."})  # fmt: skip
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
RECENT_SPEAKER_SENTS = 6  # a pronoun looks back this many sentences for the last speaker
NAME_LOOKBACK_SENTS = 12


@dataclass(slots=True)
class Person:
    """A named person seen so far: canonical name, title, gender (m/f/None), last mention, speaker or subject."""

    name: str
    title: str | None
    gender: str | None
    last_char: int
    last_sent: int
    country: str | None = None
    sector: str | None = None
    subject_sents: set[int] = field(default_factory=set)


class SpeakerResolver:
    """Resolve cue subjects of one Doc, in text order (it remembers the speakers already met).

    ``table`` is ``token_table(doc)`` when the caller has it.
    """

    def __init__(self, doc: Doc, actors: list[Actor], table: TokenTable | None = None) -> None:
        self.doc = doc
        self.t = t = table if table is not None else token_table(doc)
        self.actors = sorted((a for a in actors or () if a is not None), key=lambda a: a.start)
        # the tokens whose SENT_START is 1 (the first one too when it has it, as the parser sets it)
        self.sent_starts = (t.sent_start if len(doc) and doc[0].is_sent_start else t.sent_start[1:]) or [0]
        self.people: list[tuple[int, int, Person]] = []  # (start, end, person) per named mention, in order
        self.speakers: list[tuple[int, Person | None, str | None]] = []  # (sentence, person, gender)
        self._collect_people()
        # to skip, by bisection, the mentions and actors that end before a span: their starts and longest length
        self.people_starts = [a for a, _b, _p in self.people]
        self.people_reach = max((b - a for a, b, _p in self.people), default=0)
        self.actor_starts = [a.start for a in self.actors]
        self.actor_reach = max((a.end - a.start for a in self.actors), default=0)

    def sent_index(self, token_i: int) -> int:
        """Return the number of the sentence holding token ``token_i``."""
        return max(0, bisect.bisect_right(self.sent_starts, token_i) - 1)

    def sent_start_of(self, token_i: int) -> int:
        """Return the first token of the sentence holding token ``token_i`` (as ``doc[token_i].sent.start``)."""
        k = bisect.bisect_right(self.sent_starts, token_i) - 1
        return self.sent_starts[k] if k >= 0 else 0

    # --- people mentioned in the text -------------------------------------------------------------
    def _collect_people(self) -> None:
        by_surname: dict[str, Person] = {}
        genders = first_name_genders()
        t = self.t
        texts, lowers, deps, heads = t.texts, t.lowers, t.deps, t.heads
        for start, end, label in table_entities(self.doc, t):
            if label != "PERSON" and (label not in ("ORG", "GPE", "NORP") or end - start < 2):
                continue  # the cheap tests of _looks_personal first
            words = [k for k in range(start, end) if not is_punct_text(texts[k])]
            if label != "PERSON" and not _looks_personal(t, words, genders):
                continue
            while words and lowers[words[0]] in HONORIFICS:
                words = words[1:]
            if words and lowers[words[-1]] in ("'s", "’s"):
                words = words[:-1]
            if not words:
                continue
            honorific = lowers[start - 1] if start > 0 else ""
            name = " ".join([texts[k] for k in words])
            surname = lowers[words[-1]]
            root = span_root(t, start, end)
            known = by_surname.get(surname)
            if known is not None and (len(words) == 1 or known.name == name or " " not in known.name):
                person = known
                if " " not in known.name and len(words) > 1:
                    person.name = name
            else:
                gender = HONORIFIC_GENDER.get(honorific) or (genders.get(lowers[words[0]]) if len(words) > 1 else None)
                person = Person(name, _title_of(t, root, start, end), gender, t.idx[start], 0)
                by_surname[surname] = person
                known = None  # its title is this mention's already
            if person.gender is None:
                person.gender = HONORIFIC_GENDER.get(honorific)
            if person.title is None and known is not None:
                person.title = _title_of(t, root, start, end)
            if deps[root] in ("nsubj", "nsubjpass") or deps[heads[root]] in ("nsubj", "nsubjpass"):
                person.subject_sents.add(self.sent_index(root))
            self.people.append((t.idx[start], t.ends[end - 1], person))

    def _person_at(self, start: int, end: int, head: int) -> Person | None:
        """Return the person named in chars [start, end): the one holding char ``head``, else the last."""
        found = None
        first = bisect.bisect_right(self.people_starts, start - self.people_reach)  # those before end earlier
        for a, b, person in islice(self.people, first, None):
            if a >= end:
                break
            if start < b:
                if a <= head < b:
                    return person
                found = person
        return found

    def _actor_at(self, start: int, end: int, head_char: int) -> Actor | None:
        best: tuple[int, Actor] | None = None
        first = bisect.bisect_right(self.actor_starts, start - self.actor_reach)  # those before end earlier
        for actor in islice(self.actors, first, None):
            if actor.start >= end:
                break
            if actor.end <= start:
                continue
            score = (4 if actor.kind == "person" else 0) + (2 if actor.name else 0)
            score += 1 if actor.start <= head_char < actor.end else 0
            if best is None or score > best[0]:
                best = (score, actor)
        return best[1] if best else None

    # --- resolution -------------------------------------------------------------------------------
    def resolve(self, head_i: int | None) -> Speaker | None:
        """Return the Speaker whose mention has head token ``head_i`` (None: no subject in the text)."""
        if head_i is None:
            return None
        t = self.t
        heads = t.heads
        head = _pick_conjunct(self.doc, t, head_i)
        lower = t.lowers[head]
        if lower in RELATIVE_PRONOUNS and t.deps[heads[head]] == "relcl" and heads[heads[head]] != head:
            # "Jane Roe, who said ...": the mention is "who", the name is the noun the clause hangs on
            named = self.resolve(heads[heads[head]])
            start, end = t.idx[head], t.ends[head]
            if named is not None:
                return Speaker(t.texts[head], start, end, named.name, named.title, named.country, named.sector)
            return Speaker(t.texts[head], start, end)
        first, last = mention_bounds(t, head)
        start, end = t.idx[first], t.ends[last]
        text = t.text[start:end]
        sent = self.sent_index(head)
        person: Person | None = None
        gender: str | None = None
        pos = t.pos[head]
        actor = self._actor_at(start, end, t.idx[head])
        speaker: Speaker
        if lower in PRONOUN_GENDER or (pos == "PRON" and lower not in PLURAL_PRONOUNS):
            gender = PRONOUN_GENDER.get(lower)
            if actor is not None and actor.name and actor.name.lower() != lower:
                speaker = Speaker(text, start, end, actor.name, actor.title, actor.country, actor.sector)
                self._remember(sent, self._person_named(actor.name), gender)
                return speaker
            person = self._antecedent(start, sent, gender)
        else:
            person = self._person_at(start, end, t.idx[head])
            if person is None and pos == "NOUN" and lower not in PLURAL_PRONOUNS:
                person = self._by_title(head, start, sent)
        if actor is not None and actor.name:
            title = actor.title or (person.title if person else None) or _title_of(t, head, first, last + 1, own=True)
            speaker = Speaker(text, start, end, actor.name, title, actor.country, actor.sector)
            if person is not None:
                person.country = person.country or actor.country
                person.sector = person.sector or actor.sector
        elif person is not None:
            speaker = Speaker(text, start, end, person.name, person.title, person.country, person.sector)
        else:
            name = _entity_name(t, first, last, head) or _proper_name(t, head)
            speaker = Speaker(text, start, end, name, _title_of(t, head, first, last + 1, own=True) if name is None else None)
        self._remember(sent, person, gender or (person.gender if person else None))
        return speaker

    def person_before(self, char: int, reach: int) -> Speaker | None:
        """Return the last named person mentioned within ``reach`` characters before ``char``, as a Speaker."""
        found = None
        for start, end, person in self.people:
            if end > char:
                break
            if char - end <= reach:
                found = (start, end, person)
        if found is None:
            return None
        start, end, person = found
        span = self.doc.char_span(start, end)
        text = span.text if span is not None else person.name
        return Speaker(text, start, end, person.name, person.title, person.country, person.sector)

    def remember(self, sent: int, speaker: Speaker | None) -> None:
        """Record ``speaker`` as the last one met in sentence ``sent`` (for a later "he said")."""
        if speaker is not None and speaker.name:
            self._remember(sent, self._person_named(speaker.name), None)

    def _remember(self, sent: int, person: Person | None, gender: str | None) -> None:
        if person is not None and person.gender is None and gender is not None:
            person.gender = gender
        self.speakers.append((sent, person, gender))

    def _person_named(self, name: str) -> Person | None:
        for _a, _b, person in self.people:
            if person.name == name:
                return person
        return None

    def _antecedent(self, char: int, sent: int, gender: str | None) -> Person | None:
        """Return the person a he/she at ``char`` most likely refers to: one of that gender first, then any."""
        if gender is not None:
            strict = self._search(char, sent, lambda p: p is not None and p.gender == gender)
            if strict is not None:
                return strict
        return self._search(char, sent, lambda p: p is not None and (gender is None or p.gender in (None, gender)))

    def _search(self, char: int, sent: int, fits) -> Person | None:
        """Return the last fitting speaker nearby, else the nearest fitting sentence subject, else any fitting name."""

        for spoke_in, person, _g in reversed(self.speakers):
            if sent - spoke_in > RECENT_SPEAKER_SENTS:
                break
            if fits(person):
                return person
        seen: list[tuple[int, Person]] = [(s, p) for s, e, p in self.people if e <= char]
        for back in range(0, NAME_LOOKBACK_SENTS):
            target = sent - back
            subjects = [p for _s, p in seen if target in p.subject_sents and fits(p)]
            if subjects:
                return subjects[-1]
        for _s, person in reversed(seen):
            if fits(person):
                return person
        return None

    def _by_title(self, head: int, char: int, sent: int) -> Person | None:
        """Return the last person before ``char`` whose title holds the noun at token ``head`` ("the spokesman")."""
        t = self.t
        if not any(t.deps[c] == "det" and t.lowers[c] == "the" for c in t.children[head]):
            return None
        word = t.lowers[head]
        for s, _e, person in reversed(self.people):
            if s < char and person.title and word in person.title.lower().split():
                return person
        return None


def _text(t: TokenTable, start: int, end: int) -> str:
    """Return ``doc[start:end].text`` (empty when ``end`` <= ``start``)."""
    return t.text[t.idx[start] : t.ends[end - 1]] if end > start else ""


def _looks_personal(t: TokenTable, words: list[int], genders: dict[str, str]) -> bool:
    """Say whether an entity the NER did not call PERSON (its tokens ``words`` less punctuation) is a
    person's name: "Helena Varga" tagged ORG."""
    return (
        2 <= len(words) <= 3
        and all(t.pos[k] == "PROPN" and t.texts[k].istitle() for k in words)
        and t.lowers[words[0]] in genders
    )


def _pick_conjunct(doc: Doc, t: TokenTable, head: int) -> int:
    """Return the conjunct that names a person when a subject is "X and Y" (else ``head``)."""
    if t.ent_types[head] == "PERSON":
        return head
    for conj in doc[head].conjuncts:
        if conj.ent_type_ == "PERSON":
            return conj.i
    return head


def mention_bounds(t: TokenTable, head: int) -> tuple[int, int]:
    """Return the first and last token index of the noun phrase headed by token ``head`` (no conjuncts,
    clauses, or line breaks)."""
    deps, children, texts = t.deps, t.children, t.texts
    first = last = head
    stack = [head]
    while stack:
        token = stack.pop()
        for child in children[token]:
            if deps[child] in MENTION_DROP or (token == head and deps[child] == "prep" and child < head):
                continue
            first, last = min(first, child), max(last, child)
            stack.append(child)
    for i in range(head - 1, first - 1, -1):  # never across a line break (a token's own space is one " ")
        if "\n" in texts[i]:
            first = i + 1
            break
    for i in range(head, last):
        if "\n" in texts[i + 1]:
            last = i
            break
    return first, last


def _is_ancestor(heads: list[int], root: int, i: int) -> bool:
    """Return True when token ``root`` is above token ``i`` in the tree (``Token.is_ancestor``)."""
    for _ in range(len(heads)):
        if heads[i] == i:
            return False
        i = heads[i]
        if i == root:
            return True
    return False


def _title_of(t: TokenTable, root: int, start: int, end: int, *, own: bool = False) -> str | None:
    """Return the role phrase around a name: its modifiers before ``start`` ("French President") or an appositive.

    With ``own`` the mention itself is a title ("the defence minister"): return it without determiners.
    """
    deps, texts = t.deps, t.texts
    if own:
        words = [k for k in range(start, end) if deps[k] not in TITLE_DROP and not is_punct_text(texts[k])]
        if not words or t.pos[root] != "NOUN":
            return None
        return _text(t, words[0], words[-1] + 1) or None
    i = start - 1  # walk left while the tokens hang below the root (its subtree, without listing it)
    while i >= 0:
        if not _is_ancestor(t.heads, root, i) or deps[i] in TITLE_DROP or is_punct_text(texts[i]):
            break
        if t.ent_types[i] == "PERSON" or t.lowers[i] in HONORIFICS:
            break
        i -= 1
    if i < start - 1:
        return _text(t, i + 1, start)
    for child in t.children[root]:
        if deps[child] == "appos" and child >= end:
            words = [k for k in subtree(t, child)
                     if deps[k] not in TITLE_DROP and not is_punct_text(texts[k]) and deps[k] != "relcl"]
            if words and t.pos[child] == "NOUN":
                return _text(t, words[0], words[-1] + 1)
    return None


def _proper_name(t: TokenTable, head: int) -> str | None:
    """Return the run of capitalised proper nouns around token ``head`` ("Ana Ruiz" the NER missed), if it is one."""
    pos, texts = t.pos, t.texts
    if pos[head] != "PROPN" or not texts[head].istitle():
        return None
    first = last = head
    while first > 0 and pos[first - 1] == "PROPN" and texts[first - 1].istitle():
        first -= 1
    while last + 1 < len(texts) and pos[last + 1] == "PROPN" and texts[last + 1].istitle():
        last += 1
    return _text(t, first, last + 1) if last > first else None


def _entity_name(t: TokenTable, first: int, last: int, head: int | None = None) -> str | None:
    """Return the text of the named entity (organisation, country) heading tokens ``first..last``, if any."""
    iobs = t.ent_iobs
    for i in range(first, last + 1):
        if t.ent_types[i] in ("ORG", "GPE", "NORP", "PERSON") and (head is None or i == head):
            start, end = i, i + 1  # the entity holding it, by its IOB tags
            while start > 0 and iobs[start] == "I":
                start -= 1
            while end < len(iobs) and iobs[end] == "I":
                end += 1
            if t.lowers[start] == "the":
                start += 1
            return _text(t, start, end) if end > start else None
    return None
