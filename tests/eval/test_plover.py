"""Tests of the PLOVER gold scorer (eval/plover.py)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from eventwire.document import Actor, Document, Event, Span
from eventwire.eval.plover import (
    gold_codes,
    gold_spans,
    gold_type,
    macro_f1,
    markup_spans,
    mode_matches,
    read_records,
    score,
)
from tests.conftest import needs_shared


@pytest.mark.parametrize(("name", "expected"), [("FIGHT", "ASSAULT"), ("DEMAND", "REQUEST"), ("DISAPPROVE", "ACCUSE"),
                                                ("INVESTIGATE", "ACCUSE"), ("AGREE", "AGREE")])
def test_plover_gold_type(name, expected):
    assert gold_type(name) == expected


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("(SRC: Kandor) (EVT: attacked) (TAR: Velia).", ["attacked"]),
        ("The (SRC: Front (KF)) (EVT: will return weapons) now.", ["will return weapons"]),
        ("(SRC: Rebels (LOC:in the north)) (EVT: rioted) and (EVT: burned) cars", ["rioted", "burned"]),
    ],
)
def test_plover_markup_spans(markup, expected):
    assert markup_spans(markup) == expected


def test_plover_gold_spans_offsets():
    record = {"text": "Kandor attacked Velia.", "textInfo": {"markup": "(SRC: Kandor) (EVT: attacked) (TAR: Velia)."}}
    assert gold_spans(record) == [(7, 15)]


def test_plover_macro_f1():
    assert macro_f1([("A", "A"), ("B", "A")], ["A", "B"]) == pytest.approx((2 / 3 + 0) / 2)


def _event(type_, start, end, conf, actor=None, recipient=None):
    return Event(type=type_, trigger=Span("x", start, end), sentence=Span("x", 0, 30), confidence=conf,
                 actors=(Actor("a", 0, 1, country=actor),) if actor else (),
                 recipients=(Actor("b", 0, 1, country=recipient),) if recipient else ())


def test_plover_score_top_aligned_any():
    records = [{"event": "FIGHT", "text": "Kandor attacked Velia.", "textInfo": {"markup": "(EVT: attacked)"},
                "source": [{"code": "PER"}], "target": [{"code": "ECU"}], "mode": "firearms"},
               {"event": "AGREE", "text": "They agreed.", "textInfo": {"markup": "(EVT: agreed)"}, "source": [{"code": "CHL"}]}]
    docs = [Document(id="1", text="", events=(_event("ASSAULT", 7, 15, 0.5, "PER", "ECU"), _event("THREATEN", 0, 3, 0.9))),
            Document(id="2", text="", events=(_event("AGREE", 5, 11, 0.6, "CHL"),))]
    report = score(records, docs)
    assert report["type_accuracy_top"] == 0.5
    assert report["type_accuracy_aligned"] == 1.0
    assert report["type_accuracy_any"] == 1.0
    assert report["actor_country_accuracy"] == 1.0
    assert report["recipient_country_accuracy"] == 1.0
    assert report["mode_accuracy"] == 0.0
    assert report["baseline_majority_accuracy"] == 0.5


def test_plover_read_records_skips_header(tmp_path):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps([{"event": "DOCUMENT", "id": "h"}, {"event": "AGREE", "text": "x"}]))
    assert [r["event"] for r in read_records(path)] == ["AGREE"]


def test_plover_cli_on_gold():
    from eventwire.cli import cli

    path = needs_shared("data", "plover", "PLOVER_GSR_CAMEO.json")
    result = CliRunner().invoke(cli, ["eval", "plover", str(path), "--limit", "8", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["records"] == 8
    assert report["type_accuracy_top"] >= 0.5


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ([{"code": "JAP"}, {"code": " ITL "}], {"JPN", "ITA"}),
        ([{"code": "CHL"}, {"code": "IGO"}], {"CHL", "IGO"}),
        ("", set()),
    ],
)
def test_plover_gold_codes_read_misspelt_codes(value, expected):
    assert gold_codes(value) == expected


@pytest.mark.parametrize(("gold", "predicted", "expected"), [
    ("detain", "arrest", True), ("heavy-weapons", "aerial", True), ("heavy-weapons", "drone", True),
    ("aerial", "heavy-weapons", False), ("firearms", "aerial", False), ("visit", None, False)])
def test_plover_mode_matches(gold, predicted, expected):
    assert mode_matches(gold, predicted) is expected


def test_plover_actor_codes_keep_an_international_militarised_group_apart_from_igos():
    from eventwire.eval.plover import actor_codes

    actors = [
        Actor(text="the Northern Front", start=0, end=18, name="Northern Front", sector="REB", igo="IMG"),
        Actor(text="the alliance", start=30, end=42, name="NATO", igo="NATO"),
        Actor(text="Velmoran troops", start=50, end=65, country="FRA", sector="MIL"),
        Actor(text="a relief charity", start=70, end=86, sector="NGO"),
    ]
    assert actor_codes(actors[:1]) == {"IMG"}
    assert actor_codes(actors) == {"IMG", "IGO", "FRA", "NGO"}
