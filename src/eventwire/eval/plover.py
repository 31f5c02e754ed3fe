"""PLOVER event-coding evaluation on the PLOVER gold-standard records (JSON array) given by path.

Each record is one sentence with a gold event type, source/target actors (ISO3, ``IGO`` or ``NGO``
codes) and sometimes a mode; the first entry is a header. Old category names are mapped
(FIGHT->ASSAULT, DEMAND->REQUEST, DISAPPROVE and INVESTIGATE->ACCUSE). The sentence is run through
``eventwire.pipe`` with the record's date as the publication date, and scored three ways:

- **top**: the predicted event with the highest confidence (earliest on ties) is the answer;
- **aligned**: the highest-confidence event whose trigger overlaps a gold ``(EVT: ..)`` markup span,
  else the top event; actor, recipient and mode scores use this event;
- **any**: the record counts when any predicted event has the gold type (an upper bound).

Mode accuracy reads older gold mode names as eventwire's (``MODE_ALIASES``) and eventwire's aerial and drone
modes as the gold scheme's heavy-weapons (``COARSER_MODES``, after CAMEO2PLOVER-2021).

Actor (recipient) country accuracy: over records with gold source (target) codes, the share whose
aligned event has an actor (recipient) with one of the gold codes (its country, ``IGO`` when it has an
IGO code, ``IMG`` when that code is IMG (an international militarised group), ``NGO`` when its sector is
NGO). A record with no event or no actor counts as a miss.
Misspelt gold country codes (JAP, ITL, VTN) are read as the ISO3 codes they mean (``GOLD_CODE_ALIASES``).
The trivial baseline answers the most common gold type for every record.
"""

from __future__ import annotations

import collections
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from ..document import PLOVER_TYPES, Article, Document, Event

OLD_NAMES = {"FIGHT": "ASSAULT", "DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE"}
# gold modes written with older PLOVER names, and the mode eventwire gives for the same thing
MODE_ALIASES = {"detain": "arrest", "confiscate": "seize", "demo-org": "demo", "demo-spon": "demo",
                "riot-spon": "riot", "strike-gen": "strike", "strike-hun": "hunger", "host": "visit"}
# eventwire modes finer than the gold's scheme: CAMEO2PLOVER-2021 codes aerial weapons (CAMEO 195, 1951 drones)
# as heavy-weapons, so an aerial or drone mode matches a gold heavy-weapons
COARSER_MODES = {"aerial": "heavy-weapons", "drone": "heavy-weapons"}
# misspelt country codes in the gold records, read as the ISO3 code they mean (non-state codes such as
# IMG, international militarised group, and ISM are left as they are; an actor whose dictionary entry has
# the IMG code matches a gold IMG)
GOLD_CODE_ALIASES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
MARKUP_TAG = re.compile(r"\((SRC/TAR|SRC|TAR|EVT|LOC)\s*:\s*")


def gold_type(name: str) -> str:
    """Return the PLOVER 2.0 name of a gold event type."""
    return OLD_NAMES.get(name, name)


