"""Stage: PLOVER events with actors, recipients, date, location and size."""

from __future__ import annotations

from spacy.tokens import Doc

from ..document import Actor, Event, Place, Quantity, Quote, Time
from .context import Context


def extract_events(
    doc: Doc,
    ctx: Context,
    *,
    times: list[Time],
    places: list[Place],
    quantities: list[Quantity],
    actors: list[Actor],
    quotes: list[Quote],
) -> list[Event]:
    """Return the PLOVER events stated in ``doc``."""
    return []
