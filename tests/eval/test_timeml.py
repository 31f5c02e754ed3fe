"""Tests for eval/timeml.py: reading and writing TimeML, the TempEval-3 entity scorer, the eval command."""

from __future__ import annotations

import datetime as dt
import json

from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.eval.timeml import EntityScore, Timex, read_timeml_text, write_timeml

SAMPLE = """<?xml version="1.0" ?>
<TimeML>
<DOCID>SAMPLE-001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2011-06-15" functionInDocument="CREATION_TIME">20110615</TIMEX3></DCT>
<TEXT>
The Ostrava council <EVENT eid="e1" class="OCCURRENCE">met</EVENT> <TIMEX3 tid="t1" type="DATE" value="2011-06-13">Monday</TIMEX3> &amp; voted
for <TIMEX3 tid="t2" type="DURATION" value="P2H">two hours</TIMEX3>. The vote is <TIMEX3 tid="t3" type="DATE" value="PRESENT_REF">now</TIMEX3> final.
</TEXT>
</TimeML>
"""


def test_timeml_read_strips_tags_and_maps_offsets():
    doc = read_timeml_text(SAMPLE)
    assert doc.id == "SAMPLE-001"
    assert doc.dct == dt.date(2011, 6, 15)
    assert "<" not in doc.text and "& voted" in doc.text
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("Monday", "DATE", "2011-06-13"),
        ("two hours", "DURATION", "P2H"),
        ("now", "DATE", "PRESENT_REF"),
    ]
    assert all(doc.text[t.start : t.end] == t.text for t in doc.timexes)


def test_timeml_write_round_trips():
    doc = read_timeml_text(SAMPLE)
    again = read_timeml_text(write_timeml(doc.id, doc.text, "2011-06-15", doc.timexes))
    assert again.text == doc.text
    assert again.dct == doc.dct
    assert [(t.start, t.end, t.value) for t in again.timexes] == [
        (t.start, t.end, t.value) for t in doc.timexes
    ]


def test_timeml_entity_score_strict_relaxed_and_value():
    gold = [Timex(0, 6, "Monday", "DATE", "2011-06-13"), Timex(10, 19, "two hours", "DURATION", "P2H"),
            Timex(30, 33, "now", "DATE", "PRESENT_REF")]  # fmt: skip
    system = [Timex(0, 6, "Monday", "DATE", "2011-06-13"), Timex(14, 19, "hours", "DURATION", "PXH"),
              Timex(40, 45, "later", "DATE", "FUTURE_REF")]  # fmt: skip
    score = EntityScore()
    score.add(gold, system)
    report = score.report()
    assert report["strict_p"] == report["strict_r"] == 1 / 3
    assert report["relaxed_p"] == report["relaxed_r"] == 2 / 3
    assert report["value_accuracy"] == 0.5 and report["type_accuracy"] == 1.0
    assert abs(report["value_f1"] - report["relaxed_f1"] * 0.5) < 1e-9


def test_timeml_cli_reannotates_a_document(tmp_path):
    source = tmp_path / "sample.tml"
    source.write_text(SAMPLE, encoding="utf-8")
    out = tmp_path / "out.tml"
    result = CliRunner().invoke(cli, ["timeml", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    tagged = read_timeml_text(out.read_text(encoding="utf-8"))
    assert tagged.dct == dt.date(2011, 6, 15)
    assert ("Monday", "2011-06-13") in [(t.text, t.value) for t in tagged.timexes]


def test_timeml_eval_smoke_on_timebank():
    from tests.conftest import needs_shared

    gold = needs_shared("data", "timebank")
    result = CliRunner().invoke(cli, ["eval", "timeml", str(gold), "--limit", "3", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["documents"] == 3
    assert report["eventwire"]["relaxed_f1"] > 0.7
    assert "spacy_entities" in report
