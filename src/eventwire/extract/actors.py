"""Stage: actor mentions resolved to name, country, sector and IGO, through pronouns and titles."""

from __future__ import annotations

from spacy.tokens import Doc

from ..document import Actor, Place
from .context import Context


def extract_actors(doc: Doc, ctx: Context, *, places: list[Place]) -> list[Actor]:
    """Return every actor mention in ``doc`` (people, organisations, countries, pronouns resolved)."""
    return []
