"""Sinks for the CLI's stdout: Documents as JSON Lines or a readable table, query rows as table/JSONL/CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import IO, Any

from ..document import Document, Skipped


def write_jsonl(results: Iterable[Document | Skipped], out: IO[str]) -> int:
    """Write one JSON object per result (skips included, marked by ``skipped``); return the count."""
    n = 0
    for result in results:
        out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n


def _cell(value: Any, width: int) -> str:
    text = "" if value is None else (",".join(value) if isinstance(value, (list, tuple)) else str(value))
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def write_table(results: Iterable[Document | Skipped], out: IO[str]) -> int:
    """Write each article's events as a fixed-width table for reading in a terminal; return the count."""
    n = 0
    header = f"{'TYPE':10} {'MODE':12} {'FLAGS':13} {'ACTOR':22} {'RECIPIENT':22} {'DATE':10} {'WHERE':16} {'SIZE':>8}  TRIGGER"
    for result in results:
        n += 1
        if isinstance(result, Skipped):
            out.write(f"# skipped {result.id or result.source.get('path', '')}: {result.reason} {result.detail}\n\n")
            continue
        title = result.title or result.source.get("path") or result.id
        out.write(f"# {title}  ({len(result.events)} events, {len(result.quotes)} quotes)\n{header}\n")
        for e in result.events:
            actor = e.actors[0] if e.actors else None
            recip = e.recipients[0] if e.recipients else None
            who = actor and f"{actor.name or actor.text} [{actor.country or actor.igo or '-'}]"
            whom = recip and f"{recip.name or recip.text} [{recip.country or recip.igo or '-'}]"
            size = e.size and (e.size.min if e.size.min == e.size.max else f"{e.size.min:g}-{e.size.max:g}")
            out.write(
                f"{_cell(e.type, 10):10} {_cell(e.mode, 12):12} {_cell(e.flags, 13):13} {_cell(who, 22):22} "
                f"{_cell(whom, 22):22} {_cell(e.date and e.date.value, 10):10} "
                f"{_cell(e.location and e.location.name, 16):16} {_cell(size, 8):>8}  {e.trigger.text}\n"
            )
        out.write("\n")
    return n


def write_rows(rows: Iterable[dict[str, Any]], columns: Sequence[str], fmt: str, out: IO[str]) -> int:
    """Write query rows as ``table``, ``jsonl`` or ``csv``; return the count."""
    n = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(columns))
        writer.writeheader()
    shown = ("event_date", "type", "actor_country", "actor_text", "recipient_country", "location_name", "trigger_text")
    if fmt == "table":
        out.write("  ".join(f"{c[:14]:14}" for c in shown) + "\n")
    for row in rows:
        n += 1
        if fmt == "jsonl":
            out.write(json.dumps(row, default=str, ensure_ascii=False) + "\n")
        elif fmt == "csv":
            writer.writerow({k: (";".join(v) if isinstance(v, list) else v) for k, v in row.items()})
        else:
            out.write("  ".join(f"{_cell(row.get(c), 14):14}" for c in shown) + "\n")
    return n
