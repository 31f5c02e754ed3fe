"""eventwire: news articles in, structured and sourced event data out.

>>> import eventwire
>>> doc = eventwire.extract("Rebels attacked the town on Monday.", published="2024-05-08")
>>> [e.type for e in doc.events]  # doctest: +SKIP
['ASSAULT']
"""

from __future__ import annotations

import logging

from .api import extract, pipe
from .document import Article, Document, Skipped
from .errors import EventwireError, SkipReason
from .settings import Settings

__all__ = ["extract", "pipe", "Document", "Article", "Skipped", "SkipReason", "Settings", "EventwireError"]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
