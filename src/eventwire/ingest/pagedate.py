"""Reader helper: the publication date an HTML page declares, read from its markup and URL.

Sources, in order: JSON-LD ``datePublished``/``dateCreated``, ``<meta>`` tags (``article:published_time``,
``og:published_time``, ``itemprop=datePublished``, ``dc.date``, ``pubdate``, ``date``, ...), ``<time
datetime>`` (one marked ``pubdate`` or ``itemprop=datePublished`` first), then a ``/YYYY/MM/DD/`` date in
the URL. Plain regular expressions over a bounded prefix of the page: linear time, never the body text.
"""

from __future__ import annotations

import datetime as dt
import re

MAX_SCAN = 512_000  # characters of the page searched for markup dates
JSON_LD_DATE = re.compile(r'"date(?:Published|Created)"\s*:\s*"([^"]{8,40})"')
META_TAG = re.compile(r"<meta\b[^>]{0,2000}>", re.IGNORECASE)
TIME_TAG = re.compile(r"<time\b[^>]{0,2000}>", re.IGNORECASE)
ATTRIBUTE = re.compile(r"""([A-Za-z_:][-\w:.]*)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""")
META_NAMES = frozenset(
    """article:published_time og:published_time og:article:published_time article:published
    datepublished datecreated dc.date dc.date.issued dc.date.created dcterms.date dcterms.issued
    dcterms.created pubdate publishdate publish-date publish_date published_time published-date
    date sailthru.date parsely-pub-date article.published article_date_original
    original-publish-date""".split()
)
ISO_DATE = re.compile(r"\s*((?:19|20)\d\d)-(\d\d)-(\d\d)(?![\d])")
URL_DATE = re.compile(r"/((?:19|20)\d\d)[/_-](\d{1,2})[/_-](\d{1,2})(?:[/_.-]|$)")


def _date(year: str, month: str, day: str) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def iso_date(value: str | None) -> str | None:
    """Return ``YYYY-MM-DD`` for a value that begins with an ISO date, else None."""
    found = ISO_DATE.match(value or "")
    return _date(*found.groups()) if found else None


def _attributes(tag: str) -> dict[str, str]:
    return {k.lower(): v.strip("\"'") for k, v in ATTRIBUTE.findall(tag)}


def _meta_date(html: str) -> str | None:
    for tag in META_TAG.findall(html):
        attrs = _attributes(tag)
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or attrs.get("http-equiv")
        if (
            key
            and key.lower() in META_NAMES
            and (date := iso_date(attrs.get("content") or attrs.get("datetime")))
        ):
            return date
    return None


def _time_date(html: str) -> str | None:
    first = None
    for tag in TIME_TAG.findall(html):
        attrs = _attributes(tag)
        date = iso_date(attrs.get("datetime"))
        if date and ("pubdate" in tag.lower() or attrs.get("itemprop", "").lower() == "datepublished"):
            return date
        first = first or date
    return first


def url_date(url: str | None) -> str | None:
    """Return the ``YYYY-MM-DD`` date in a URL path (``/2021/06/03/``), or None."""
    found = URL_DATE.search(url or "")
    return _date(*found.groups()) if found else None


def page_date(html: str, url: str | None = None) -> str | None:
    """Return the publication date the page's markup or URL declares, as ``YYYY-MM-DD``, or None."""
    head = html[:MAX_SCAN]
    for found in JSON_LD_DATE.finditer(head):
        if date := iso_date(found[1]):
            return date
    return _meta_date(head) or _time_date(head) or url_date(url)
