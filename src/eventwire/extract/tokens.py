"""Token-level helpers shared by several extractors."""

from __future__ import annotations

from spacy.tokens import Doc


def entity_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """Return ``(start, end)`` of the named entity holding token ``i`` by its IOB tags (``doc.ents`` builds
    every entity's Span); ``(i, i + 1)`` for a token outside any entity."""
    start, end = i, i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end
