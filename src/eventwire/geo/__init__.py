"""Offline gazetteer: build, storage, lookup and ranking of places; a data-access layer for extract.

Nothing here is loaded at import: the gazetteer is built (once, into the user cache) on first use.
"""

from __future__ import annotations

from .countries import country_code, country_name, demonym_country
from .store import Candidate, Gazetteer, build, default_gazetteer, gazetteer_path

__all__ = ["Candidate", "Gazetteer", "build", "country_code", "country_name", "default_gazetteer", "demonym_country", "gazetteer_path"]
