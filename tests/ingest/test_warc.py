"""WARC reader: pages of response records, provenance, broken records, byte ranges."""

from __future__ import annotations

import collections
import itertools

import pytest

from eventwire.api import parse_published
from eventwire.document import Article, Skipped
from eventwire.ingest.warc import read_warc
from tests.ingest.pages import broken_warc_parts, good_record, write_warc


def _summary(items):
    return [(type(x).__name__, x.source.get("offset"), str(getattr(x, "reason", ""))) for x in items]


def test_warc_reads_pages_and_counts_broken_records(tmp_path):
    parts = broken_warc_parts()
    path = write_warc(tmp_path / "crawl.warc.gz", parts)
    items = list(read_warc(path, parse_date=parse_published))
    expected = collections.Counter(label for label, _ in parts if label != "ignored")
    got = collections.Counter("good" if isinstance(x, Article) else str(x.reason) for x in items)
    assert got == expected


def test_warc_keeps_provenance_title_and_date(tmp_path):
    record = good_record(0)
    path = write_warc(tmp_path / "crawl.warc.gz", [("good", record), ("good", good_record(1))])
    first, second = list(read_warc(path, parse_date=parse_published))
    assert first.source["path"] == str(path) and first.source["offset"] == 0
    assert second.source["offset"] == len(record)
    assert first.source["target_uri"] == first.url == "https://lantern.example/news/0"
    assert first.source["crawl_date"] == "2024-05-08T10:00:00Z"
    assert first.title.startswith("Harbour dispute, day 0")
    assert str(first.published) == "2024-05-07"
    assert "Dock workers" in first.text or "union" in first.text


@pytest.mark.parametrize("gzipped", [True, False])
def test_warc_byte_ranges_read_each_record_once(tmp_path, gzipped):
    if gzipped:
        parts = broken_warc_parts()
    else:
        parts = [("good", good_record(i, gzipped=False)) for i in range(3)] + [
            ("bad", b"WARC/1.0\r\nnonsense\r\n\r\n")
        ]
        parts += [("good", good_record(i, gzipped=False)) for i in range(3, 5)]
    path = write_warc(tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc"), parts)
    whole = _summary(read_warc(path))
    size = path.stat().st_size
    for chunk in (97, 500, 1234, size):
        pieces = []
        for start in range(0, size, chunk):
            pieces += _summary(read_warc(path, start=start, stop=start + chunk))
        assert pieces == whole, chunk


def test_warc_uncompressed_record_without_length_is_bad_record(tmp_path):
    parts = [("good", good_record(0, gzipped=False)), ("bad", b"WARC/1.0\r\nnonsense\r\n\r\n"),
             ("good", good_record(1, gzipped=False))]  # fmt: skip
    items = list(read_warc(write_warc(tmp_path / "c.warc", parts)))
    assert [type(x).__name__ for x in items] == ["Article", "Skipped", "Article"]
    assert items[1].reason == "bad_record"


def test_warc_truncated_file_ends_with_bad_record(tmp_path):
    first = good_record(0)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(first + good_record(1)[:200])
    items = list(read_warc(path))
    assert isinstance(items[0], Article)
    assert isinstance(items[-1], Skipped) and items[-1].reason == "bad_record"


# With these record ids the truncated member's deflate stream runs on into the next member and decodes to
# garbage: before the digest and forward-progress checks, the reader then looped forever (2, 9) or passed
# the garbage on as a page (24, 113).
@pytest.mark.parametrize("variant", [2, 9, 24, 113])
def test_warc_damaged_gzip_member_is_one_bad_record(tmp_path, variant):
    parts = broken_warc_parts(start=10, variant=variant)
    path = write_warc(tmp_path / "crawl.warc.gz", parts)
    items = list(itertools.islice(read_warc(path, parse_date=parse_published), 50))
    expected = collections.Counter(label for label, _ in parts if label != "ignored")
    assert collections.Counter("good" if isinstance(x, Article) else str(x.reason) for x in items) == expected
    whole, size = _summary(items), path.stat().st_size
    for chunk in (500, 2500):
        pieces = []
        for start in range(0, size, chunk):
            pieces += _summary(itertools.islice(read_warc(path, start=start, stop=start + chunk), 50))
        assert pieces == whole, chunk
