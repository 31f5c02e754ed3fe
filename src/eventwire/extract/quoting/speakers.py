"""Speakers: the mention a cue's subject makes, resolved to a named person with title, country and sector.

The actors stage's mentions are used when one overlaps the subject (matched by character offsets);
otherwise the stage resolves on its own: a name in the mention, a surname back to the full name,
a pronoun to the nearest gender-compatible person (the last speaker first, then sentence subjects),
and a bare title ("the spokesman") to the last person who carried it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.attrs import SENT_START
from spacy.tokens import Doc, Span, Token

from ...document import Actor, Speaker
from ..tokens import entity_bounds, entity_tuples
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
    """Resolve cue subjects of one Doc, in text order (it remembers the speakers already met)."""

    def __init__(self, doc: Doc, actors: list[Actor]) -> None:
        self.doc = doc
        self.actors = sorted((a for a in actors or () if a is not None), key=lambda a: a.start)
        flags = doc.to_array([SENT_START]).tolist() if len(doc) else []
        self.sent_starts = [i for i, flag in enumerate(flags) if flag == 1] or [0]
        self.people: list[tuple[int, int, Person]] = []  # (start, end, person) per named mention, in order
        self.speakers: list[tuple[int, Person | None, str | None]] = []  # (sentence, person, gender)
        self._collect_people()

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
        for start, end, label in entity_tuples(self.doc):
            if label != "PERSON" and (label not in ("ORG", "GPE", "NORP") or end - start < 2):
                continue  # the cheap tests of _looks_personal, before any Span is built
            ent = Span(self.doc, start, end, label=label)
            if label != "PERSON" and not _looks_personal(ent, genders):
                continue
            words = [t for t in ent if not t.is_punct]
            while words and words[0].lower_ in HONORIFICS:
                words = words[1:]
            if words and words[-1].lower_ in ("'s", "’s"):
                words = words[:-1]
            if not words:
                continue
            honorific = self.doc[ent.start - 1].lower_ if ent.start > 0 else ""
            name = " ".join(t.text for t in words)
            surname = words[-1].lower_
            known = by_surname.get(surname)
            if known is not None and (len(words) == 1 or known.name == name or " " not in known.name):
                person = known
                if " " not in known.name and len(words) > 1:
                    person.name = name
            else:
                gender = HONORIFIC_GENDER.get(honorific) or (genders.get(words[0].lower_) if len(words) > 1 else None)
                person = Person(name, _title_of(ent.root, ent.start, ent.end), gender, ent.start_char, 0)
                by_surname[surname] = person
            if person.gender is None:
                person.gender = HONORIFIC_GENDER.get(honorific)
            if person.title is None:
                person.title = _title_of(ent.root, ent.start, ent.end)
            sent = self.sent_index(ent.root.i)
            if ent.root.dep_ in ("nsubj", "nsubjpass") or ent.root.head.dep_ in ("nsubj", "nsubjpass"):
                person.subject_sents.add(sent)
            self.people.append((ent.start_char, ent.end_char, person))

    def _person_at(self, start: int, end: int, head: int) -> Person | None:
        """Return the person named in chars [start, end): the one holding char ``head``, else the last."""
        found = None
        for a, b, person in self.people:
            if a >= end:
                break
            if start < b:
                if a <= head < b:
                    return person
                found = person
        return found

    def _actor_at(self, start: int, end: int, head: Token) -> Actor | None:
        best: tuple[int, Actor] | None = None
        for actor in self.actors:
            if actor.start >= end:
                break
            if actor.end <= start:
                continue
            score = (4 if actor.kind == "person" else 0) + (2 if actor.name else 0)
            score += 1 if actor.start <= head.idx < actor.end else 0
            if best is None or score > best[0]:
                best = (score, actor)
        return best[1] if best else None

    # --- resolution -------------------------------------------------------------------------------
    def resolve(self, head_i: int | None) -> Speaker | None:
        """Return the Speaker whose mention has head token ``head_i`` (None: no subject in the text)."""
        if head_i is None:
            return None
        doc = self.doc
        head = _pick_conjunct(doc[head_i])
        if head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ == "relcl" and head.head.head.i != head.i:
            # "Jane Roe, who said ...": the mention is "who", the name is the noun the clause hangs on
            named = self.resolve(head.head.head.i)
            end = head.idx + len(head)
            if named is not None:
                return Speaker(head.text, head.idx, end, named.name, named.title, named.country, named.sector)
            return Speaker(head.text, head.idx, end)
        first, last = mention_bounds(head)
        start, end = doc[first].idx, doc[last].idx + len(doc[last])
        text = doc[first : last + 1].text
        sent = self.sent_index(head.i)
        person: Person | None = None
        gender: str | None = None
        lower = head.lower_
        actor = self._actor_at(start, end, head)
        speaker: Speaker
        if lower in PRONOUN_GENDER or (head.pos_ == "PRON" and lower not in PLURAL_PRONOUNS):
            gender = PRONOUN_GENDER.get(lower)
            if actor is not None and actor.name and actor.name.lower() != lower:
                speaker = Speaker(text, start, end, actor.name, actor.title, actor.country, actor.sector)
                self._remember(sent, self._person_named(actor.name), gender)
                return speaker
            person = self._antecedent(start, sent, gender)
        else:
            person = self._person_at(start, end, head.idx)
            if person is None and head.pos_ == "NOUN" and lower not in PLURAL_PRONOUNS:
                person = self._by_title(head, start, sent)
        if actor is not None and actor.name:
            title = actor.title or (person.title if person else None) or _title_of(head, first, last + 1, own=True)
            speaker = Speaker(text, start, end, actor.name, title, actor.country, actor.sector)
            if person is not None:
                person.country = person.country or actor.country
                person.sector = person.sector or actor.sector
        elif person is not None:
            speaker = Speaker(text, start, end, person.name, person.title, person.country, person.sector)
        else:
            name = _entity_name(doc, first, last, head.i) or _proper_name(head)
            speaker = Speaker(text, start, end, name, _title_of(head, first, last + 1, own=True) if name is None else None)
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

    def _by_title(self, head: Token, char: int, sent: int) -> Person | None:
        """Return the last person before ``char`` whose title holds the noun ``head`` ("the spokesman")."""
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return None
        word = head.lower_
        for s, _e, person in reversed(self.people):
            if s < char and person.title and word in person.title.lower().split():
                return person
        return None


def _looks_personal(ent, genders: dict[str, str]) -> bool:
    """Say whether an entity the NER did not call PERSON is a person's name: "Helena Varga" tagged ORG."""
    if ent.label_ not in ("ORG", "GPE", "NORP") or len(ent) < 2:
        return False  # the cheap tests first
    words = [t for t in ent if not t.is_punct]
    return (
        2 <= len(words) <= 3
        and all(t.pos_ == "PROPN" and t.is_title for t in words)
        and words[0].lower_ in genders
    )


