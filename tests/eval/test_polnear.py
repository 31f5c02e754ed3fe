"""Tests of the PolNeAR scorer: brat reading, matching, speaker scoring, and a small run on the gold set."""

from __future__ import annotations

import json

from click.testing import CliRunner

from eventwire.document import Quote, Span, Speaker
from eventwire.eval.polnear import (
    GoldArticle,
    group_quotes,
    is_speech_cue,
    parse_ann,
    read_polnear,
    score_polnear,
)
from tests.conftest import needs_shared

TEXT = '"We will win," Mayor Ida Holm said. The council said the budget was too small. Polls show a close race.'
ANN = """T1\tContent 0 14\t"We will win,"
T2\tSource 15 29\tMayor Ida Holm
T3\tCue 30 34\tsaid
T4\tAttribution 30 34\tsaid
E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2
T5\tSource 36 47\tThe council
T6\tCue 48 52\tsaid
T7\tContent 53 77\tthe budget was too small
E2\tAttribution:T4 Content:T7 Cue:T6 Source:T5
T8\tCue 85 89\tshow
T9\tContent 90 102\ta close race
T10\tSource 79 84\tPolls
E3\tAttribution:T4 Content:T9 Cue:T8 Source:T10
T11\tDiscard 0 3\t"We
"""


def _quote(start, end, kind, speaker=None, cue=None):
    return Quote(TEXT[start:end], start, end, kind, cue, speaker)


def test_polnear_parse_ann_reads_attributions():
    gold = parse_ann(ANN, TEXT)
    assert len(gold) == 3
    direct, indirect, evidence = gold
    assert direct.direct and direct.speech and direct.source == ((15, 29),)
    assert [TEXT[a:b] for a, b in indirect.content] == ["the budget was too small"]
    assert not indirect.direct and indirect.speech
    assert not evidence.speech  # "show" is not a speech verb


def test_polnear_discontinuous_spans():
    ann = "T1\tContent 0 5;11 16\tx\nT2\tCue 6 9\tsaid\nE1\tAttribution:T2 Content:T1 Cue:T2\n"
    (gold,) = parse_ann(ann, "aaaaa said bbbbb")
    assert gold.content == ((0, 5), (11, 16)) and gold.source == ()


def test_polnear_speech_cue_forms():
    assert is_speech_cue("has acknowledged") and is_speech_cue("According to") and is_speech_cue("told")
    assert not is_speech_cue("shows") and not is_speech_cue("believes")


def test_polnear_scores_matches_and_speakers():
    gold = [GoldArticle("a", TEXT, parse_ann(ANN, TEXT))]
    holm = Speaker("Mayor Ida Holm", 15, 29, "Ida Holm")
    wrong = Speaker("Polls", 79, 84, None)
    quotes = [
        _quote(1, 12, "direct", holm, Span("said", 30, 34)),
        _quote(53, 77, "indirect", wrong),
        _quote(79, 102, "indirect", wrong),  # matches the non-speech attribution: counted neither way
    ]
    report = score_polnear(gold, [quotes])
    direct = report["direct"]
    assert direct["overlap_30"]["f1"] == 1.0 and direct["overlap_80"]["f1"] == 1.0
    assert direct["speaker_accuracy"] == 1.0
    speech = report["speech_cues"]["overlap_30"]
    assert speech["recall"] == 1.0 and speech["precision"] == 1.0
    assert report["speech_cues"]["speaker_accuracy"] == 0.5


def test_polnear_short_prediction_fails_80_percent():
    gold = [GoldArticle("a", TEXT, parse_ann(ANN, TEXT))]
    report = score_polnear(gold, [[_quote(53, 63, "indirect")]])
    assert report["speech_cues"]["overlap_30"]["recall"] == 0.5
    assert report["speech_cues"]["overlap_80"]["recall"] == 0.0


def test_polnear_groups_quotes_split_around_one_cue():
    cue = Span("said", 30, 34)
    groups = group_quotes([_quote(1, 12, "direct", None, cue), _quote(40, 50, "direct", None, cue)], TEXT)
    assert len(groups) == 1 and groups[0].content == ((1, 12), (40, 50))


def test_polnear_cli_on_gold_subset():
    path = needs_shared("data", "quotes", "polnear", "dev")
    assert read_polnear(path, limit=1)
    from eventwire.cli import cli

    result = CliRunner().invoke(cli, ["eval", "polnear", str(path), "--limit", "2", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["eventwire"]["articles"] == 2
    assert "speaker_accuracy" in report["eventwire"]["direct"]
    assert report["timing"]["quotes_share_of_pipeline"] < 0.5
