"""Cross-article linking: date windows, actor keys, pair compatibility, clustering, the store tables."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.document import Actor, Document, Event, EventDate, Place, Span
from eventwire.sinks.duckdb import connect, ingest, write_documents
from eventwire.sinks.linking import dedupe, global_id, link
from eventwire.sinks.linking.match import Mention, actor_keys, cluster, date_window, pair_score

D = dt.date
MAR5, MAR6 = D(2024, 3, 5), D(2024, 3, 6)


@pytest.mark.parametrize(
    ("start", "granularity", "published", "expected"),
    [
        (D(2024, 3, 5), "day", None, (D(2024, 3, 4), D(2024, 3, 6))),
        (D(2024, 3, 1), "month", None, (D(2024, 3, 1), D(2024, 3, 31))),
        (D(2024, 12, 1), "month", None, (D(2024, 12, 1), D(2024, 12, 31))),
        (D(2024, 3, 4), "week", None, (D(2024, 3, 3), D(2024, 3, 11))),
        (None, "reported", D(2024, 3, 10), (D(2024, 3, 3), D(2024, 3, 11))),
        (D(2024, 1, 1), "year", None, (D(2024, 1, 1), D(2024, 12, 31))),
        (None, "day", None, (None, None)),
    ],
)
def test_linking_date_window_respects_granularity(start, granularity, published, expected):
    assert date_window(start, granularity, published) == expected


@pytest.mark.parametrize(
    ("actors", "expected"),
    [
        ([{"text": "Veltrian troops", "country": "POL", "sector": "MIL"}], {"c:POL"}),
        ([{"text": "the alliance", "igo": "NATO"}], {"g:NATO"}),
        ([{"text": "Minister Orla Brannick", "name": "Orla Brannick", "country": "IRL", "kind": "person"}],
         {"c:IRL", "n:brannick"}),
        ([{"text": "Brannick", "name": "Brannick"}], {"n:brannick"}),
        ([], set()),
    ],
)  # fmt: skip
def test_linking_actor_keys(actors, expected):
    assert actor_keys(actors) == expected


def _mention(
    eid="a:0",
    *,
    type="ASSAULT",
    day=MAR5,
    gran="day",
    actors=("c:POL",),
    recipients=("c:DEU",),
    place=("Karvik", "DEU", 50.0, 10.0, 101, "city"),
    published=MAR6,
    source=None,
) -> Mention:
    lo, hi = date_window(day if gran != "reported" else None, gran, published)
    return Mention(eid, eid.split(":")[0], type, "asserted", lo, hi, gran, frozenset(actors), frozenset(recipients),
                   place, published, source or eid.split(":")[0], (0, lo, eid))  # fmt: skip


@pytest.mark.parametrize(
    ("other", "same"),
    [
        (_mention("b:0"), True),
        (_mention("b:0", day=D(2024, 3, 1), gran="month"), True),
        (_mention("b:0", gran="reported", published=D(2024, 3, 8)), True),
        (_mention("b:0", place=("Germany", "DEU", None, None, None, "country")), True),
        (_mention("b:0", place=(None,) * 6), True),
        (_mention("b:0", recipients=()), True),
        (_mention("b:0", day=D(2024, 3, 12)), False),
        (_mention("b:0", day=D(2024, 4, 1), gran="month"), False),
        (_mention("b:0", type="PROTEST"), False),
        (_mention("b:0", recipients=("c:FRA",)), False),
        (_mention("b:0", place=("Ostrava Nova", "CZE", 49.0, 18.0, 202, "city")), False),
        (_mention("b:0", place=("Lindholm", "DEU", 54.0, 9.0, 303, "city")), False),  # 450 km away
    ],
)
def test_linking_pair_score_compatibility(other, same):
    assert (pair_score(_mention(), other) is not None) is same


def test_linking_pair_score_symmetric_types_allow_swapped_roles():
    a = _mention("a:0", type="CONSULT")
    b = _mention("b:0", type="CONSULT", actors=("c:DEU",), recipients=("c:POL",))
    assert pair_score(a, b) is not None
    assert pair_score(_mention("a:0"), _mention("b:0", actors=("c:DEU",), recipients=("c:POL",))) is None


def test_linking_pair_score_needs_evidence_beyond_type_and_date():
    bare = _mention("b:0", actors=("n:quill",), recipients=(), place=(None,) * 6)
    assert pair_score(_mention(), bare)[1] is False
    assert pair_score(_mention(), _mention("c:0"))[1] is True


def test_linking_cluster_month_report_does_not_chain_two_days():
    early = [_mention("a:0", day=D(2024, 3, 3)), _mention("b:0", day=D(2024, 3, 3))]
    late = [_mention("c:0", day=D(2024, 3, 20)), _mention("d:0", day=D(2024, 3, 21))]
    month = _mention("e:0", day=D(2024, 3, 1), gran="month")
    groups = cluster([month, *late, *early])
    assert sorted(sorted(m.event_id for m in g) for g in groups) in (
        [["a:0", "b:0", "e:0"], ["c:0", "d:0"]],
        [["a:0", "b:0"], ["c:0", "d:0", "e:0"]],
    )


def test_linking_cluster_is_independent_of_input_order():
    ms = [_mention(f"x{i}:0", day=D(2024, 3, 3 + (i % 3) * 9)) for i in range(9)]
    as_sets = lambda groups: sorted(sorted(m.event_id for m in g) for g in groups)  # noqa: E731
    assert as_sets(cluster(ms)) == as_sets(cluster(ms[::-1]))
    assert len(cluster(ms)) == 3


# --- the store -----------------------------------------------------------------------------------

FILLER = {
    "a": "Harbour fees rose again as the council met to discuss the ferry timetable and the new bridge tolls.",
    "b": "Farmers in the valley expect a late harvest after weeks of rain and a cold spring season.",
    "c": "The museum reopened its north wing with a show of river maps drawn by local surveyors.",
    "d": "A cycling race crossed three provinces and ended with a sprint along the old canal road.",
}


def _doc(key: str, day: str, published: str, *, date_gran="day", recipient="DEU", place="Karvik", url=None,
         filler=None, type="ASSAULT", flags=()) -> Document:  # fmt: skip
    sentence = f"Forces of the Osterlund pact struck positions near {place} on the {key} day."
    text = sentence + " " + (filler or FILLER[key])
    loc = Place(place, sentence.index(place), sentence.index(place) + len(place), place, recipient, None,
                50.0 if place == "Karvik" else 53.5, 10.0, 101 if place == "Karvik" else 404, "city")  # fmt: skip
    event = Event(
        type, Span("struck", sentence.index("struck"), sentence.index("struck") + 6), Span(sentence, 0, len(sentence)),
        actors=(Actor("Forces", 0, 6, name="Osterlund forces", country="POL", sector="MIL"),),
        recipients=(Actor(place, 0, 1, name=recipient, country=recipient),),
        date=EventDate(day, day, date_gran), location=loc, cameo="190", flags=flags,
    )  # fmt: skip
    url = url or f"https://{key}.news.example/story"
    return Document(id=f"doc-{key}-{url[-6:]}", text=text, url=url, published=published, events=(event,))


def _reports() -> list[Document]:
    return [
        _doc("a", "2024-03-05", "2024-03-05"),
        _doc("b", "2024-03", "2024-03-07", date_gran="month"),
        _doc("c", "2024-03-06", "2024-03-06"),  # one day later: the same strike, reported from another zone
        # a syndicated copy of the first article on another site
        _doc(
            "a",
            "2024-03-05",
            "2024-03-06",
            url="https://wire.example/copy-1",
            filler=FILLER["a"] + " More later.",
        ),
        # distractors: same parties, another date; another place far away
        _doc("d", "2024-03-19", "2024-03-19"),
        _doc("d", "2024-03-05", "2024-03-05", place="Brennholm", url="https://d.news.example/other"),
    ]


def _links(con) -> dict[str, str]:
    return dict(con.execute("SELECT event_id, canonical_id FROM event_links ORDER BY event_id").fetchall())


def test_linking_store_merges_reports_and_counts_sources():
    con = connect(":memory:")
    write_documents(con, _reports())
    stats = link(con)
    assert stats.articles == 6 and stats.duplicates == 1
    rows = con.execute(
        "SELECT num_mentions, num_articles, num_sources, event_date, date_granularity FROM canonical_events "
        "ORDER BY num_mentions DESC, event_date"
    ).fetchall()
    assert rows[0] == (4, 4, 3, D(2024, 3, 5), "day")
    assert sorted(r[0] for r in rows) == [1, 1, 4]
    canon = con.execute("SELECT canonical_id, global_id FROM canonical_events").fetchall()
    assert all(global_id(c) == g for c, g in canon)


def test_linking_incremental_matches_full_rebuild_and_order():
    docs = _reports()
    con = connect(":memory:")
    for i in (3, 0, 5, 1, 4, 2):  # one article at a time, shuffled
        write_documents(con, [docs[i]])
        link(con)
    incremental = _links(con)
    link(con, full=True)
    assert _links(con) == incremental
    con2 = connect(":memory:")
    write_documents(con2, docs)
    link(con2)
    assert _links(con2) == incremental


def test_linking_negated_events_stay_apart():
    docs = [_doc("a", "2024-03-05", "2024-03-05"), _doc("c", "2024-03-05", "2024-03-05", flags=("negated",))]
    con = connect(":memory:")
    write_documents(con, docs)
    link(con)
    assert len(set(_links(con).values())) == 2


def test_linking_runs_on_ingest(tmp_path):
    path = tmp_path / "store.duckdb"
    ingest(_reports()[:3], path)
    ingest(_reports()[3:], path)
    con = connect(path)
    assert con.execute("SELECT count(*) FROM event_links").fetchone()[0] == 6
    assert con.execute("SELECT max(num_mentions) FROM canonical_events").fetchone()[0] == 4


def test_dedupe_similarity_separates_copies_from_other_articles():
    base = FILLER["a"] + " " + FILLER["b"] + " " + FILLER["c"]
    copy = base + " Updated with a line at the end."
    other = FILLER["d"] + " " + FILLER["b"]
    assert dedupe.similarity(dedupe.signature(base), dedupe.signature(copy)) >= dedupe.THRESHOLD
    assert dedupe.similarity(dedupe.signature(base), dedupe.signature(other)) < 0.5
    assert dedupe.shingles("") == []


def test_linking_two_triggers_of_one_sentence_are_one_mention():
    doc = _doc("a", "2024-03-05", "2024-03-05")
    twice = Document(id=doc.id, text=doc.text, url=doc.url, published=doc.published, events=doc.events * 2)
    con = connect(":memory:")
    write_documents(con, [twice])
    link(con)
    assert con.execute("SELECT num_mentions, num_articles FROM canonical_events").fetchall() == [(1, 1)]
