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


def first_chars(regex: re.Pattern[str]) -> str | None:
    """Return a character class of the characters a match of ``regex`` can begin with; None when unknown."""
    try:
        found = _first(sre_parse.parse(regex.pattern, regex.flags))
    except Exception:  # noqa: BLE001 - a parse tree we do not understand only loses the pre-filter
        return None
    if found is None or found[1] or not found[0]:
        return None
    return "[" + "".join(re.escape(c) for c in sorted(found[0])) + "]"
