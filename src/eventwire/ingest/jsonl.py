"""Reader: JSON Lines, one article per line with ``text`` and optional ``title``, ``url``, ``published``, ``id``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..document import Article, Skipped
from ..errors import BadDateError, SkipReason

TEXT_KEYS = ("text", "maintext", "content", "body")  # news-please calls it maintext
DATE_KEYS = ("published", "date_publish", "date", "publication_date")


def record_to_article(record: Any, source: dict[str, Any], *, published=None, parse_date=None) -> Article | Skipped:
    """Return the Article a decoded JSON record describes, or a ``Skipped`` with the reason."""
    if not isinstance(record, dict):
        return Skipped(None, SkipReason.BAD_JSON, f"{source}: a line is {type(record).__name__}, not an object", source)
    text = next((record[k] for k in TEXT_KEYS if isinstance(record.get(k), str)), None)
    if text is None:
        return Skipped(record.get("id"), SkipReason.MISSING_TEXT, "no 'text' field", source)
    date = next((record[k] for k in DATE_KEYS if record.get(k)), None)
    try:
        date = parse_date(date) if (date and parse_date) else published
    except BadDateError as exc:
        return Skipped(record.get("id"), SkipReason.BAD_DATE, str(exc), source)
    return Article(
        text=text, id=record.get("id") and str(record["id"]), title=record.get("title"), url=record.get("url"),
        published=date or published, source=source,
    )


def read_jsonl(path: Path, *, published=None, parse_date=None) -> Iterator[Article | Skipped]:
    """Yield one Article (or Skipped) per non-blank line of a JSONL file."""
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, 1):
            source = {"path": str(path), "line": number}
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8-sig"))
            except UnicodeDecodeError as exc:
                yield Skipped(None, SkipReason.NOT_UTF8, f"{path}:{number}: {exc.reason}", source)
                continue
            except json.JSONDecodeError as exc:
                yield Skipped(None, SkipReason.BAD_JSON, f"{path}:{number}: {exc.msg}", source)
                continue
            yield record_to_article(record, source, published=published, parse_date=parse_date)