def read_records(path: str | Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Return the gold records (the header entry and DOCUMENT entries left out)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    records = [r for r in data if isinstance(r, dict) and r.get("event") not in (None, "DOCUMENT") and r.get("text")]
    return records[:limit] if limit else records


def markup_spans(markup: str, tag: str = "EVT") -> list[str]:
    """Return the texts marked ``(TAG: text)`` in the inline markup (nested markers are unwrapped)."""
    out: list[str] = []
    stack: list[tuple[str | None, int]] = []
    plain: list[str] = []
    i = 0
    while i < len(markup):
        match = MARKUP_TAG.match(markup, i)
        if match:
            stack.append((match.group(1), len(plain)))
            i = match.end()
            continue
        ch = markup[i]
        if ch == "(":
            stack.append((None, len(plain)))
            plain.append(ch)
        elif ch == ")" and stack:
            name, start = stack.pop()
            if name is None:
                plain.append(ch)
            elif tag in name.split("/"):
                out.append("".join(plain[start:]).strip())
        else:
            plain.append(ch)
        i += 1
    return [s for s in out if s]


def gold_spans(record: dict[str, Any]) -> list[tuple[int, int]]:
    """Return the character spans in ``text`` of the gold EVT markup."""
    info = record.get("textInfo")
    markup = info.get("markup", "") if isinstance(info, dict) else ""
    text = record["text"]
    spans, pos = [], 0
    for piece in markup_spans(markup):
        at = text.find(piece, pos)
        if at < 0:
            at = text.find(piece)
        if at >= 0:
            spans.append((at, at + len(piece)))
            pos = at + len(piece)
    return spans


def actor_codes(actors) -> set[str]:
    """Return the codes an actor list can match: countries, IGO, IMG, NGO."""
    codes: set[str] = set()
    for actor in actors:
        if actor.country:
            codes.add(actor.country)
        if actor.igo:  # an international militarised group (IMG, e.g. al-Qaeda) is no IGO, as in the gold
            codes.add("IMG" if actor.igo == "IMG" else "IGO")
        if actor.sector == "NGO" or actor.igo == "NGO":
            codes.add("NGO")
    return codes


def gold_codes(value: Any) -> set[str]:
    """Return the gold actor codes of a source/target field (list of dicts, or blank), misspelt codes
    read through ``GOLD_CODE_ALIASES``."""
    if not isinstance(value, list):
        return set()
    codes = {a["code"].strip() for a in value if isinstance(a, dict) and a.get("code", "").strip()}
    return {GOLD_CODE_ALIASES.get(c, c) for c in codes}


def mode_matches(gold: str, predicted: str | None) -> bool:
    """Return whether a predicted mode is the gold one, read through ``MODE_ALIASES`` and ``COARSER_MODES``."""
    gold = MODE_ALIASES.get(gold, gold)
    return predicted is not None and (predicted == gold or COARSER_MODES.get(predicted) == gold)


def top_event(events: tuple[Event, ...]) -> Event | None:
    """Return the highest-confidence event (earliest on ties), or None."""
    return max(events, key=lambda e: (e.confidence, -e.trigger.start), default=None)


def aligned_event(events: tuple[Event, ...], spans: list[tuple[int, int]]) -> Event | None:
    """Return the best event whose trigger overlaps a gold EVT span, else the top event."""
    hits = [e for e in events if any(e.trigger.start < b and a < e.trigger.end for a, b in spans)]
    return top_event(tuple(hits)) or top_event(events)


def macro_f1(pairs: list[tuple[str, str]], labels: list[str]) -> float:
    """Return the mean F1 over ``labels`` of (gold, predicted) pairs."""
    scores = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in pairs)
        fp = sum(g != label and p == label for g, p in pairs)
        fn = sum(g == label and p != label for g, p in pairs)
        scores.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return sum(scores) / len(scores) if scores else 0.0


def _ratio(hits: int, total: int) -> float | None:
    return round(hits / total, 3) if total else None


