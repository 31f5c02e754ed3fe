"""Stage helper (times): find TIMEX3 candidate spans in a text, then keep the plausible, longest ones."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from spacy.tokens import Doc

from ...resources import cached
from ..tokens import TokenTable, char_tokens, token_table
from .lexicon import CASE_UNSAFE, LEFT_EDGE, Rule, _alternation, lexicon, rules
from .required import LETTERS, first_char_set, first_words

WORD_RE = re.compile(r"[A-Za-z]+|[0-9]")
DIGITS_RE = re.compile(r"[0-9]+")
WINDOW = 48  # characters searched around a trigger word: the longest prefix/suffix a rule allows
TRIGGER_CATEGORIES = (
    "month", "weekday", "season", "unit", "deictic", "ref", "holiday", "frequency", "partofday", "clock",
)  # fmt: skip
EXTRA_TRIGGERS = ("half", "fiscal", "once", "twice", "times")
NOT_TRIGGERS = {"the", "a", "an", "of", "in", "at", "to", "so", "s", "day's"}
# a single month word that is also a common English word needs a temporal neighbour
AMBIGUOUS_MONTHS = {
    "may",
    "march",
    "jan",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
MONTH_CUES = {"in", "of", "since", "until", "till", "by", "from", "through", "during", "before", "after", "early",
              "late", "mid", "last", "next", "this", "that", "to", "and", "or", "between", "each", "every"}  # fmt: skip
TIME_NOUNS = {
    "period",
    "quarter",
    "season",
    "year",
    "half",
    "election",
    "level",
    "levels",
    "census",
    "budget",
    "elections",
}
CAPITALISED_GROUPS = ("month", "weekday", "holiday")
TRIMMED_APPROX = {
    "about",
    "around",
    "nearly",
    "almost",
    "roughly",
    "approximately",
    "some",
    "just over",
    "well over",
}


class Candidate(NamedTuple):
    """A pattern match: character span, the rule that matched and the regex match (its named groups)."""

    start: int
    end: int
    rule: str
    priority: int
    match: re.Match[str]

    def group(self, name: str) -> str | None:
        """Return the text of a named group, or None when the rule has no such group or it did not match."""
        m = self.match
        return m.group(name) if name in m.re.groupindex else None


@cached
def trigger_words() -> dict[str, frozenset[str]]:
    """Return the lower-case words that can anchor a temporal expression, each with its lexicon categories."""
    table = lexicon()
    words: dict[str, set[str]] = {w: {w} for w in EXTRA_TRIGGERS}
    words["nineteen"] = {"digit"}  # spelled-out years
    for category in TRIGGER_CATEGORIES:
        for phrase in table.get(category, {}):
            for word in re.findall(r"[a-z]+", phrase):
                if word not in NOT_TRIGGERS:
                    words.setdefault(word, set()).add(category)
    return {w: frozenset(c) for w, c in words.items()}


# the only characters whose lower case is longer or holds an ASCII letter without being one: where absent,
# the lower-cased text keeps every offset and every run of ASCII letters
LOWER_UNSAFE = ("\u0130", "\u212a")


@cached
def trigger_regex() -> re.Pattern[str]:
    """Return a regex finding, in lower-cased text, each digit and each whole letter run that is a trigger word."""
    return re.compile(r"[0-9]|(?<![a-z])(?:" + _alternation(sorted(trigger_words())) + r")(?![a-z])")


def _triggers(text: str) -> Iterator[tuple[int, int, frozenset[str]]]:
    """Yield the span and categories of each trigger word and digit (the words of ``WORD_RE`` that count)."""
    triggers = trigger_words()
    digit = frozenset(("digit",))
    lowered = text.lower()
    if len(lowered) == len(text) and not any(c in text for c in LOWER_UNSAFE):
        for m in trigger_regex().finditer(lowered):
            word = m.group()
            yield m.start(), m.end(), digit if word.isdigit() else triggers[word]
        return
    for m in WORD_RE.finditer(text):
        word = m.group()
        categories = digit if word.isdigit() else triggers.get(word.lower())
        if categories is not None:
            yield m.start(), m.end(), categories


@cached
def trigger_word_regex() -> re.Pattern[str]:
    """Return a regex finding, in lower-cased text, each trigger word (group 1) with the character before it,
    which is no letter: the engine skips from one such character to the next without trying the words."""
    return re.compile(r"[^a-z](" + _alternation(sorted(trigger_words())) + r")(?![a-z])")


def _trigger_runs(lowered: str) -> list[tuple[int, int, frozenset[str]]]:
    """Return what ``_triggers`` yields for a text whose lower case is ``lowered`` (and keeps its offsets), a
    run of digits as one trigger: the windows around them are the same."""
    triggers = trigger_words()
    digit = frozenset(("digit",))
    found = [(m.start(), m.end(), digit) for m in DIGITS_RE.finditer(lowered)]
    first = trigger_regex().match(lowered)  # a word at the very beginning has no character before it
    if first is not None and not first.group().isdigit():
        found.append((0, first.end(), triggers[first.group()]))
    found += [(m.start(1), m.end(1), triggers[m.group(1)]) for m in trigger_word_regex().finditer(lowered)]
    found.sort(key=_first)
    return found


def _first(item: tuple) -> int:
    return item[0]


def _windows(text: str, lowered: str | None = None) -> list[tuple[int, int, set[str]]]:
    """Return merged character windows around trigger words and digits, with the categories seen in each
    (``lowered`` is ``text.lower()`` when the caller has it)."""
    windows: list[tuple[int, int, set[str]]] = []
    n = len(text)
    if lowered is None:
        lowered = text.lower()
    if len(lowered) == n and not any(c in text for c in LOWER_UNSAFE):
        triggers = _trigger_runs(lowered)
    else:
        triggers = _triggers(text)
    for word_start, word_end, categories in triggers:
        start, end = max(0, word_start - WINDOW), min(n, word_end + WINDOW)
        if windows and start <= windows[-1][1]:
            windows[-1][2].update(categories)
            windows[-1] = (windows[-1][0], end, windows[-1][2])
        else:
            windows.append((start, end, set(categories)))
    snapped = []
    for start, end, categories in windows:
        while end < n and not text[end].isspace():
            end += 1
        snapped.append((start, end, categories))
    return snapped


@cached
def start_index() -> tuple[dict[str, tuple[int, ...]], frozenset[int]]:
    """Return the rules (by number) whose match can begin with a given word, two words or other character
    (``required.first_words`` with ``words=2``), and the numbers of the rules so indexed: each is tried only
    where ``_starts`` finds such a beginning."""
    index: dict[str, list[int]] = {}
    indexed = set()
    for number, rule in enumerate(rules()):
        if rule.lowered is None:
            continue
        words = first_words(rule.lowered, 2)
        if words is None or words[1]:  # unknown, too many, or a word that may run on into more letters
            words = first_words(rule.lowered)
        if words is None or words[1]:
            continue
        closed, _, other = words
        chars = first_char_set(rule.lowered) if other else frozenset()
        if chars is None:
            continue
        for key in (*closed, *(c for c in chars if c not in LETTERS)):
            index.setdefault(key, []).append(number)
        indexed.add(number)
    return {key: tuple(numbers) for key, numbers in index.items()}, frozenset(indexed)


@cached
def start_regex() -> re.Pattern[str]:
    """Return a regex finding, in lower-cased text, each whole letter run that begins a key of
    ``start_index`` (with the white space and the letters after it as groups 1 and 2) and each other
    character that is a key, where a pattern's left edge allows a match to begin."""
    keys = start_index()[0]
    words = sorted({key.split(" ")[0] for key in keys if key[0] in LETTERS})
    others = "".join(sorted(re.escape(key) for key in keys if key[0] not in LETTERS))
    alternatives = [f"(?:{_alternation(words)})(?![a-z])(?=(\\s*)([a-z]*))"] if words else []
    if others:
        alternatives.append(f"[{others}]")
    return re.compile(LEFT_EDGE + "(?:" + ("|".join(alternatives) or "(?!)") + ")")


