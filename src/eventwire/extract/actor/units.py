"""Candidate finding: noun-phrase units around nominal heads, and what their words say (no resolution)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..tokens import entity_bounds
from .lexicon import Entry, Lexicon, agent

NOMINAL_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "flat", "nn"})
SKIP_LEFT_DEPS = frozenset({"punct", "cc", "conj", "appos", "relcl", "acl", "prep"})
ORG_OR_TITLE_KINDS = frozenset({"title", "org", "portfolio"})
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
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
LOCATIVE_OF = frozenset({"in", "of", "from", "throughout", "across", "inside", "at", "within"})
# title heads that say little about the sector when a modifier says more ("army spokesman" -> MIL)
GENERIC_TITLES = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "official", "chief", "head", "leader", "representative",
     "source", "member", "aide", "adviser", "advisor", "officer", "delegation", "envoy", "politician"}
)  # fmt: skip


@dataclass(slots=True)
class Unit:
    """A noun phrase around a nominal ``head`` (token indices ``start``..``end`` exclusive) and its evidence."""

    head: int
    start: int
    end: int
    name: str | None = None
    name_start: int | None = None
    title: tuple[int, int] | None = None
    countries: list[tuple[int, str]] = field(default_factory=list)
    entries: list[tuple[int, int, Entry]] = field(default_factory=list)
    head_entry: Entry | None = None
    sector: str | None = None
    igo: str | None = None
    kind: str | None = None
    agent_kind: str | None = None
    ethnic: str | None = None
    located: bool = False
    worldwide: bool = False


def is_unit_head(tok: Token) -> bool:
    """Return True if ``tok`` heads a noun phrase (a noun not modifying a noun to its right)."""
    if tok.tag_ not in NOMINAL_TAGS:
        return False
    if tok.dep_ in MODIFIER_DEPS and tok.head.i > tok.i and tok.head.tag_ in NOMINAL_TAGS:
        return False
    return True


def unit_bounds(
    tok: Token, entries_at: dict[int, tuple[int, int, Entry]], agents_ok, toks: Sequence[Token] | None = None
) -> tuple[int, int]:
    """Return the token span of the phrase headed by ``tok``: its left modifiers and, after a title or
    organisation word, an "of" phrase ("Minister of Defence", "Department of Defense")."""
    start = tok.i
    for child in tok.lefts:
        if child.dep_ in SKIP_LEFT_DEPS:
            continue
        left = child.left_edge.i
        if left < start:
            start = left
    end = tok.i + 1
    match = entries_at.get(tok.i)
    if match and match[1] > end:
        end = match[1]
    if agents_ok(tok):
        for child in tok.rights:
            if child.dep_ == "prep" and child.lower_ == "of" and child.i == end:
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs and (objs[0].tag_ in PROPER_TAGS or objs[0].i in entries_at):
                    end = objs[0].right_edge.i + 1
                break
    doc = toks if toks is not None else tok.doc
    if tok.ent_type_ == "ORG" and not match:  # a multi-word organisation name is one unit
        ent = _entity_of(tok)
        if ent is not None and ent.root.i == tok.i:
            start, end = min(start, ent.start), max(end, ent.end)
    while start < tok.i and (doc[start].is_punct or doc[start].dep_ == "det" or doc[start].is_space):
        start += 1
    return start, end


def _entity_of(tok: Token):
    """Return the entity span holding ``tok`` (walks its IOB tags; ``Doc.ents`` costs a pass), or None."""
    if tok.ent_iob_ not in ("B", "I"):
        return None
    start, end = entity_bounds(tok.doc, tok.i)
    return tok.doc[start:end]


def describe(
    doc: Doc,
    head: Token,
    start: int,
    end: int,
    lex: Lexicon,
    entries_at: dict[int, tuple[int, int, Entry]],
    place_at: dict[int, str] | None = None,
    toks: Sequence[Token] | None = None,
) -> Unit:
    """Collect what the words of a unit say: lexicon matches, agent nouns, a person's name and title.

    ``place_at`` maps tokens of resolved toponyms to their country ("Darfur rebels", "rebels in Darfur").
    ``toks`` is the Doc's token list (built once by the caller), read instead of indexing the Doc.
    """
    place_at = place_at or {}
    span_of = doc
    if toks is not None:
        doc = toks  # type: ignore[assignment]
    unit = Unit(head.i, start, end)
    head_country = None
    placed: list[tuple[int, str]] = []
    # a relation's possessor is the other party ("Israel's militia ally in Lebanon", "Russia's neighbours")
    other = -1
    if head.n_lefts and head.lemma_.lower() in RELATION_NOUNS:
        other = max((c.i for c in head.lefts if c.dep_ == "poss"), default=-1)
    i = start
    while i < end:
        m = entries_at.get(i)
        if m:
            s, e, entry = m
            i = e
            if _negated_modifier(doc, s) or s <= other:  # "pro-Iranian", "anti-Syria": not the actor's country
                continue
            unit.entries.append(m)
            if s <= head.i < e:
                unit.head_entry = entry
                head_country = entry.country
            elif entry.country and entry.kind != "named":
                if s > 0 and doc[s - 1].lower_ == "ethnic":
                    unit.ethnic = entry.country
                else:
                    unit.countries.append((s, entry.country))
        else:
            if i != head.i and i in place_at and doc[i].ent_type_ in PLACE_ENTS:
                placed.append((i, place_at[i]))
            i += 1
    # possessors ("Poland's parliament") are units of their own but lend their country to the head, except to
    # a relation
    for child in head.lefts if head.n_lefts and other < 0 else ():
        if child.dep_ == "poss":
            m = entries_at.get(child.i) or entries_at.get(child.left_edge.i)
            country = m[2].country if m else place_at.get(child.i)
            if country and all(c != country for _, c in unit.countries):
                unit.countries.append((child.i, country))
    for _, _, e in unit.entries:
        if e.kind in ("named", "person") and e is not unit.head_entry:
            unit.igo = unit.igo or e.igo
            if e.country and not unit.countries:
                unit.countries.append((start, e.country))
    if head_country:
        entry = unit.head_entry
        home = _home_country(head, entries_at, place_at) if entry.kind == "demonym" else None
        if home is not None and home[1] != head_country:  # "the Albanians of southern Serbia": where they live
            unit.countries.append(home)
        elif entry.kind == "demonym" and head.i > 0 and doc[head.i - 1].lower_ == "ethnic":
            unit.ethnic = head_country
        elif entry.kind in ("demonym", "person") or (entry.kind == "named" and unit.countries):
            unit.countries.append((head.i, head_country))
        else:
            unit.countries.insert(0, (head.i, head_country))
    unit.worldwide = any(doc[k].lower_ in WORLDWIDE for k in range(start, head.i))
    if not unit.countries and placed and not unit.ethnic:
        unit.countries.append(placed[0])
    if not unit.countries:
        loc = _locative_country(head, entries_at, place_at) if head.n_rights else None
        if loc:
            unit.countries.append(loc)
            unit.located = True
    # a person's name: the trailing run of proper nouns that are neither lexicon phrases nor title words
    known = unit.head_entry is not None and unit.head_entry.kind == "person"  # a well-known person's name
    if head.tag_ in PROPER_TAGS and (unit.head_entry is None or known):
        k = head.i
        while k >= start and (k not in entries_at or entries_at[k][2].kind == "person") and not _title_word(lex, doc[k]):
            if doc[k].tag_ not in PROPER_TAGS and not (
                doc[k].lower_ in NAME_PARTICLES and k > start and doc[k - 1].tag_ in PROPER_TAGS
            ):
                break
            k -= 1
        name_start = k + 1
        if name_start <= head.i:
            title_end = name_start
            titled = title_end > start and _has_title(lex, doc, start, title_end)
            if known or head.ent_type_ == "PERSON" or (titled and head.ent_type_ not in ("GPE", "LOC", "NORP", "FAC")):
                unit.name = span_of[name_start : head.i + 1].text
                unit.name_start = name_start
                unit.kind = "person"
                if title_end > start:
                    unit.title = (start, title_end)
                    _title_sector(unit, lex, doc, start, title_end)
                if known:
                    unit.sector = unit.sector or unit.head_entry.sector
                    unit.igo = unit.igo or unit.head_entry.igo
                if end > head.i + 1:  # trailing "of" phrase belongs to the title
                    unit.title = (start, end) if unit.title else (head.i + 1, end)
                return unit
    found = agent(lex, doc, start, head.i + 1)
    if found:
        a_start, row = found
        unit.sector, unit.agent_kind = row.sector, row.kind
        if row.kind == "portfolio":
            unit.sector, unit.agent_kind = None, None
        elif row.phrase.split()[-1] in GENERIC_TITLES or row.sector == "GOV":
            mod = _modifier_sector(unit, lex, doc, start, a_start)
            if mod and (row.phrase.split()[-1] in GENERIC_TITLES or mod in ("MIL", "COP", "JUD", "LEG")):
                unit.sector = mod
    elif head.lemma_.lower() in COLLECTIVE_HEADS:  # "opposition groups", "the main rebel faction"
        mod = _modifier_sector(unit, lex, doc, start, head.i, any_sector=True)
        if mod:
            unit.sector, unit.agent_kind = mod, "group" if head.tag_ in ("NNS", "NNPS") else "org"
    if unit.head_entry is not None:
        e = unit.head_entry
        if (
            e.kind == "named"
        ):  # the name's own sector, not its head word's ("European Union" is no trade union)
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
        unit.kind = {"title": "description", "org": "org", "group": "group"}.get(unit.agent_kind)
        if unit.kind == "description" and head.tag_ in ("NNS", "NNPS"):
            unit.kind = "group"
        if unit.kind == "description" and (
            unit.countries or any(e.kind == "named" for _, _, e in unit.entries)
        ):
            unit.kind = "person" if head.tag_ in ("NN", "NNP") else "group"
    return unit


def _negated_modifier(doc: Doc, s: int) -> bool:
    """Return True if the phrase at ``s`` follows "pro-", "anti-" or "non-"."""
    if s >= 2 and doc[s - 1].text in ("-", "–") and doc[s - 2].lower_ in ("pro", "anti", "non"):
        return True
    return s >= 1 and doc[s - 1].lower_ in ("pro-", "anti-", "non-")


def _home_country(
    head: Token, entries_at: dict[int, tuple[int, int, Entry]], place_at: dict[int, str]
) -> tuple[int, str] | None:
    """Return the country a plural people noun is "of" ("the Kurds of northern Iraq"), or None."""
    if head.tag_ not in ("NNS", "NNPS") or not head.n_rights:
        return None
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                m = entries_at.get(obj.i)
                if obj.dep_ == "pobj" and m and m[2].kind == "country":
                    return obj.i, m[2].country
                if obj.dep_ == "pobj" and obj.i in place_at and obj.ent_type_ in PLACE_ENTS:
                    return obj.i, place_at[obj.i]
    return None


def _locative_country(
    head: Token, entries_at: dict[int, tuple[int, int, Entry]], place_at: dict[int, str]
) -> tuple[int, str] | None:
    """Return the country of a locative phrase on the head ("rebels in Darfur", "government of Sindh")."""
    preps = [c for c in head.rights if c.dep_ == "prep"]
    for c in head.rights:  # "a group based in X", "troops stationed in X"
        if c.dep_ == "acl" and c.lower_ in SITED:
            preps += [p for p in c.rights if p.dep_ == "prep"]
    for child in preps:
        if child.lower_ not in LOCATIVE_OF:
            continue
        for obj in child.children:
            if obj.dep_ != "pobj":
                continue
            for tok in obj.subtree:
                m = entries_at.get(tok.i)
                if m and m[2].country and (m[2].kind != "demonym" or child.lower_ in ("from", "of")):
                    return tok.i, m[2].country
                if tok.i in place_at and tok.ent_type_ in PLACE_ENTS:
                    return tok.i, place_at[tok.i]
    return None


def _title_word(lex: Lexicon, tok: Token) -> bool:
    row = lex.agents.get(tok.lower_) or lex.agents.get(tok.lemma_.lower())
    return row is not None and row.kind in ORG_OR_TITLE_KINDS


def _has_title(lex: Lexicon, doc: Doc, start: int, end: int) -> bool:
    return any(_title_word(lex, doc[k]) for k in range(start, end))


def _title_sector(unit: Unit, lex: Lexicon, doc: Doc, start: int, end: int) -> None:
    """Set the unit's sector from the rightmost agent phrase in its title (modifiers refine generic heads)."""
    for stop in range(end, start, -1):
        found = agent(lex, doc, start, stop)
        if found and found[1].kind != "portfolio":
            a_start, row = found
            unit.sector = row.sector
            if row.phrase.split()[-1] in GENERIC_TITLES:
                unit.sector = _modifier_sector(unit, lex, doc, start, a_start) or row.sector
            return
    for _, _, e in unit.entries:
        if e.kind == "named" and e.sector:
            unit.sector = e.sector
            return


def _modifier_sector(
    unit: Unit, lex: Lexicon, doc: Doc, start: int, end: int, *, any_sector: bool = False
) -> str | None:
    """Return the sector a modifier before ``end`` names ("army" in "army spokesman"), if any.

    ``any_sector`` also accepts GOV and title words ("government group", "rebel faction").
    """
    for k in range(end - 1, start - 1, -1):
        tok = doc[k]
        row = lex.agents.get(tok.lower_) or lex.agents.get(tok.lemma_.lower())
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
