"""Linking evaluation: the pairwise metric, the generated set, and the ``eval linking`` command."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.eval.linking import pairwise
from eventwire.eval.linking_data import generate


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "x", "c": "y"}, (1.0, 1.0, 1.0)),
        ({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "y", "c": "z"}, (1.0, 0.0, 0.0)),
        ({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "x", "c": "x"}, (1 / 3, 1.0, 0.5)),
        ({"a": 1, "b": 1, "c": 1, "d": 2}, {"a": "x", "b": "x", "c": "y", "d": "y"}, (0.5, 1 / 3, 0.4)),
    ],
)
def test_linking_pairwise_scores(gold, predicted, expected):
    scores = pairwise(gold, predicted)
    assert (scores["precision"], scores["recall"], scores["f1"]) == pytest.approx(expected, abs=1e-4)


def test_linking_data_is_deterministic_and_labelled():
    first, again = generate(seed=3, n_events=40), generate(seed=3, n_events=40)
    assert [d.id for d in first.documents] == [d.id for d in again.documents]
    assert first.gold == again.gold
    n_events = sum(len(d.events) for d in first.documents)
    assert len(first.gold) == n_events and len(set(first.gold.values())) <= 40
    assert any(a != b for a, b in first.copies.items())  # some syndicated copies
    assert generate(seed=4, n_events=40).gold != first.gold


def test_linking_eval_command_beats_baselines():
    result = CliRunner().invoke(cli, ["eval", "linking", "--seed", "1", "--events", "120", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["linking"]["f1"] >= 0.85
    assert report["linking"]["f1"] > report["baseline_type_date"]["f1"] + 0.2
    assert report["baseline_singletons"]["f1"] == 0.0
    assert report["near_duplicates"]["f1"] >= 0.9
