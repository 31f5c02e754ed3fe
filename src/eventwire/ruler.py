"""An indexed matcher for spaCy's ``attribute_ruler``: the same matches, a fraction of the time.

The English pipelines' attribute ruler holds ~180 token patterns (tag -> POS/morphology, a few word and
dependency exceptions) and runs them through a ``Matcher``, which tries every pattern at every token: in
``en_core_web_sm`` that is ~13% of the whole parse. Almost every pattern pins one token's TAG and/or LOWER to
a value or a set of values, so the rules that can match a token are found with one dictionary lookup by its
tag or lower-cased form. ``index_attribute_ruler`` gives the ruler a ``match`` that does exactly that for
those patterns, evaluates their remaining conditions (TAG, LOWER, DEP, IS_SPACE; equality, IN, NOT_IN), and
leaves every other pattern (REGEX, several tokens, other attributes) to a ``Matcher`` of its own; what a
token's (TAG, LOWER, DEP, IS_SPACE) row matches as a first token is memoised by that row. The match
list, and so every token attribute the ruler sets, is identical to spaCy's (tested on the test corpus).
When every rule sets only token attributes (as the English rules do), the matches are also applied to one
``Doc.to_array`` and written back with one ``Doc.from_array`` (``ArrayAnnotations``) instead of a Span and
two Tokens per match.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, NORM, POS, TAG
from spacy.matcher import Matcher
from spacy.tokens import Doc

LOG = logging.getLogger(__name__)
ATTRS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}  # column in a token row: (tag, lower, dep, is_space)
ROW_ATTRS = [TAG, LOWER, DEP, IS_SPACE]  # a token row in that order, from Doc.to_array
ROW_KEY = numpy.dtype((numpy.void, 4 * 8))  # a row as one value
MEMO_LIMIT = 200_000  # rows memoised before the memo starts afresh
INDEX_ORDER = (ATTRS["LOWER"], ATTRS["DEP"], ATTRS["TAG"], ATTRS["IS_SPACE"])
TOKEN_ATTRS = frozenset({TAG, POS, MORPH, LEMMA, NORM, DEP})  # what set_token_attrs sets on the token alone
Test = tuple[int, str, Any]  # (column, "==" | "in" | "not in" | "re", value, frozenset or RegexTest)
Entry = tuple[int, int, list[Test], tuple[list[Test], ...]]  # rule, match id, tests left on token 1, later tokens


class RegexTest:
    """A REGEX condition on a token attribute, memoised by the attribute's hash (the vocabulary is finite)."""

    def __init__(self, pattern: str, strings) -> None:
        self.regex = re.compile(pattern)
        self.strings = strings
        self.memo: dict[int, bool] = {}

    def __call__(self, key: int) -> bool:
        hit = self.memo.get(key)
        if hit is None:
            hit = self.memo[key] = bool(self.regex.search(self.strings[key])) if key else False
        return hit


def _compile_token(token: dict, strings) -> list[Test] | None:
    """Return the conditions of one token pattern, or None when it uses what the index cannot evaluate."""
    tests: list[Test] = []
    for attr, want in token.items():
        column = ATTRS.get(attr)
        if column is None:
            return None
        if attr == "IS_SPACE":
            if not isinstance(want, bool):
                return None
            tests.append((column, "==", int(want)))
        elif isinstance(want, str):
            tests.append((column, "==", strings.add(want)))
        elif isinstance(want, dict) and len(want) == 1 and next(iter(want)) in ("IN", "NOT_IN", "REGEX"):
            op, values = next(iter(want.items()))
            if op == "REGEX":
                tests.append((column, "re", RegexTest(values, strings)))
            else:
                tests.append((column, op.lower().replace("_", " "), frozenset(strings.add(v) for v in values)))
        else:
            return None
    return tests


def _keys(tests: list[Test], column: int) -> frozenset[int] | None:
    """Return the values of ``column`` a matching token must have, or None when the pattern does not pin it."""
    for col, op, value in tests:
        if col == column and op == "==":
            return frozenset((value,))
        if col == column and op == "in":
            return value
    return None


def _passes(tests: list[Test], row: list[int]) -> bool:
    for column, op, value in tests:
        have = row[column]
        if op == "==":
            if have != value:
                return False
        elif op == "re":
            if not value(have):
                return False
        elif (have in value) != (op == "in"):
            return False
    return True


