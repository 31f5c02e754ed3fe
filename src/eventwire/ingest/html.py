"""Reader: HTML pages; article text, title, publication date and URL through trafilatura.

The date is read from the page's own JSON-LD, ``<meta>`` tags, ``<time>`` elements and URL first
(``pagedate``); trafilatura's (htmldate, markup only) is the fallback. Never guessed from the body text.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..document import Article
from ..errors import SkipError, SkipReason
from .pagedate import page_date
from .text import decode, read_bytes

LOG = logging.getLogger(__name__)
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
HTTP_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
DATE_PARAMS = {"extensive_search": False, "original_date": True}  # markup and URL only, not body text
MARKUP = re.compile(r"<\s*(html|head|body|p|div|article|title)\b", re.IGNORECASE)
HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.IGNORECASE)
WORD = re.compile(r"[^\W\d_]+")
# common English function words that are rare in other languages' text (no "a", "in", "on", "die", ...)
ENGLISH_WORDS = frozenset(
    "the of and to is was that for with said by from has have are were this be he she they will would "
    "which an their been its after who not but".split()
)
# control characters other than whitespace, and U+FFFD: what binary or damaged bytes decode to
NON_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
MAX_NON_TEXT_SHARE = 0.02
MIN_WORDS_TO_JUDGE = 30
MIN_ENGLISH_SHARE = 0.08  # English news prose scores ~0.25-0.35, other languages < 0.03


def _charset(data: bytes, content_type: str | None) -> str | None:
    """Return the charset the HTTP header or a ``<meta>`` tag declares, if Python knows it."""
    found = HTTP_CHARSET.search(content_type or "")
    name = found[1] if found else None
    if not name and (meta := META_CHARSET.search(data[:4096])):
        name = meta[1].decode("ascii", "replace")
    try:
        return codecs.lookup(name).name if name else None
    except LookupError:
        return None


def decode_html(data: bytes, where: str, content_type: str | None = None) -> str:
    """Return an HTML page as text: its declared charset, else UTF-8; raise ``SkipError`` otherwise."""
    charset = _charset(data, content_type)
    if charset and charset not in ("utf-8", "utf-8-sig") and b"\x00" not in data[:8192]:
        try:
            return data.decode(charset)
        except UnicodeDecodeError:
            pass
    return decode(data, where)


def english_share(text: str, limit: int = 400) -> tuple[float, int]:
    """Return the share of common English function words among the first ``limit`` words, and the count."""
    words = WORD.findall(text[: limit * 12])[:limit]
    if not words:
        return 0.0, 0
    return sum(w.lower() in ENGLISH_WORDS for w in words) / len(words), len(words)


def check_english(html: str, text: str, where: str) -> None:
    """Raise ``SkipError(not_article)`` for a page that declares, or plainly reads as, another language."""
    declared = HTML_LANG.search(html[:4096])
    if declared and declared[1].lower() not in ("en", "eng"):
        raise SkipError(SkipReason.NOT_ARTICLE, f"{where}: not English (html lang={declared[1]})")
    share, n = english_share(text)
    if n >= MIN_WORDS_TO_JUDGE and share < MIN_ENGLISH_SHARE:
        raise SkipError(SkipReason.NOT_ARTICLE, f"{where}: not English ({share:.0%} English function words)")


def html_to_article(
    html: str | bytes,
    source: dict[str, Any],
    *,
    url: str | None = None,
    published=None,
    parse_date: Callable | None = None,
    content_type: str | None = None,
) -> Article:
    """Return the article in an HTML page; raise ``SkipError`` when no article text can be found."""
    import trafilatura

    where = url or source.get("path") or "page"
    if isinstance(html, bytes):
        html = decode_html(html, str(where), content_type)
    if not html.strip():
        raise SkipError(SkipReason.EMPTY_TEXT, f"{where}: empty page")
    if not MARKUP.search(html[:65536]):
        raise SkipError(SkipReason.BAD_HTML, f"{where}: no HTML markup")
    sample = html[:65536]
    if len(NON_TEXT.findall(sample)) > MAX_NON_TEXT_SHARE * len(sample):
        raise SkipError(SkipReason.BAD_HTML, f"{where}: mostly binary or damaged bytes")
    try:
        result = trafilatura.bare_extraction(
            html,
            url=url,
            fast=True,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            date_extraction_params=DATE_PARAMS,
        )
    except Exception as exc:  # trafilatura and lxml raise many types on broken markup
        raise SkipError(SkipReason.BAD_HTML, f"{where}: {type(exc).__name__}: {exc}") from None
    data = {} if result is None else (result.as_dict() if hasattr(result, "as_dict") else dict(result))
    text = data.get("text") or ""
    if not text.strip():
        raise SkipError(SkipReason.NOT_ARTICLE, f"{where}: no article text found")
    check_english(html, text, str(where))
    date = published
    declared = page_date(html, url) or data.get("date")
    if declared and parse_date:
        try:
            date = parse_date(declared)
        except Exception as exc:  # a page's odd date must not lose the article
            LOG.debug("%s: ignoring page date %r: %s", where, declared, exc)
    return Article(
        text=text, title=data.get("title") or None, url=url or data.get("url"), published=date, source=source
    )


def read_html(path: Path, *, published=None, parse_date: Callable | None = None) -> Article:
    """Return the article of an HTML file (``.html``, ``.htm``, optionally gzipped)."""
    return html_to_article(read_bytes(path), {"path": str(path)}, published=published, parse_date=parse_date)
