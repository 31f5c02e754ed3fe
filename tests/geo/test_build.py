"""Gazetteer build: second-level divisions named as ISO 3166-2 names them."""

from __future__ import annotations

import pytest

from eventwire.geo.build import PlaceRecord, _add_admin2_names, _admin2_keys


@pytest.mark.parametrize(("name", "key"), [("County Cork", "cork"), ("Borough of Bury", "bury"),
                                           ("Harlan County", "harlan"), ("Fenwick District", "fenwick")])
def test_build_admin2_keys_drop_the_division_word(name, key):
    assert key in _admin2_keys(name)


def test_build_admin2_takes_the_iso_name_through_a_translation():
    rec = PlaceRecord("An Clar", "IE", 52.8, -9.0, "admin2", 40_000, admin1="Munster", admin2="An Clar")
    kept = PlaceRecord("Harlan County", "US", 36.8, -83.3, "admin2", 20_000, admin1="Kentucky")
    _add_admin2_names([rec, kept])
    assert rec.name == "Clare"
    assert {"An Clar", "County Clare", "Co. Clare"} <= rec.names
    assert (kept.name, kept.names) == ("Harlan County", set())
