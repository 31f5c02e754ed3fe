"""Loaders of the PLOVER data files in ``eventwire/data/plover/`` (read lazily, cached)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ...resources import cached, iter_tsv

DATA = "plover/"
CAMEO2PLOVER_LINE = re.compile(r"^\s*(\d{2,4})\s*:\s*([A-Z]+)\s*(?:,([^,#]*))?(?:,([^#]*))?(?:#\s*(.*))?$")


@dataclass(frozen=True, slots=True)
class Requirement:
    """One condition of a trigger entry: ``kind`` obj, prep, mod, subj, head or comp; ``lemmas`` (``*`` = any)."""

    kind: str
    lemmas: frozenset[str]


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """A trigger lemma's reading: PLOVER type, default mode, CAMEO code and its requirements."""

    lemma: str
    pos: str
    type: str
    mode: str | None
    cameo: str | None
    requires: tuple[Requirement, ...] = ()


@dataclass(frozen=True, slots=True)
class CameoRow:
    """A CAMEO code with its PLOVER type, mode, quad class and intensity."""

    code: str
    type: str
    mode: str | None
    quad_class: int
    intensity: float
    description: str


def parse_requires(text: str) -> tuple[Requirement, ...]:
    """Return the requirements written ``kind:a|b;kind:c`` (empty text: none)."""
    out = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        kind, _, lemmas = part.partition(":")
        out.append(Requirement(kind.strip(), frozenset(x.strip() for x in lemmas.split("|") if x.strip())))
    return tuple(out)


@cached
def triggers() -> dict[tuple[str, str], tuple[TriggerEntry, ...]]:
    """Return trigger entries by (lemma, pos V|N), entries with requirements first."""
    table: dict[tuple[str, str], list[TriggerEntry]] = defaultdict(list)
    for row in iter_tsv(DATA + "triggers.tsv"):
        row += [""] * (6 - len(row))
        lemma, pos, type_, mode, cameo, requires = (x.strip() for x in row[:6])
        entry = TriggerEntry(lemma, pos, type_, mode or None, cameo or None, parse_requires(requires))
        table[(lemma, pos)].append(entry)
    return {k: tuple(sorted(v, key=lambda e: not e.requires)) for k, v in table.items()}


@cached
def trigger_lemmas() -> frozenset[str]:
    """Return every lemma with a trigger entry (verb or noun)."""
    return frozenset(lemma for lemma, _ in triggers())


@cached
def verb_classes() -> dict[str, dict[str, str | None]]:
    """Return, per verb lemma, its classes (speech, light, pass, objctl) with the flag each gives."""
    table: dict[str, dict[str, str | None]] = defaultdict(dict)
    for row in iter_tsv(DATA + "verbs.tsv"):
        lemma, cls = row[0].strip(), row[1].strip()
        table[lemma][cls] = (row[2].strip() or None) if len(row) > 2 else None
    return dict(table)


@cached
def known_verbs() -> frozenset[str]:
    """Return every verb lemma the trigger and verb-class lexicons name."""
    return frozenset(lemma for lemma, pos in triggers() if pos == "V") | frozenset(verb_classes())


@cached
def cues() -> dict[tuple[str, str], str]:
    """Return flag cues by (lemma, role aux|mark|adj|det|neg)."""
    return {(r[0].strip(), r[1].strip()): r[2].strip() for r in iter_tsv(DATA + "cues.tsv")}


@cached
def mode_keywords() -> dict[str, dict[str, str]]:
    """Return, per PLOVER type, mode by keyword lemma (``@TYPE`` keys: by embedded event type)."""
    table: dict[str, dict[str, str]] = defaultdict(dict)
    for type_, lemma, mode in iter_tsv(DATA + "modes.tsv"):
        table[type_.strip()].setdefault(lemma.strip(), mode.strip())
    return dict(table)


@cached
def mode_order(type_: str) -> dict[str, int]:
    """Return the rank of each mode of ``type_`` in the order modes.tsv first lists them."""
    table = mode_keywords().get(type_, {})
    return {mode: n for n, mode in enumerate(dict.fromkeys(table.values()))}


@cached
def embedded_modes(type_: str) -> frozenset[str]:
    """Return the modes ``type_`` takes from the type of the event it embeds (``@TYPE`` keys)."""
    return frozenset(v for k, v in mode_keywords().get(type_, {}).items() if k.startswith("@"))


@cached
def context_keywords() -> dict[str, str]:
    """Return the PLOVER context signalled by each keyword lemma."""
    return {lemma.strip(): ctx.strip() for lemma, ctx in iter_tsv(DATA + "contexts.tsv")}


@cached
def argument_nouns() -> dict[str, str]:
    """Return the sector of each actor-like common noun (government GOV, rebel REB, ...)."""
    return {lemma.strip(): sector.strip() for lemma, sector in iter_tsv(DATA + "argument_nouns.tsv")}


@cached
def cameo_rows() -> dict[str, CameoRow]:
    """Return the CAMEO table by code."""
    out: dict[str, CameoRow] = {}
    for row in iter_tsv(DATA + "cameo.tsv"):
        row += [""] * (6 - len(row))
        code, type_, mode, quad, intensity, desc = (x.strip() for x in row[:6])
        out[code] = CameoRow(code, type_, mode or None, int(quad), float(intensity), desc)
    return out


@cached
def cameo_defaults() -> dict[tuple[str, str | None], str]:
    """Return the CAMEO code for each (type, mode) and (type, None) default (first row wins)."""
    out: dict[tuple[str, str | None], str] = {}
    for row in cameo_rows().values():
        if len(row.code) >= 3:
            out.setdefault((row.type, row.mode), row.code)
    return out


def load_cameo2plover(path: Path) -> dict[str, tuple[str, str | None, tuple[str, ...]]]:
    """Read a CAMEO2PLOVER conversion table (``CODE: TYPE, mode, context # text`` lines).

    Return, per CAMEO code, the PLOVER type, mode (None when blank) and contexts (split on ``;``).
    The table is not shipped; pass the path of a copy you have.
    """
    out: dict[str, tuple[str, str | None, tuple[str, ...]]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        match = CAMEO2PLOVER_LINE.match(line)
        if not match:
            continue
        code, type_, mode, ctx = match.group(1), match.group(2), (match.group(3) or "").strip(), match.group(4) or ""
        contexts = tuple(c.strip() for c in ctx.split(";") if c.strip())
        out[code] = (type_, mode or None, contexts)
    return out
