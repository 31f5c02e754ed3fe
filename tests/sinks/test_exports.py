"""Exports: GDELT 2.0 events and mentions, POLECAT, ACLED and JSONL layouts in every format."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.document import Actor, Document, Event, EventDate, Place, Quantity, Span
from eventwire.sinks.duckdb import connect, write_documents
from eventwire.sinks.exports import COLUMNS, FORMATS, GDELT_EVENT_COLUMNS, LAYOUTS, export
from eventwire.sinks.linking import link

DOCS_MD = Path(__file__).resolve().parents[2] / "docs" / "exports.md"


def _event(sentence: str, trigger: str, type_: str, **kw) -> Event:
    start = sentence.index(trigger)
    return Event(type_, Span(trigger, start, start + len(trigger)), Span(sentence, 0, len(sentence)), **kw)


def _docs() -> list[Document]:
    strike = "Drones of the Varnese army hit a depot in Tellbridge on Monday, killing 4 people."
    talks = "Envoys of Varnesia and Quellmark held talks in Ostgard."
    denial = "Officials said they would not send ships to the strait."
    place = Place("Tellbridge", 35, 45, "Tellbridge", "GBR", "England", 52.5, -1.9, 2655603, "city")
    army = Actor("the Varnese army", 10, 26, name="Varnese army", country="POL", sector="MIL")
    target = Actor("depot", 29, 36, name="depot", country="GBR", sector="MIL")
    docs = []
    for i, (day, gran, url) in enumerate([("2024-05-06", "day", "https://www.alpha.example/a"),
                                         ("2024-05", "month", "https://beta.example/b"),
                                         ("2024-05-06", "day", "https://gamma.example/c")]):  # fmt: skip
        events = [
            _event(strike, "hit", "ASSAULT", mode="aerial", cameo="195", quad_class=4, intensity=-10.0,
                   actors=(army,), recipients=(target,), date=EventDate("Monday", day, gran), location=place,
                   size=Quantity("4 people", 70, 78, 4, 4, unit="dead"), confidence=0.9),
        ]  # fmt: skip
        if i == 0:
            events.append(_event(strike + " " + talks, "talks", "CONSULT", quad_class=1,
                                 actors=(Actor("Varnesia", 0, 8, name="Varnesia", country="POL"),),
                                 recipients=(Actor("Quellmark", 0, 9, name="Quellmark", igo="NATO"),),
                                 date=EventDate(None, "2024-05-07", "reported")))  # fmt: skip
            events.append(
                _event(
                    denial,
                    "send",
                    "MOBILIZE",
                    flags=("negated",),
                    date=EventDate(None, "2024-05-07", "reported"),
                )
            )
        text = strike + " " + talks + " Filler text number " + str(i) + " about harbour fees and weather."
        docs.append(
            Document(
                id=f"art{i}",
                text=text,
                url=url,
                published="2024-05-07",
                events=tuple(events),
                places=(place,),
            )
        )
    return docs


@pytest.fixture(scope="module")
def linked_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("exports") / "linked.duckdb"
    con = connect(path)
    write_documents(con, _docs())
    link(con)
    con.close()
    return path


def _read(path: Path, fmt: str) -> list[dict]:
    if fmt in ("csv", "tsv"):
        with path.open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh, delimiter="\t" if fmt == "tsv" else ","))
    if fmt == "parquet":
        return pq.read_table(path).to_pylist()
    if fmt == "json":
        return json.loads(path.read_text())
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_exports_gdelt_has_the_61_official_columns_in_order():
    assert len(GDELT_EVENT_COLUMNS) == 61
    assert GDELT_EVENT_COLUMNS[:5] == ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    assert GDELT_EVENT_COLUMNS[25:35] == (
        "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
        "NumMentions", "NumSources", "NumArticles", "AvgTone",
    )  # fmt: skip
    assert GDELT_EVENT_COLUMNS[-10:] == (
        "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
        "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL",
    )  # fmt: skip


def test_exports_gdelt_loads_in_pandas_with_official_header(linked_db, tmp_path):
    pd = pytest.importorskip("pandas")
    con = connect(linked_db, read_only=True)
    for fmt, sep in (("csv", ","), ("tsv", "\t")):
        out = tmp_path / f"gdelt.{fmt}"
        export(con, out, layout="gdelt", fmt=fmt)
        frame = pd.read_csv(out, sep=sep)
        assert list(frame.columns) == list(GDELT_EVENT_COLUMNS)
    assert len(frame) == 2  # the strike (3 reports) and the talks; the negated deployment is left out


def test_exports_gdelt_values_from_linking_and_event(linked_db, tmp_path):
    out = tmp_path / "gdelt.parquet"
    export(connect(linked_db, read_only=True), out, layout="gdelt", fmt="parquet")
    rows = {r["EventRootCode"]: r for r in pq.read_table(out).to_pylist()}
    strike = rows["19"]
    assert (strike["SQLDATE"], strike["MonthYear"], strike["Year"]) == (20240506, 202405, 2024)
    assert (strike["EventCode"], strike["EventBaseCode"], strike["QuadClass"], strike["GoldsteinScale"]) == (
        "195", "195", 4, -10.0)  # fmt: skip
    assert (strike["NumMentions"], strike["NumArticles"], strike["NumSources"]) == (3, 3, 3)
    assert (strike["Actor1Code"], strike["Actor1CountryCode"], strike["Actor1Type1Code"]) == (
        "POLMIL",
        "POL",
        "MIL",
    )
    assert strike["Actor2Code"] == "GBRMIL"
    assert (strike["ActionGeo_Type"], strike["ActionGeo_CountryCode"], strike["ActionGeo_FeatureID"]) == (
        4, "UK", "2655603")  # fmt: skip
    assert strike["ActionGeo_Lat"] == 52.5 and strike["DATEADDED"] == 20240507000000
    assert strike["SOURCEURL"].startswith("https://") and strike["IsRootEvent"] == 1
    talks = rows["04"]  # no cameo on the event: the type's default root
    assert (
        talks["QuadClass"] == 1 and talks["Actor2KnownGroupCode"] == "NAT" and talks["ActionGeo_Type"] is None
    )


def test_exports_gdelt_mentions_one_row_per_mention(linked_db, tmp_path):
    out = tmp_path / "mentions.csv"
    n = export(connect(linked_db, read_only=True), out, layout="gdelt-mentions", fmt="csv")
    rows = _read(out, "csv")
    assert n == len(rows) == 4 and list(rows[0]) == list(COLUMNS["gdelt-mentions"])
    sources = {r["MentionSourceName"] for r in rows}
    assert {"alpha.example", "beta.example", "gamma.example"} <= sources
    assert all(r["ActionCharOffset"] for r in rows)


@pytest.mark.parametrize("layout", [lay for lay in LAYOUTS if lay != "table"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_exports_every_layout_in_every_format(linked_db, tmp_path, layout, fmt):
    out = tmp_path / f"{layout}.{fmt}"
    n = export(connect(linked_db, read_only=True), out, layout=layout, fmt=fmt)
    rows = _read(out, fmt)
    assert n == len(rows) > 0
    assert list(rows[0]) == list(COLUMNS[layout])


def test_exports_acled_maps_types_and_leaves_verbal_events_out(linked_db, tmp_path):
    out = tmp_path / "acled.json"
    export(connect(linked_db, read_only=True), out, layout="acled", fmt="json")
    (row,) = json.loads(out.read_text())
    assert (row["disorder_type"], row["event_type"], row["sub_event_type"]) == (
        "Political violence", "Explosions/Remote violence", "Air/drone strike")  # fmt: skip
    assert row["fatalities"] == 4 and row["country"] == "United Kingdom" and row["iso"] == 826
    assert row["notes"].startswith("Drones of the Varnese army") and row["inter1"] == 1
    assert row["source"] == "alpha.example; beta.example; gamma.example"


def test_exports_polecat_and_jsonl_keep_parties_and_mentions(linked_db, tmp_path):
    con = connect(linked_db, read_only=True)
    export(con, tmp_path / "p.jsonl", layout="polecat", fmt="jsonl")
    strike = next(r for r in _read(tmp_path / "p.jsonl", "jsonl") if r["Event Type"] == "ASSAULT")
    assert (strike["Actor Country"], strike["Recipient Country"], strike["Event Mode"]) == (
        "POL",
        "GBR",
        "aerial",
    )
    assert (strike["GeoNames ID"], strike["Province"], strike["Publication Date"]) == (
        2655603,
        "England",
        "2024-05-07",
    )
    assert strike["Story Locations"] == "Tellbridge"
    export(con, tmp_path / "e.jsonl", layout="jsonl")
    events = _read(tmp_path / "e.jsonl", "jsonl")
    assert len(events) == 3  # the negated event is kept here, with its flag
    strike = next(e for e in events if e["type"] == "ASSAULT")
    assert len(strike["mentions"]) == 3 and strike["mentions"][0]["trigger"]["text"] == "hit"


def test_exports_unlinked_store_counts_each_event_once(tmp_path):
    path = tmp_path / "plain.duckdb"
    con = connect(path)
    write_documents(con, _docs())
    con.close()
    out = tmp_path / "g.csv"
    n = export(connect(path, read_only=True), out, layout="gdelt", fmt="csv")
    rows = _read(out, "csv")
    assert n == 4 and {r["NumMentions"] for r in rows} == {"1"}


def test_exports_cli_layout_and_default_table(linked_db, tmp_path):
    runner = CliRunner()
    out = tmp_path / "g.tsv"
    result = runner.invoke(
        cli, ["export", "--db", str(linked_db), "--layout", "gdelt", "--format", "tsv", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text().split("\n")[0].split("\t") == list(GDELT_EVENT_COLUMNS)
    plain = tmp_path / "events.jsonl"
    result = runner.invoke(cli, ["export", "--db", str(linked_db), "-o", str(plain)])
    assert result.exit_code == 0 and len(plain.read_text().splitlines()) == 5


def test_exports_every_column_is_documented():
    text = DOCS_MD.read_text(encoding="utf-8")
    missing = [(layout, c) for layout, cols in COLUMNS.items() for c in cols if f"`{c}`" not in text]
    assert not missing


def test_exports_events_stored_after_linking_still_count(tmp_path):
    path = tmp_path / "partly.duckdb"
    con = connect(path)
    docs = _docs()
    write_documents(con, docs[:1])
    link(con)
    write_documents(con, docs[1:])  # not linked yet: each is its own event until the next link
    con.close()
    out = tmp_path / "g.csv"
    n = export(connect(path, read_only=True), out, layout="gdelt", fmt="csv")
    assert n == 4 and sorted(r["NumMentions"] for r in _read(out, "csv")) == ["1", "1", "1", "1"]
