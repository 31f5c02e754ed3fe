"""Dispatch input paths (files, folders, globs) to the reader for their format."""

from __future__ import annotations

import glob
import logging
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..document import Article, Skipped
from ..errors import BadInputError, SkipError, SkipReason
from .html import read_html
from .jsonl import read_jsonl
from .text import read_txt

LOG = logging.getLogger(__name__)
SUFFIXES = {".txt": "txt", ".text": "txt", ".jsonl": "jsonl", ".ndjson": "jsonl", ".html": "html", ".htm": "html"}


def expand(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Yield the files named by ``paths``: files as given, folders walked (sorted), glob patterns expanded."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and _format(p))
        elif path.exists():
            yield path
        elif any(ch in str(raw) for ch in "*?["):
            matches = sorted(Path(p) for p in glob.glob(str(raw), recursive=True))
            if not matches:
                raise BadInputError(f"no file matches {raw}")
            yield from (p for p in matches if p.is_file())
        else:
            raise BadInputError(f"no such file or folder: {raw}")


def _format(path: Path) -> str | None:
    name = path.name.lower()
    for suffix, fmt in SUFFIXES.items():
        if name.endswith(suffix) or name.endswith(suffix + ".gz"):
            return fmt
    return None


def read_path(path: Path, *, published=None, parse_date: Callable | None = None) -> Iterator[Article | Skipped]:
    """Yield the articles of one file, with a ``Skipped`` for each record (or the file) that fails."""
    fmt = _format(path) or "txt"
    try:
        if fmt == "jsonl":
            yield from read_jsonl(path, published=published, parse_date=parse_date)
        elif fmt == "html":
            yield read_html(path, published=published, parse_date=parse_date)
        else:
            yield read_txt(path, published=published)
    except SkipError as exc:
        yield Skipped(None, exc.reason, exc.detail, {"path": str(path)})
    except OSError as exc:
        yield Skipped(None, SkipReason.UNREADABLE, f"{path}: {exc.strerror or exc}", {"path": str(path)})


def read_paths(paths: Iterable[str | Path], *, published=None, parse_date: Callable | None = None) -> Iterator[Article | Skipped]:
    """Yield the articles of every file named by ``paths``, in order."""
    for path in expand(paths):
        yield from read_path(path, published=published, parse_date=parse_date)
