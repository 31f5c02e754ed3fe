"""Stage: the article's main event as a 5W1H summary."""

from __future__ import annotations

from spacy.tokens import Doc

from ..document import Actor, Event, Place, Summary, Time
from .context import Context


def summarize(
    doc: Doc, ctx: Context, *, events: list[Event], times: list[Time], places: list[Place], actors: list[Actor]
) -> Summary | None:
    """Return who/what/when/where/why/how of the article's main event, or None when it has none."""
    return None
