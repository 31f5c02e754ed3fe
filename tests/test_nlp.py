"""The shared pipeline: one per process, however it is asked for."""

from __future__ import annotations

from eventwire.nlp import find_model, load_nlp


def test_nlp_default_and_named_model_are_one_pipeline(nlp):
    # functools.cache keys load_nlp() and load_nlp(None) apart; a stage asking with no argument once
    # loaded a second pipeline in every worker (~40 MB and seconds of CPU)
    assert load_nlp() is load_nlp(None) is load_nlp(find_model()) is nlp


def test_nlp_pipeline_objects_are_frozen_out_of_the_collectors_walks(nlp):
    import gc

    # load_nlp moved the pipeline's objects to the permanent generation: full collections skip them
    assert gc.get_freeze_count() > 50_000
    assert not any(obj is nlp for obj in gc.get_objects())  # tracked objects exclude the frozen ones
