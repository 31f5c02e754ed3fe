"""Dispatch: formats by suffix, folders, glob patterns, standard input, plain text and binary files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from eventwire.errors import BadInputError
from eventwire.ingest.read import expand, file_format, read_paths, read_stream, splittable
from tests.ingest.pages import good_record, news_html


@pytest.mark.parametrize(
    ("name", "fmt", "split"),
    [
        ("a.txt", "txt", False), ("a.TXT.gz", "txt", False), ("a.jsonl", "jsonl", True), ("a.jsonl.gz", "jsonl", False),
        ("a.json", "json", False), ("a.html", "html", False), ("a.htm.gz", "html", False), ("a.warc", "warc", True),
        ("CC-NEWS-20240508.warc.gz", "warc", True), ("a.pdf", None, False),
    ],
)  # fmt: skip
def test_read_format_by_suffix(name, fmt, split):
    assert file_format(Path(name)) == fmt
    assert splittable(Path(name)) == split


def _corpus(folder: Path) -> Path:
    (folder / "sub").mkdir(parents=True)
    (folder / "one.txt").write_text("Strikers marched through Sarnet on Friday.", encoding="utf-8")
    (folder / "sub" / "two.html").write_bytes(news_html(2))
    (folder / "sub" / "three.warc.gz").write_bytes(good_record(3))
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")  # unknown format: not picked up from a folder
    (folder / ".hidden.txt").write_text("hidden", encoding="utf-8")
    return folder


def test_read_folder_walks_known_formats(tmp_path):
    folder = _corpus(tmp_path / "corpus")
    names = [p.name for p in expand([folder])]
    assert names == ["one.txt", "three.warc.gz", "two.html"]
    assert len([a for a in read_paths([folder]) if not hasattr(a, "reason")]) == 3


def test_read_glob_pattern(tmp_path):
    folder = _corpus(tmp_path / "corpus")
    assert [p.name for p in expand([str(folder / "**" / "*.html")])] == ["two.html"]
    with pytest.raises(BadInputError):
        list(expand([str(folder / "*.nothing")]))
    with pytest.raises(BadInputError):
        list(expand([str(folder / "missing.txt")]))


@pytest.mark.parametrize(
    ("data", "kinds"),
    [
        (
            b'\n{"text": "Talks resumed in Valmora."}\nnot json\n{"title": "x"}\n',
            ["article", "bad_json", "missing_text"],
        ),
        (b"Dock workers in Valmora walked out.\nThe union said so.\n", ["article"]),
        (b"caf\xe9 strike", ["not_utf8"]),
    ],
)
def test_read_stream_jsonl_or_plain_text(data, kinds):
    items = list(read_stream(io.BytesIO(data)))
    assert [str(getattr(x, "reason", "article")) for x in items] == kinds


def test_read_stream_plain_text_is_one_article():
    (article,) = read_stream(io.BytesIO(b"First line.\n\nSecond paragraph.\n"))
    assert article.text == "First line.\n\nSecond paragraph.\n" and article.source == {"path": "-"}


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x00\x01binary\x00", "not_utf8"),
        (b"caf\xe9", "not_utf8"),
        (b"", "article"),
        (b"\x1f\x8b\x08broken", "bad_record"),
    ],
)
def test_read_text_files_bad_bytes(tmp_path, data, reason):
    path = tmp_path / ("a.txt.gz" if data.startswith(b"\x1f\x8b") else "a.txt")
    path.write_bytes(data)
    (item,) = list(read_paths([path]))
    assert str(getattr(item, "reason", "article")) == reason
