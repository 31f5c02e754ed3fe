"""Data of the quotes stage: speech-verb cues, "according to"-type patterns, first names' gender."""

from __future__ import annotations

import itertools

from ...resources import cached, iter_jsonl, iter_tsv

SPEECH_VERBS = "quotes/speech_verbs.tsv"
CUE_PATTERNS = "quotes/cue_patterns.jsonl"
FIRST_NAMES = "quotes/first_names.tsv"


@cached
def speech_verbs() -> dict[str, str]:
    """Return speech-verb lemma -> kind (say, tell, name, write, ask, announce); "point out" has its particle."""
    return {row[0].strip().lower(): row[1].strip() for row in iter_tsv(SPEECH_VERBS) if len(row) >= 2}


@cached
def object_verbs() -> frozenset[str]:
    """Return the speech verbs whose direct object or to-clause can be the content ("denied any role")."""
    return frozenset(row[0].strip().lower() for row in iter_tsv(SPEECH_VERBS) if len(row) > 3 and row[3].strip() == "object")


@cached
def speech_forms() -> dict[str, str]:
    """Return every inflected form of the speech verbs -> lemma (for text without a parse, e.g. gold cues)."""
    forms: dict[str, str] = {}
    for row in iter_tsv(SPEECH_VERBS):
        lemma = row[0].strip().lower()
        verb = lemma.split()[0]
        stem = verb[:-1] if verb.endswith("e") else verb
        regular = {verb, verb + ("es" if verb.endswith(("s", "sh", "ch", "x", "z", "o")) else "s")}
        if verb.endswith("y") and verb[-2:-1] not in "aeiou":
            regular |= {verb[:-1] + "ies", verb[:-1] + "ied"}
        else:
            regular.add(stem + "ed")
        regular.add(stem + "ing")
        irregular = {f.strip() for f in row[2].split(",") if f.strip()} if len(row) > 2 else set()
        for form in regular | irregular:
            forms.setdefault(form, lemma)
    return forms


@cached
def first_name_genders() -> dict[str, str]:
    """Return lower-cased first name -> ``m`` or ``f``."""
    return {row[0].strip().lower(): row[1].strip() for row in iter_tsv(FIRST_NAMES) if len(row) >= 2}


@cached
def _patterns() -> tuple[tuple[str, str, list], ...]:
    return tuple((r["id"], r["label"], r["pattern"]) for r in iter_jsonl(CUE_PATTERNS))


@cached
def cue_phrases() -> frozenset[str]:
    """Return every lower-cased phrase the phrase-cue patterns can match (a cheap text test before matching)."""
    phrases = set()
    for _pid, _label, pattern in _patterns():
        options = []
        for spec in pattern:
            value = spec.get("LOWER")
            options.append([value] if isinstance(value, str) else list(value.get("IN", ())) if isinstance(value, dict) else [])
        for combo in itertools.product(*options):
            phrases.add(" ".join(combo))
    return frozenset(p for p in phrases if p)


@cached
def phrase_patterns() -> dict[str, tuple[tuple[frozenset[str], ...], ...]]:
    """Return the phrase-cue patterns by the words they may start with, each as the lower-cased words
    allowed at each position (the patterns hold ``LOWER`` specs only: a word, or ``{"IN": [...]}``)."""
    table: dict[str, list[tuple[frozenset[str], ...]]] = {}
    for pid, _label, pattern in _patterns():
        steps = []
        for spec in pattern:
            value = spec.get("LOWER")
            if set(spec) != {"LOWER"} or not isinstance(value, (str, dict)):
                raise ValueError(f"{CUE_PATTERNS}: pattern {pid!r} holds more than LOWER words")
            steps.append(frozenset([value] if isinstance(value, str) else value["IN"]))
        for first in steps[0] if steps else ():
            table.setdefault(first, []).append(tuple(steps))
    return {first: tuple(rows) for first, rows in table.items()}
