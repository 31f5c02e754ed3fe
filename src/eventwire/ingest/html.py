"""Reader: HTML pages; article text, title, date and URL through trafilatura."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..document import Article
from ..errors import SkipError, SkipReason
from .text import decode


def html_to_article(html: str, source: dict[str, Any], *, url: str | None = None, published=None, parse_date=None) -> Article:
    """Return the article in an HTML page; raise ``SkipError`` when no article text can be found."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False, favor_precision=True)
    except Exception as exc:  # trafilatura raises many types on broken markup
        raise SkipError(SkipReason.BAD_HTML, f"{source.get('path') or url}: {type(exc).__name__}: {exc}") from None
    if result is None:
        raise SkipError(SkipReason.NOT_ARTICLE, f"{source.get('path') or url}: no article text found")
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = data.get("text") or ""
    if not text.strip():
        raise SkipError(SkipReason.NOT_ARTICLE, f"{source.get('path') or url}: no article text found")
    date = published
    if data.get("date") and parse_date:
        try:
            date = parse_date(data["date"])
        except SkipError:
            date = published
        except Exception:
            date = published
    return Article(text=text, title=data.get("title"), url=url or data.get("url"), published=date, source=source)


def read_html(path: Path, *, published=None, parse_date=None) -> Article:
    """Return the article of an HTML file."""
    html = decode(path.read_bytes(), str(path))
    return html_to_article(html, {"path": str(path)}, published=published, parse_date=parse_date)
