"""Reader: WARC and WARC.gz files (Common Crawl's CC-NEWS): the HTML pages of response records.

Each article keeps its provenance in ``source``: WARC ``path``, record ``offset`` (bytes, of the
gzip member or record), ``target_uri``, ``crawl_date`` and ``record_id``. A broken record becomes a
``Skipped`` with reason ``bad_record`` and reading resumes at the next record boundary. A byte range
``[start, stop)`` reads only the records that begin in it, so a big file splits into chunks.
"""

from __future__ import annotations

import logging
import re
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..document import Article, Skipped
from ..errors import SkipError, SkipReason
from .html import MARKUP, html_to_article

LOG = logging.getLogger(__name__)
GZIP_MAGIC = b"\x1f\x8b\x08"
WARC_LINE = re.compile(rb"WARC/1\.[01]\r?\n")
HTML_TYPES = ("text/html", "application/xhtml+xml")
MAX_PAGE_BYTES = 5_000_000
SCAN_BLOCK = 1 << 20
MAX_DETAIL = 100


def is_gzip(path: Path) -> bool:
    """Return whether ``path`` is a gzipped WARC (by name)."""
    return path.name.lower().endswith(".gz")


def _gzip_member_is_warc(fh: BinaryIO, at: int) -> bool:
    fh.seek(at)
    try:
        head = zlib.decompressobj(31).decompress(fh.read(2048), 16)
    except zlib.error:
        return False
    return head.startswith(b"WARC/")


def next_boundary(fh: BinaryIO, start: int, gzipped: bool) -> int | None:
    """Return the offset of the first record that begins at or after ``start``, or None at the end."""
    pos = start
    while True:
        fh.seek(pos)
        block = fh.read(SCAN_BLOCK + 16)
        if not block:
            return None
        if gzipped:
            at = block.find(GZIP_MAGIC)
            while 0 <= at < SCAN_BLOCK:
                if _gzip_member_is_warc(fh, pos + at):
                    return pos + at
                at = block.find(GZIP_MAGIC, at + 1)
        else:
            at = block.find(b"WARC/1.")
            while 0 <= at < SCAN_BLOCK:
                line_start = block[at - 1 : at] == b"\n" if at else _byte_before(fh, pos) == b"\n"
                if line_start and WARC_LINE.match(block, at):
                    return pos + at
                at = block.find(b"WARC/1.", at + 1)
        if len(block) <= SCAN_BLOCK:
            return None
        pos += SCAN_BLOCK


def _broken_at(fh: BinaryIO, at: int, gzipped: bool) -> bool:
    """Return whether bytes at ``at`` exist but begin no record (a broken stretch after a good record)."""
    fh.seek(at)
    head = fh.read(16)
    if not head:
        return False
    if gzipped:
        return not (head.startswith(GZIP_MAGIC) and _gzip_member_is_warc(fh, at))
    return not WARC_LINE.match(head)


def _byte_before(fh: BinaryIO, pos: int) -> bytes:
    if pos == 0:
        return b"\n"
    fh.seek(pos - 1)
    return fh.read(1)


def _content_type(record) -> str:
    if record.http_headers is not None:
        return record.http_headers.get_header("Content-Type") or ""
    return record.rec_headers.get_header("Content-Type") or ""


def _status_ok(record) -> bool:
    if record.http_headers is None:
        return True
    status = record.http_headers.get_statuscode() or ""
    return status.startswith("2")


