"""Stage: direct, indirect and mixed quotes attributed to speakers."""

from __future__ import annotations

from spacy.tokens import Doc

from ..document import Actor, Quote
from .context import Context


def extract_quotes(doc: Doc, ctx: Context, *, actors: list[Actor]) -> list[Quote]:
    """Return every quote in ``doc`` with its cue and resolved speaker."""
    return []
