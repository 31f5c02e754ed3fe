"""Stage: counted quantities ("500 troops", "10,000 to 12,000", "about 150", "thousands of protesters").

Candidates are runs of number words found in one pass over the tokens (``find_quantities``); each is then
normalised to ``min``/``max``/``approx``/``unit`` (``normalize_quantity``). Dates, times, ordinals, years and
numbers inside names ("Resolution 1441") are not quantities; money is counted in a currency unit (USD),
percentages in "percent".
"""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.tokens import Doc

from ..document import Quantity
from .context import Context, table_of
from .tokens import TokenTable, token_table

WORD_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "half": 0.5,
}  # fmt: skip
SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1e12,
    "dozen": 12,
}
SCALE_ABBREV = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000}
# plural vague amounts: the least they can mean ("hundreds of" -> at least 200)
VAGUE = {
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2_000,
    "millions": 2_000_000,
    "billions": 2e9,
    "tens": 20,
}
LOWER_BOUND = (
    "more than",
    "over",
    "at least",
    "upwards of",
    "in excess of",
    "no fewer than",
    "no less than",
    "just over",
    "well over",
)
UPPER_BOUND = (
    "up to",
    "less than",
    "fewer than",
    "under",
    "just under",
    "at most",
    "as many as",
    "no more than",
    "nearly",
    "almost",
    "close to",
)
APPROX = (
    "about",
    "around",
    "approximately",
    "roughly",
    "some",
    "an estimated",
    "estimated",
    "nearly",
    "almost",
    "close to",
    "circa",
    "approx.",
    "around about",
    "perhaps",
    "maybe",
    "reportedly",
)
# "several" is set by find_quantities for "a few hundred", "several thousand"
MODIFIERS = tuple(sorted(set(LOWER_BOUND + UPPER_BOUND + APPROX), key=lambda m: -len(m.split())))
MODIFIERS_BY_LAST = {
    last: tuple(m for m in MODIFIERS if m.split()[-1] == last) for last in {m.split()[-1] for m in MODIFIERS}
}
RANGE_WORDS = frozenset({"to", "-", "–", "—", "or", "and"})
CURRENCY_SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB"}
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
    "yen": "JPY", "yuan": "CNY", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB",
    "rupee": "INR", "rupees": "INR", "usd": "USD", "eur": "EUR", "gbp": "GBP", "francs": "CHF", "shekels": "ILS",
}  # fmt: skip
PERCENT_WORDS = frozenset({"%", "percent", "per cent", "pct"})
# participles and adjectives that stand for the counted people ("20 were killed", "at least 5 dead")
CASUALTY_WORDS = {
    "killed": "killed", "dead": "dead", "died": "dead", "wounded": "injured", "injured": "injured", "hurt": "injured",
    "arrested": "arrested", "detained": "arrested", "missing": "missing", "displaced": "displaced", "kidnapped": "kidnapped",
    "abducted": "kidnapped", "evacuated": "evacuated", "rescued": "rescued", "executed": "killed",
}  # fmt: skip
SKIP_ENTS = frozenset({"DATE", "TIME", "ORDINAL"})
TIME_NOUNS = frozenset(
    {"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months",
     "year", "years", "decade", "decades", "century", "centuries", "night", "nights", "weekend", "weekends", "am", "pm"}
)  # fmt: skip
NUMBER_RE = re.compile(r"^[-+]?\d[\d,]*(\.\d+)?$")
SUFFIXED_RE = re.compile(r"^(\d[\d,]*(?:\.\d+)?)(k|m|mn|bn|b)$", re.I)
UNIT_SKIP_TAGS = frozenset({"JJ", "JJR", "JJS", "VBN", "VBG", "NNP", "RB", "HYPH", "``", "''"})
MAX_UNIT_GAP = 4
TENS = frozenset({"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"})
NUMBER_WORDS = frozenset((set(WORD_NUMBERS) - {"a", "an", "half"}) | set(SCALES) | set(VAGUE))
LONG_TOKEN = 100  # characters from which spaCy's token shape is "LONG" (no digit or hyphen in it)


