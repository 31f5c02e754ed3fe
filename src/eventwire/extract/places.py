"""Stage: toponyms found and resolved against the offline gazetteer; where each event happened.

``find_toponyms`` finds the mentions (spaCy GPE/LOC/FAC, gazetteer names in context, "Fort X",
"X Oblast", "in <ORG-tagged place>", places inside organisation names), ``geo.rank.resolve`` picks
their readings, ``place_role`` tells a place from a government named by its seat ("Moscow warned",
"the Kremlin"); a place inside an organisation's name ("the Ohio Department of Health") gets role
``organisation``.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from itertools import compress
from typing import NamedTuple

from spacy.tokens import Doc

from ..document import Place
from ..geo.countries import capitals, country_code
from ..geo.locale import home_countries
from ..geo.names import name_key
from ..geo.rank import Mention, resolve
from ..geo.store import Candidate, Gazetteer, LayeredGazetteer, default_gazetteer, iso3_table, user_gazetteer
from ..resources import cached, iter_tsv
from .context import Context, table_of, text_of
from .locate import dominant_place, event_location
from .tokens import Entity, TokenTable, span_root, table_entities, token_table

__all__ = ["dominant_place", "event_location", "extract_places", "find_toponyms", "org_toponyms", "resolve_toponyms"]

NOT_PLACE_LABELS = {"PERSON", "ORG", "NORP", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL",
                    "QUANTITY", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE", "PRODUCT"}  # fmt: skip
PLACE_LABELS = {"GPE", "LOC", "FAC", "ORG", "PERSON"}  # the entity labels a place may wear
LOCATIVE_PREPS = {"in", "at", "near", "from", "to", "into", "outside", "inside", "across", "throughout",
                  "toward", "towards", "around", "within", "through", "between"}  # fmt: skip
MIN_CONTEXT_POPULATION = 15_000  # an untagged, unprompted city name must be at least this big
CONTEXT_FEATURES = {"country", "admin1", "continent", "region", "sea"}
WORLD_FEATURES = {"country", "continent", "region", "sea"}
MAX_NAME_TOKENS = 4
NAME_POS = {"PROPN", "NOUN", "ADJ", "VERB"}  # a name the gazetteer scan may start on
ENTITY_ADMIN2_WORDS = (" County", " Parish", " Borough")
MIN_WORD_PLACE_POPULATION = 50_000  # an English word is read as a town only when the town is this big
MIN_PERSON_POPULATION = 100_000  # a PERSON-tagged word read as a city must be a big one
MIN_LAST_WORD_POPULATION = 100_000  # an English word ending an organisation's name is a place only if this big
PERSON_TITLES = {"mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "president", "judge", "coach", "sgt", "lt",
                 "capt", "gen", "col", "officer", "deputy", "minister", "mayor", "sheriff", "pastor", "rev"}


class Toponym(NamedTuple):
    """A found mention: token range, the look-up ``mention`` and how it was found (a tuple: a frozen
    dataclass costs several times as much to make, for each of an article's dozens)."""

    start_i: int
    end_i: int
    mention: Mention
    source: str


@functools.lru_cache(maxsize=1 << 16)
def _is_name(word: str) -> bool:
    """Return True for a title-case word or an all-capitals word of 2+ letters (spaCy's IS_TITLE, IS_UPPER,
    IS_ALPHA and LENGTH, which test the text the same way)."""
    return word.istitle() or (word.isupper() and len(word) > 1 and word.isalpha())


def _span_text(t: TokenTable, start: int, end: int) -> str:
    """Return the text of tokens ``start:end`` (as ``doc[start:end].text``)."""
    return t.text[t.idx[start] : t.ends[end - 1]]


class _People(NamedTuple):
    """The words of the PERSON entities: all of them, and those of names of several words."""

    words: frozenset[str]
    long_words: frozenset[str]

    @classmethod
    def of(cls, words: Sequence[str], ents: Sequence[Entity]) -> _People:
        persons = [e for e in ents if e.label == "PERSON"]
        return cls(frozenset(words[k] for e in persons for k in range(e.start, e.end)),
                   frozenset(words[k] for e in persons if e.end - e.start > 1 for k in range(e.start, e.end)))


@cached
def metonyms() -> dict[str, Candidate]:
    """Return name key → entry of the seats of government that stand for a government ("the Kremlin")."""
    iso3 = iso3_table()
    table = {}
    for names, cc, lat, lon in iter_tsv("geo/metonyms.tsv"):
        first = names.split("|")[0]
        entry = Candidate(-1, None, first, cc, iso3.get(cc), None, None, float(lat), float(lon), 0, "seat", True)
        for name in names.split("|"):
            table[name_key(name)] = entry
    return table


@cached
def feature_rules() -> tuple[tuple[str, str, str, bool], ...]:
    """Return (kind, word, feature, strip) name patterns, longest words first."""
    rows = [(k, w, f, s == "1") for k, w, f, s in iter_tsv("geo/features.tsv")]
    return tuple(sorted(rows, key=lambda r: -len(r[1])))


@functools.lru_cache(maxsize=1 << 14)
def _hint(text: str) -> tuple[str | None, str | None]:
    """Return the feature a name's wording implies and the name without that word, if the word can go
    ("X Co." gives "X County" as the name to look up)."""
    if text.endswith(" Co."):
        return "admin2", text[:-4] + " County"
    for kind, word, feature, strip in feature_rules():
        if kind == "suffix" and text.endswith(" " + word):
            return feature, text[: -len(word) - 1].strip() if strip else None
        if kind == "prefix" and text.startswith(word + " "):
            return feature, None
    return None, None


def _mention(t: TokenTable, start_i: int, end_i: int) -> Mention:
    start, end = t.idx[start_i], t.ends[end_i - 1]
    text = t.text[start:end]
    hint, stripped = _hint(text)
    return Mention(text, start, end, text, hint, None, stripped)


def _locative(t: TokenTable, start: int, end: int) -> bool:
    """Return True when tokens ``start:end`` are the object of a locative preposition ("in X", "near X")."""
    root = start if end - start == 1 else span_root(t, start, end)
    if t.deps[root] == "pobj":
        return t.lowers[t.heads[root]] in LOCATIVE_PREPS
    return start > 0 and t.lowers[start - 1] in LOCATIVE_PREPS


def _known_place(gazetteer: Gazetteer, text: str, *, prompted: bool) -> bool:
    for c in gazetteer.candidates(text):
        if not c.main and c.feature not in CONTEXT_FEATURES:  # town aliases are noisy; "Ga.", "Mideast" are not
            continue
        if c.feature in CONTEXT_FEATURES or c.population >= MIN_CONTEXT_POPULATION or prompted:
            return True
    return False


def _misjoined(t: TokenTable, start: int, end: int) -> bool:
    """Return True for a name entity (tokens ``start:end``) that runs over a preposition joining two
    names ("Kellby to Harrowgate")."""
    pos, lowers = t.pos, t.lowers
    return any(pos[k] == "ADP" and lowers[k] in LOCATIVE_PREPS for k in range(start + 1, end - 1))


def _major_place(gazetteer: Gazetteer, text: str, n_tokens: int) -> bool:
    """Return True when a whole name is a country, a first-level division or (one word) a sizeable town:
    an ORG tag on it is a mistake."""
    return any(c.main and (c.feature in ("country", "admin1") or n_tokens == 1 and c.population >= MIN_CONTEXT_POPULATION)
               for c in gazetteer.candidates(text))


def _named_feature(text: str) -> bool:
    """Return True when the last word says the name is a place whatever the tagger thought
    ("Anderson County", "Kelley Lane", "Fort Rellin")."""
    hint = _hint(text)[0]
    return hint in ("street", "base") or (hint == "admin2" and text.endswith(ENTITY_ADMIN2_WORDS))


def _mistagged_person(t: TokenTable, i: int, end: int, gazetteer: Gazetteer, people: _People) -> bool:
    """Return True for a PERSON that is a place and nobody's name in this text: a several-word place
    name ("Sioux Falls"), or one word naming a big place with no title before it and no longer PERSON
    holding it."""
    if i > 0 and t.lowers[i - 1].rstrip(".") in PERSON_TITLES:
        return False
    if end - i > 1:
        return any(c.main for c in gazetteer.candidates(_span_text(t, i, end)))
    word = t.texts[i]
    if word in people.long_words:
        return False
    return any(c.main and (c.feature in CONTEXT_FEATURES or c.population >= MIN_PERSON_POPULATION)
               for c in gazetteer.candidates(word))


def _unknown_word(words: Sequence[str], start: int, end: int, gazetteer: Gazetteer) -> bool:
    """Return True for one word (of the Doc's ``words``) the gazetteer does not know and that no ", Region"
    follows: a GPE tag alone on such a word more often marks a person or a company than a place."""
    if end - start != 1 or gazetteer.candidates(words[start]):
        return False
    return end >= len(words) or words[end] != ","


def _person_part(words: Sequence[str], start: int, end: int, gazetteer: Gazetteer, people: _People) -> bool:
    """Return True for an unknown one-word name that is part of a person's name elsewhere ("Mr. Farrin")."""
    if end - start != 1 or gazetteer.candidates(words[start]):
        return False
    return words[start] in people.words


@cached
def english_words() -> frozenset[str]:
    """Return the lower-case English words of the pipeline's lemmatizer index (empty without one)."""
    from ..nlp import load_nlp

    nlp = load_nlp()
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = nlp.get_pipe("lemmatizer").lookups
    if "lemma_index" not in lookups.tables:
        return frozenset()
    return frozenset(w for words in lookups.get_table("lemma_index").values() for w in words)


def _common_word(words: Sequence[str], start: int, end: int, gazetteer: Gazetteer) -> bool:
    """Return True when an unprompted one-word match (tokens ``start:end`` of ``words``) is an English
    word naming no country, region or big town ("Police", "Most", "Union"): a capital letter alone does
    not make it a place, and a province named by a plain word ("Central", "Western") is too rare a
    reading to count."""
    if end - start != 1 or words[start].lower() not in english_words():
        return False
    found = gazetteer.candidates(words[start])
    return not any(c.main and (c.feature in WORLD_FEATURES or c.population >= MIN_WORD_PLACE_POPULATION)
                   and not (c.feature == "admin1" and _generic_admin1(found)) for c in found)


@cached
def suffix_words() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Return the words of the suffix feature rules, grouped by their first word, in rule order."""
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for kind, word, _, _ in feature_rules():
        words = tuple(word.split())
        if kind == "suffix" and words:
            grouped.setdefault(words[0], []).append(words)
    return {first: tuple(rows) for first, rows in grouped.items()}


def _extend_suffix(tokens: Sequence[str], end_i: int) -> int:
    """Return the end of a name (in ``tokens``, the Doc's words) followed by a feature word ("Kharkiv" + "Oblast")."""
    n = len(tokens)
    if end_i < n and tokens[end_i] in suffix_words():
        for words in suffix_words()[tokens[end_i]]:
            stop = end_i + len(words)
            if stop <= n and all(tokens[end_i + k] == w for k, w in enumerate(words) if k):
                return stop
    return end_i


def find_toponyms(
    doc: Doc, gazetteer: Gazetteer, *, orgs: bool = False, table: TokenTable | None = None
) -> list[Toponym]:
    """Return the toponyms of ``doc`` in text order, each with its look-up name and feature hint.

    With ``orgs`` the places named inside organisation names (``org_toponyms``, source ``org``) that
    overlap no other toponym come too. ``table`` is ``token_table(doc)`` when the caller has it.
    """
    t = table if table is not None else token_table(doc)
    words, lowers, n = t.texts, t.lowers, len(t.texts)
    ents = table_entities(doc, t)
    people = _People.of(words, ents)
    found: list[Toponym] = []
    used = [False] * n  # tokens a toponym took, or an entity that is no place holds
    person_words: list[int] = []  # one-word PERSON names that may be a place named elsewhere
    for ent in ents:
        start, end, label = ent
        if label not in PLACE_LABELS:  # a date, a number, a nationality...: never a place, and no place inside
            if label in NOT_PLACE_LABELS and not (end - start > 2 and _misjoined(t, start, end)):
                for i in range(start, end):
                    used[i] = True
            continue
        if lowers[start] == "the":
            start += 1
        if start >= end:
            continue
        if label in ("GPE", "LOC"):
            keep = not _person_part(words, start, end, gazetteer, people) and not (
                label == "GPE" and _unknown_word(words, start, end, gazetteer) and not _locative(t, ent.start, ent.end))
        else:  # FAC, ORG, PERSON
            named, known, known_unprompted, major, common, person_place = _entity_facts(
                gazetteer, _span_text(t, start, end), end - start)
            body = label == "ORG" and common  # "the Alliance", "the Union"
            if label == "FAC":
                keep = named or known
            else:  # a known place only after a locative preposition ("in Kellby"), and two words at most
                keep = named or (ent.end - ent.start <= 2 and known and _locative(t, ent.start, ent.end)
                                 and not (body and start > 0 and lowers[start - 1] == "the"))
            keep = keep or (label == "ORG" and not body and major) or (
                label == "PERSON" and person_place and _mistagged_person(t, start, end, gazetteer, people))
        if not keep:
            if label == "PERSON" and end - start == 1:
                person_words.append(start)
            if label in NOT_PLACE_LABELS and not (ent.end - ent.start > 2 and _misjoined(t, ent.start, ent.end)):
                for i in range(ent.start, ent.end):
                    used[i] = True
            continue
        end = _extend_suffix(words, end)
        found.append(Toponym(start, end, _mention(t, start, end), "ner"))
        for i in range(start, end):
            used[i] = True
    found += _gazetteer_names(t, gazetteer, used)
    named = {name_key(t.mention.name) for t in found}
    if person_words and named:
        found += _place_named_persons(t, person_words, named, people)
    if orgs:
        covered = [False] * (n + 1)
        for topo in found:
            for k in range(topo.start_i, topo.end_i):
                covered[k] = True
        found += [topo for topo in _org_toponyms(t, gazetteer, named, ents) if not any(covered[topo.start_i : topo.end_i])]
    found.sort(key=lambda topo: topo.start_i)
    return _with_qualifiers(words, found)


@functools.lru_cache(maxsize=1 << 14)
def _entity_facts(gazetteer: Gazetteer, text: str, n_tokens: int) -> tuple[bool, bool, bool, bool, bool, bool]:
    """Return what the rules for a FAC, ORG or PERSON entity read from its name alone (the same in every
    article): a seat of government or a name whose last word makes it a place; a place when prompted; a
    place unprompted; a major place (``_major_place``); one common English word (``_common_word``); a
    place a PERSON tag may be wrong on (``_mistagged_person`` can hold only then)."""
    found = gazetteer.candidates(text)
    if n_tokens > 1:
        person_place = any(c.main for c in found)
    else:
        person_place = any(c.main and (c.feature in CONTEXT_FEATURES or c.population >= MIN_PERSON_POPULATION)
                           for c in found)
    return (name_key(text) in metonyms() or _named_feature(text), _known_place(gazetteer, text, prompted=True),
            _known_place(gazetteer, text, prompted=False), _major_place(gazetteer, text, n_tokens),
            _common_word((text,), 0, n_tokens, gazetteer), person_place)


@functools.lru_cache(maxsize=1 << 16)
def _scan_facts(gazetteer: Gazetteer, text: str) -> tuple[bool, bool, bool]:
    """Return what the gazetteer scan reads from a name alone (the same in every article): whether an entry
    has it (or the name less its feature word), and whether it is a known place prompted and unprompted
    (a military base by its wording always is)."""
    hint, stripped = _hint(text)
    if hint == "base":
        return True, True, True
    if not gazetteer.candidates(text) and not (stripped and gazetteer.candidates(stripped)):
        return False, False, False
    known_stripped = bool(stripped) and _known_place(gazetteer, stripped, prompted=True)
    return (True, known_stripped or _known_place(gazetteer, text, prompted=True),
            known_stripped or _known_place(gazetteer, text, prompted=False))


def _gazetteer_names(t: TokenTable, gazetteer: Gazetteer, used: list[bool]) -> list[Toponym]:
    """Return the names the gazetteer knows among the tokens no entity took or blocked (``used``), longest
    first at each token (a capitalised name, prompted by a locative preposition or a feature word unless it
    is a proper noun and no common English word)."""
    words, pos, n = t.texts, t.pos, len(t.texts)
    found: list[Toponym] = []
    resume = 0  # the first token after the last match
    for i in [k for k in compress(range(n), map(_is_name, words)) if pos[k] in NAME_POS and not used[k]]:
        if i < resume:
            continue
        stop, cap = i + 1, min(n, i + MAX_NAME_TOKENS)  # a name ends before the first used token
        while stop < cap and not used[stop]:
            stop += 1
        for j in range(stop, i, -1):
            if not _is_name(words[j - 1]):
                continue
            end = _extend_suffix(words, j)
            listed, known, known_unprompted = _scan_facts(gazetteer, _span_text(t, i, end))
            if not listed:
                continue  # no entry by any name: nothing below could match
            prompted = end > j or _locative(t, i, end)
            if not prompted and (pos[i if end - i == 1 else span_root(t, i, end)] != "PROPN"
                                 or _common_word(words, i, end, gazetteer)):
                continue
            if known if prompted else known_unprompted:
                found.append(Toponym(i, end, _mention(t, i, end), "gazetteer"))
                resume = end
                break
    return found


def _place_named_persons(t: TokenTable, starts: Sequence[int], named: set[str], people: _People) -> list[Toponym]:
    """Return the one-word PERSON entities that are a place the article names elsewhere, used as a
    modifier or after a locative preposition ("Alexandria police", "an Alexandria grand jury"), unless
    the word is part of a longer person's name in the text (one sense per article)."""
    out = []
    for i in starts:
        word = t.texts[i]
        if word in people.long_words or name_key(word) not in named:
            continue
        if t.deps[i] == "compound" or _locative(t, i, i + 1):
            out.append(Toponym(i, i + 1, _mention(t, i, i + 1), "ner"))
    return out


def org_toponyms(doc: Doc, gazetteer: Gazetteer, table: TokenTable | None = None) -> list[Toponym]:
    """Return the places named inside organisation names ("the Mansfield Police Department" → Mansfield).

    They are listed in ``places[]`` with role ``organisation``: resolved like any place (and evidence
    for the others), but no event's location and no actor by themselves. Only names the gazetteer
    knows without a prompt (a country, state or region, or a town of ``MIN_CONTEXT_POPULATION``) and
    that are not English words count. ``table`` is ``token_table(doc)`` when the caller has it.
    """
    t = table if table is not None else token_table(doc)
    return _org_toponyms(t, gazetteer, set(), table_entities(doc, t))


def _org_toponyms(t: TokenTable, gazetteer: Gazetteer, named: set[str], ents: Sequence[Entity]) -> list[Toponym]:
    """Return the places inside organisation names (see ``org_toponyms``); a name in ``named`` (the
    keys of the article's other toponyms) counts whatever its size when it opens the name."""
    out: list[Toponym] = []
    words, pos = t.texts, t.pos
    for ent in ents:
        if ent.label != "ORG" or ent.end - ent.start < 2:
            continue
        i = first = ent.start + (t.lowers[ent.start] == "the")
        run = [0] * (ent.end - first + 1)  # how many name words start at each token of the entity
        for k in range(ent.end - 1, first - 1, -1):
            run[k - first] = run[k - first + 1] + 1 if _is_name(words[k]) else 0
        while i < ent.end:
            match = None
            for j in range(min(ent.end, i + MAX_NAME_TOKENS, i + run[i - first]), i, -1):  # name words only
                if i == first and j == ent.end:
                    continue  # the whole name: the organisation
                text = _span_text(t, i, j)
                if not gazetteer.candidates(text):
                    continue
                if i == first and name_key(text) in named or (
                        not _org_word(words, i, j, gazetteer, last=j == ent.end and i > first and pos[i - 1] != "ADP")
                        and _known_place(gazetteer, text, prompted=False)):
                    match = j
                    break
            if match is None:
                i += 1
                continue
            out.append(Toponym(i, match, _mention(t, i, match), "org"))
            i = match
    return out


def _org_word(words: Sequence[str], start: int, end: int, gazetteer: Gazetteer, *, last: bool = False) -> bool:
    """Return True for one English word (tokens ``start:end`` of ``words``) inside a name that is no
    country or big town ("East", "Central"), or that ends the name after another word and names no big
    place (``last``: "the European Union", "Police Union" name the kind of body; "the University of
    Texas" does not)."""
    if end - start != 1 or words[start].lower() not in english_words():
        return False
    if last:  # unless a country, a region or a big town has the name ("Metro Vancouver", "the Bank of Georgia")
        return not any(c.main and (c.feature in WORLD_FEATURES or c.population >= MIN_LAST_WORD_POPULATION)
                       for c in gazetteer.candidates(words[start]))
    found = gazetteer.candidates(words[start])
    return not any(c.main and (c.feature == "country" or c.feature == "admin1" and not _generic_admin1(found)
                               or c.feature == "city" and c.population >= MIN_WORD_PLACE_POPULATION) for c in found)


def _generic_admin1(found: Sequence[Candidate]) -> bool:
    """Return True when a name is a province in several countries ("Central", "Western", "East"): a
    plain descriptor, not the name of one place ("Georgia", "Texas")."""
    return len({c.country for c in found if c.feature == "admin1" and c.main}) > 1


def _with_qualifiers(words: Sequence[str], found: list[Toponym]) -> list[Toponym]:
    """Attach "City, State" qualifiers: a toponym right after another one and a comma contains it."""
    out = list(found)
    for k in range(len(found) - 1):
        a, b = found[k], found[k + 1]
        if b.start_i == a.end_i + 1 and words[a.end_i] == ",":
            m = a.mention
            out[k] = Toponym(a.start_i, a.end_i, Mention(m.text, m.start, m.end, m.name, m.hint, b.mention.name,
                                                         m.strip_name), a.source)
    return out


def place_role(doc: Doc, topo: Toponym, cand: Candidate | None, table: TokenTable | None = None) -> str:
    """Return ``actor`` when the toponym names a government (seat of government, or a country or capital
    acting as a clause's subject or a possessor), else ``place``. ``table`` is ``token_table(doc)`` when
    the caller has it."""
    if name_key(topo.mention.name) in metonyms():
        return "actor"
    if cand is None:
        return "place"
    is_gov = cand.feature == "country" or (cand.feature == "city" and (name_key(cand.name), cand.cc) in capitals())
    if not is_gov:
        return "place"
    t = table if table is not None else token_table(doc)
    root = topo.start_i if topo.end_i - topo.start_i == 1 else span_root(t, topo.start_i, topo.end_i)
    dep = t.deps[root]
    if dep == "nsubj" and t.pos[t.heads[root]] in ("VERB", "AUX"):
        return "actor"
    return "actor" if dep == "poss" else "place"


def _place(topo: Toponym, cand: Candidate | None, role: str) -> Place:
    m = topo.mention
    if cand is None:
        return Place(m.text, m.start, m.end, feature=m.hint, role=role)
    if cand.feature == "inferred":  # an unknown name, placed at the article's main place: no name of its own
        return Place(m.text, m.start, m.end, None, cand.country, cand.admin1, cand.lat, cand.lon, None,
                     m.hint or "inferred", role)
    return Place(m.text, m.start, m.end, cand.name, cand.country, cand.admin1,
                 round(cand.lat, 5) if cand.lat is not None else None,
                 round(cand.lon, 5) if cand.lon is not None else None,
                 cand.geonameid, cand.feature, role)


def resolve_toponyms(
    doc: Doc, toponyms: Sequence[Toponym], gazetteer: Gazetteer, home_country: str | None = None,
    table: TokenTable | None = None,
) -> list[Place]:
    """Return a Place for every toponym; unresolved ones keep ``name`` None, metonyms get role actor,
    places inside organisation names (source ``org``) role organisation. ``table`` is
    ``token_table(doc)`` when the caller has it."""
    chosen = resolve([t.mention for t in toponyms], gazetteer, home_country)
    seats = metonyms()
    chosen = [seats.get(name_key(t.mention.name), c) for t, c in zip(toponyms, chosen, strict=True)]
    if not toponyms:
        return []
    table = table if table is not None else token_table(doc)
    return [_place(t, c, "organisation" if t.source == "org" else place_role(doc, t, c, table))
            for t, c in zip(toponyms, chosen, strict=True)]


def extract_places(doc: Doc, ctx: Context, *, gazetteer: Gazetteer | None = None) -> list[Place]:
    """Return every toponym in ``doc`` resolved to a place (unresolved ones keep name None).

    ``ctx.settings.places_file`` (a TSV of the user's own places) is laid over the gazetteer.
    """
    gazetteer = gazetteer or default_gazetteer()
    if ctx.settings.places_file:
        gazetteer = LayeredGazetteer(gazetteer, user_gazetteer(ctx.settings.places_file))
    home = (country_code(ctx.settings.home_country) if ctx.settings.home_country
            else home_countries(text_of(doc, ctx)))  # else the article's house style says where it is written
    table = table_of(doc, ctx)
    return resolve_toponyms(doc, find_toponyms(doc, gazetteer, orgs=True, table=table), gazetteer, home, table)
