"""Page dates from JSON-LD, meta tags, <time> and the URL; nothing from the body text."""

from __future__ import annotations

import pytest

from eventwire.ingest.pagedate import iso_date, page_date, url_date


@pytest.mark.parametrize(
    ("html", "url", "expected"),
    [
        (
            '<script type="application/ld+json">{"datePublished": "2023-04-11T08:00:00Z"}</script>',
            None,
            "2023-04-11",
        ),
        ('<script type="application/ld+json">{"dateCreated":"2018-12-30"}</script>', None, "2018-12-30"),
        ('<meta property="article:published_time" content="2019-09-09T10:00:00">', None, "2019-09-09"),
        ("<meta content='2017-03-04' name='DC.date'>", None, "2017-03-04"),
        ('<meta itemprop="datePublished" content="2016-01-31">', None, "2016-01-31"),
        ('<meta name="pubdate" content="2015-07-08T00:00:00+02:00">', None, "2015-07-08"),
        ('<meta name="description" content="2014-02-02 was a Sunday">', None, None),
        ('<meta property="article:modified_time" content="2014-02-02">', None, None),
        ('<time datetime="2020-02-02">2 February</time>', None, "2020-02-02"),
        (
            '<time datetime="2020-03-01"></time><time pubdate datetime="2020-02-28"></time>',
            None,
            "2020-02-28",
        ),
        ("<p>Filed on 2021-06-03 by the desk.</p>", None, None),
        ("", "https://paper.example/2021/06/03/port-talks", "2021-06-03"),
        ("", "https://paper.example/news/2021-6-3-port-talks", "2021-06-03"),
        ("", "https://paper.example/port-talks-2021", None),
        ('<meta property="article:published_time" content="2019-02-30">', None, None),
    ],
)
def test_pagedate_sources(html, url, expected):
    assert page_date(html, url) == expected


def test_pagedate_json_ld_wins_over_meta_and_url():
    html = '<meta name="date" content="2010-01-01"><script>{"datePublished":"2011-02-03"}</script>'
    assert page_date(html, "https://x.example/2012/03/04/a") == "2011-02-03"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2024-05-07T09:00:00Z", "2024-05-07"), (" 2024-05-07", "2024-05-07"), ("May 7, 2024", None),
     ("2024-13-01", None), ("20240507", None), (None, None)],
)  # fmt: skip
def test_pagedate_iso_date(value, expected):
    assert iso_date(value) == expected


def test_pagedate_url_date_needs_a_valid_day():
    assert url_date("https://x.example/2024/02/31/a") is None
    assert url_date(None) is None


def test_pagedate_garbage_is_quick_and_none():
    import time

    garbage = ("<meta " + "x" * 3000 + "<time " + "y=" * 2000) * 200
    start = time.process_time()
    assert page_date(garbage) is None
    assert time.process_time() - start < 1.0