def _starts(lowered: str, start: int, end: int) -> dict[int, list[int]]:
    """Return, by rule number, the offsets in ``lowered[start:end]`` where an indexed rule's match can begin."""
    index = start_index()[0]
    found: dict[int, list[int]] = {}
    for m in start_regex().finditer(lowered, start, end):
        at = m.start()
        word, space, after = m.group(0, 1, 2)
        numbers = index.get(word, ())
        if space:  # the rules beginning with this word and white space, then two words or no letter
            numbers += index.get(word + " !", ())
            numbers += index.get(f"{word} {after}" if after else word + " ", ())
        for number in numbers:
            if number in found:
                found[number].append(at)
            else:
                found[number] = [at]
    return found


def find_candidates(text: str) -> list[Candidate]:
    """Return every pattern match in ``text`` (overlapping ones included), in text order."""
    found: list[Candidate] = []
    compiled = rules()
    indexed = start_index()[1]
    # the rules ``_starts`` cannot skip
    unindexed = {n for n, rule in enumerate(compiled) if n not in indexed or rule.lowered is None}
    lowered = text.lower()
    # a case-insensitive match in ``text`` is then a case-sensitive one, at the same offsets, in ``lowered``
    plain = len(lowered) == len(text) and not any(c in text for c in CASE_UNSAFE)
    for start, end, categories in _windows(text, lowered):
        folded = None
        starts = _starts(lowered, start, end) if plain else None
        # an indexed rule with no possible beginning in the window is skipped: try the others in rule order
        numbers = range(len(compiled)) if starts is None else sorted(starts.keys() | unindexed)
        for priority in numbers:
            rule = compiled[priority]
            if rule.needs and rule.needs.isdisjoint(categories):
                continue
            if starts is not None and rule.lowered is not None and priority in indexed:
                if priority not in starts:
                    continue  # no word in this window can begin a match
                matches = _matches_at(text, lowered, starts[priority], end, rule)
            else:
                if folded is None:
                    folded = text[start:end].casefold()
                if rule.required is not None and rule.required.search(folded) is None:
                    continue  # no match can lie in this window
                matches = _matches(text, lowered if plain else None, start, end, rule)
            for m in matches:
                s = m.start()
                lead_end = m.end("lead") if "lead" in m.re.groupindex else -1
                if lead_end > 0:
                    s = lead_end
                s = _trim_start(text, s, m, rule.name)
                found.append(Candidate(s, m.end(), rule.name, priority, m))
    found.sort(key=lambda c: (c.start, -c.end, c.priority))
    return found