def record_to_article(
    record, source: dict[str, Any], *, published=None, parse_date: Callable | None = None
) -> Article | Skipped | None:
    """Return the article of one WARC record, a ``Skipped``, or None for a record that is no HTML page."""
    if record.rec_type not in ("response", "resource") or not _status_ok(record):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    source.update(
        target_uri=uri,
        crawl_date=record.rec_headers.get_header("WARC-Date"),
        record_id=record.rec_headers.get_header("WARC-Record-ID"),
    )
    ctype = _content_type(record).lower()
    if ctype and not ctype.startswith(HTML_TYPES):
        return None
    payload = record.content_stream().read(MAX_PAGE_BYTES + 1)
    if len(payload) > MAX_PAGE_BYTES:
        return Skipped(None, SkipReason.TOO_LONG, f"{uri}: page over {MAX_PAGE_BYTES} bytes", source)
    _check_digest(record)  # damaged bytes never reach the HTML parser
    if not ctype and not MARKUP.search(payload[:4096].decode("latin-1")):
        return None
    try:
        return html_to_article(
            payload, source, url=uri, published=published, parse_date=parse_date, content_type=ctype
        )
    except SkipError as exc:
        return Skipped(None, exc.reason, exc.detail, source)


def _check_record(record, offset: int, end: int) -> None:
    """Raise ``ValueError`` for a damaged record: its digest fails, or its end lies at or before its start.

    A truncated gzip member followed by another member decompresses into garbage that warcio may take
    for the rest of the record; its computed end can then lie before its start, and resyncing there
    would read the same bytes again forever.
    """
    if end <= offset:
        raise ValueError(f"damaged record: it ends at {end}, before its start")
    _check_digest(record)


def _check_digest(record) -> None:
    """Raise ``ValueError`` when the bytes read so far fail the record's WARC block or payload digest."""
    checker = getattr(record, "digest_checker", None)
    if checker is not None and checker.problems:
        raise ValueError(f"damaged record: {checker.problems[0]}")


def _describe(error: BaseException) -> str:
    """Return a short, printable description of ``error`` (warcio quotes raw record bytes)."""
    text = " ".join(str(error).split())[:MAX_DETAIL]
    return f"{type(error).__name__}: " + text.encode("ascii", "backslashreplace").decode("ascii")


def _bad(path: Path, offset: int, detail: str) -> Skipped:
    return Skipped(
        None, SkipReason.BAD_RECORD, f"{path}@{offset}: {detail}", {"path": str(path), "offset": offset}
    )


def read_warc(
    path: Path, *, published=None, parse_date: Callable | None = None, start: int = 0, stop: int | None = None
) -> Iterator[Article | Skipped]:
    """Yield an Article (or Skipped) for each HTML response record that begins in ``[start, stop)``."""
    from warcio.archiveiterator import ArchiveIterator

    gzipped = is_gzip(path)
    with path.open("rb") as fh:
        pos = next_boundary(fh, start, gzipped) if start else 0
        while pos is not None and (stop is None or pos < stop):
            fh.seek(pos)
            reader = ArchiveIterator(fh, check_digests=True)
            records = iter(reader)
            broken_at = None
            while True:
                offset = reader.offset
                if stop is not None and offset >= stop:
                    # a broken stretch right after this range's last record is this range's to report:
                    # the next range's resync skips it
                    if _broken_at(fh, offset, gzipped):
                        yield _bad(path, offset, "no record begins here")
                    return
                source: dict[str, Any] = {"path": str(path), "offset": offset}
                try:
                    record = next(records)
                except StopIteration:
                    fh.seek(offset)
                    if fh.read(64).strip():  # warcio stops quietly inside a truncated last record
                        yield _bad(path, offset, "truncated record")
                    return
                except Exception as exc:  # warcio/zlib raise many types on a corrupt member
                    broken_at, error = offset, exc
                    break
                try:
                    if not record.rec_type or record.rec_headers.get_header("Content-Length") is None:
                        raise ValueError("record has no WARC-Type or Content-Length")
                    item = record_to_article(record, source, published=published, parse_date=parse_date)
                    reader.get_record_offset()  # read to the record's end, so reader.offset is the next one
                    _check_record(record, offset, reader.offset)
                except Exception as exc:
                    broken_at, error = offset, exc
                    break
                if item is not None:
                    yield item
            LOG.debug("%s: bad record at %d: %r", path, broken_at, error)
            yield _bad(path, broken_at, _describe(error))
            pos = next_boundary(fh, broken_at + 1, gzipped)
