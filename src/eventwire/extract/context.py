"""What every extractor gets besides the parsed Doc: the article's publication date and the settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..settings import DEFAULT_SETTINGS, Settings


@dataclass(frozen=True, slots=True)
class Context:
    """Read-only inputs of the extractors for one article.

    ``published`` is the publication date (None when unknown: relative dates then stay unresolved);
    ``title`` the headline when the reader found one (it is not part of ``doc.text``).
    """

    published: dt.date | None = None
    title: str | None = None
    settings: Settings = DEFAULT_SETTINGS