def _matches(text: str, lowered: str | None, start: int, end: int, rule: Rule) -> Iterator[re.Match[str]]:
    """Yield the matches of ``rule.regex`` in ``text[start:end]``, found in ``lowered`` where it is given."""
    if lowered is None or rule.lowered is None:
        yield from rule.regex.finditer(text, start, end)
        return
    for found in rule.lowered.finditer(lowered, start, end):
        m = rule.regex.match(text, found.start(), end)  # the same match, its groups read from ``text``
        if m is not None:
            yield m


def _matches_at(text: str, lowered: str, starts: list[int], end: int, rule: Rule) -> Iterator[re.Match[str]]:
    """Yield what ``_matches`` yields, trying ``rule.lowered`` only at ``starts`` (every offset where a match
    can begin, in order): the first match from each offset on, the next one after its end."""
    after = 0
    for at in starts:
        if at < after:
            continue
        found = rule.lowered.match(lowered, at, end)
        if found is not None:
            after = found.end()
            m = rule.regex.match(text, at, end)  # the same match, its groups read from ``text``
            if m is not None:
                yield m


def _trim_start(text: str, start: int, m: re.Match[str], rule: str) -> int:
    """Return the start of the TIMEX3 extent: TimeML leaves out some words the patterns match."""
    lowered = text[start : m.end()].lower()
    cut = 0
    approx = m.group("approx") if rule == "duration" and "approx" in m.re.groupindex else None
    if rule == "duration" and approx and " ".join(approx.lower().split()) in TRIMMED_APPROX:
        cut = m.end("approx") - start
    elif rule in ("weekday", "deictic") and lowered.startswith(("earlier ", "later ")):
        cut = lowered.index(" ")
    elif lowered.startswith("the ") and (
        (
            rule == "year"
            and not ("period" in m.re.groupindex and m.group("period"))
            and re.fullmatch(r"the\s+[0-9]{4}", lowered)
        )
        or (
            rule in ("quarter", "duration")
            and re.search(r"[a-z0-9]-(quarter|year|month|week|day|hour)s?$", lowered)
        )
    ):
        cut = 3
    start += cut
    while start < m.end() and text[start].isspace():
        start += 1
    return start


def _token_at(t: TokenTable, char: int) -> int | None:
    """Return the index of the token covering ``char`` (``doc.char_span(char, char + 1, "expand")[0]``), or
    None where ``char`` is a token's trailing space or outside the text."""
    found = char_tokens(t, char, char + 1)
    return None if found is None or found[0] == found[1] else found[0]


