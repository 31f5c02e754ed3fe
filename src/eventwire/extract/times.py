"""Stage: temporal expressions (TIMEX3) found and normalised against the publication date."""

from __future__ import annotations

from spacy.tokens import Doc

from ..document import Time
from .context import Context


def extract_times(doc: Doc, ctx: Context) -> list[Time]:
    """Return every temporal expression in ``doc`` with its TIMEX3 type and value."""
    return []
