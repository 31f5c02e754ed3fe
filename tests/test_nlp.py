"""The shared pipeline: one per process, however it is asked for."""

from __future__ import annotations

from eventwire.nlp import find_model, load_nlp


def test_nlp_default_and_named_model_are_one_pipeline(nlp):
    # functools.cache keys load_nlp() and load_nlp(None) apart; a stage asking with no argument once
    # loaded a second pipeline in every worker (~40 MB and seconds of CPU)
    assert load_nlp() is load_nlp(None) is load_nlp(find_model()) is nlp