class Candidate(NamedTuple):
    """A number expression: token span, its modifier phrase, the numbers' token runs, the unit token."""

    start: int
    end: int
    modifier: str | None
    runs: tuple[tuple[int, int], ...]
    unit: int | None
    unit_text: str | None


def extract_quantities(doc: Doc, ctx: Context) -> list[Quantity]:
    """Return every counted amount in ``doc``."""
    t = table_of(doc, ctx)
    out = []
    for cand in find_quantities(doc, t):
        q = normalize_quantity(doc, cand, t)
        if q is not None:
            out.append(q)
    return out


def _is_number(t: TokenTable, i: int) -> bool:
    text = t.texts[i]
    if text[:1].isdigit():
        return bool(NUMBER_RE.match(text) or SUFFIXED_RE.match(text))
    low = t.lowers[i]
    if low in NUMBER_WORDS:
        return low != "one" or t.deps[i] == "nummod"
    return "-" in low and all(p in WORD_NUMBERS for p in low.split("-")) and t.toks[i].like_num


def find_quantities(doc: Doc, table: TokenTable | None = None) -> list[Candidate]:
    """Return the number expressions of ``doc`` with their modifiers, range parts and counted noun (``table``
    is ``token_table(doc)`` when the caller has it)."""
    t = table if table is not None else token_table(doc)
    lowers, ent_types = t.lowers, t.ent_types
    cands: list[Candidate] = []
    n = len(lowers)
    resume = 0  # the first token not yet taken by an earlier candidate
    for i in _maybe_numbers(t):
        if i < resume:
            continue
        if (
            not _is_number(t, i)
            or t.toks[i].like_url
            or (ent_types[i] in SKIP_ENTS and not _counts_despite_ent(t, i))
        ):
            continue
        runs = []
        j = _run_end(t, i)
        runs.append((i, j))
        # "a dozen", "a million", "half a million": a leading article belongs to the number
        start = i
        few = False
        if i > 0 and lowers[i - 1] in ("a", "an") and lowers[i] in SCALES:
            start = i - 1
            if i > 1 and lowers[i - 2] == "half":
                start = i - 2
        elif i > 0 and lowers[i] in SCALES and lowers[i - 1] in ("few", "several"):
            start, few = i - 1, True  # "a few hundred", "several thousand": at least two of them
            if i > 1 and lowers[i - 2] == "a":
                start = i - 2
        # ranges: "10,000 to 12,000", "40-50", "between 40 and 50"
        if j + 1 < n and lowers[j] in RANGE_WORDS and _is_number(t, j + 1) and ent_types[j + 1] != "ORDINAL":
            if lowers[j] != "and" or _between_before(t, start):
                k = _run_end(t, j + 1)
                runs.append((j + 1, k))
                j = k
        modifier, start = _modifier_before(t, start)
        if few and modifier is None:
            modifier = "several"
        if modifier is None and start > 0 and lowers[start - 1] == "between" and len(runs) == 2:
            start -= 1
        unit, unit_text, end = _unit_after(t, runs[-1][1] - 1, j)
        if start > 0 and t.texts[start - 1] in CURRENCY_SYMBOLS:
            start -= 1
            unit_text = CURRENCY_SYMBOLS[t.texts[start]]
        cands.append(Candidate(start, end, modifier, tuple(runs), unit, unit_text))
        resume = max(j, i + 1)
    return cands


def _maybe_numbers(t: TokenTable) -> list[int]:
    """Return the indices of the tokens that ``_is_number`` could accept.

    Only a token that starts with a digit, is a number word or holds a hyphen can be a number (and, as spaCy's
    token shape says, one shorter than ``LONG_TOKEN`` characters unless it is a number word).
    """
    texts = t.texts
    return [
        i
        for i, low in enumerate(t.lowers)
        if low in NUMBER_WORDS or ((low[:1].isdigit() or "-" in low) and len(texts[i]) < LONG_TOKEN)
    ]


