"""Tests of the 5W1H scorer (eval/fivew1h.py)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from eventwire.eval.fivew1h import (
    extracted_answer,
    format_report,
    gold_phrases,
    is_hit,
    misses,
    score_answers,
    token_f1,
    tokens,
)
from tests.conftest import needs_shared


@pytest.mark.parametrize(
    ("answer", "gold", "expected"),
    [("Kandor police", "the Kandor police", 0.8), ("x", "y", 0.0), (None, "y", 0.0), ("a b", "a b", 1.0)],
)
def test_fivew1h_token_f1(answer, gold, expected):
    assert token_f1(answer, gold) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("The Kandor police,", ["the", "kandor", "police"]), ("Velia\\u2019s port", ["velia", "s", "port"]),
     ("Velia’s port", ["velia", "s", "port"]), ('hails \\"amazing\\" Zoë', ["hails", "amazing", "zoë"]),
     ("6.10am on_Monday", ["6", "10am", "on", "monday"]), (None, [])],
)
def test_fivew1h_tokens(text, expected):
    assert tokens(text) == expected


def test_fivew1h_missing_answer_is_a_miss():
    records = [{"fiveWoneH": {"who": {"annotated": [{"text": "Kandor"}]}}}]
    assert score_answers(records, [{}])["who"] == {"articles": 1, "answered": 0, "hits": 0, "rate": 0.0}


def test_fivew1h_hit_threshold():
    assert is_hit("arrested forty protesters", ["police arrested forty protesters in Velia"])
    assert not is_hit("arrested", ["police arrested forty protesters in Velia"])


def test_fivew1h_score_skips_articles_without_gold():
    records = [{"fiveWoneH": {"who": {"annotated": [{"text": "Kandor"}]}, "when": {"annotated": [{}]}}},
               {"fiveWoneH": {"who": {"annotated": [{"text": "Velia"}]}}}]
    report = score_answers(records, [{"who": "Kandor", "when": "today"}, {"who": "nobody"}])
    assert report["who"] == {"articles": 2, "answered": 2, "hits": 1, "rate": 0.5}
    assert report["when"]["articles"] == 0


def test_fivew1h_reads_gold_and_extracted():
    record = {"fiveWoneH": {"who": {"annotated": [{"text": "A"}, {"coderPhraseCount": 1}], "extracted": [{"text": "B"}]}}}
    assert gold_phrases(record, "who") == ["A"]
    assert extracted_answer(record, "who") == "B"
    assert extracted_answer(record, "what") is None


def test_fivew1h_misses_list_answer_and_gold():
    records = [{"fiveWoneH": {"what": {"annotated": [{"text": "seized the port"}]}}},
               {"fiveWoneH": {"what": {"annotated": [{"text": "signed a treaty"}]}}}]
    found = misses(["a.json", "b.json"], records, [{"what": "seized the port"}, {"what": "met"}], "what")
    assert found == [{"file": "b.json", "answer": "met", "f1": 0.0, "gold": ["signed a treaty"]}]


def test_fivew1h_format_report_prints_halves_and_misses():
    records = [{"fiveWoneH": {"who": {"annotated": [{"text": "Kandor"}]}}}] * 2
    answers = [{"who": "Kandor"}, {"who": "Velia"}]
    report = {"path": "gold", "articles": 2, "eventwire": score_answers(records, answers),
              "halves": [score_answers(records[:1], answers[:1]), score_answers(records[1:], answers[1:])],
              "misses": {"question": "who", "articles": misses(["a", "b"], records, answers, "who")}}
    text = format_report(report)
    assert "who 1/1 | 0/1" in text
    assert "answer: Velia" in text and "gold:   Kandor" in text


def test_fivew1h_cli_on_gold():
    from eventwire.cli import cli

    gold = needs_shared("data", "5w1h", "articles")
    baseline = needs_shared("data", "5w1h", "giveme5w1h_output")
    result = CliRunner().invoke(cli, ["eval", "5w1h", str(gold), "--baseline", str(baseline), "--limit", "3", "--json",
                                       "--misses", "what"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["articles"] == 3
    assert set(report) >= {"eventwire", "giveme5w1h", "title_baseline", "halves", "misses"}
