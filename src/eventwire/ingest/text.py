"""Reader: plain-text articles (.txt, .txt.gz), one article per file, and the shared byte helpers."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import BinaryIO

from ..document import Article
from ..errors import SkipError, SkipReason


def decode(data: bytes, where: str) -> str:
    """Return ``data`` as text: UTF-8 (with or without BOM); raise ``SkipError(not_utf8)`` otherwise."""
    if b"\x00" in data[:8192]:
        raise SkipError(SkipReason.NOT_UTF8, f"{where}: binary content (NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SkipError(SkipReason.NOT_UTF8, f"{where}: not UTF-8 at byte {exc.start}") from None


def open_bytes(path: Path) -> BinaryIO:
    """Open ``path`` for binary reading, decompressing a ``.gz`` file on the fly."""
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return path.open("rb")


def read_bytes(path: Path) -> bytes:
    """Return the (decompressed) content of ``path``; a corrupt ``.gz`` raises ``SkipError(bad_record)``."""
    try:
        with open_bytes(path) as fh:
            return fh.read()
    except (gzip.BadGzipFile, EOFError) as exc:
        raise SkipError(SkipReason.BAD_RECORD, f"{path}: {exc}") from None


def read_txt(path: Path, *, published=None, max_bytes: int | None = None) -> Article:
    """Return the article stored in a text file; raise ``SkipError`` for binary, non-UTF-8 or huge files."""
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise SkipError(SkipReason.TOO_LONG, f"{path}: {size} bytes")
    text = decode(read_bytes(path), str(path))
    return Article(text=text, published=published, source={"path": str(path)})
