"""eventwire: news articles in, structured and sourced event data out.

>>> import eventwire
>>> doc = eventwire.extract("Rebels attacked the town on Monday.", published="2024-05-08")
>>> [e.type for e in doc.events]  # doctest: +SKIP
['ASSAULT']
"""

from __future__ import annotations

import logging
import sys
import types
from typing import TYPE_CHECKING

from .document import Article, Document, Skipped
from .errors import EventwireError, SkipReason
from .settings import Settings

__all__ = ["extract", "pipe", "Document", "Article", "Skipped", "SkipReason", "Settings", "EventwireError"]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

if TYPE_CHECKING:
    from .api import extract, pipe


class _Package(types.ModuleType):
    """The package module: ``extract`` and ``pipe`` are imported on first use, so that ``import eventwire``
    and ``--help`` stay fast (spaCy loads only with the API)."""

    @property
    def extract(self):
        from .api import extract

        return extract

    @extract.setter
    def extract(self, value) -> None:
        # The import system stores the ``eventwire.extract`` subpackage under this name; the function wins.
        pass

    @property
    def pipe(self):
        from .api import pipe

        return pipe


sys.modules[__name__].__class__ = _Package