def score(records: list[dict[str, Any]], docs: list[Document]) -> dict[str, Any]:
    """Return the report for the gold records and their extracted Documents (same order)."""
    pairs_top, pairs_aligned = [], []
    any_hits = 0
    mode_hits = mode_total = actor_hits = actor_total = rec_hits = rec_total = 0
    for record, doc in zip(records, docs, strict=True):
        gold = gold_type(record["event"])
        events = doc.events
        top, aligned = top_event(events), aligned_event(events, gold_spans(record))
        pairs_top.append((gold, top.type if top else "NONE"))
        pairs_aligned.append((gold, aligned.type if aligned else "NONE"))
        any_hits += any(e.type == gold for e in events)
        gold_mode = (record.get("mode") or "").strip().lower()
        if gold_mode:
            mode_total += 1
            mode_hits += aligned is not None and mode_matches(gold_mode, aligned.mode)
        source, target = gold_codes(record.get("source")), gold_codes(record.get("target"))
        if source:
            actor_total += 1
            actor_hits += aligned is not None and bool(actor_codes(aligned.actors) & source)
        if target:
            rec_total += 1
            rec_hits += aligned is not None and bool(actor_codes(aligned.recipients) & target)
    n = len(records)
    labels = sorted({g for g, _ in pairs_top})
    majority, majority_n = collections.Counter(g for g, _ in pairs_top).most_common(1)[0] if n else ("", 0)
    confusion: dict[str, dict[str, int]] = {}
    for g, p in pairs_top:
        confusion.setdefault(g, {}).setdefault(p, 0)
        confusion[g][p] += 1
    return {
        "records": n,
        "type_accuracy_top": _ratio(sum(g == p for g, p in pairs_top), n),
        "type_accuracy_aligned": _ratio(sum(g == p for g, p in pairs_aligned), n),
        "type_accuracy_any": _ratio(any_hits, n),
        "type_macro_f1_top": round(macro_f1(pairs_top, labels), 3),
        "mode_accuracy": _ratio(mode_hits, mode_total),
        "mode_records": mode_total,
        "actor_country_accuracy": _ratio(actor_hits, actor_total),
        "actor_records": actor_total,
        "recipient_country_accuracy": _ratio(rec_hits, rec_total),
        "recipient_records": rec_total,
        "no_event_records": sum(p == "NONE" for _, p in pairs_top),
        "baseline_majority_type": majority,
        "baseline_majority_accuracy": _ratio(majority_n, n),
        "confusion": confusion,
    }


def evaluate_plover(path: str | Path, limit: int | None = None, settings=None) -> dict[str, Any]:
    """Run eventwire over the gold records at ``path`` and return the report (see the module doc)."""
    from ..api import pipe

    records = read_records(path, limit)
    articles = []
    for n, record in enumerate(records):
        try:
            published = dt.date.fromisoformat(str(record.get("date", ""))[:10])
        except ValueError:
            published = None
        articles.append(Article(text=record["text"], id=f"plover-{n}", published=published))
    docs = [d for d in pipe(articles, settings=settings) if isinstance(d, Document)]
    report = score(records, docs)
    report["path"] = str(path)
    return report


def format_report(report: dict[str, Any]) -> str:
    """Return the report as an aligned text table with the per-type confusion matrix."""
    lines = [f"PLOVER gold records: {report['records']}  ({report['path']})", ""]
    rows = [
        ("event type accuracy (top event)", report["type_accuracy_top"]),
        ("event type accuracy (EVT-aligned event)", report["type_accuracy_aligned"]),
        ("event type accuracy (any event)", report["type_accuracy_any"]),
        ("event type macro-F1 (top event)", report["type_macro_f1_top"]),
        (f"mode accuracy ({report['mode_records']} records with a mode)", report["mode_accuracy"]),
        (f"actor country accuracy ({report['actor_records']} records)", report["actor_country_accuracy"]),
        (f"recipient country accuracy ({report['recipient_records']} records)", report["recipient_country_accuracy"]),
        ("records with no event found", report["no_event_records"]),
        (f"baseline: majority type ({report['baseline_majority_type']}) accuracy", report["baseline_majority_accuracy"]),
    ]
    lines += [f"  {name:58} {value}" for name, value in rows]
    predicted = sorted({p for row in report["confusion"].values() for p in row})
    short = {p: p[:5] for p in predicted}
    lines += ["", "confusion (rows gold, columns predicted top event):",
              " " * 11 + " ".join(f"{short[p]:>5}" for p in predicted)]
    for gold in sorted(report["confusion"]):
        row = report["confusion"][gold]
        lines.append(f"  {gold[:9]:9}" + " ".join(f"{row.get(p, 0) or '.':>5}" for p in predicted))
    return "\n".join(lines)


__all__ = ["evaluate_plover", "format_report", "read_records", "markup_spans", "gold_type", "PLOVER_TYPES"]