def _pick_conjunct(head: Token) -> Token:
    """Return the conjunct that names a person when a subject is "X and Y" (else ``head``)."""
    if head.ent_type_ == "PERSON":
        return head
    for conj in head.conjuncts:
        if conj.ent_type_ == "PERSON":
            return conj
    return head


def mention_bounds(head: Token) -> tuple[int, int]:
    """Return the first and last token index of the noun phrase headed by ``head`` (no conjuncts, clauses)."""
    first = last = head.i
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            if child.dep_ in MENTION_DROP or (token is head and child.dep_ == "prep" and child.i < head.i):
                continue
            first, last = min(first, child.i), max(last, child.i)
            stack.append(child)
    doc = head.doc
    for i in range(head.i - 1, first - 1, -1):  # never across a line break
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            first = i + 1
            break
    for i in range(head.i, last):
        if "\n" in doc[i].whitespace_ or "\n" in doc[i + 1].text:
            last = i
            break
    return first, last


def _title_of(root: Token, start: int, end: int, *, own: bool = False) -> str | None:
    """Return the role phrase around a name: its modifiers before ``start`` ("French President") or an appositive.

    With ``own`` the mention itself is a title ("the defence minister"): return it without determiners.
    """
    doc = root.doc
    if own:
        words = [t for t in doc[start:end] if t.dep_ not in TITLE_DROP and not t.is_punct]
        if not words or root.pos_ not in ("NOUN",):
            return None
        return doc[words[0].i : words[-1].i + 1].text or None
    i = start - 1  # walk left while the tokens hang below the root (its subtree, without listing it)
    while i >= 0:
        token = doc[i]
        if not root.is_ancestor(token) or token.dep_ in TITLE_DROP or token.is_punct:
            break
        if token.ent_type_ == "PERSON" or token.lower_ in HONORIFICS:
            break
        i -= 1
    if i < start - 1:
        return doc[i + 1 : start].text
    for child in root.children:
        if child.dep_ == "appos" and child.i >= end:
            words = [t for t in child.subtree if t.dep_ not in TITLE_DROP and not t.is_punct and t.dep_ != "relcl"]
            if words and child.pos_ == "NOUN":
                return doc[words[0].i : words[-1].i + 1].text
    return None


def _proper_name(head: Token) -> str | None:
    """Return the run of capitalised proper nouns around ``head`` ("Ana Ruiz" the NER missed), if it is one."""
    if head.pos_ != "PROPN" or not head.is_title:
        return None
    doc = head.doc
    first = last = head.i
    while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].is_title:
        first -= 1
    while last + 1 < len(doc) and doc[last + 1].pos_ == "PROPN" and doc[last + 1].is_title:
        last += 1
    return doc[first : last + 1].text if last > first else None


def _entity_name(doc: Doc, first: int, last: int, head: int | None = None) -> str | None:
    """Return the text of the named entity (organisation, country) heading tokens ``first..last``, if any."""
    for token in doc[first : last + 1]:
        if token.ent_type_ in ("ORG", "GPE", "NORP", "PERSON") and (head is None or token.i == head):
            first, end = entity_bounds(doc, token.i)
            if doc[first].lower_ == "the":
                first += 1
            return doc[first:end].text if end > first else None
    return None
