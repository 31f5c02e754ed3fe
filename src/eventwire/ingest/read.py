"""Dispatch inputs (files, folders, glob patterns, ``-`` for standard input) to the reader for their format."""

from __future__ import annotations

import glob
import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..document import Article, Skipped
from ..errors import BadInputError, SkipError, SkipReason
from .html import read_html
from .jsonl import parse_line, read_json, read_jsonl
from .text import decode, read_txt
from .warc import read_warc

LOG = logging.getLogger(__name__)
STDIN = "-"
# longest suffix first: ".warc.gz" before ".gz" handling, ".jsonl" before ".json"
SUFFIXES = {
    ".warc": "warc", ".txt": "txt", ".text": "txt", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".html": "html", ".htm": "html", ".xhtml": "html",
}  # fmt: skip
SPLITTABLE = ("jsonl", "warc")  # formats read in byte ranges (uncompressed JSONL; WARC and WARC.gz)


def expand(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Yield the files named by ``paths``: files as given, folders walked (sorted), glob patterns expanded.

    ``-`` (standard input) is passed through as ``Path("-")``.
    """
    for raw in paths:
        if str(raw) == STDIN:
            yield Path(STDIN)
            continue
        path = Path(raw)
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".") and file_format(p)
            )
        elif path.exists():
            yield path
        elif any(ch in str(raw) for ch in "*?["):
            matches = sorted(Path(p) for p in glob.glob(str(raw), recursive=True))
            files = [p for p in matches if p.is_file()]
            if not files:
                raise BadInputError(f"no file matches {raw}")
            yield from files
        else:
            raise BadInputError(f"no such file or folder: {raw}")


def file_format(path: Path) -> str | None:
    """Return the reader name for ``path`` by its suffix (``.gz`` allowed), or None when unknown."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return next((fmt for suffix, fmt in SUFFIXES.items() if name.endswith(suffix)), None)


def splittable(path: Path) -> bool:
    """Return whether ``path`` can be read in byte ranges (``read_path(start=, stop=)``)."""
    fmt = file_format(path)
    return fmt == "warc" or (fmt == "jsonl" and not path.name.lower().endswith(".gz"))


def read_path(
    path: Path, *, published=None, parse_date: Callable | None = None, start: int = 0, stop: int | None = None
) -> Iterator[Article | Skipped]:
    """Yield the articles of one file, with a ``Skipped`` for each record (or the file) that fails.

    ``start``/``stop`` select a byte range of a splittable file (see ``splittable``).
    """
    fmt = file_format(path) or "txt"
    try:
        if fmt == "jsonl":
            yield from read_jsonl(path, published=published, parse_date=parse_date, start=start, stop=stop)
        elif fmt == "warc":
            yield from read_warc(path, published=published, parse_date=parse_date, start=start, stop=stop)
        elif fmt == "json":
            yield from read_json(path, published=published, parse_date=parse_date)
        elif fmt == "html":
            yield read_html(path, published=published, parse_date=parse_date)
        else:
            yield read_txt(path, published=published)
    except SkipError as exc:
        yield Skipped(None, exc.reason, exc.detail, {"path": str(path)})
    except OSError as exc:
        yield Skipped(None, SkipReason.UNREADABLE, f"{path}: {exc.strerror or exc}", {"path": str(path)})


def sniff_stream(first: bytes) -> str:
    """Return ``jsonl`` when the first non-blank byte of a stream opens a JSON object, else ``txt``."""
    return "jsonl" if first.lstrip()[:1] == b"{" else "txt"


def read_stream(
    stream: BinaryIO, *, published=None, parse_date: Callable | None = None
) -> Iterator[Article | Skipped]:
    """Yield the articles of a byte stream: JSON Lines, or else the whole stream as one plain-text article."""
    first, blank = b"", 0
    for first in iter(stream.readline, b""):
        if first.strip():
            break
        blank += 1
    if sniff_stream(first) == "jsonl":
        for number, raw in enumerate(_chain(first, stream), blank + 1):
            if raw.strip():
                yield parse_line(
                    raw, {"path": STDIN, "line": number}, published=published, parse_date=parse_date
                )
        return
    try:
        text = decode(first + stream.read(), STDIN)
    except SkipError as exc:
        yield Skipped(None, exc.reason, exc.detail, {"path": STDIN})
        return
    yield Article(text=text, published=published, source={"path": STDIN})


def _chain(first: bytes, stream: BinaryIO) -> Iterator[bytes]:
    yield first
    yield from iter(stream.readline, b"")


def read_paths(
    paths: Iterable[str | Path], *, published=None, parse_date: Callable | None = None
) -> Iterator[Article | Skipped]:
    """Yield the articles of every input named by ``paths``, in order (``-`` reads standard input)."""
    for path in expand(paths):
        if str(path) == STDIN:
            yield from read_stream(sys.stdin.buffer, published=published, parse_date=parse_date)
        else:
            yield from read_path(path, published=published, parse_date=parse_date)
