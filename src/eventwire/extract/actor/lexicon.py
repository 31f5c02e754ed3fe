"""Actor lexicon index: countries, demonyms, capitals, named actors and agent nouns, matched over a Doc.

Built once per user dictionary (``Settings.actors_file``) and cached; matching is one dict lookup per token.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from spacy.tokens import Doc, Token

from ... import resources
from ...resources import cached

MAX_AGENT_WORDS = 4
MEMO_LIMIT = 100_000  # agent look-ups memoised per lexicon before the memo starts afresh
_UNSEEN = object()
TITLE_KINDS = frozenset({"title", "org", "portfolio"})  # agent rows that make a word a title word
VOWELS = frozenset("aeiouy")
TYPO_MIN_LETTERS = 7  # a shorter name is one letter away from too many other words ("Iran", "Mali")


class Entry(NamedTuple):
    """What a lexicon phrase stands for. ``kind``: country, demonym, capital, named (a body) or person."""

    kind: str
    name: str
    country: str | None = None
    sector: str | None = None
    igo: str | None = None


class Lexicon(NamedTuple):
    """Phrase index keyed by first token: ``=Orth`` for case-sensitive acronyms, the lowercase form for
    names (matched only when capitalised in the text), ``~lower`` for patterns written in lower case."""

    phrases: dict[str, list[tuple[int, list[str], Entry]]]  # key -> (words, the words after the first, entry)
    agents: dict[str, resources.AgentRow]
    country_names: dict[str, str]
    firsts: frozenset[str]  # the first words of all phrases, lower-cased: a quick test before ``phrases``
    agent_lasts: frozenset[str]  # the last words of all agent phrases: a quick test before ``agents``
    agent_sizes: dict[str, int]  # last word -> the most words of an agent phrase ending in it
    title_words: frozenset[str]  # agent words whose row is a title, organisation or portfolio
    agent_memo: dict  # ``agent``'s answers by the words it looked at


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
    for row in people_rows():
        add(row.pattern, Entry("person", row.name, row.country, row.sector, row.igo))
    for row in resources.actor_rows(user_file):
        add(row.pattern, Entry("named", row.name, row.country, row.sector, row.igo))
    phrases: dict[str, list[tuple[int, list[str], Entry]]] = {}
    for key, entry in table.items():
        item = (len(key), list(key[1:]), entry)
        phrases.setdefault(key[0], []).append(item)
        if key[0] in lowercase_first:  # "al-Qaeda" matches in lower case too
            phrases.setdefault("~" + key[0], []).append(item)
    for bucket in phrases.values():
        bucket.sort(key=lambda item: -item[0])
    agents: dict[str, resources.AgentRow] = {}
    builtin = len(resources.agent_rows(None))
    for n, row in enumerate(resources.agent_rows(user_file)):
        if n >= builtin:  # a user row keeps the built-in kind of its phrase or of its last word
            known = agents.get(row.phrase) or agents.get(row.phrase.split()[-1])
            if known is not None:
                row = row._replace(kind=known.kind)
        agents[row.phrase] = row
    firsts = frozenset((key[1:] if key[:1] in "=~" else key).lower() for key in phrases)
    sizes: dict[str, int] = {}
    for phrase in agents:
        last = phrase.rsplit(" ", 1)[-1]
        sizes[last] = max(sizes.get(last, 0), phrase.count(" ") + 1)
    titles = frozenset(p for p, row in agents.items() if row.kind in TITLE_KINDS)
    return Lexicon(phrases, agents, names, firsts, frozenset(sizes), sizes, titles, {})


@cached
def people_rows() -> tuple[resources.ActorRow, ...]:
    """Return the well-known people (``actors/people.tsv``: the five columns of ``actors.tsv``)."""
    return tuple(resources._actor_row(f) for f in resources.iter_tsv("actors/people.tsv"))


def get_lexicon(actors_file: Path | str | None) -> Lexicon:
    """Return the cached lexicon for a settings ``actors_file``."""
    return lexicon(str(actors_file) if actors_file else None)


def scan(
    doc: Doc | Sequence[Token], lex: Lexicon, start: int = 0, stop: int | None = None
) -> Iterator[tuple[int, int, Entry]]:
    """Yield ``(start, end, entry)`` token spans of lexicon phrases, longest first, never overlapping.

    A phrase written with a capital must start with a capital in the text ("Chad", not "chad").
    ``start``/``stop`` limit the scan to a token range (one sentence). ``doc`` may be the Doc's token list.
    """
    n = len(doc) if stop is None else min(stop, len(doc))
    texts = [doc[k].text for k in range(n)]
    lowers = [doc[k].lower_ for k in range(n)]
    return scan_words(texts, lowers, lex, start, n)


def scan_words(
    texts: list[str], lowers: list[str], lex: Lexicon, start: int, stop: int
) -> Iterator[tuple[int, int, Entry]]:
    """``scan`` over the Doc's token texts and lower-case forms (``Token.text``, ``Token.lower_``)."""
    phrases, firsts = lex.phrases, lex.firsts
    i = start
    for k in itertools.compress(range(start, stop), map(firsts.__contains__, lowers[start:stop])):
        if k < i:
            continue  # inside the phrase found before
        text = texts[k]
        found = None
        first = text[:1]
        if first.isupper() or first.isdigit():
            keys: tuple[str, ...] = ("=" + text, text.lower())
        else:
            keys = ("~" + text.lower(),)
        for key in keys:
            for size, tail, entry in phrases.get(key, ()):
                end = k + size
                if end <= stop and lowers[k + 1 : end] == tail:
                    found = (k, end, entry)
                    break
            if found:
                break
        if found:
            yield found
            i = found[1]


