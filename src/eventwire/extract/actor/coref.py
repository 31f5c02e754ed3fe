"""Resolution of the actors stage: appositions, the article's fill-in country, pronouns and descriptions."""

from __future__ import annotations

import itertools

from spacy.tokens import Doc, Token

from ...document import Actor
from .scope import Scope
from .units import Unit

STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent"})
PLACE_PREPS = frozenset({"in", "at", "near", "inside", "within", "throughout", "across", "around"})
PRONOUN_LOOKBACK_SENTS = 4
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
PLACE_WEIGHT = 0.5
LOOKBACK_MENTIONS = 400  # how far back surnames and descriptions look for their first mention
FEMALE_WORDS = frozenset(
    {"mrs", "ms", "miss", "madam", "madame", "queen", "princess", "duchess", "lady", "dame", "spokeswoman",
     "congresswoman", "chairwoman", "businesswoman", "policewoman", "sister", "mother", "wife", "widow"}
)  # fmt: skip
MALE_WORDS = frozenset(
    {"mr", "sir", "king", "prince", "duke", "lord", "spokesman", "congressman", "chairman", "businessman",
     "policeman", "brother", "father", "husband", "sheikh", "emir", "sultan"}
)  # fmt: skip


def merge_appos(a: Unit, b: Unit) -> None:
    person, desc = (a, b) if a.kind == "person" or (a.name and not b.name) else (b, a)
    if desc.kind in ("pronoun", "country", "place", "capital") or desc is person:
        return
    if person.title is None and not desc.name:
        person.title = (desc.start, desc.end)
    if not person.countries and desc.countries:
        person.countries = list(desc.countries)
    person.sector = person.sector or desc.sector
    person.igo = person.igo or desc.igo
    if person.name and desc.kind == "description":
        desc.name, desc.kind = person.name, "person"
        desc.countries = desc.countries or list(person.countries)


def governor(tok: Token) -> Token:
    """Return the verb ``tok`` is an argument of (the nearest verb above it), or the sentence root."""
    node = tok
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return node


class CountryFill:
    """The country of actors the text leaves unqualified: explicit country evidence weighted by role and
    position. State actors ignore the bare country names that are arguments of their own verb (often the
    other party: "the president threatened Russia"); groups (rebels, protesters) take everything."""

    __slots__ = ("total", "foreign", "located", "sent_countries", "sent_located", "sent_start", "_memo", "_governor",
                 "_score")

    def __init__(self, doc: Doc, units: list[Unit], scope: Scope) -> None:
        total: dict[str, float] = {}  # plain dicts: a Counter's ``+=`` and ``+`` cost more
        located: dict[str, float] = {}
        foreign: dict[int, dict[str, float]] = {}
        sent_countries: dict[int, list[str]] = {}
        self.sent_located: dict[int, str] = {}  # per sentence, the country of its first "in X" place
        self.sent_start = sent_start = scope.sent_start
        self._memo: dict[int, str | None] = {}
        self._governor = scope.governor
        self._score: dict[str, float] | None = None
        first_end = scope.sent_end[0] if len(doc) else 0
        deps = scope.deps
        for u in units:
            if not u.countries:
                continue
            country = u.countries[0][1]
            if u.located:  # "the government of Sindh", "rebels in Darfur": the place counts as a place
                located[country] = located.get(country, 0) + PLACE_WEIGHT
                continue
            h = u.head
            dep = deps[h]
            named = u.kind == "country" or u.kind == "place"
            if named:
                sent_countries.setdefault(sent_start[h], []).append(country)
            w = 1.0 + 2 * (h < first_end) + (dep in SUBJECT_DEPS) + (u.sector in STATE_SECTORS)
            total[country] = total.get(country, 0) + w
            if named and dep != "poss":
                against = foreign.setdefault(scope.governor(h), {})
                against[country] = against.get(country, 0) + w
        lowers, heads = scope.lowers, scope.heads
        for i, place in scope.places.items():
            if place.country and deps[i] == "pobj" and lowers[heads[i]] in PLACE_PREPS:
                located[place.country] = located.get(place.country, 0) + PLACE_WEIGHT
                sent_countries.setdefault(sent_start[i], []).append(place.country)
                self.sent_located.setdefault(sent_start[i], place.country)
        self.total = total
        self.located = located
        self.foreign = foreign
        self.sent_countries = sent_countries

    def country(self, i: int, state: bool) -> str | None:
        """Return the fill-in country for an actor at token ``i`` (``state``: a government-type actor)."""
        key = self._governor(i) if state else -1
        if key not in self._memo:
            if self._score is None:
                self._score = _positive_sum(self.total, self.located)
            # ``(score - foreign).most_common(1)``: the first country with the highest positive score
            less = self.foreign.get(key, {}) if state else {}
            best, best_weight = None, 0.0
            for country, weight in self._score.items():
                weight -= less.get(country, 0)
                if weight > best_weight:
                    best, best_weight = country, weight
            self._memo[key] = best
        return self._memo[key]

    def local_country(self, i: int) -> str | None:
        """Return the country of the place where token ``i``'s sentence says things happen ("in X"), if any."""
        return self.sent_located.get(self.sent_start[i])

    def other_country(self, i: int, not_this: str) -> str | None:
        """Return the first country named in token ``i``'s sentence other than ``not_this``."""
        return next((c for c in self.sent_countries.get(self.sent_start[i], ()) if c != not_this), None)


