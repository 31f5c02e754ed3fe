"""The gazetteer store: name keys, writing a gazetteer, cached lookups."""

from __future__ import annotations

import pytest

from eventwire.geo.names import is_latin, name_key
from eventwire.geo.store import cache_dir


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Harrowgate", "harrowgate"),
        ("St. Anselm", "saint anselm"),
        ("Saint-Anselm", "saint anselm"),
        ("Ft. Rellin", "fort rellin"),
        ("Mt. Corra", "mount corra"),
        ("the Grey Coast", "grey coast"),
        ("Kéllby-on-Sea", "kellby on sea"),
        ("U.S.", "us"),
    ],
)
def test_names_key_folds_spelling(text, key):
    assert name_key(text) == key


@pytest.mark.parametrize(("text", "latin"), [("Kellby", True), ("Kéllby", True), ("Келлби", False), ("12", False)])
def test_names_is_latin(text, latin):
    assert is_latin(text) is latin


def test_store_lookup_ignores_case_and_accents(tiny_gazetteer):
    assert {c.cc for c in tiny_gazetteer.candidates("HARROWGATE")} == {"DE", "PL"}
    assert [c.name for c in tiny_gazetteer.candidates("Kellby on Sea")] == ["Kellby"]
    assert tiny_gazetteer.candidates("Nowhere-at-all") == ()
    assert tiny_gazetteer.candidates("") == ()


def test_store_candidate_fields(tiny_gazetteer):
    (kellby,) = tiny_gazetteer.candidates("Kellby")
    assert (kellby.country, kellby.admin1, kellby.feature, kellby.geonameid) == ("DEU", "Glenmoor", "city", 907)
    assert kellby.main is True
    (alt,) = tiny_gazetteer.candidates("Kéllby-on-Sea")
    assert alt.main is False


def test_store_lookup_is_cached(tiny_gazetteer):
    tiny_gazetteer.candidates("Kellby")
    tiny_gazetteer.candidates("kellby")
    assert tiny_gazetteer.lookup.cache_info().hits >= 1


def test_store_cache_dir_respects_env(monkeypatch, tmp_path):
    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path))
    assert cache_dir() == tmp_path


@pytest.mark.slow
def test_store_full_build(monkeypatch, tmp_path):
    from eventwire.geo.store import Gazetteer, build

    path = build(tmp_path / "full.sqlite")
    assert path.stat().st_size < 300e6
    gaz = Gazetteer(path)
    assert {c.feature for c in gaz.candidates("Europe")} >= {"continent"}
    assert any(c.feature == "country" and c.country == "FRA" for c in gaz.candidates("France"))
    assert any(c.feature == "admin2" for c in gaz.candidates("Los Angeles County"))


def test_store_remove_stale_keeps_current_and_latest_other(tmp_path):
    import os

    from eventwire.geo.store import remove_stale

    current = tmp_path / "gazetteer-new.sqlite"
    names = ("gazetteer-old1.sqlite", "gazetteer-old2.sqlite", "gazetteer-new.sqlite", "notes.txt",
             "gazetteer-old3.tmp99", "gazetteer-new.tmp98")
    for age, name in enumerate(names):
        (tmp_path / name).write_text("x")
        os.utime(tmp_path / name, (0, 10_000 + age))  # old1 is the oldest
    os.utime(tmp_path / "gazetteer-new.tmp98", None)  # a build going on now
    removed = remove_stale(current)
    assert sorted(p.name for p in removed) == ["gazetteer-old1.sqlite", "gazetteer-old3.tmp99"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "gazetteer-new.sqlite", "gazetteer-new.tmp98", "gazetteer-old2.sqlite", "notes.txt"]
    assert [p.name for p in remove_stale(current, keep=0)] == ["gazetteer-old2.sqlite"]
