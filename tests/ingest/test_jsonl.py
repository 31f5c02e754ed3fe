"""JSONL and news-please JSON readers: fields, bad lines counted with reasons, byte ranges."""

from __future__ import annotations

import gzip
import json

import pytest

from eventwire.api import parse_published
from eventwire.document import Article
from eventwire.ingest.jsonl import read_json, read_jsonl
from eventwire.ingest.read import read_path

LINES = [
    json.dumps({"text": "Farmers blocked the ring road of Sarnet on Monday.", "title": "Blockade", "published": "2024-03-04"}),
    "",
    "{not json",
    json.dumps({"title": "no text here"}),
    json.dumps({"text": "Talks resumed.", "published": "13th of Smarch"}),
    json.dumps(["a", "list"]),
    json.dumps({"maintext": "The council of Dunmarrow met the strikers.", "date_publish": "2023-11-02 08:15:00",
                "url": "https://paper.example/x"}),
]  # fmt: skip
EXPECTED = ["article", "bad_json", "missing_text", "bad_date", "bad_json", "article"]


def _kinds(items):
    return [str(getattr(x, "reason", "article")) for x in items]


def test_jsonl_lines_become_articles_or_reasons(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    items = list(read_jsonl(path, parse_date=parse_published))
    assert _kinds(items) == EXPECTED
    assert items[0].title == "Blockade" and items[0].published.isoformat() == "2024-03-04"
    assert items[-1].published.isoformat() == "2023-11-02" and items[-1].url == "https://paper.example/x"
    assert items[2].source["line"] == 4


def test_jsonl_non_utf8_line_is_skipped(tmp_path):
    path = tmp_path / "b.jsonl"
    path.write_bytes(b'{"text": "caf\xe9 owners protested"}\n{"text": "fine"}\n')
    assert _kinds(read_jsonl(path)) == ["not_utf8", "article"]


def test_jsonl_gzip_is_read(tmp_path):
    path = tmp_path / "c.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"text": "Dock workers struck."}\n'))
    assert _kinds(read_path(path)) == ["article"]


@pytest.mark.parametrize("chunk", [1, 17, 64, 200, 10_000])
def test_jsonl_byte_ranges_read_each_line_once(tmp_path, chunk):
    path = tmp_path / "d.jsonl"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    whole = [(x.source["offset"], _kinds([x])[0]) for x in read_jsonl(path)]
    size = path.stat().st_size
    pieces = []
    for start in range(0, size, chunk):
        pieces += [
            (x.source["offset"], _kinds([x])[0]) for x in read_jsonl(path, start=start, stop=start + chunk)
        ]
    assert pieces == whole


def test_newsplease_single_object_file(tmp_path):
    path = tmp_path / "article.json"
    record = {"maintext": "Riot police detained 40 demonstrators in Pellham Cross.", "title": "Arrests",
              "date_publish": "2022-07-01 10:00:00", "url": "https://paper.example/arrests", "authors": []}  # fmt: skip
    path.write_text(json.dumps(record), encoding="utf-8")
    (article,) = list(read_path(path, parse_date=parse_published))
    assert isinstance(article, Article)
    assert (article.title, article.url, article.published.isoformat()) == (
        "Arrests",
        record["url"],
        "2022-07-01",
    )


@pytest.mark.parametrize(
    ("content", "kinds"),
    [
        (b"{broken", ["bad_json"]),
        (b'{"maintext": null, "title": "x"}', ["missing_text"]),
        (b'[{"text": "one"}, 5]', ["article", "bad_json"]),
        (b"\xff\xfe\x00garbage", ["not_utf8"]),
    ],
)
def test_newsplease_bad_files(tmp_path, content, kinds):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    assert _kinds(read_path(path)) == kinds


def test_read_json_list_keeps_index(tmp_path):
    path = tmp_path / "many.json"
    path.write_text(json.dumps([{"text": "a"}, {"text": "b"}]), encoding="utf-8")
    assert [a.source["index"] for a in read_json(path)] == [0, 1]
