"""api.py: extract and pipe — order, skips, stage failures, dates."""

from __future__ import annotations

import datetime as dt

import pytest

import eventwire
from eventwire import api
from eventwire.document import Article, Document, Skipped
from eventwire.errors import BadDateError, BadInputError, SkipReason
from eventwire.settings import Settings


def test_api_extract_returns_document_with_publication_date():
    doc = eventwire.extract("Officials met in Tarvik on Monday.", published="2024-05-08", title="Talks", url="u")
    assert isinstance(doc, Document)
    assert (doc.published, doc.title, doc.url, doc.language) == ("2024-05-08", "Talks", "u", "en")


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_api_extract_rejects_empty_text(text):
    with pytest.raises(BadInputError, match="empty"):
        eventwire.extract(text)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-05-08", dt.date(2024, 5, 8)),
        ("2024-05-08T23:10:00+02:00", dt.date(2024, 5, 8)),
        ("2024-05-08T10:00:00Z", dt.date(2024, 5, 8)),
        (dt.datetime(2020, 1, 2, 3, 4), dt.date(2020, 1, 2)),
        (None, None),
    ],
)
def test_api_parse_published_accepts_iso_dates(value, expected):
    assert api.parse_published(value) == expected


@pytest.mark.parametrize("value", ["yesterday", "2024-13-40", "0201-01-01", "9999-01-01", 20240508])
def test_api_parse_published_rejects_absurd_dates(value):
    with pytest.raises(BadDateError):
        api.parse_published(value)


def test_api_pipe_keeps_input_order_and_yields_skips_in_place():
    items = [
        Article(text="Alpha reported a calm day.", id="a"),
        Article(text="  ", id="b"),
        "Gamma text without id.",
        Skipped("c", SkipReason.BAD_JSON, "line 3"),
        Article(text="x" * 50, id="d"),
        {"text": "Delta from a dict.", "id": "e", "published": "2024-01-01"},
    ]
    out = list(eventwire.pipe(items, batch_size=2, settings=Settings(max_chars=40)))
    assert [type(r).__name__ for r in out] == ["Document", "Skipped", "Document", "Skipped", "Skipped", "Document"]
    assert out[1].reason == SkipReason.EMPTY_TEXT and out[1].id == "b"
    assert out[3].reason == SkipReason.BAD_JSON
    assert out[4].reason == SkipReason.TOO_LONG
    assert out[5].id == "e" and out[5].published == "2024-01-01"


def test_api_pipe_with_two_processes_matches_one(sample_docs):
    from eventwire.ingest.read import read_paths
    from tests.conftest import SAMPLES

    articles = list(read_paths([SAMPLES], published=dt.date(2024, 5, 8)))
    two = [d.to_dict() for d in eventwire.pipe(articles, n_process=2, batch_size=2)]
    assert two == [d.to_dict() for d in sample_docs]


def test_api_stage_failure_becomes_warning(monkeypatch):
    def boom(doc, ctx):
        raise RuntimeError("broken lexicon")

    stages = tuple(s._replace(func=boom) if s.name == "times" else s for s in api.STAGES)
    monkeypatch.setattr(api, "STAGES", stages)
    doc = eventwire.extract("Officials met on Monday.", published="2024-05-08")
    assert doc.times == ()
    assert any(w.startswith("times: RuntimeError: broken lexicon") for w in doc.warnings)


def test_api_extract_is_deterministic():
    text = "Soldiers were sent to the border on Friday, the ministry said."
    assert eventwire.extract(text).to_dict() == eventwire.extract(text).to_dict()


def test_api_extract_function_is_not_shadowed_by_the_subpackage():
    import eventwire.extract.times  # noqa: F401  (loads the subpackage of the same name)

    assert callable(eventwire.extract) and eventwire.extract is api.extract
    assert eventwire.pipe is api.pipe
