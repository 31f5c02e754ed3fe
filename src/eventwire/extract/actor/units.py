"""Candidate finding: noun-phrase units around nominal heads, and what their words say (no resolution)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..tokens import entity_bounds, left_edge, right_edge, subtree
from .lexicon import Entry, Lexicon, agent

if TYPE_CHECKING:
    from .scope import Scope

NOMINAL_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "flat", "nn"})
SKIP_LEFT_DEPS = frozenset({"punct", "cc", "conj", "appos", "relcl", "acl", "prep"})
AGENT_UNIT_KINDS = {"title": "description", "org": "org", "group": "group"}  # an agent row's kind -> the unit's
PROPER_TAGS = frozenset({"NNP", "NNPS"})
# lower-case words inside personal names ("Hamad bin Khalifa", "Abu Musab al-Zarqawi", "Ursula von X")
NAME_PARTICLES = frozenset(
    {
        "bin",
        "ibn",
        "bint",
        "al",
        "el",
        "-",
        "de",
        "da",
        "del",
        "della",
        "di",
        "van",
        "von",
        "der",
        "den",
        "la",
        "le",
        "du",
        "dos",
        "das",
        "ould",
    }
)
COLLECTIVE_HEADS = frozenset(
    {"group", "faction", "movement", "organization", "organisation", "front", "coalition", "alliance", "wing",
     "network", "cell", "camp", "bloc", "outfit", "unit", "committee", "association"}
)  # fmt: skip
RELATION_NOUNS = frozenset(
    {"ally", "partner", "neighbour", "neighbor", "rival", "enemy", "foe", "adversary", "opponent", "proxy", "client",
     "friend", "critic", "victim", "target"}
)  # fmt: skip
SITED = frozenset({"based", "located", "stationed", "operating", "living", "deployed", "headquartered"})
WORLDWIDE = frozenset({"world", "international", "global", "western"})
NEGATING = frozenset({"pro-", "anti-", "non-", "-", "–"})  # words before a negated modifier (``_negated_modifier``)
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
LOCATIVE_OF = frozenset({"in", "of", "from", "throughout", "across", "inside", "at", "within"})
# title heads that say little about the sector when a modifier says more ("army spokesman" -> MIL)
GENERIC_TITLES = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "official", "chief", "head", "leader", "representative",
     "source", "member", "aide", "adviser", "advisor", "officer", "delegation", "envoy", "politician"}
)  # fmt: skip


class Unit:
    """A noun phrase around a nominal ``head`` (token indices ``start``..``end`` exclusive) and its evidence.

    A plain class: the fields a candidate leaves unset are read from the class (one Unit per candidate, so
    its construction is kept short).
    """

    name: str | None = None
    name_start: int | None = None
    title: tuple[int, int] | None = None
    head_entry: Entry | None = None
    sector: str | None = None
    igo: str | None = None
    kind: str | None = None
    agent_kind: str | None = None
    ethnic: str | None = None
    located: bool = False
    worldwide: bool = False

    def __init__(
        self,
        head: int,
        start: int,
        end: int,
        countries: list[tuple[int, str]] | None = None,
        entries: list[tuple[int, int, Entry]] | None = None,
        kind: str | None = None,
        agent_kind: str | None = None,
    ) -> None:
        self.head, self.start, self.end = head, start, end
        self.countries: list[tuple[int, str]] = [] if countries is None else countries
        self.entries: list[tuple[int, int, Entry]] = [] if entries is None else entries
        if kind is not None:
            self.kind, self.agent_kind = kind, agent_kind


def unit_bounds(scope: Scope, i: int, agents_ok) -> tuple[int, int]:
    """Return the token span of the phrase headed by token ``i``: its left modifiers and, after a title or
    organisation word, an "of" phrase ("Minister of Defence", "Department of Defense")."""
    deps, kids = scope.deps, scope.children[i]
    start = i
    for child in kids:
        if child < i and deps[child] not in SKIP_LEFT_DEPS:
            left = left_edge(scope, child)
            if left < start:
                start = left
    end = i + 1
    match = scope.entries_at.get(i)
    if match and match[1] > end:
        end = match[1]
    # an "of" phrase right after the phrase, on a title or organisation word
    if end < len(deps) and scope.heads[end] == i and deps[end] == "prep" and scope.lowers[end] == "of" and agents_ok(
        scope, i
    ):
        objs = [c for c in scope.children[end] if deps[c] == "pobj"]
        if objs and (scope.tags[objs[0]] in PROPER_TAGS or objs[0] in scope.entries_at):
            end = right_edge(scope, objs[0]) + 1
    if scope.ent_types[i] == "ORG" and not match and scope.ent_iobs[i] in ("B", "I"):
        s, e = entity_bounds(scope, i)  # a multi-word organisation name is one unit
        if scope.span_root(s, e) == i:
            start, end = min(start, s), max(end, e)
    toks = scope.toks
    while start < i and (deps[start] == "det" or toks[start].is_punct or toks[start].is_space):
        start += 1
    return start, end


def describe(scope: Scope, h: int, start: int, end: int) -> Unit:
    """Collect what the words of a unit headed by token ``h`` say: lexicon matches, agent nouns, a person's
    name and title.

    ``scope.place_at`` maps tokens of resolved toponyms to their country ("Darfur rebels", "rebels in Darfur").
    """
    lex, entries_at, place_at = scope.lex, scope.entries_at, scope.place_at
    lowers, tags, deps, lemmas, ent_types = scope.lowers, scope.tags, scope.deps, scope.lemma_lowers, scope.ent_types
    countries: list[tuple[int, str]] = []
    entries: list[tuple[int, int, Entry]] = []
    unit = Unit(h, start, end, countries, entries)
    head_entry = None
    placed = None  # the first toponym among the words (not the head)
    kids = scope.children[h]
    has_lefts = bool(kids) and kids[0] < h  # children come in token order
    # a relation's possessor is the other party ("Israel's militia ally in Lebanon", "Russia's neighbours")
    other = -1
    if has_lefts and lemmas[h] in RELATION_NOUNS:
        other = max((c for c in kids if c < h and deps[c] == "poss"), default=-1)
    i = start
    while i < end:
        m = entries_at.get(i)
        if m:
            s, e, entry = m
            i = e
            if s <= other or (s and lowers[s - 1] in NEGATING and _negated_modifier(scope, s)):
                continue  # "pro-Iranian", "anti-Syria": not the actor's country
            entries.append(m)
            if s <= h < e:
                head_entry = entry
            elif entry.country and entry.kind != "named":
                if s > 0 and lowers[s - 1] == "ethnic":
                    unit.ethnic = entry.country
                else:
                    countries.append((s, entry.country))
        else:
            if placed is None and i != h and i in place_at and ent_types[i] in PLACE_ENTS:
                placed = (i, place_at[i])
            i += 1
    unit.head_entry = head_entry
    # possessors ("Poland's parliament") are units of their own but lend their country to the head, except to
    # a relation
    if has_lefts and other < 0:
        for child in kids:
            if child > h:
                break
            if deps[child] == "poss":
                m = entries_at.get(child) or entries_at.get(left_edge(scope, child))
                country = m[2].country if m else place_at.get(child)
                if country and all(c != country for _, c in countries):
                    countries.append((child, country))
    for _, _, e in entries:
        if e is not head_entry and (e.kind == "named" or e.kind == "person"):
            unit.igo = unit.igo or e.igo
            if e.country and not countries:
                countries.append((start, e.country))
    head_country = head_entry.country if head_entry is not None else None
    if head_country:
        kind = head_entry.kind
        home = _home_country(scope, h) if kind == "demonym" else None
        if home is not None and home[1] != head_country:  # "the Albanians of southern Serbia": where they live
            countries.append(home)
        elif kind == "demonym" and h > 0 and lowers[h - 1] == "ethnic":
            unit.ethnic = head_country
        elif kind == "demonym" or kind == "person" or (kind == "named" and countries):
            countries.append((h, head_country))
        else:
            countries.insert(0, (h, head_country))
    unit.worldwide = start < h and not WORLDWIDE.isdisjoint(lowers[start:h])
    if not countries and placed is not None and not unit.ethnic:
        countries.append(placed)
    if not countries and kids and kids[-1] > h:  # a phrase after the head may say where
        loc = _locative_country(scope, h)
        if loc:
            countries.append(loc)
            unit.located = True
    # a person's name: the trailing run of proper nouns that are neither lexicon phrases nor title words
    known = head_entry is not None and head_entry.kind == "person"  # a well-known person's name
    if tags[h] in PROPER_TAGS and (head_entry is None or known):
        k = h
        while (
            k >= start
            and (k not in entries_at or entries_at[k][2].kind == "person")
            and not _title_word(lex, lowers[k], lemmas[k])
        ):
            if tags[k] not in PROPER_TAGS and not (
                lowers[k] in NAME_PARTICLES and k > start and tags[k - 1] in PROPER_TAGS
            ):
                break
            k -= 1
        name_start = k + 1
        if name_start <= h:
            title_end = name_start
            titled = title_end > start and any(_title_word(lex, lowers[j], lemmas[j]) for j in range(start, title_end))
            ent = ent_types[h]
            if known or ent == "PERSON" or (titled and ent not in ("GPE", "LOC", "NORP", "FAC")):
                unit.name = scope.span_text(name_start, h + 1)
                unit.name_start = name_start
                unit.kind = "person"
                if title_end > start:
                    unit.title = (start, title_end)
                    _title_sector(unit, scope, start, title_end)
                if known:
                    unit.sector = unit.sector or head_entry.sector
                    unit.igo = unit.igo or head_entry.igo
                if end > h + 1:  # trailing "of" phrase belongs to the title
                    unit.title = (start, end) if unit.title else (h + 1, end)
                return unit
    found = agent(lex, scope, start, h + 1)
    if found:
        a_start, row = found
        unit.sector, unit.agent_kind = row.sector, row.kind
        if row.kind == "portfolio":
            unit.sector, unit.agent_kind = None, None
        else:
            generic = row.phrase.split()[-1] in GENERIC_TITLES
            if generic or row.sector == "GOV":
                mod = _modifier_sector(unit, scope, start, a_start)
                if mod and (generic or mod in ("MIL", "COP", "JUD", "LEG")):
                    unit.sector = mod
    elif lemmas[h] in COLLECTIVE_HEADS:  # "opposition groups", "the main rebel faction"
        mod = _modifier_sector(unit, scope, start, h, any_sector=True)
        if mod:
            unit.sector, unit.agent_kind = mod, "group" if tags[h] in ("NNS", "NNPS") else "org"
    if head_entry is not None:
        e = head_entry
        if e.kind == "named":  # the name's own sector, not its head word's ("European Union" is no trade union)
            unit.sector = e.sector
            unit.igo = e.igo or unit.igo
            unit.kind = unit.kind or "org"
        elif e.kind == "demonym":
            unit.kind = "group"
        elif e.kind == "capital":
            unit.kind = "capital"
        elif e.kind == "person":
            unit.kind, unit.sector, unit.igo = "person", unit.sector or e.sector, unit.igo or e.igo
        else:
            unit.kind = "country"
    elif unit.agent_kind:
        unit.kind = AGENT_UNIT_KINDS.get(unit.agent_kind)
        if unit.kind == "description" and tags[h] in ("NNS", "NNPS"):
            unit.kind = "group"
        if unit.kind == "description" and (
            unit.countries or any(e.kind == "named" for _, _, e in unit.entries)
        ):
            unit.kind = "person" if tags[h] in ("NN", "NNP") else "group"
    return unit


def _negated_modifier(scope: Scope, s: int) -> bool:
    """Return True if the phrase at ``s`` follows "pro-", "anti-" or "non-"."""
    lowers = scope.lowers
    if s >= 2 and scope.texts[s - 1] in ("-", "–") and lowers[s - 2] in ("pro", "anti", "non"):
        return True
    return s >= 1 and lowers[s - 1] in ("pro-", "anti-", "non-")


def _home_country(scope: Scope, h: int) -> tuple[int, str] | None:
    """Return the country a plural people noun is "of" ("the Kurds of northern Iraq"), or None."""
    if scope.tags[h] not in ("NNS", "NNPS"):
        return None
    entries_at, place_at, deps = scope.entries_at, scope.place_at, scope.deps
    for child in scope.children[h]:
        if child > h and deps[child] == "prep" and scope.lowers[child] == "of":
            for obj in scope.children[child]:
                m = entries_at.get(obj)
                if deps[obj] == "pobj" and m and m[2].kind == "country":
                    return obj, m[2].country
                if deps[obj] == "pobj" and obj in place_at and scope.ent_types[obj] in PLACE_ENTS:
                    return obj, place_at[obj]
    return None


def _locative_country(scope: Scope, h: int) -> tuple[int, str] | None:
    """Return the country of a locative phrase on the head ("rebels in Darfur", "government of Sindh")."""
    entries_at, place_at, deps, lowers = scope.entries_at, scope.place_at, scope.deps, scope.lowers
    rights = scope.rights(h)
    preps = [c for c in rights if deps[c] == "prep"]
    for c in rights:  # "a group based in X", "troops stationed in X"
        if deps[c] == "acl" and lowers[c] in SITED:
            preps += [p for p in scope.rights(c) if deps[p] == "prep"]
    for child in preps:
        if lowers[child] not in LOCATIVE_OF:
            continue
        for obj in scope.children[child]:
            if deps[obj] != "pobj":
                continue
            for k in subtree(scope, obj):
                m = entries_at.get(k)
                if m and m[2].country and (m[2].kind != "demonym" or lowers[child] in ("from", "of")):
                    return k, m[2].country
                if k in place_at and scope.ent_types[k] in PLACE_ENTS:
                    return k, place_at[k]
    return None


def _title_word(lex: Lexicon, lower: str, lemma_lower: str) -> bool:
    """Return True for a title, organisation or portfolio word (by its form first, then its lemma)."""
    return lower in lex.title_words if lower in lex.agents else lemma_lower in lex.title_words


def _title_sector(unit: Unit, scope: Scope, start: int, end: int) -> None:
    """Set the unit's sector from the rightmost agent phrase in its title (modifiers refine generic heads)."""
    lex = scope.lex
    for stop in range(end, start, -1):
        found = agent(lex, scope, start, stop)
        if found and found[1].kind != "portfolio":
            a_start, row = found
            unit.sector = row.sector
            if row.phrase.split()[-1] in GENERIC_TITLES:
                unit.sector = _modifier_sector(unit, scope, start, a_start) or row.sector
            return
    for _, _, e in unit.entries:
        if e.kind == "named" and e.sector:
            unit.sector = e.sector
            return


def _modifier_sector(unit: Unit, scope: Scope, start: int, end: int, *, any_sector: bool = False) -> str | None:
    """Return the sector a modifier before ``end`` names ("army" in "army spokesman"), if any.

    ``any_sector`` also accepts GOV and title words ("government group", "rebel faction").
    """
    agents, lowers, lemmas = scope.lex.agents, scope.lowers, scope.lemma_lowers
    for k in range(end - 1, start - 1, -1):
        row = agents.get(lowers[k]) or agents.get(lemmas[k])
        if (
            row
            and row.sector
            and row.kind != "portfolio"
            and (any_sector or (row.kind in ("org", "group") and row.sector != "GOV"))
        ):
            return row.sector
    for _, e, entry in unit.entries:
        if e <= end and entry.kind == "named" and entry.sector and entry.sector != "GOV":
            return entry.sector
    return None
