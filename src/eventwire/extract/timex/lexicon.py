"""Stage helper (times): the TIMEX3 lexicon and compiled candidate patterns, loaded once from data files."""

from __future__ import annotations

import re
from typing import NamedTuple

from ...resources import cached, iter_tsv
from .required import first_chars, required_strings

LEXICON_FILE = "time/lexicon.tsv"
PATTERNS_FILE = "time/patterns.tsv"
SLOT_RE = re.compile(r"\{([a-z]+)(?::([0-9]))?\}")
BUILTIN_SLOTS = {
    "ws": r"\s+",
    "day": r"(?P<{name}>[12][0-9]|3[01]|0?[1-9])(?![0-9])",
    "year": r"(?P<{name}>(?:1[0-9]|20)[0-9]{{2}}(?![0-9])|'[0-9]{{2}}(?![0-9])|nineteen[-\s]+(?:hundred[-\s]+)?"
    r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s]+(?:one|two|three|four|five|six|seven|eight|nine))?))",
}
NUMBER_DIGITS = r"[0-9]+(?:\.[0-9]+)?(?:\s+[0-9]/[0-9])?"
# the only characters that a case-insensitive ASCII letter matches besides its two cases
CASE_UNSAFE = ("\u0130", "\u0131", "\u017f", "\u212a")
# an escape, a group name, or an upper-case letter (lower-cased for the case-sensitive copy of a pattern)
UPPER_RE = re.compile(r"(\\.|\(\?P<[a-z0-9_]+>)|([A-Z])")
# before a match: not inside a word or number; after: not followed by a letter or digit
LEFT_EDGE = r"(?<![\w$£€.,/-])"
RIGHT_EDGE = r"(?!\w|[.,][0-9])"


class Rule(NamedTuple):
    """One compiled candidate pattern: its normalizer's name, its regex, and the trigger categories it needs.

    ``required`` finds the case-folded strings one of which every match contains (None when none could be
    derived): a case-folded window of text where it finds nothing cannot hold a match. ``lowered`` is the
    same pattern with lower-case letters, matched case-sensitively: on ``text.lower()`` (where that keeps
    every offset and ``text`` holds no ``CASE_UNSAFE`` character) it finds the same spans, for less.
    """

    name: str
    regex: re.Pattern[str]
    needs: frozenset[str]
    required: re.Pattern[str] | None = None
    lowered: re.Pattern[str] | None = None


@cached
def lexicon() -> dict[str, dict[str, str]]:
    """Return the lexicon as category -> lower-case phrase -> value."""
    table: dict[str, dict[str, str]] = {}
    for fields in iter_tsv(LEXICON_FILE):
        if len(fields) >= 3:
            table.setdefault(fields[0], {})[fields[1].lower()] = fields[2]
    return table


def lookup(category: str, phrase: str | None) -> str | None:
    """Return the lexicon value of ``phrase`` (any spacing or case) in ``category``, else None."""
    if phrase is None:
        return None
    return lexicon().get(category, {}).get(" ".join(phrase.lower().split()))


def _alternation(phrases: list[str]) -> str:
    """Return a regex matching any phrase, longest first, with flexible inner spacing.

    The phrases are merged into a character trie, so the engine tests one branch per letter instead of
    every phrase in turn; a longer phrase is still tried before a shorter one it extends.
    """
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for i, word in enumerate(phrase.split()):
            if i:
                node = node.setdefault(" ", {})
            for char in word:
                node = node.setdefault(char, {})
        if node is not trie:
            node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:
    """Return the regex of one trie node: its continuations, then (when a phrase ends here) nothing."""
    branches = [(r"\s+" if char == " " else re.escape(char)) + _trie_regex(child) for char, child in node.items() if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return ("(?:" + body + ")" if len(branches) == 1 else body) + "?"


def _expand(template: str, table: dict[str, dict[str, str]]) -> str:
    def slot(m: re.Match[str]) -> str:
        category, suffix = m.group(1), m.group(2) or ""
        name = category + suffix
        if category in BUILTIN_SLOTS:
            return BUILTIN_SLOTS[category].format(name=name)
        if category not in table:
            raise ValueError(f"{PATTERNS_FILE}: unknown slot {{{category}}}")
        body = _alternation(list(table[category]))
        if category == "number":
            body = NUMBER_DIGITS + "|" + body
        return f"(?P<{name}>{body})"

    return SLOT_RE.sub(slot, template)


@cached
def rules() -> tuple[Rule, ...]:
    """Return the candidate patterns of ``patterns.tsv``, compiled once (case-insensitive)."""
    table = lexicon()
    compiled = []
    for fields in iter_tsv(PATTERNS_FILE):
        name, template = fields[0], fields[1]
        needs = frozenset(fields[2].split()) if len(fields) > 2 else frozenset()
        body = _expand(template, table)
        # the edges hold no letters: tested case-sensitively, they cost less at each position tried
        regex = re.compile(f"(?-i:{LEFT_EDGE})(?:{body})(?-i:{RIGHT_EDGE})", re.I)
        first = first_chars(regex)
        if first is not None:  # a cheap test of the first character spares the engine the body at most positions
            regex = re.compile(f"(?={first}){regex.pattern}", re.I)
        literals = required_strings(regex)
        required = re.compile("|".join(map(re.escape, literals))) if literals else None
        compiled.append(Rule(name, regex, needs, required, _lowered(regex)))
    return tuple(compiled)


def _lowered(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    """Return ``regex`` with its letters lower-cased, matched case-sensitively; None when a letter is not ASCII."""
    if any(not c.isascii() and c.lower() + c.upper() != c + c for c in regex.pattern):
        return None
    pattern = UPPER_RE.sub(lambda m: m.group(1) or m.group(2).lower(), regex.pattern)
    return re.compile(pattern, regex.flags & ~re.I)
