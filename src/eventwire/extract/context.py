"""What every extractor gets besides the parsed Doc: the article's publication date and the settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Doc

from ..settings import DEFAULT_SETTINGS, Settings
from .tokens import TokenTable, token_table


@dataclass(frozen=True, slots=True)
class Context:
    """Read-only inputs of the extractors for one article.

    ``published`` is the publication date (None when unknown: relative dates then stay unresolved);
    ``title`` the headline when the reader found one (it is not part of ``doc.text``); ``text`` the Doc's
    text when the caller has it already (it must equal ``doc.text``, which joins every token anew on each
    access); read it through ``text_of``. ``table`` is the Doc's ``tokens.token_table`` when the caller built
    it (``api.run_stages`` does, once for every stage); read it through ``table_of``.
    """

    published: dt.date | None = None
    title: str | None = None
    settings: Settings = DEFAULT_SETTINGS
    text: str | None = None
    table: TokenTable | None = None


def text_of(doc: Doc, ctx: Context) -> str:
    """Return ``doc.text``, from ``ctx`` when the caller put it there."""
    if ctx.text is not None:
        return ctx.text
    return doc.text if ctx.table is None else ctx.table.text


def table_of(doc: Doc, ctx: Context) -> TokenTable:
    """Return the ``token_table`` of ``doc``, from ``ctx`` when the caller put it there."""
    return token_table(doc) if ctx.table is None else ctx.table