def _counts_despite_ent(t: TokenTable, i: int) -> bool:
    """Return True when a number the NER took for a date still counts a noun ("2000 soldiers", "40 and 50 men")."""
    lowers = t.lowers
    if t.ent_types[i] != "DATE" or lowers[t.heads[i]] in TIME_NOUNS:
        return False
    n = len(lowers)
    k = i + 1
    while k < n and k <= i + 3 and (lowers[k] in RANGE_WORDS or _is_number(t, k)):
        k += 1
    return k < n and t.tags[k] == "NNS" and lowers[k] not in TIME_NOUNS and t.ent_types[k] != "DATE"


def _run_end(t: TokenTable, i: int) -> int:
    """Return the end of the number-word run starting at ``i`` ("1.5 million", "twenty-five thousand")."""
    lowers = t.lowers
    n = len(lowers)
    j = i + 1
    if (
        j + 1 < n
        and lowers[i] in TENS
        and t.texts[j] == "-"
        and t.idx[j] == t.ends[i]  # no space after the tens
        and WORD_NUMBERS.get(lowers[j + 1], 10) < 10
    ):
        j += 2  # "twenty-five" is three tokens
    while j < n and (lowers[j] in SCALES or (lowers[j] in VAGUE and lowers[j - 1] == "tens")):
        j += 1
    if j + 1 < n and lowers[j] == "of" and lowers[j - 1] in VAGUE and lowers[j + 1] in VAGUE:
        j += 2  # "tens of thousands", "hundreds of thousands"
    return j


def _between_before(t: TokenTable, start: int) -> bool:
    return any(t.lowers[k] == "between" for k in range(max(0, start - 3), start))


def _modifier_before(t: TokenTable, start: int) -> tuple[str | None, int]:
    if start == 0:
        return None, start
    lowers = t.lowers
    for mod in MODIFIERS_BY_LAST.get(lowers[start - 1], ()):
        words = mod.split()
        s = start - len(words)
        if s >= 0 and all(lowers[s + k] == w for k, w in enumerate(words)):
            return mod, s
    return None, start


def _unit_after(t: TokenTable, last_num: int, after: int) -> tuple[int | None, str | None, int]:
    """Return the counted noun (token, unit text) and the span end: dependency head, else the next noun."""
    lowers, tags, deps = t.lowers, t.tags, t.deps
    n = len(lowers)
    if after < n and lowers[after] in PERCENT_WORDS:
        return after, "percent", after + 1
    if after + 1 < n and f"{lowers[after]} {lowers[after + 1]}" == "per cent":
        return after + 1, "percent", after + 2
    k = after
    if (
        k + 1 < n
        and lowers[k] == "of"
        and (lowers[last_num] in VAGUE or lowers[last_num] in SCALES or deps[k + 1] == "det")
    ):
        k += 1  # "thousands of protesters", "2,000 of the protesters"
        while k < n and deps[k] == "det":
            k += 1
    gap = 0
    while k < n and gap <= MAX_UNIT_GAP:
        low, tag = lowers[k], tags[k]
        if low in CURRENCY_WORDS:
            return k, CURRENCY_WORDS[low], k + 1
        if tag in ("NN", "NNS") or (tag == "NNPS" and low in ("troops",)):
            if k + 1 < n and tags[k + 1] in ("NN", "NNS") and deps[k] == "compound":
                k += 1
                continue
            return k, low, k + 1
        if low in CASUALTY_WORDS and gap == 0:
            return k, CASUALTY_WORDS[low], k + 1
        if tag not in UNIT_SKIP_TAGS and not (tag == "NNP" and t.ent_types[k] in ("NORP", "GPE")):
            break
        gap += 1
        k += 1
    # "20 were killed", "killing 20": the participle names what was counted
    verb = t.heads[last_num] if deps[last_num] in ("nsubj", "nsubjpass", "dobj") else None
    if verb is not None and lowers[verb] in CASUALTY_WORDS:
        return None, CASUALTY_WORDS[lowers[verb]], after
    if verb is not None and t.lemmas[verb] in ("kill", "wound", "injure", "arrest", "detain"):
        return (
            None,
            {"kill": "killed", "wound": "injured", "injure": "injured"}.get(t.lemmas[verb], "arrested"),
            after,
        )
    return None, None, after


