"""Stage: counted quantities ("500 troops", "10,000 to 12,000", "about 150", "thousands of protesters").

Candidates are runs of number words found in one pass over the tokens (``find_quantities``); each is then
normalised to ``min``/``max``/``approx``/``unit`` (``normalize_quantity``). Dates, times, ordinals, years and
numbers inside names ("Resolution 1441") are not quantities; money is counted in a currency unit (USD),
percentages in "percent".
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from spacy.attrs import LOWER, SHAPE
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from ..document import Quantity
from .context import Context

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
    out = []
    for cand in find_quantities(doc):
        q = normalize_quantity(doc, cand)
        if q is not None:
            out.append(q)
    return out


def _is_number(tok: Token) -> bool:
    text = tok.text
    if text[:1].isdigit():
        return bool(NUMBER_RE.match(text) or SUFFIXED_RE.match(text))
    low = tok.lower_
    if low in NUMBER_WORDS:
        return low != "one" or tok.dep_ == "nummod"
    return "-" in low and tok.like_num and all(p in WORD_NUMBERS for p in low.split("-"))


def find_quantities(doc: Doc) -> list[Candidate]:
    """Return the number expressions of ``doc`` with their modifiers, range parts and counted noun."""
    cands: list[Candidate] = []
    n = len(doc)
    resume = 0  # the first token not yet taken by an earlier candidate
    for i in _maybe_numbers(doc):
        if i < resume:
            continue
        tok = doc[i]
        if (
            not _is_number(tok)
            or tok.like_url
            or (tok.ent_type_ in SKIP_ENTS and not _counts_despite_ent(doc, i))
        ):
            continue
        runs = []
        j = _run_end(doc, i)
        runs.append((i, j))
        # "a dozen", "a million", "half a million": a leading article belongs to the number
        start = i
        few = False
        if i > 0 and doc[i - 1].lower_ in ("a", "an") and doc[i].lower_ in SCALES:
            start = i - 1
            if i > 1 and doc[i - 2].lower_ == "half":
                start = i - 2
        elif i > 0 and doc[i].lower_ in SCALES and doc[i - 1].lower_ in ("few", "several"):
            start, few = i - 1, True  # "a few hundred", "several thousand": at least two of them
            if i > 1 and doc[i - 2].lower_ == "a":
                start = i - 2
        # ranges: "10,000 to 12,000", "40-50", "between 40 and 50"
        if (
            j + 1 < n
            and doc[j].lower_ in RANGE_WORDS
            and _is_number(doc[j + 1])
            and doc[j + 1].ent_type_ != "ORDINAL"
        ):
            if doc[j].lower_ != "and" or _between_before(doc, start):
                k = _run_end(doc, j + 1)
                runs.append((j + 1, k))
                j = k
        modifier, start = _modifier_before(doc, start)
        if few and modifier is None:
            modifier = "several"
        if modifier is None and start > 0 and doc[start - 1].lower_ == "between" and len(runs) == 2:
            start -= 1
        unit, unit_text, end = _unit_after(doc, runs[-1][1] - 1, j)
        if doc[start].i > 0 and doc[start - 1].text in CURRENCY_SYMBOLS:
            start -= 1
            unit_text = CURRENCY_SYMBOLS[doc[start].text]
        cands.append(Candidate(start, end, modifier, tuple(runs), unit, unit_text))
        resume = max(j, i + 1)
    return cands


def _maybe_numbers(doc: Doc) -> list[int]:
    """Return the indices of the tokens that ``_is_number`` could accept, read from two attribute arrays.

    Only a token that starts with a digit, is a number word or holds a hyphen can be a number; a token's
    shape starts with "d" exactly when its text starts with a digit, and keeps its hyphens.
    """
    if not len(doc):
        return []
    strings = doc.vocab.strings
    words = _number_word_keys()
    shapes: dict[int, bool] = {}
    out = []
    lowers = doc.to_array(LOWER).tolist()  # one attribute at a time: flat lists, no list per token
    for i, shape in enumerate(doc.to_array(SHAPE).tolist()):
        lower = lowers[i]
        if lower in words:
            out.append(i)
            continue
        maybe = shapes.get(shape)
        if maybe is None:
            text = strings[shape]
            maybe = shapes[shape] = text[:1] == "d" or "-" in text
        if maybe:
            out.append(i)
    return out


@functools.cache
def _number_word_keys() -> frozenset[int]:
    """Return the string-store keys (hashes) of the number words, as the LOWER attribute holds them."""
    return frozenset(hash_string(word) for word in NUMBER_WORDS)


def _counts_despite_ent(doc: Doc, i: int) -> bool:
    """Return True when a number the NER took for a date still counts a noun ("2000 soldiers", "40 and 50 men")."""
    if doc[i].ent_type_ != "DATE" or doc[i].head.lower_ in TIME_NOUNS:
        return False
    k = i + 1
    while k < len(doc) and k <= i + 3 and (doc[k].lower_ in RANGE_WORDS or _is_number(doc[k])):
        k += 1
    return (
        k < len(doc)
        and doc[k].tag_ == "NNS"
        and doc[k].lower_ not in TIME_NOUNS
        and doc[k].ent_type_ != "DATE"
    )


def _run_end(doc: Doc, i: int) -> int:
    """Return the end of the number-word run starting at ``i`` ("1.5 million", "twenty-five thousand")."""
    j = i + 1
    if (
        j + 1 < len(doc)
        and doc[i].lower_ in TENS
        and doc[j].text == "-"
        and not doc[i].whitespace_
        and WORD_NUMBERS.get(doc[j + 1].lower_, 10) < 10
    ):
        j += 2  # "twenty-five" is three tokens
    while j < len(doc) and (
        doc[j].lower_ in SCALES or (doc[j].lower_ in VAGUE and doc[j - 1].lower_ == "tens")
    ):
        j += 1
    if (
        j + 1 < len(doc)
        and doc[j].lower_ == "of"
        and doc[j - 1].lower_ in VAGUE
        and doc[j + 1].lower_ in VAGUE
    ):
        j += 2  # "tens of thousands", "hundreds of thousands"
    return j


def _between_before(doc: Doc, start: int) -> bool:
    return any(doc[k].lower_ == "between" for k in range(max(0, start - 3), start))


def _modifier_before(doc: Doc, start: int) -> tuple[str | None, int]:
    if start == 0:
        return None, start
    for mod in MODIFIERS_BY_LAST.get(doc[start - 1].lower_, ()):
        words = mod.split()
        s = start - len(words)
        if s >= 0 and all(doc[s + k].lower_ == w for k, w in enumerate(words)):
            return mod, s
    return None, start


def _unit_after(doc: Doc, last_num: int, after: int) -> tuple[int | None, str | None, int]:
    """Return the counted noun (token, unit text) and the span end: dependency head, else the next noun."""
    n = len(doc)
    if after < n and doc[after].lower_ in PERCENT_WORDS:
        return after, "percent", after + 1
    if after + 1 < n and f"{doc[after].lower_} {doc[after + 1].lower_}" == "per cent":
        return after + 1, "percent", after + 2
    k = after
    if (
        k + 1 < n
        and doc[k].lower_ == "of"
        and (doc[last_num].lower_ in VAGUE or doc[last_num].lower_ in SCALES or doc[k + 1].dep_ == "det")
    ):
        k += 1  # "thousands of protesters", "2,000 of the protesters"
        while k < n and doc[k].dep_ == "det":
            k += 1
    gap = 0
    while k < n and gap <= MAX_UNIT_GAP:
        tok = doc[k]
        low = tok.lower_
        if low in CURRENCY_WORDS:
            return k, CURRENCY_WORDS[low], k + 1
        if tok.tag_ in ("NN", "NNS") or (tok.tag_ == "NNPS" and low in ("troops",)):
            nxt = doc[k + 1] if k + 1 < n else None
            if nxt is not None and nxt.tag_ in ("NN", "NNS") and tok.dep_ == "compound":
                k += 1
                continue
            return k, low, k + 1
        if low in CASUALTY_WORDS and gap == 0:
            return k, CASUALTY_WORDS[low], k + 1
        if tok.tag_ not in UNIT_SKIP_TAGS and not (tok.tag_ == "NNP" and tok.ent_type_ in ("NORP", "GPE")):
            break
        gap += 1
        k += 1
    # "20 were killed", "killing 20": the participle names what was counted
    head = doc[last_num]
    verb = head.head if head.dep_ in ("nsubj", "nsubjpass", "dobj") else None
    if verb is not None and verb.lower_ in CASUALTY_WORDS:
        return None, CASUALTY_WORDS[verb.lower_], after
    if verb is not None and verb.lemma_ in ("kill", "wound", "injure", "arrest", "detain"):
        return (
            None,
            {"kill": "killed", "wound": "injured", "injure": "injured"}.get(verb.lemma_, "arrested"),
            after,
        )
    return None, None, after


def _value(doc: Doc, run: tuple[int, int]) -> float | None:
    """Return the number a run of tokens writes ("1.5 million" -> 1500000.0, "twenty-five" -> 25)."""
    total = 0.0
    current = None
    for k in range(*run):
        low = doc[k].lower_.replace(",", "")
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


def normalize_quantity(doc: Doc, cand: Candidate) -> Quantity | None:
    """Return the Quantity of a candidate, or None when it is a year, an identifier or no count at all."""
    values = [_value(doc, r) for r in cand.runs]
    if any(v is None for v in values):
        return None
    first = doc[cand.runs[0][0]]
    vague = any(doc[k].lower_ in VAGUE for r in cand.runs for k in range(*r))
    if cand.unit_text is None:
        if _is_year(first) or _is_identifier(first) or first.ent_type_ in ("MONEY",):
            return None
        if (
            first.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr", "nummod")
            and not cand.modifier
        ):
            return None
        if first.dep_ == "nummod" and first.head.tag_ in ("NNP", "NNPS"):
            return None
    elif (
        cand.unit_text not in ("percent",)
        and _is_year(first)
        and cand.unit is not None
        and doc[cand.unit].i != cand.end - 1
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
    span: Span = doc[cand.start : cand.end]
    return Quantity(span.text, span.start_char, span.end_char, _num(low), _num(high), approx, cand.unit_text)


def _num(value: float | None) -> float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _is_year(tok: Token) -> bool:
    text = tok.text
    return (
        len(text) == 4
        and text.isdigit()
        and 1800 <= int(text) <= 2100
        and not (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].tag_ == "NNS")
    )


def _is_identifier(tok: Token) -> bool:
    """Return True for numbers that name rather than count ("Resolution 1441", "Flight 17", "G7")."""
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and prev.lower_ in ("no.", "no", "number", "#", "nr."):
        return True
    if prev is not None and prev.text == "." and tok.i > 1 and tok.doc[tok.i - 2].lower_ in ("no", "nr"):
        return True
    return prev is not None and prev.is_title and prev.tag_ in ("NNP", "NN") and tok.text.isdigit()
