"""Resolution: population and feature priors, "City, State" qualifiers, the article's other places."""

from __future__ import annotations

import pytest

from eventwire.geo.rank import Mention, haversine_km, resolve


def _m(name, **kw):
    return Mention(name, 0, len(name), name, **kw)


def test_rank_most_populous_alone(tiny_gazetteer):
    (chosen,) = resolve([_m("Harrowgate")], tiny_gazetteer)
    assert chosen.cc == "PL"


def test_rank_other_places_pull_the_reading(tiny_gazetteer):
    chosen = resolve([_m("Kellby"), _m("Harrowgate"), _m("Glenmoor")], tiny_gazetteer)
    assert [c.cc for c in chosen] == ["DE", "DE", "DE"]


def test_rank_qualifier_decides(tiny_gazetteer):
    (chosen,) = resolve([_m("Harrowgate", qualifier="Glenmoor")], tiny_gazetteer)
    assert chosen.cc == "DE"
    (chosen,) = resolve([_m("Harrowgate", qualifier="Glm.")], tiny_gazetteer)
    assert chosen.cc == "DE"


def test_rank_suffix_hint_strips_to_admin1(tiny_gazetteer):
    (chosen,) = resolve([_m("Eastmarch Province", hint="admin1", strip_name="Eastmarch")], tiny_gazetteer)
    assert (chosen.name, chosen.feature) == ("Eastmarch", "admin1")


def test_rank_unknown_name_keeps_the_others(tiny_gazetteer):
    chosen = resolve([_m("Nowhereville"), _m("Kellby")], tiny_gazetteer)
    assert chosen[1].name == "Kellby"
    assert (chosen[0].feature, chosen[0].country, chosen[0].geonameid) == ("inferred", "DEU", None)
    assert resolve([_m("Nowhereville")], tiny_gazetteer) == [None]


def test_rank_same_name_same_reading(tiny_gazetteer):
    chosen = resolve([_m("Harrowgate"), _m("Kellby"), _m("Harrowgate")], tiny_gazetteer)
    assert chosen[0] == chosen[2]


@pytest.mark.parametrize(("a", "b", "km"), [((0, 0), (0, 1), 111.2), ((51.5, 0), (48.85, 2.35), 338.5)])
def test_rank_haversine(a, b, km):
    assert haversine_km(*a, *b) == pytest.approx(km, abs=1)


def test_rank_home_country_settles_a_lone_town(tiny_gazetteer):
    assert resolve([_m("Harrowgate")], tiny_gazetteer, "DEU")[0].cc == "DE"
    assert resolve([_m("Harrowgate")], tiny_gazetteer, "POL")[0].cc == "PL"


def test_rank_several_home_countries_each_count(tiny_gazetteer):
    assert resolve([_m("Harrowgate")], tiny_gazetteer, ("DEU", "FRA"))[0].cc == "DE"
    assert resolve([_m("Harrowgate")], tiny_gazetteer, ())[0].cc == "PL"


def test_rank_home_country_yields_to_the_article(tiny_gazetteer):
    (chosen,) = resolve([_m("Harrowgate", qualifier="Eastmarch")], tiny_gazetteer, "DEU")
    assert chosen.cc == "PL"
    chosen = resolve([_m("Harrowgate"), _m("Eastmarch"), _m("Marovia")], tiny_gazetteer, "DEU")
    assert chosen[0].cc == "PL"


def test_rank_same_name_in_capitals_is_one_name(tiny_gazetteer):
    chosen = resolve([_m("Harrowgate"), _m("HARROWGATE"), _m("Kellby")], tiny_gazetteer)
    assert chosen[0] == chosen[1]


@pytest.fixture
def county_gazetteer(tmp_path):
    """Invented places: a county named without its word, a big city sharing a county's name."""
    from eventwire.geo.build import PlaceRecord, write_gazetteer
    from eventwire.geo.store import Gazetteer

    records = [
        PlaceRecord("Glenmoor", "DE", 51.0, 9.0, "admin1", 1_000_000, 903, admin1="Glenmoor"),
        PlaceRecord("Dunmore County", "DE", 51.0, 9.5, "admin2", 60_000, admin1="Glenmoor", admin2="Dunmore County",
                    names={"Dunmore"}),
        PlaceRecord("Dunmore", "PL", 52.0, 22.0, "city", 30_000, 910),
        PlaceRecord("Kellby", "DE", 51.2, 9.3, "city", 20_000, 907, admin1="Glenmoor", admin2="Dunmore County"),
        PlaceRecord("Harrow County", "DE", 51.0, 9.6, "admin2", 40_000, admin1="Glenmoor", admin2="Harrow County",
                    names={"Harrow"}),
        PlaceRecord("Harrow", "PL", 52.1, 22.1, "city", 900_000, 911),
    ]
    return Gazetteer(write_gazetteer(records, tmp_path / "counties.sqlite"))


def test_rank_bare_county_name_read_in_its_state(county_gazetteer):
    chosen = resolve([_m("Dunmore"), _m("Kellby"), _m("Glenmoor")], county_gazetteer)
    assert (chosen[0].name, chosen[0].feature) == ("Dunmore County", "admin2")


def test_rank_bare_county_name_not_beside_a_big_city(county_gazetteer):
    from eventwire.geo.rank import candidates_for

    assert [c.name for c in candidates_for(_m("Harrow"), county_gazetteer)] == ["Harrow"]
    assert {c.name for c in candidates_for(_m("Dunmore"), county_gazetteer)} == {"Dunmore County", "Dunmore"}


@pytest.mark.parametrize(("name", "country"), [("Canadian", "CAN"), ("Preble", "USA"), ("Washington", "USA")])
def test_rank_demonym_and_bare_county_on_real_gazetteer(name, country):
    from eventwire.geo import default_gazetteer

    (chosen,) = resolve([_m(name)], default_gazetteer())
    assert chosen.country == country
    assert name != "Washington" or chosen.feature == "city"


def test_rank_small_admin1_is_no_stronger_than_its_population(tmp_path):
    from eventwire.geo.build import PlaceRecord, write_gazetteer
    from eventwire.geo.store import Gazetteer

    gaz = Gazetteer(write_gazetteer([
        PlaceRecord("Tarnby", "PL", 52.0, 21.0, "admin1", 80_000, admin1="Tarnby"),
        PlaceRecord("Tarnby", "DE", 51.0, 9.0, "city", 30_000, admin1="Glenmoor"),
        PlaceRecord("Ostmark", "PL", 53.0, 20.0, "admin1", 2_000_000, admin1="Ostmark"),
        PlaceRecord("Ostmark", "DE", 51.5, 9.5, "city", 30_000, admin1="Glenmoor"),
    ], tmp_path / "admin1.sqlite"))
    assert resolve([_m("Tarnby")], gaz, "DEU")[0].cc == "DE"
    assert resolve([_m("Ostmark")], gaz, "DEU")[0].cc == "PL"
