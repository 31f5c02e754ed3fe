"""Stage: toponyms found and resolved against the offline gazetteer."""

from __future__ import annotations

from spacy.tokens import Doc

from ..document import Place
from .context import Context


def extract_places(doc: Doc, ctx: Context) -> list[Place]:
    """Return every toponym in ``doc`` resolved to a place (unresolved ones keep name None)."""
    return []