def _previous_word(text: str, start: int) -> str:
    m = re.search(r"([A-Za-z]+)\W*$", text[max(0, start - 20) : start])
    return m.group(1).lower() if m else ""


def plausible(cand: Candidate, doc: Doc | None = None, table: TokenTable | None = None) -> bool:
    """Say whether a candidate is a temporal expression, using case and (with ``doc``) the parse (``table``
    is ``token_table(doc)`` when the caller has it)."""
    text = cand.match.string
    t = table if table is not None or doc is None else token_table(doc)
    for name in CAPITALISED_GROUPS:
        value = cand.group(name)
        if value is not None and not value[0].isupper():
            return False
    month = cand.group("month")
    only_month = (
        month is not None
        and cand.group("day") is None
        and cand.group("ordinal") is None
        and cand.group("year") is None
    )
    if only_month and len(month.rstrip(".")) <= 4 and month.lower() not in ("may", "june", "july"):
        return False  # "Jan" alone is more often a name
    if only_month and month.lower().rstrip(".") in AMBIGUOUS_MONTHS:
        if cand.end - cand.start == len(month):
            if _previous_word(text, cand.start) not in MONTH_CUES:
                return False
        if t is not None:
            tok = _token_at(t, text.index(month, cand.start))
            if tok is not None and (t.tags[tok] == "MD" or t.pos[tok] in ("VERB", "AUX")):
                return False
    rule = cand.rule
    if rule == "season" and cand.end - cand.start == len(cand.group("season") or ""):
        return False
    if rule == "decade" and cand.group("dcent") is None and "'" not in cand.match.group():
        return False
    if rule in ("duration", "ago"):
        unit = (cand.group("unit") or "").lower()
        number = (cand.group("number") or "").lower()
        if number.isdigit() and len(number) == 4:  # "the 1988 quarter" is a year, not 1988 quarters
            return False
        if (cand.group("adj") or "").lower() == "-old" or re.match(
            r"\s+old\b", text[cand.end : cand.end + 5]
        ):
            return False  # ages are not durations
        if number in ("a", "an") and t is not None and rule == "duration":
            tok = _token_at(t, cand.match.start("unit"))
            if tok is not None and t.deps[tok] == "npadvmod":  # a rate: "four flights a week"
                return False
        if unit.startswith("second") and number in ("a", "an", ""):
            return False
        if unit.startswith("quarter") and number in ("a", "an", "one", "three") and not cand.group("drel"):
            return False
    if (
        rule == "duration"
        and cand.group("lead") is not None
        and not (cand.group("unit") or "").lower().endswith("s")
    ):
        return False
    if rule == "quarter" and (
        text[cand.end : cand.end + 1] == "-" or cand.match.group().lower() == "quarter"
    ):
        return False  # "quarter-century", "a quarter of"
    if rule == "year" and cand.end - cand.start <= 4:
        year = cand.group("year") or ""
        after = text[cand.end : cand.end + 2]
        if year.startswith("'") or after.startswith(("%", " %", "-")):
            return False
        if t is not None:
            tok = _token_at(t, cand.start)
            if tok is not None and t.deps[tok] == "nummod":
                head = t.heads[tok]
                if t.tags[head] in ("NNS", "NNPS") and head > tok and t.lowers[head] not in TIME_NOUNS:
                    return False  # a count: "2000 soldiers"
    return True


def select(
    candidates: list[Candidate], doc: Doc | None = None, table: TokenTable | None = None
) -> list[Candidate]:
    """Return the plausible candidates without overlaps, the longest first, then by rule order (``table`` is
    ``token_table(doc)`` when the caller has it)."""
    if table is None and doc is not None and candidates:
        table = token_table(doc)
    ranked = sorted(candidates, key=lambda c: (-(c.end - c.start), c.priority, c.start))
    taken: list[Candidate] = []
    occupied: list[tuple[int, int]] = []
    for cand in ranked:
        if any(cand.start < e and s < cand.end for s, e in occupied):
            continue
        if not plausible(cand, doc, table):
            continue
        taken.append(cand)
        occupied.append((cand.start, cand.end))
    return sorted(taken, key=lambda c: c.start)


def find_timexes(text: str, doc: Doc | None = None, table: TokenTable | None = None) -> list[Candidate]:
    """Return the temporal expressions of ``text``: candidates found, checked (against the parse of ``doc``,
    whose ``token_table`` may be given) and de-overlapped."""
    return select(find_candidates(text), doc, table)
