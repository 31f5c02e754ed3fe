"""Seed integration test: ../shared/seed/article.txt (published 2022-03-08) through the whole pipeline.

The expectations are the foundation issue's item 6. Each test names the stage it checks in its name
(``test_seed_events_*``, ``test_seed_quotes_*``, ``test_seed_places_*``, ``test_seed_times_*``), so a
failure points at the stage that owns it.
"""

from __future__ import annotations

import pytest

from tests.conftest import needs_shared

PUBLISHED = "2022-03-08"


@pytest.fixture(scope="module")
def seed():
    import eventwire

    text = needs_shared("seed", "article.txt").read_text(encoding="utf-8")
    return eventwire.extract(text, published=PUBLISHED)


def _countries(actors):
    return {a.country for a in actors if a.country} | {a.igo for a in actors if a.igo}


def _find(seed, type_, **want):
    """Return the events of ``type_`` meeting every condition in ``want``."""
    out = []
    for e in seed.events:
        if e.type != type_:
            continue
        if "actor" in want and want["actor"] not in _countries(e.actors):
            continue
        if "recipient" in want and want["recipient"] not in _countries(e.recipients):
            continue
        if "date" in want and (e.date is None or e.date.value != want["date"]):
            continue
        if "size" in want and (e.size is None or e.size.min != want["size"]):
            continue
        if "mode" in want and e.mode != want["mode"]:
            continue
        out.append(e)
    return out


# --- events stage ---------------------------------------------------------------------------------


def test_seed_events_mobilize_500_troops_to_europe(seed):
    found = _find(seed, "MOBILIZE", actor="USA", size=500, date="2022-03-07", mode="troops")
    assert found, [(e.trigger.text, e.size, e.date) for e in seed.events if e.type == "MOBILIZE"]
    assert any(e.location is not None and e.location.name == "Europe" for e in found)


def test_seed_events_invasion_on_february_24(seed):
    assert _find(seed, "ASSAULT", actor="RUS", recipient="UKR", date="2022-02-24")


def test_seed_events_negotiations_between_russia_and_ukraine(seed):
    found = _find(seed, "CONSULT", actor="RUS", recipient="UKR", date="2022-03-07")
    assert any({"RUS", "UKR"} <= _countries(e.actors) for e in found)


def test_seed_events_february_mobilization_of_11700(seed):
    found = _find(seed, "MOBILIZE", actor="USA", date="2022-02", size=11700)
    assert found and all(e.size.approx for e in found)


def test_seed_events_150_troops_to_greece(seed):
    found = _find(seed, "MOBILIZE", size=150)
    assert any((e.location and e.location.country == "GRC") or "GRC" in _countries(e.recipients) for e in found)


def test_seed_events_not_going_to_send_troops_is_negated(seed):
    sends = [e for e in seed.events if e.trigger.text.startswith("send") and "not going to send" in e.sentence.text]
    assert sends
    assert all("negated" in e.flags for e in sends if e.type == "MOBILIZE")
    assert not any(e.type == "MOBILIZE" and "negated" not in e.flags for e in sends)


def test_seed_events_readiness_to_respond_is_hypothetical(seed):
    sentence = [e for e in seed.events if "ready to respond" in e.sentence.text]
    assert any("hypothetical" in e.flags for e in sentence)


def test_seed_events_summary(seed):
    assert seed.summary is not None and seed.summary.what is not None


# --- quotes stage (extract/quotes.py) --------------------------------------------------------------


@pytest.mark.parametrize(("name", "country"), [("John Kirby", "USA"), ("Jen Psaki", "USA"), ("Emmanuel Macron", "FRA")])
def test_seed_quotes_speakers(seed, name, country):
    speakers = [q.speaker for q in seed.quotes if q.speaker is not None]
    assert any(name in (s.name or s.text) and s.country == country for s in speakers), speakers


def test_seed_quotes_dangling_told_cue(seed):
    """The quote before the machine-translation's dangling "Told." sentence keeps its speaker, and the
    garbled "… spokesman X and Washington reporters told." attribution gives its quotes a "told" cue."""
    dangling = seed.text.index(". Told.") + 2
    before = [q for q in seed.quotes if q.end <= dangling and dangling - q.end < 120]
    assert before and all(q.speaker and q.speaker.country == "FRA" for q in before), before
    assert not any(q.start >= dangling and q.end <= dangling + 5 for q in seed.quotes)
    told = [q for q in seed.quotes if q.cue is not None and q.cue.text.lower() == "told"]
    assert told and all(q.speaker and "Kirby" in (q.speaker.name or "") for q in told)


def test_seed_quotes_he_said_resolves_to_named_speaker(seed):
    he = [q for q in seed.quotes if q.speaker is not None and q.speaker.text.lower() == "he"]
    assert he and all(q.speaker.name == "Emmanuel Macron" and q.speaker.country == "FRA" for q in he)


# --- places stage (extract/places.py) --------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "country"),
    [("Europe", None), ("Greece", "GRC"), ("Poland", "POL"), ("Romania", "ROU"), ("Germany", "DEU"),
     ("Fort Stewart", "USA"), ("Poissy", "FRA")],
)
def test_seed_places_resolved(seed, name, country):
    found = [p for p in seed.places if p.text == name]
    assert found and all(p.name is not None for p in found)
    if country:
        assert found[0].country == country


# --- times stage (extract/times.py) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [("March 7", "2022-03-07"), ("February 24th", "2022-02-24"), ("Monday", "2022-03-07"), ("February", "2022-02")],
)
def test_seed_times_values(seed, text, value):
    assert any(t.text == text and t.value == value for t in seed.times), [(t.text, t.value) for t in seed.times]