def agent(lex: Lexicon, words, start: int, end: int) -> tuple[int, resources.AgentRow] | None:
    """Return the longest agent phrase ending at token ``end - 1`` (the last word by lemma) and its start.

    ``words`` has the token columns ``lowers``, ``lemma_lowers``, ``tags`` and ``texts`` (an actors ``Scope``).
    """
    lowers = words.lowers
    last = end - 1
    lower = lowers[last]
    lemma = words.lemma_lowers[last] if words.tags[last] not in ("NNP", "NNPS") or words.texts[last].isupper() else lower
    lasts = lex.agent_lasts
    if lemma == lower:
        if lower not in lasts and " " not in lower:
            return None  # no agent phrase ends in this word
        forms: tuple[str, ...] = (lower,)
    else:
        if lemma not in lasts and lower not in lasts and " " not in lemma and " " not in lower:
            return None
        forms = (lemma, lower)
    if end <= start:
        return None
    before = tuple(lowers[max(start, end - MAX_AGENT_WORDS) : last])
    memo = lex.agent_memo
    key = (before, forms)
    found = memo.get(key, _UNSEEN)
    if found is _UNSEEN:
        if len(memo) >= MEMO_LIMIT:
            memo.clear()
        found = memo[key] = _agent_phrase(lex, before, forms)
    return None if found is None else (end - found[0], found[1])


def _agent_phrase(
    lex: Lexicon, before: tuple[str, ...], forms: tuple[str, ...]
) -> tuple[int, resources.AgentRow] | None:
    """Return the word count and row of the longest agent phrase made of the last words of ``before``
    followed by one of ``forms`` (``agent``'s search, memoised by it)."""
    agents, sizes = lex.agents, lex.agent_sizes
    # a longer key has more words than any phrase ending in its last word: no match
    most = sizes.get(forms[0].rsplit(" ", 1)[-1], 0)
    if len(forms) > 1:
        most = max(most, sizes.get(forms[1].rsplit(" ", 1)[-1], 0))
    for size in range(min(len(before) + 1, most), 1, -1):
        prefix = " ".join(before[len(before) + 1 - size :]) + " "
        for form in forms:
            row = agents.get(prefix + form)
            if row:
                return size, row
    for form in forms:
        row = agents.get(form)
        if row:
            return 1, row
    return None


def _deletions(word: str) -> set[str]:
    return {word[:k] + word[k + 1 :] for k in range(len(word))}


def _one_edit(a: str, b: str) -> bool:
    """Return True if ``a`` and ``b`` differ by one inserted, dropped or swapped letter, or one vowel for another."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    k = 0
    while k < len(a) and k < len(b) and a[k] == b[k]:
        k += 1
    if len(a) > len(b):
        return a[k + 1 :] == b[k:]
    if len(a) < len(b):
        return a[k:] == b[k + 1 :]
    if a[k + 1 :] == b[k + 1 :]:  # one letter for another: a vowel for a vowel, as names are misheard
        return a[k] in VOWELS and b[k] in VOWELS
    return a[k : k + 2] == b[k : k + 2][::-1] and a[k + 2 :] == b[k + 2 :]


@cached
def _typo_index() -> dict[str, list[tuple[str, Entry]]]:
    """Return the one-word country names and demonyms of ``TYPO_MIN_LETTERS`` letters or more, lower-cased,
    keyed by themselves and by each form with one letter dropped."""
    index: dict[str, list[tuple[str, Entry]]] = {}
    for row in resources.countries():
        for kind, words in (("country", (row.name, *row.aliases)), ("demonym", row.demonyms)):
            for word in words:
                low = word.lower()
                if len(low) >= TYPO_MIN_LETTERS and low.isalpha():
                    entry = Entry(kind, row.name, row.iso3)
                    for form in {low, *_deletions(low)}:
                        index.setdefault(form, []).append((low, entry))
    return index


@functools.lru_cache(maxsize=4096)
def misspelt_country(lower: str) -> Entry | None:
    """Return the country (or demonym) entry that the lower-case word ``lower`` misspells by one letter
    ("ethopia", "afganistan"), when it is long enough, keeps the name's first letter and last two letters (a
    different ending makes another word: "Indiana", "Americas", "Georgina") and fits one country."""
    if len(lower) < TYPO_MIN_LETTERS or not lower.isalpha():
        return None
    index = _typo_index()
    found: dict[str, tuple[int, Entry]] = {}
    for form in (lower, *_deletions(lower)):
        for word, entry in index.get(form, ()):
            if word[0] == lower[0] and word[-2:] == lower[-2:] and _one_edit(lower, word) and entry.country:
                rank = abs(len(word) - len(lower)) * 2 + (entry.kind != "country")
                if entry.country not in found or rank < found[entry.country][0]:
                    found[entry.country] = (rank, entry)
    return next(iter(found.values()))[1] if len(found) == 1 else None
