"""Reader: plain-text articles (.txt), one article per file; the first line may be a title only if marked."""

from __future__ import annotations

from pathlib import Path

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


def read_txt(path: Path, *, published=None, max_bytes: int | None = None) -> Article:
    """Return the article stored in a text file; raise ``SkipError`` for binary, non-UTF-8 or huge files."""
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise SkipError(SkipReason.TOO_LONG, f"{path}: {size} bytes")
    text = decode(path.read_bytes(), str(path))
    return Article(text=text, published=published, source={"path": str(path)})
