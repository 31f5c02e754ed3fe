"""Stage helper (times): the literal strings a compiled pattern's every match must contain.

A cheap, exact pre-filter: when a stretch of text contains none of them (after ``str.casefold``), the
pattern cannot match there, and the regex engine need not try every position of it. Derived from the
pattern's parse tree: runs of literals, finite alternations and short repeats are expanded into the set
of strings they match; zero-width assertions match the empty string.
"""

from __future__ import annotations

import re
from re import _constants as sre  # noqa: PLC2701 - the parse tree of the standard library's own regexes
from re import _parser as sre_parse  # noqa: PLC2701

MAX_STRINGS = 64  # a larger set is not worth testing substring by substring
ZERO_WIDTH = {sre.ASSERT, sre.ASSERT_NOT, sre.AT}


def _cross(left: set[str] | None, right: set[str] | None) -> set[str] | None:
    if left is None or right is None:
        return None
    out = {a + b for a in left for b in right}
    return out if len(out) <= MAX_STRINGS else None


def _language(items) -> set[str] | None:
    """Return every string a sequence of nodes matches, when that set is finite and small; else None."""
    out: set[str] | None = {""}
    for op, av in items:
        out = _cross(out, _node_language(op, av))
        if out is None:
            return None
    return out


def _node_language(op, av) -> set[str] | None:
    if op is sre.LITERAL:
        return {chr(av).casefold()}
    if op in ZERO_WIDTH:
        return {""}
    if op is sre.SUBPATTERN:
        return _language(av[-1])
    if op is sre.BRANCH:
        out = _union(av[1], _language)
        return out if out is not None and len(out) <= MAX_STRINGS else None
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[1] <= 3:
        lang = _language(av[2])
        out, power = set(), {""}
        for count in range(av[1] + 1):
            if count >= av[0]:
                out |= power
            power = _cross(power, lang)
            if power is None:
                return None
        return out if len(out) <= MAX_STRINGS else None
    if op is sre.IN and all(kind is sre.LITERAL for kind, _ in av):
        return {chr(v).casefold() for _, v in av}
    return None


def _union(alternatives, strings_of) -> set[str] | None:
    """Return the union of ``strings_of`` over a branch's alternatives; None when one of them is unknown."""
    out: set[str] = set()
    for alternative in alternatives:
        found = strings_of(alternative)
        if found is None:
            return None
        out |= found
    return out


def _better(candidate: set[str] | None, best: set[str] | None) -> set[str] | None:
    """Return the more selective of two required sets: no empty string, longest shortest member."""
    if candidate is None or "" in candidate or not candidate:
        return best
    if best is None:
        return candidate
    key = (min(map(len, candidate)), -len(candidate))
    return candidate if key > (min(map(len, best)), -len(best)) else best


def _required(items) -> set[str] | None:
    """Return strings one of which every match of the node sequence contains, or None."""
    best: set[str] | None = None
    run: set[str] = {""}
    for op, av in items:
        lang = _node_language(op, av)
        joined = _cross(run, lang) if lang is not None else None
        if joined is not None:
            run = joined
            continue
        best = _better(run, best)
        run = lang if lang is not None else {""}
        if lang is None:
            best = _better(_required_node(op, av), best)
    return _better(run, best)


def _required_node(op, av) -> set[str] | None:
    if op is sre.SUBPATTERN:
        return _required(av[-1])
    if op is sre.BRANCH:
        return _union(av[1], _required)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
        return _required(av[2])
    return None


def required_strings(regex: re.Pattern[str]) -> tuple[str, ...]:
    """Return case-folded strings one of which every match of ``regex`` contains; () when unknown."""
    try:
        found = _required(sre_parse.parse(regex.pattern, regex.flags))
    except Exception:  # noqa: BLE001 - a parse tree we do not understand only loses the pre-filter
        return ()
    if not found or len(found) > MAX_STRINGS:
        return ()
    return tuple(sorted(found, key=lambda s: (-len(s), s)))