class IndexedMatch:
    """A drop-in for ``AttributeRuler.match``: patterns indexed by a value their first token must have."""

    def __init__(self, ruler) -> None:
        strings = ruler.vocab.strings
        # index[column][value] -> patterns whose first token must have that value in that column; an entry
        # keeps only the tests the lookup has not already settled
        self.index: list[dict[int, list[Entry]]] = [{} for _ in ATTRS]
        self.by_regex: list[tuple[RegexTest, Entry]] = []  # first token pinned only by a REGEX on LOWER
        self.regex_memo: dict[int, list[Entry]] = {}
        self.row_memo: dict[bytes, tuple[list[tuple[int, int]], list[Entry]]] = {}
        self.rest = Matcher(ruler.vocab)
        for rule in range(len(ruler.attrs)):
            key = str(rule)
            match_id = strings.add(key)
            for pattern in ruler.matcher.get(key)[1]:
                compiled = [_compile_token(token, strings) for token in pattern]
                if not compiled or any(tests is None for tests in compiled):
                    self.rest.add(key, [pattern])
                    continue
                first, later = compiled[0], tuple(compiled[1:])
                for column in INDEX_ORDER:  # the most selective column the first token pins
                    if (values := _keys(first, column)) is not None:
                        left = [t for t in first if not (t[0] == column and t[1] in ("==", "in"))]
                        for value in values:
                            self.index[column].setdefault(value, []).append((rule, match_id, left, later))
                        break
                else:
                    regex = [t for t in first if t[1] == "re" and t[0] == ATTRS["LOWER"]]
                    if not regex:  # nothing pins the first token: leave the pattern to the Matcher
                        self.rest.add(key, [pattern])
                        continue
                    left = [t for t in first if t is not regex[0]]
                    self.by_regex.append((regex[0][2], (rule, match_id, left, later)))
        self.strings = strings
        LOG.debug("attribute ruler index: %d patterns left to the Matcher", len(self.rest))

    def _regex_entries(self, lower: int) -> list[Entry]:
        entries = self.regex_memo.get(lower)
        if entries is None:
            entries = self.regex_memo[lower] = [entry for test, entry in self.by_regex if test(lower)]
        return entries

    def _first(self, row: tuple[int, int, int, int]) -> tuple[list[tuple[int, int]], list[Entry]]:
        """Return the rules whose first token matches a token with this row: those of one token as (rule,
        match id), the others as entries whose later tokens are still to be checked."""
        tag, lower, dep, space = row
        tags, lowers, deps, spaces = self.index
        regex = self.regex_memo.get(lower)
        if regex is None:
            regex = self._regex_entries(lower)
        single: list[tuple[int, int]] = []
        longer: list[Entry] = []
        for entries in (tags.get(tag), lowers.get(lower), deps.get(dep), spaces.get(space), regex):
            for entry in entries or ():
                rule, match_id, left, later = entry
                if left and not _passes(left, row):
                    continue
                if later:
                    longer.append(entry)
                else:
                    single.append((rule, match_id))
        return single, longer

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        found: set[tuple[int, int, int, int]] = set()
        n = len(doc)
        if n:
            array = doc.to_array(ROW_ATTRS)
            # one 32-byte key per token (its row); what a row's first tokens match is memoised by it
            keys = numpy.ascontiguousarray(array).view(ROW_KEY).ravel().tolist()
            memo = self.row_memo
            if len(memo) > MEMO_LIMIT:
                memo.clear()
            rows = None
            for i, key in enumerate(keys):
                hit = memo.get(key)
                if hit is None:
                    hit = memo[key] = self._first(tuple(array[i].tolist()))
                single, longer = hit
                for rule, match_id in single:
                    found.add((rule, match_id, i, i + 1))
                if longer:
                    if rows is None:
                        rows = [tuple(row) for row in array.tolist()]
                    for rule, match_id, _, later in longer:
                        end = i + 1 + len(later)
                        if end <= n and all(_passes(tests, rows[i + j]) for j, tests in enumerate(later, 1)):
                            found.add((rule, match_id, i, end))
        if len(self.rest):
            for match_id, start, end in self.rest(doc, allow_missing=True):
                found.add((int(self.strings[match_id]), match_id, start, end))
        return sorted(found)


class ArrayAnnotations:
    """A drop-in for ``AttributeRuler.set_annotations`` when every rule sets only token attributes (TAG, POS,
    MORPH, LEMMA, NORM, DEP): the matches are applied in their order to one ``Doc.to_array`` of those
    columns and written back with one ``Doc.from_array``, which stores each value as ``set_token_attrs``
    does (``Token.set_struct_attr``; for these attributes it leaves the lexeme alone), without a Span and
    two Tokens per match."""

    def __init__(self, ruler) -> None:
        self.ruler = ruler
        self.stock = ruler.set_annotations  # for a match whose index falls outside it: spaCy's own error
        self._compile()

    def _compile(self) -> None:
        ruler = self.ruler
        self.columns = sorted({attr for attrs in ruler.attrs for attr in attrs})
        where = {attr: k for k, attr in enumerate(self.columns)}
        self.rules = [(index, [(where[attr], value) for attr, value in attrs.items()])
                      for index, attrs in zip(ruler.indices, ruler.attrs, strict=True)]

    def __call__(self, doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        if len(self.rules) != len(self.ruler.attrs):  # rules added since
            self._compile()
        if not matches or not self.columns:
            return self.stock(doc, matches)
        rules = self.rules
        array = doc.to_array(self.columns)
        for rule, _, start, end in matches:
            index, values = rules[rule]
            i = (start if index >= 0 else end) + index
            if not start <= i < end:
                return self.stock(doc, matches)
            for column, value in values:
                array[i, column] = value
        doc.from_array(self.columns, array)
        return None


def index_attribute_ruler(nlp) -> Callable | None:
    """Give the pipeline's ``attribute_ruler`` the indexed ``match`` (and, when its rules set only token
    attributes, the array ``set_annotations``); return the match (None without a ruler)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return None
    ruler = nlp.get_pipe("attribute_ruler")
    if not hasattr(ruler, "matcher") or not hasattr(ruler, "attrs"):
        return None
    if not isinstance(ruler.match, IndexedMatch):
        ruler.match = IndexedMatch(ruler)
    if (not isinstance(getattr(ruler, "set_annotations", None), ArrayAnnotations)
            and all(set(attrs) <= TOKEN_ATTRS for attrs in ruler.attrs)):
        ruler.set_annotations = ArrayAnnotations(ruler)
    return ruler.match
