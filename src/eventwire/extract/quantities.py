"""Stage: counted quantities ("500 troops", "10,000 to 12,000", "about 150")."""

from __future__ import annotations

from spacy.tokens import Doc

from ..document import Quantity
from .context import Context


def extract_quantities(doc: Doc, ctx: Context) -> list[Quantity]:
    """Return every counted amount in ``doc``."""
    return []
