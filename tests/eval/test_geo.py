"""Geoparsing evaluation: reading the XML formats, the metrics, and the CLI on the shared gold sets."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from eventwire.eval.geo import Scores, eval_gold_spans, format_report, read_geo_xml
from eventwire.geo.rank import Mention, resolve
from eventwire.geo.store import Candidate
from tests.conftest import needs_shared

LGL_STYLE = """<articles><article docid="7"><text>Fire in Kellby, Glenmoor spread to Harrowgate.</text>
<toponyms><toponym><start>8</start><end>14</end><phrase>Kellby</phrase>
<gaztag geonameid="907"><name>Kellby</name><lat>51.2</lat><lon>9.3</lon><country>Germany</country></gaztag>
</toponym><toponym><start>16</start><end>24</end><phrase>Glenmoor</phrase>
<gaztag geonameid="903"><lat>51.0</lat><lon>9.0</lon><country>Germany</country></gaztag></toponym>
<toponym><start>35</start><end>45</end><phrase>Harrowgate</phrase>
<gaztag geonameid="905"><lat>51.1</lat><lon>9.1</lon><country>Germany</country></gaztag></toponym>
</toponyms></article></articles>"""
GEOVIRUS_STYLE = """<articles><article><source>x</source><text>Cases rose in Kellby.</text><locations>
<location><name>Kellby</name><start>14</start><end>20</end><lat>51.2</lat><lon>9.3</lon></location>
</locations></article></articles>"""


def test_geo_read_both_formats(tmp_path):
    (tmp_path / "lgl.xml").write_text(LGL_STYLE)
    (tmp_path / "gv.xml").write_text(GEOVIRUS_STYLE)
    (lgl,) = read_geo_xml(tmp_path / "lgl.xml")
    assert [t.text for t in lgl.toponyms] == ["Kellby", "Glenmoor", "Harrowgate"]
    assert lgl.toponyms[0].geonameid == 907 and lgl.toponyms[0].country == "Germany"
    (gv,) = read_geo_xml(tmp_path / "gv.xml")
    assert (gv.toponyms[0].text, gv.toponyms[0].lat) == ("Kellby", 51.2)


def test_geo_gold_spans_on_tiny_gazetteer(tmp_path, tiny_gazetteer):
    (tmp_path / "lgl.xml").write_text(LGL_STYLE)
    report = eval_gold_spans(list(read_geo_xml(tmp_path / "lgl.xml")), tiny_gazetteer)
    assert report["system"]["acc@161"] == 1.0
    assert report["system"]["geonameid_rate"] == 1.0
    assert report["system"]["country_acc"] == 1.0
    assert report["baseline_most_populous"]["acc@161"] < 1.0  # the bigger Harrowgate is elsewhere
    report["path"] = "lgl.xml"
    assert "acc@161" in format_report(report)


def test_geo_gold_spans_lists_country_misses_and_halves(tmp_path, tiny_gazetteer):
    (tmp_path / "lgl.xml").write_text(LGL_STYLE.replace("<country>Germany</country></gaztag></toponym>\n<toponym>",
                                                        "<country>Poland</country></gaztag></toponym>\n<toponym>"))
    report = eval_gold_spans(list(read_geo_xml(tmp_path / "lgl.xml")), tiny_gazetteer, misses=True)
    assert [(m["article"], m["text"], m["gold"], m["country"]) for m in report["misses"]] == [
        ("7", "Glenmoor", "Poland", "DEU")]
    assert report["system_first_half"]["toponyms"] == 3 and report["system_second_half"]["toponyms"] == 0
    report["path"] = "lgl.xml"
    assert "7\tGlenmoor\tPoland -> Glenmoor" in format_report(report)


def test_geo_end_to_end_counts_places_inside_organisation_names(tmp_path, tiny_gazetteer, nlp):
    from eventwire.eval.geo import eval_end_to_end

    text = "The Harrowgate Red Cross sent a team to Kellby."
    xml = (f'<articles><article docid="1"><text>{text}</text><toponyms>'
           '<toponym><start>4</start><end>14</end><phrase>Harrowgate</phrase></toponym>'
           '<toponym><start>40</start><end>46</end><phrase>Kellby</phrase></toponym></toponyms></article></articles>')
    (tmp_path / "one.xml").write_text(xml)
    articles = list(read_geo_xml(tmp_path / "one.xml"))
    report = eval_end_to_end(articles, tiny_gazetteer, docs=[nlp(text)])
    assert report["system"]["recall"] == 1.0
    assert report["system_without_org_names"]["recall"] == 0.5


def test_geo_scores_unresolved_is_max_error(tiny_gazetteer):
    from eventwire.eval.geo import GoldToponym

    scores = Scores()
    scores.add(GoldToponym(0, 5, "Nowhere", 10.0, 10.0), None)
    (kellby,) = resolve([Mention("Kellby", 0, 6, "Kellby")], tiny_gazetteer)
    assert isinstance(kellby, Candidate)
    scores.add(GoldToponym(0, 6, "Kellby", 51.2, 9.3), kellby)
    report = scores.report()
    assert report["acc@161"] == 0.5
    assert report["median_km"] == pytest.approx(20039 / 2, rel=0.01)
    assert 0 < report["auc"] < 1


@pytest.mark.slow
def test_geo_cli_on_lgl():
    from eventwire.cli import cli

    path = needs_shared("data", "geo", "lgl.xml")
    result = CliRunner().invoke(cli, ["eval", "geo", str(path), "--gold-spans", "--limit", "20", "--json"])
    assert result.exit_code == 0, result.output
    assert '"acc@161"' in result.output
    args = ["eval", "geo", str(path), "--gold-spans", "--limit", "5", "--home-country", "United States"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "home country USA" in result.output
    assert CliRunner().invoke(cli, [*args[:-1], "Atlantis"]).exit_code == 2