def _value(t: TokenTable, run: tuple[int, int]) -> float | None:
    """Return the number a run of tokens writes ("1.5 million" -> 1500000.0, "twenty-five" -> 25)."""
    total = 0.0
    current = None
    for k in range(*run):
        low = t.lowers[k].replace(",", "")
        m = SUFFIXED_RE.match(low)
        if m:
            return float(m.group(1).replace(",", "")) * SCALE_ABBREV[m.group(2).lower()]
        if low in SCALES:
            current = (current if current is not None else 1) * SCALES[low]
            if SCALES[low] >= 1000:
                total += current
                current = None
        elif low in VAGUE:
            base = VAGUE[low] if current is None and total == 0 else SCALES.get(low[:-1], VAGUE[low])
            current = (current or 1) * base if current is not None or total == 0 else base
        elif low in ("of", "-"):
            continue
        elif "-" in low and all(p in WORD_NUMBERS for p in low.split("-")):
            current = (current or 0) + sum(WORD_NUMBERS[p] for p in low.split("-"))
        elif low in WORD_NUMBERS:
            current = (current or 0) + WORD_NUMBERS[low]
        else:
            try:
                current = (current or 0) + float(low)
            except ValueError:
                return None
    return total + (current or 0)


def normalize_quantity(doc: Doc, cand: Candidate, table: TokenTable | None = None) -> Quantity | None:
    """Return the Quantity of a candidate, or None when it is a year, an identifier or no count at all
    (``table`` is ``token_table(doc)`` when the caller has it)."""
    t = table if table is not None else token_table(doc)
    values = [_value(t, r) for r in cand.runs]
    if any(v is None for v in values):
        return None
    first = cand.runs[0][0]
    vague = any(t.lowers[k] in VAGUE for r in cand.runs for k in range(*r))
    if cand.unit_text is None:
        if _is_year(t, first) or _is_identifier(t, first) or t.ent_types[first] in ("MONEY",):
            return None
        dep = t.deps[first]
        if (
            dep not in ("nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr", "nummod")
            and not cand.modifier
        ):
            return None
        if dep == "nummod" and t.tags[t.heads[first]] in ("NNP", "NNPS"):
            return None
    elif (
        cand.unit_text not in ("percent",)
        and _is_year(t, first)
        and cand.unit is not None
        and cand.unit != cand.end - 1
    ):
        return None
    low = min(values)
    high = max(values)
    mod = cand.modifier
    if mod == "several":  # "a few hundred" -> at least 200
        low, high = 2 * low, None
    approx = bool(mod) or vague
    if mod in LOWER_BOUND or (vague and len(values) == 1):
        high = None
    elif mod in UPPER_BOUND and mod not in APPROX:
        low = None
    start_char, end_char = t.idx[cand.start], t.ends[cand.end - 1]
    return Quantity(
        t.text[start_char:end_char], start_char, end_char, _num(low), _num(high), approx, cand.unit_text
    )


def _num(value: float | None) -> float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _is_year(t: TokenTable, i: int) -> bool:
    text = t.texts[i]
    return (
        len(text) == 4
        and text.isdigit()
        and 1800 <= int(text) <= 2100
        and not (i + 1 < len(t.texts) and t.tags[i + 1] == "NNS")
    )


def _is_identifier(t: TokenTable, i: int) -> bool:
    """Return True for numbers that name rather than count ("Resolution 1441", "Flight 17", "G7")."""
    if i == 0:
        return False
    prev = t.lowers[i - 1]
    if prev in ("no.", "no", "number", "#", "nr."):
        return True
    if t.texts[i - 1] == "." and i > 1 and t.lowers[i - 2] in ("no", "nr"):
        return True
    return t.tags[i - 1] in ("NNP", "NN") and t.texts[i].isdigit() and t.toks[i - 1].is_title
