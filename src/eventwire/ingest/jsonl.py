"""Reader: JSON Lines (one article per line) and single-object JSON files such as news-please's.

Fields: ``text`` (or news-please's ``maintext``), and optional ``title``, ``url``, ``published``
(or ``date_publish``), ``id``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..document import Article, Skipped
from ..errors import BadDateError, SkipError, SkipReason
from .text import open_bytes, read_bytes

TEXT_KEYS = ("text", "maintext", "content", "body")  # news-please calls it maintext
DATE_KEYS = ("published", "date_publish", "date", "publication_date")
URL_KEYS = ("url", "source_url")


def record_to_article(
    record: Any, source: dict[str, Any], *, published=None, parse_date=None
) -> Article | Skipped:
    """Return the Article a decoded JSON record describes, or a ``Skipped`` with the reason."""
    if not isinstance(record, dict):
        return Skipped(
            None, SkipReason.BAD_JSON, f"{source}: a record is {type(record).__name__}, not an object", source
        )
    text = next((record[k] for k in TEXT_KEYS if isinstance(record.get(k), str)), None)
    if text is None:
        return Skipped(record.get("id"), SkipReason.MISSING_TEXT, "no 'text' field", source)
    date = next((record[k] for k in DATE_KEYS if record.get(k)), None)
    try:
        date = parse_date(date) if (date and parse_date) else published
    except BadDateError as exc:
        return Skipped(record.get("id"), SkipReason.BAD_DATE, str(exc), source)
    url = next((record[k] for k in URL_KEYS if isinstance(record.get(k), str) and record[k]), None)
    title = record.get("title") if isinstance(record.get("title"), str) else None
    return Article(
        text=text,
        id=record.get("id") and str(record["id"]),
        title=title,
        url=url,
        published=date or published,
        source=source,
    )


def parse_line(raw: bytes, source: dict[str, Any], *, published=None, parse_date=None) -> Article | Skipped:
    """Return the Article (or Skipped) of one JSONL line."""
    where = f"{source.get('path', '-')}:{source.get('line') or source.get('offset')}"
    try:
        record = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        return Skipped(None, SkipReason.NOT_UTF8, f"{where}: {exc.reason}", source)
    except json.JSONDecodeError as exc:
        return Skipped(None, SkipReason.BAD_JSON, f"{where}: {exc.msg}", source)
    return record_to_article(record, source, published=published, parse_date=parse_date)


def read_jsonl(
    path: Path, *, published=None, parse_date: Callable | None = None, start: int = 0, stop: int | None = None
) -> Iterator[Article | Skipped]:
    """Yield one Article (or Skipped) per non-blank line of a JSONL file.

    With ``start``/``stop`` (byte offsets; uncompressed files only) only the lines that begin in
    ``[start, stop)`` are read, so adjacent ranges split a file without loss or overlap. ``source``
    holds the byte ``offset`` of each line, and its ``line`` number when the range starts at 0.
    """
    with open_bytes(path) as fh:
        if start:
            fh.seek(start - 1)
            fh.readline()  # finish the line that began before start
        offset = fh.tell()
        number = 0 if start == 0 else None
        for raw in iter(fh.readline, b""):
            if stop is not None and offset >= stop:
                break
            source: dict[str, Any] = {"path": str(path), "offset": offset}
            offset += len(raw)
            if number is not None:
                number += 1
                source["line"] = number
            if raw.strip():
                yield parse_line(raw, source, published=published, parse_date=parse_date)


def read_json(
    path: Path, *, published=None, parse_date: Callable | None = None
) -> Iterator[Article | Skipped]:
    """Yield the article(s) of a JSON file: one object (a news-please file) or a list of them."""
    data = read_bytes(path)
    try:
        record = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise SkipError(SkipReason.NOT_UTF8, f"{path}: {exc.reason}") from None
    except json.JSONDecodeError as exc:
        raise SkipError(SkipReason.BAD_JSON, f"{path}: {exc.msg} at line {exc.lineno}") from None
    if isinstance(record, list):
        for index, item in enumerate(record):
            yield record_to_article(
                item, {"path": str(path), "index": index}, published=published, parse_date=parse_date
            )
    else:
        yield record_to_article(record, {"path": str(path)}, published=published, parse_date=parse_date)