def _first(items) -> tuple[set[str], bool] | None:
    """Return the characters a node sequence's match can begin with and whether it can match empty."""
    chars: set[str] = set()
    for op, av in items:
        found = _node_first(op, av)
        if found is None:
            return None
        chars |= found[0]
        if not found[1]:
            return chars, False
    return chars, True


def _node_first(op, av) -> tuple[set[str], bool] | None:
    if op is sre.LITERAL:
        return {chr(av)}, False
    if op in ZERO_WIDTH:
        return set(), True
    if op is sre.SUBPATTERN:
        return _first(av[-1])
    if op is sre.BRANCH:
        chars: set[str] = set()
        nullable = False
        for alternative in av[1]:
            found = _first(alternative)
            if found is None:
                return None
            chars |= found[0]
            nullable = nullable or found[1]
        return chars, nullable
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        found = _first(av[2])
        return None if found is None else (found[0], found[1] or av[0] == 0)
    if op is sre.IN:
        chars = set()
        for kind, value in av:
            if kind is sre.LITERAL:
                chars.add(chr(value))
            elif kind is sre.RANGE and value[1] - value[0] < MAX_STRINGS:
                chars.update(map(chr, range(value[0], value[1] + 1)))
            else:
                return None
        return chars, False
    return None


def first_char_set(regex: re.Pattern[str]) -> frozenset[str] | None:
    """Return the characters a match of ``regex`` can begin with; None when unknown."""
    try:
        found = _first(sre_parse.parse(regex.pattern, regex.flags))
    except Exception:  # noqa: BLE001 - a parse tree we do not understand only loses the pre-filter
        return None
    if found is None or found[1] or not found[0]:
        return None
    return frozenset(found[0])


def first_chars(regex: re.Pattern[str]) -> str | None:
    """Return a character class of the characters a match of ``regex`` can begin with; None when unknown."""
    found = first_char_set(regex)
    if found is None:
        return None
    return "[" + "".join(re.escape(c) for c in sorted(found)) + "]"


LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
MAX_WORDS = 20_000  # more first words than this: the pattern gets no word index
MAX_REPEATS = 50


class _TooMany(Exception):
    """The first words of a pattern are unknown or too many to list."""


def _canon(chars: str, open_: bool, words: int) -> tuple[str, bool]:
    """Return the beginning ``chars`` stands for: letters, one space per run of white space (at most
    ``words - 1`` of them), cut (closed) at any other character ("#") or at the white space after the last
    word, or where no letter may follow ("!", kept after a space: white space may follow there)."""
    out: list[str] = []
    kept = 0
    for c in chars:
        if c == "#":
            return "".join(out), False
        if c == "!":
            return "".join(out) + ("!" if out and out[-1] == " " else ""), False
        if c == " ":
            if out and out[-1] == " ":
                continue
            if kept == words - 1:
                return "".join(out), False
            kept += 1
        out.append(c)
    return "".join(out), open_


def _extend(states: set[tuple[str, bool]], lang: set[tuple[str, bool]], words: int) -> set[tuple[str, bool]]:
    """Return the states after one more node: each open beginning followed by each of the node's beginnings."""
    out = set()
    for word, open_ in states:
        if not open_:
            out.add((word, False))
            continue
        for more, still_open in lang:
            if not more or (more.isalpha() and more.isascii()):  # ``word`` is canonical: so is the whole
                out.add((word + more, still_open))
            else:
                out.add(_canon(word + more, still_open, words))
    if len(out) > MAX_WORDS:
        raise _TooMany
    return out


def _words(items, words: int) -> set[tuple[str, bool]]:
    """Return how a node sequence's match can begin: ``(beginning, open)`` pairs.

    ``beginning`` holds the ASCII lower-case letters a match begins with, up to its ``words``-th word, with
    one space for each run of white space between them; ``open`` says the sequence can end right there (the
    following nodes may add more), else what follows is no letter (or the end of the text). A superset:
    assertions are ignored, except a negative lookahead that refuses every letter.
    """
    states = {("", True)}
    for op, av in items:
        if not any(open_ for _, open_ in states):
            break
        states = _extend(states, _node_words(op, av, words), words)
    return states


