"""HTML reader: text, title, date from JSON-LD / meta / <time> / URL, and bad pages as counted skips."""

from __future__ import annotations

import pytest

from eventwire.api import parse_published
from eventwire.errors import SkipError
from eventwire.ingest.html import decode_html, html_to_article
from eventwire.ingest.read import read_path
from tests.ingest.pages import article_text, news_html

BODY = "".join(f"<p>{p}</p>" for p in article_text(3).split("\n\n"))


def _page(head: str = "", article_head: str = "") -> str:
    return f"<html><head><title>Port talks stall</title>{head}</head><body><article>{article_head}{BODY}</article></body></html>"


@pytest.mark.parametrize(
    ("head", "article_head", "url", "expected"),
    [
        (
            '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-04-11T08:00:00Z"}</script>',
            "",
            None,
            "2023-04-11",
        ),
        ('<meta property="article:published_time" content="2019-09-09T10:00:00">', "", None, "2019-09-09"),
        ("", '<time datetime="2020-02-02">2 February</time>', None, "2020-02-02"),
        ("", "", "https://paper.example/2021/06/03/port-talks", "2021-06-03"),
        ("", "", "https://paper.example/port-talks", None),
    ],
)
def test_html_date_from_markup_or_url(head, article_head, url, expected):
    article = html_to_article(_page(head, article_head), {}, url=url, parse_date=parse_published)
    assert (article.published and article.published.isoformat()) == expected
    assert article.title == "Port talks stall"
    assert "Valmora" in article.text or "Kestrel Bay" in article.text


def test_html_page_date_wins_over_default():
    import datetime as dt

    page = _page('<meta property="article:published_time" content="2019-09-09">')
    article = html_to_article(page, {}, published=dt.date(2024, 1, 1), parse_date=parse_published)
    assert article.published == dt.date(2019, 9, 9)
    assert html_to_article(_page(), {}, published=dt.date(2024, 1, 1)).published == dt.date(2024, 1, 1)


def test_html_declared_legacy_charset_is_decoded():
    data = (
        "<html><head><meta charset='iso-8859-1'></head><body><p>Caf\u00e9 owners protested.</p></body></html>"
    )
    assert "Caf\u00e9" in decode_html(data.encode("latin-1"), "page")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty_text"),
        (b"   \n  ", "empty_text"),
        (b"\x00\x01\x02\x03<html>", "not_utf8"),
        (b"<html><body><p>caf\xe9</p></body></html>", "not_utf8"),
        (b"just some words without any markup at all", "bad_html"),
        (b"<html><body><nav>Home | News</nav></body></html>", "not_article"),
        (
            b"<html><meta charset='latin-1'><body><p>" + bytes(range(1, 32)) * 20 + b"</p></body></html>",
            "bad_html",
        ),
        (b"<html><body><div><p>Strikers blocked the <b>harbour road <i>on Friday, police said.", "article"),
    ],
)
def test_html_bad_pages_are_skipped_with_reason_or_salvaged(tmp_path, data, reason):
    path = tmp_path / "page.html"
    path.write_bytes(data)
    (item,) = list(read_path(path))
    assert str(getattr(item, "reason", "article")) == reason


def test_html_file_reader_returns_article(tmp_path):
    path = tmp_path / "page.htm"
    path.write_bytes(news_html(4))
    (article,) = list(read_path(path, parse_date=parse_published))
    assert article.published.isoformat() == "2024-05-07"
    assert article.source == {"path": str(path)}


def test_html_to_article_raises_skip_error():
    with pytest.raises(SkipError):
        html_to_article("", {})


FOREIGN = {
    "de": "Die Hafenarbeiter in Valmora haben am Dienstag die Arbeit niedergelegt und höhere Löhne gefordert, teilte "
    "die Gewerkschaft mit. Rund 2000 Arbeiter schlossen sich dem Protest vor den Büros der Hafenbehörde an, sagte "
    "die Polizei. Der Rat der Region stimmte am Montag zu, nächste Woche Gespräche mit den Streikenden aufzunehmen.",
    "es": "Los trabajadores portuarios de Valmora abandonaron el trabajo el martes para exigir salarios más altos, dijo "
    "el sindicato. Unos 2.000 trabajadores se unieron a la protesta frente a las oficinas del puerto, según la "
    "policía. El consejo regional acordó el lunes abrir conversaciones con los huelguistas la próxima semana.",
}


@pytest.mark.parametrize("lang", sorted(FOREIGN))
def test_html_other_language_is_not_article(lang):
    page = f"<html><head><title>x</title></head><body><article><p>{FOREIGN[lang]}</p></article></body></html>"
    with pytest.raises(SkipError, match="not English"):
        html_to_article(page, {})


@pytest.mark.parametrize(
    ("lang", "english"), [("de", False), ("fr-FR", False), ("en-GB", True), ("EN", True)]
)
def test_html_declared_language(lang, english):
    page = _page().replace("<html>", f'<html lang="{lang}">')
    if english:
        assert html_to_article(page, {}).text
    else:
        with pytest.raises(SkipError, match="html lang"):
            html_to_article(page, {})
