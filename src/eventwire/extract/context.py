"""What every extractor gets besides the parsed Doc: the article's publication date and the settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Doc

from ..settings import DEFAULT_SETTINGS, Settings


@dataclass(frozen=True, slots=True)
class Context:
    """Read-only inputs of the extractors for one article.

    ``published`` is the publication date (None when unknown: relative dates then stay unresolved);
    ``title`` the headline when the reader found one (it is not part of ``doc.text``); ``text`` the Doc's
    text when the caller has it already (it must equal ``doc.text``, which joins every token anew on each
    access); read it through ``text_of``.
    """

    published: dt.date | None = None
    title: str | None = None
    settings: Settings = DEFAULT_SETTINGS
    text: str | None = None


def text_of(doc: Doc, ctx: Context) -> str:
    """Return ``doc.text``, from ``ctx`` when the caller put it there."""
    return doc.text if ctx.text is None else ctx.text