def _class_words(av) -> set[tuple[str, bool]]:
    """Return the beginnings of a character class: each letter it holds, white space (" "), any other ("#")."""
    kinds: set[str] = set()
    for kind, value in av:
        if kind is sre.LITERAL:
            chars = [chr(value)]
        elif kind is sre.RANGE:
            chars = [chr(v) for v in range(value[0], value[1] + 1)]
        elif kind is sre.CATEGORY and value == sre.CATEGORY_DIGIT:
            chars = ["#"]
        elif kind is sre.CATEGORY and value == sre.CATEGORY_SPACE:
            chars = [" "]
        else:  # a negated class, a word category: any character at all
            chars = [*LETTERS, " ", "#"]
        for c in chars:
            kinds.add(c if c in LETTERS else " " if c.isspace() else "#")
    return {(c, True) if c != "#" else ("", False) for c in kinds}


def _refuses_letters(av) -> bool:
    """Say whether a negative lookahead's pattern matches every letter by itself (``(?!\\w|...)``)."""
    direction, pattern = av
    if direction != 1:
        return False
    items = list(pattern)
    alternatives = items[0][1][1] if len(items) == 1 and items[0][0] is sre.BRANCH else [items]
    for alternative in alternatives:
        nodes = list(alternative)
        if len(nodes) == 1 and nodes[0][0] is sre.IN:
            if LETTERS <= {word for word, _ in _class_words(nodes[0][1])}:
                return True
    return False


def _node_words(op, av, words: int) -> set[tuple[str, bool]]:
    if op is sre.LITERAL:
        c = chr(av)
        return {(c, True)} if c in LETTERS else {(" ", True) if c.isspace() else ("", False)}
    if op is sre.ASSERT_NOT and _refuses_letters(av):
        return {("!", False)}
    if op in ZERO_WIDTH:
        return {("", True)}
    if op is sre.SUBPATTERN:
        return _words(av[-1], words)
    if op is sre.BRANCH:
        out: set[tuple[str, bool]] = set()
        for alternative in av[1]:
            out |= _words(alternative, words)
        return out
    if op is sre.IN:
        return _class_words(av)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, body = av
        once = _words(body, words)
        out, current = set(), {("", True)}
        for count in range(MAX_REPEATS + 1):
            if count >= low:
                out |= current
            if count >= high or not any(open_ for _, open_ in current):
                return out
            following = _extend(current, once, words)
            if count >= low and following <= out:
                return out
            current = following
    raise _TooMany  # any character, a back reference, too many repeats


def first_words(regex: re.Pattern[str], words: int = 1) -> tuple[frozenset[str], frozenset[str], bool] | None:
    """Return how a match of a case-sensitive ``regex`` can begin: ``(closed, open, other)``.

    A match begins with a word of ``closed`` followed by no ASCII lower-case letter, or with a word of
    ``open`` (perhaps followed by more letters), or (``other``) with a character that is no such letter.
    With ``words=2`` a "word" may be two, written with one space for the white space between them; one
    that ends in a space is followed by white space, then no letter; one that ends in " !" by white space
    where no letter follows (more white space may). None when that is unknown or too long to list (the
    pattern may begin with any word).
    """
    if regex.flags & re.I:
        return None
    try:
        states = _words(sre_parse.parse(regex.pattern, regex.flags), words)
    except Exception:  # noqa: BLE001 - a parse tree we do not understand only loses the index
        return None
    states = {("", False) if word.startswith((" ", "!")) else (word, open_) for word, open_ in states}
    if ("", True) in states:
        return None
    closed = frozenset(word for word, open_ in states if word and not open_)
    opened = frozenset(word for word, open_ in states if word and open_)
    return closed, opened, ("", False) in states
