"""Actor lexicon index: countries, demonyms, capitals, named actors and agent nouns, matched over a Doc.

Built once per user dictionary (``Settings.actors_file``) and cached; matching is one dict lookup per token.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from spacy.tokens import Doc

from ... import resources
from ...resources import cached

MAX_AGENT_WORDS = 4


class Entry(NamedTuple):
    """What a lexicon phrase stands for. ``kind``: country, demonym, capital or named."""

    kind: str
    name: str
    country: str | None = None
    sector: str | None = None
    igo: str | None = None


class Lexicon(NamedTuple):
    """Phrase index keyed by first token: ``=Orth`` for case-sensitive acronyms, the lowercase form for
    names (matched only when capitalised in the text), ``~lower`` for patterns written in lower case."""

    phrases: dict[str, list[tuple[tuple[str, ...], Entry]]]
    agents: dict[str, resources.AgentRow]
    country_names: dict[str, str]


@cached
def _tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


def _is_acronym(pattern: str) -> bool:
    letters = pattern.replace(".", "").replace("-", "")
    return len(letters) <= 5 and letters.isupper()


def _key_tokens(pattern: str) -> tuple[str, ...] | None:
    """Return the match key of a pattern: its tokens, lowercased unless it is an acronym."""
    pattern = pattern.strip()
    if pattern.lower().startswith("the "):
        pattern = pattern[4:]
    if not pattern:
        return None
    words = tuple(t.text for t in _tokenizer()(pattern) if not t.is_space)
    if _is_acronym(pattern):
        return ("=" + words[0],) + tuple(w.lower() for w in words[1:])
    return tuple(w.lower() for w in words)


@cached
def lexicon(user_file: str | None = None) -> Lexicon:
    """Return the lexicon index, with ``user_file``'s rows laid over the built-in ones."""
    table: dict[tuple[str, ...], Entry] = {}
    names: dict[str, str] = {}

    lowercase_first: set[str] = set()

    def add(pattern: str, entry: Entry) -> None:
        key = _key_tokens(pattern)
        if key:
            table[key] = entry
            if pattern[:1].islower():
                lowercase_first.add(key[0])

    for row in resources.countries():
        names[row.iso3] = row.name
        if row.capital:
            for cap in row.capital.split("|"):
                add(cap, Entry("capital", row.name, row.iso3, "GOV"))
        for d in row.demonyms:
            add(d, Entry("demonym", row.name, row.iso3))
        for n in (row.name, *row.aliases):
            add(n, Entry("country", row.name, row.iso3))
    for row in resources.actor_rows(user_file):
        add(row.pattern, Entry("named", row.name, row.country, row.sector, row.igo))
    phrases: dict[str, list[tuple[tuple[str, ...], Entry]]] = {}
    for key, entry in table.items():
        phrases.setdefault(key[0], []).append((key, entry))
        if key[0] in lowercase_first:  # "al-Qaeda" matches in lower case too
            phrases.setdefault("~" + key[0], []).append((key, entry))
    for bucket in phrases.values():
        bucket.sort(key=lambda item: -len(item[0]))
    agents: dict[str, resources.AgentRow] = {}
    builtin = len(resources.agent_rows(None))
    for n, row in enumerate(resources.agent_rows(user_file)):
        if n >= builtin:  # a user row keeps the built-in kind of its phrase or of its last word
            known = agents.get(row.phrase) or agents.get(row.phrase.split()[-1])
            if known is not None:
                row = row._replace(kind=known.kind)
        agents[row.phrase] = row
    return Lexicon(phrases, agents, names)


def get_lexicon(actors_file: Path | str | None) -> Lexicon:
    """Return the cached lexicon for a settings ``actors_file``."""
    return lexicon(str(actors_file) if actors_file else None)


def scan(doc: Doc, lex: Lexicon, start: int = 0, stop: int | None = None) -> Iterator[tuple[int, int, Entry]]:
    """Yield ``(start, end, entry)`` token spans of lexicon phrases, longest first, never overlapping.

    A phrase written with a capital must start with a capital in the text ("Chad", not "chad").
    ``start``/``stop`` limit the scan to a token range (one sentence).
    """
    n = len(doc) if stop is None else min(stop, len(doc))
    i = start
    while i < n:
        tok = doc[i]
        text = tok.text
        found = None
        capital = text[:1].isupper() or text[:1].isdigit()
        for key in ("=" + text, text.lower()) if capital else ("~" + text.lower(),):
            for words, entry in lex.phrases.get(key, ()):
                end = i + len(words)
                if end <= n and all(doc[i + k].lower_ == words[k] for k in range(1, len(words))):
                    found = (i, end, entry)
                    break
            if found:
                break
        if found:
            yield found
            i = found[1]
        else:
            i += 1


def agent(lex: Lexicon, doc: Doc, start: int, end: int) -> tuple[int, resources.AgentRow] | None:
    """Return the longest agent phrase ending at token ``end - 1`` (the last word by lemma) and its start."""
    last = doc[end - 1]
    lemma = last.lemma_.lower() if last.tag_ not in ("NNP", "NNPS") or last.text.isupper() else last.lower_
    forms = (lemma, last.lower_) if lemma != last.lower_ else (lemma,)
    for size in range(min(MAX_AGENT_WORDS, end - start), 0, -1):
        s = end - size
        prefix = " ".join(doc[k].lower_ for k in range(s, end - 1))
        for form in forms:
            row = lex.agents.get(f"{prefix} {form}" if prefix else form)
            if row:
                return s, row
    return None
