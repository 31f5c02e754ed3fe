"""Generators of the tests' own news pages (invented names) and WARC files holding them, good and broken."""

from __future__ import annotations

import gzip
import io
import uuid
from pathlib import Path

PEOPLE = ["Talia Brennick", "Oskar Vellan", "Mirela Dantic", "Jonas Featherly", "Ruta Okafor", "Eamon Strand"]
TOWNS = ["Valmora", "Kestrel Bay", "Dunmarrow", "Ostrava Nueva", "Pellham Cross", "Sarnet"]
LINES = [
    "Dock workers in {town} walked off the job on Tuesday, demanding higher wages, the union said.",
    '"We will not return until the authority signs the agreement," said {person}, the union spokeswoman.',
    "About {n} workers joined the protest outside the harbour offices, police said.",
    "The regional council of {town} agreed on Monday to open talks with the strikers next week.",
    "{person}, the council leader, accused the shipping firms of delaying the negotiations for months.",
    "Riot police detained {n} demonstrators near the main gate late on Wednesday.",
]


def article_text(i: int) -> str:
    """Return the invented text of article ``i`` (different for every ``i``)."""
    person, town = PEOPLE[i % len(PEOPLE)], TOWNS[(i // 2) % len(TOWNS)]
    lines = [LINES[(i + k) % len(LINES)].format(person=person, town=town, n=12 + 7 * i + k) for k in range(4)]
    return " ".join(lines[:2]) + "\n\n" + " ".join(lines[2:]) + f" Report number {i}."


def news_html(i: int, *, date: str | None = "2024-05-07") -> bytes:
    """Return an HTML news page (nav, article, footer) for article ``i``, its date in JSON-LD."""
    ld = (
        f'<script type="application/ld+json">{{"@type":"NewsArticle","datePublished":"{date}T09:00:00Z"}}</script>'
        if date
        else ""
    )
    paras = "".join(f"<p>{p}</p>" for p in article_text(i).split("\n\n"))
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Harbour dispute, day {i} | Lantern</title>{ld}</head>"
        f"<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Harbour dispute, day {i}</h1>"
        f"{paras}</article><footer>Copyright The Lantern</footer></body></html>"
    ).encode()


def warc_record(
    uri: str,
    body: bytes,
    *,
    content_type: str = "text/html; charset=utf-8",
    status: str = "200 OK",
    kind: str = "response",
    gzipped: bool = True,
    variant: int = 0,
) -> bytes:
    """Return one WARC record (a gzip member when ``gzipped``) as bytes, the same in every run.

    The record id comes from ``uri`` and ``variant``, so a test can vary the bytes of a record on purpose.
    """
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    record_id = uuid.uuid5(uuid.NAMESPACE_URL, f"{uri}#{variant}")
    headers = {"WARC-Date": "2024-05-08T10:00:00Z", "WARC-Record-ID": f"<urn:uuid:{record_id}>"}
    if kind == "response":
        http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), http_headers=http, warc_headers_dict=headers
        )
    else:
        record = writer.create_warc_record(
            uri,
            kind,
            payload=io.BytesIO(body),
            warc_headers_dict=headers,
            warc_content_type="application/http; msgtype=request",
        )
    writer.write_record(record)
    return out.getvalue()


def good_record(i: int, gzipped: bool = True, variant: int = 0) -> bytes:
    """Return the response record of page ``i``."""
    return warc_record(f"https://lantern.example/news/{i}", news_html(i), gzipped=gzipped, variant=variant)


def broken_warc_parts(start: int = 0, variant: int = 0) -> list[tuple[str, bytes]]:
    """Return (label, bytes) parts of a WARC.gz mixing good pages with broken and ignorable records.

    ``variant`` changes the records' ids, and so the bytes of the truncated gzip member and of the member
    after it, into which its damaged deflate stream runs on.
    """

    def good(i: int) -> bytes:
        return good_record(i, variant=variant)

    truncated = good(start + 90)
    return [
        ("good", good(start)),
        ("ignored", warc_record("https://lantern.example/r", b"GET / HTTP/1.1\r\n\r\n", kind="request")),
        (
            "ignored",
            warc_record("https://lantern.example/logo.png", b"\x89PNG\r\n", content_type="image/png"),
        ),
        ("ignored", warc_record("https://lantern.example/gone", news_html(99), status="404 Not Found")),
        ("empty_text", warc_record("https://lantern.example/empty", b"")),
        ("not_utf8", warc_record("https://lantern.example/bin", b"\x00\x01\x02<html>\xff\xfe")),
        (
            "not_article",
            warc_record("https://lantern.example/nav", b"<html><body><nav>Home</nav></body></html>"),
        ),
        ("good", good(start + 1)),
        ("bad_record", truncated[: len(truncated) // 2]),
        ("good", good(start + 2)),
        ("bad_record", b"\x1f\x8b\x08\x00garbage that is no gzip member at all" * 3),
        ("good", good(start + 3)),
    ]


def write_warc(path: Path, parts: list[tuple[str, bytes]]) -> Path:
    """Write the concatenated parts to ``path`` and return it."""
    path.write_bytes(b"".join(data for _, data in parts))
    return path


def gz(data: bytes) -> bytes:
    """Return ``data`` gzipped."""
    return gzip.compress(data, mtime=0)  # fixed bytes: the same WARC in every run