def _positive_sum(a: dict[str, float], b: dict[str, float]) -> dict[str, float]:
    """Return ``Counter(a) + Counter(b)`` as a dict: the sums, in that order, of the keys whose sum is
    positive."""
    out = {}
    for key, value in a.items():
        value += b.get(key, 0)
        if value > 0:
            out[key] = value
    for key, value in b.items():
        if key not in a and value > 0:
            out[key] = value
    return out


def gender(actor: Actor) -> str | None:
    """Return "f" or "m" when a mention's title or honorific says so ("Queen", "spokesman", "Mrs"), else None."""
    words = ((actor.title or "") + " " + actor.text).lower().replace(".", " ").split()
    if any(w in FEMALE_WORDS for w in words):
        return "f"
    if any(w in MALE_WORDS for w in words):
        return "m"
    return None


def antecedent_person(scope: Scope, pron_i: int, history: list[tuple[Unit, Actor]]) -> Actor | None:
    """Return the person a pronoun refers to: the subject person of the nearest earlier sentence first."""
    deps = scope.deps
    other = "m" if scope.lowers[pron_i] in ("she", "her") else "f"
    s_start = scope.sent_start[pron_i]
    for _ in range(PRONOUN_LOOKBACK_SENTS):
        s_end = scope.sent_end[s_start]
        earlier = [
            (u, a) for u, a in _recent(history, s_start) if s_start <= u.head < s_end and u.head < pron_i
        ]
        cands = [c for c in earlier if c[1].kind == "person" and c[1].name]
        cands = cands or [c for c in earlier if c[1].kind == "description"]
        cands = [c for c in cands if gender(c[1]) != other]
        if cands:
            subj = [c for c in cands if deps[c[0].head] in SUBJECT_DEPS]
            return (subj[0] if subj else cands[-1])[1]
        if s_start == 0:
            break
        s_start = scope.sent_start[s_start - 1]
    return None


def antecedent_group(
    scope: Scope,
    pron_i: int,
    history: list[tuple[Unit, Actor]],
    kinds: tuple[str, ...] = ("group", "org", "country"),
    plural: bool = False,
) -> Actor | None:
    """Return what "they" (or "it", with ``kinds``) refers to: the nearest earlier mention of those kinds
    in this or the previous sentence, subjects first; with ``plural``, plural noun phrases before others."""
    deps = scope.deps
    s_start = scope.sent_start[pron_i]
    for _ in range(2):
        earlier = [
            (u, a)
            for u, a in _recent(history, s_start)
            if s_start <= u.head < min(pron_i, scope.sent_end[s_start]) and a.kind in kinds
        ]
        if plural:  # "they": a plural noun phrase before a singular name ("Uganda paid the nationals they ...")
            earlier = [c for c in earlier if scope.tags[c[0].head] in PLURAL_TAGS] or earlier
        if earlier:
            subj = [c for c in earlier if deps[c[0].head] in SUBJECT_DEPS]
            return (subj[-1] if subj else earlier[-1])[1]
        if s_start == 0:
            break
        s_start = scope.sent_start[s_start - 1]
    return None


def _recent(history: list[tuple[Unit, Actor]], since: int) -> list[tuple[Unit, Actor]]:
    """Return the mentions of ``history`` (in text order) whose head is at or after token ``since``."""
    k = len(history)
    while k > 0 and history[k - 1][0].head >= since:
        k -= 1
    return history[k:]


def same_person(name: str, history: list[tuple[Unit, Actor]]) -> Actor | None:
    last = name.split()[-1]
    for _, a in itertools.islice(reversed(history), LOOKBACK_MENTIONS):
        if a.kind == "person" and a.name and a.name != name and a.name.split()[-1] == last:
            return a
    return None


def description_antecedent(word: str, history: list[tuple[Unit, Actor]]) -> Actor | None:
    """Return the last mention whose title or text holds the description's head noun ``word`` (lower case,
    "the president")."""
    for _, a in itertools.islice(reversed(history), LOOKBACK_MENTIONS):
        if a.kind == "pronoun":
            continue
        holder = (a.title or "") + " " + (a.text if a.kind != "person" else "")
        if word in holder.lower().split():
            return a
    return None
