"""Errors and skip reasons: caller mistakes raise, bad articles become a typed skip."""

from __future__ import annotations

from enum import StrEnum


class SkipReason(StrEnum):
    """Why an article was not processed. Values are stable: they are stored and reported."""

    EMPTY_TEXT = "empty_text"
    NOT_UTF8 = "not_utf8"
    BAD_JSON = "bad_json"
    MISSING_TEXT = "missing_text"
    BAD_DATE = "bad_date"
    TOO_LONG = "too_long"
    BAD_HTML = "bad_html"
    BAD_RECORD = "bad_record"
    NOT_ARTICLE = "not_article"
    UNREADABLE = "unreadable"
    DUPLICATE = "duplicate"
    FAILED = "failed"


class EventwireError(Exception):
    """Base class of the errors eventwire raises for caller mistakes."""


class ModelNotFoundError(EventwireError):
    """No English spaCy pipeline is installed."""


class BadInputError(EventwireError):
    """An input path, option or value the caller gave cannot be used."""


class BadDateError(BadInputError):
    """A date that cannot be parsed or lies outside 1800-2200."""


class SkipError(Exception):
    """Raised inside readers and the API to turn one article into a ``Skipped`` record."""

    def __init__(self, reason: SkipReason, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else str(reason))
        self.reason = reason
        self.detail = detail
