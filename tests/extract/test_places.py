"""Places stage: finding toponyms, telling places from actors, people and organisations; event location."""

from __future__ import annotations

import pytest

from eventwire.extract.context import Context
from eventwire.extract.places import _hint, dominant_place, event_location, extract_places, find_toponyms


def _places(nlp, gazetteer, text):
    return extract_places(nlp(text), Context(), gazetteer=gazetteer)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Protesters gathered in Kellby after the vote in Sylvania.", [("Kellby", "DEU"), ("Sylvania", "DEU")]),
        ("Troops moved from Kellby to Harrowgate on Monday.", [("Kellby", "DEU"), ("Harrowgate", "DEU")]),
        ("Soldiers from Fort Rellin arrived in Glenmoor Province.", [("Fort Rellin", "DEU"), ("Glenmoor", "DEU")]),
        ("Officials in Harrowgate, Glenmoor, met at noon.", [("Harrowgate", "DEU"), ("Glenmoor", "DEU")]),
        ("Officials in Harrowgate met at noon.", [("Harrowgate", "POL")]),
    ],
)
def test_places_found_and_resolved(nlp, tiny_gazetteer, text, expected):
    places = _places(nlp, tiny_gazetteer, text)
    assert [(p.name, p.country) for p in places] == expected
    for p in places:
        assert text[p.start : p.end] == p.text


@pytest.mark.parametrize(
    ("text", "roles"),
    [("The Harrowgate Red Cross opened a shelter.", [("Harrowgate", "organisation")]),
     ("Kellby Jones said the plan was fine.", [])],
)
def test_places_not_from_organisations_or_people(nlp, tiny_gazetteer, text, roles):
    assert [(p.text, p.role) for p in _places(nlp, tiny_gazetteer, text)] == roles


def test_places_organisation_place_is_no_event_location(nlp, tiny_gazetteer):
    doc = nlp("The Harrowgate Red Cross opened a shelter.")
    places = _places(nlp, tiny_gazetteer, doc.text)
    assert [p.role for p in places] == ["organisation"]
    assert event_location(doc, 4, places) is None
    assert dominant_place(places) is None


def test_places_person_tagged_word_named_as_place_elsewhere(nlp):
    from eventwire.geo import default_gazetteer

    doc = nlp("Flooding closed roads in Toledo on Monday. Toledo police found the car near the bridge.")
    topos = find_toponyms(doc, default_gazetteer())
    assert [t.mention.text for t in topos] == ["Toledo", "Toledo"]


@pytest.mark.parametrize(
    ("text", "unknown"),
    [("Voters backed Quarnby on Monday.", True), ("Voters backed Quarnby, Glenmoor on Monday.", False),
     ("Voters backed Kellby on Monday.", False)],
)
def test_places_unknown_word_without_region(nlp, tiny_gazetteer, text, unknown):
    from eventwire.extract.places import _unknown_word

    assert _unknown_word([t.text for t in nlp(text)], 2, 3, tiny_gazetteer) is unknown


def test_places_metonymy_is_actor(nlp, tiny_gazetteer):
    places = _places(nlp, tiny_gazetteer, "Sylvania warned Marovia on Tuesday. The Kremlin stayed silent.")
    roles = {p.text: p.role for p in places}
    assert roles == {"Sylvania": "actor", "Marovia": "place", "Kremlin": "actor"}


@pytest.mark.parametrize(("home", "country"), [(None, "POL"), ("DEU", "DEU"), ("Germany", "DEU")])
def test_places_home_country_setting(nlp, tiny_gazetteer, home, country):
    from eventwire.settings import Settings

    ctx = Context(settings=Settings(home_country=home))
    (place,) = extract_places(nlp("Officials in Harrowgate met at noon."), ctx, gazetteer=tiny_gazetteer)
    assert place.country == country


def test_places_unresolved_toponym_is_kept(nlp, tiny_gazetteer):
    places = _places(nlp, tiny_gazetteer, "Floods hit the town of Quorbantis and the city of Kellby.")
    assert [(p.text, p.name) for p in places] == [("Quorbantis", None), ("Kellby", "Kellby")]


@pytest.mark.parametrize(
    ("name", "hint"),
    [("Glenmoor Province", ("admin1", "Glenmoor")), ("Dunmore County", ("admin2", None)),
     ("Fort Rellin", ("base", None)), ("Kellby", (None, None))],
)
def test_places_feature_hint(name, hint):
    assert _hint(name) == hint


def test_places_find_toponyms_offsets(nlp, tiny_gazetteer):
    doc = nlp("Convoys left Harrowgate, Glenmoor for Marovia.")
    topos = find_toponyms(doc, tiny_gazetteer)
    assert [t.mention.text for t in topos] == ["Harrowgate", "Glenmoor", "Marovia"]
    assert topos[0].mention.qualifier == "Glenmoor"


@pytest.mark.parametrize(
    ("text", "trigger", "where"),
    [
        ("Troops moved from Kellby to Harrowgate on Monday.", "moved", "Harrowgate"),
        ("Police arrested ten people in Kellby, officials in Sylvania said.", "arrested", "Kellby"),
        ("Sylvania sent soldiers to Marovia.", "sent", "Marovia"),
        ("Harrowgate is calm. Hundreds protested on Friday.", "protested", "Harrowgate"),
    ],
)
def test_places_event_location(nlp, tiny_gazetteer, text, trigger, where):
    doc = nlp(text)
    places = extract_places(doc, Context(), gazetteer=tiny_gazetteer)
    token_i = next(t.i for t in doc if t.text == trigger)
    assert event_location(doc, token_i, places).name == where


def test_places_event_location_none_without_places(nlp):
    doc = nlp("Hundreds protested on Friday.")
    assert event_location(doc, 1, []) is None
    assert dominant_place([]) is None


@pytest.mark.slow
def test_places_seed_article(nlp):
    from tests.conftest import needs_shared

    text = needs_shared("seed", "article.txt").read_text(encoding="utf-8")
    places = extract_places(nlp(text), Context())
    resolved = {p.text: p.country for p in places if p.role == "place" and p.name}
    assert {"Greece": "GRC", "Poland": "POL", "Romania": "ROU", "Germany": "DEU"}.items() <= resolved.items()
    assert any(p.text == "Europe" and p.feature == "continent" for p in places)
    bases = [p for p in places if p.text.startswith("Fort ")]
    assert bases and all(p.country == "USA" and p.feature == "base" for p in bases)
    assert any(p.country == "FRA" and p.feature == "city" for p in places)
    assert all(p.role == "actor" for p in places if p.text == "Pentagon")


def test_places_event_location_skips_parties(nlp, tiny_gazetteer):
    doc = nlp("Talks between Sylvania and Marovia ended in Kellby on Monday.")
    places = extract_places(doc, Context(), gazetteer=tiny_gazetteer)
    assert event_location(doc, 0, places).name == "Kellby"


@pytest.mark.parametrize(
    ("text", "named"),
    [("Kelby Lane", True), ("Anderson Wood County", True), ("Fort Rellin", True), ("Marsh Parish", True),
     ("Kellby School District", False), ("Glenmoor State", False), ("Tom Kelby", False)],
)
def test_places_named_feature(text, named):
    from eventwire.extract.places import _named_feature

    assert _named_feature(text) is named


def test_places_user_file_overlays_gazetteer(nlp, tiny_gazetteer, tmp_path):
    from eventwire.settings import Settings

    path = tmp_path / "mine.tsv"
    path.write_text("# my places\nQuorbantis|Quorbantis Town\t51.5\t9.5\tDE\tcity\tGlenmoor\t900\n", encoding="utf-8")
    doc = nlp("Floods hit the town of Quorbantis and the city of Kellby.")
    places = extract_places(doc, Context(settings=Settings(places_file=path)), gazetteer=tiny_gazetteer)
    assert [(p.name, p.country, p.admin1) for p in places] == [("Quorbantis", "DEU", "Glenmoor"), ("Kellby", "DEU", "Glenmoor")]


def test_places_user_file_bad_line(tmp_path):
    from eventwire.errors import BadInputError
    from eventwire.geo.store import user_gazetteer

    path = tmp_path / "bad.tsv"
    path.write_text("Quorbantis\tnorth\n", encoding="utf-8")
    with pytest.raises(BadInputError):
        user_gazetteer(path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We will keep flying," air force spokeswoman Lena Ostrova and Washington reporters said in Canton, Ohio.',
         {"Washington": ("city", "District of Columbia"), "Canton": ("city", "Ohio"), "Ohio": ("admin1", "Ohio")}),
        ("Officials in Washington state counted the last ballots.", {"Washington state": ("admin1", "Washington")}),
        ("Ministers from the Alliance met in Brussels to plan the Alliance budget.", {"Brussels": ("city", None)}),
        ("The Alliance warned its rivals on Tuesday, a spokeswoman said.", {}),
    ],
)
def test_places_capital_state_and_bodies_on_real_gazetteer(nlp, text, expected):
    places = {p.text: (p.feature, p.admin1) for p in extract_places(nlp(text), Context())}
    assert places.keys() == expected.keys()
    for name, (feature, admin1) in expected.items():
        assert places[name][0] == feature
        assert admin1 is None or places[name][1] == admin1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officers of the Toledo Police Department arrested two men.", ["Toledo"]),
        ("The Ohio Department of Health said cases rose.", ["Ohio"]),
        ("Staff at the General Electric plant walked out.", []),
    ],
)
def test_places_org_toponyms_are_listed_apart(nlp, text, expected):
    from eventwire.extract.places import org_toponyms
    from eventwire.geo import default_gazetteer

    doc = nlp(text)
    assert [t.mention.text for t in org_toponyms(doc, default_gazetteer())] == expected
    places = extract_places(doc, Context())
    assert [p.text for p in places if p.role == "organisation"] == expected  # listed, but no event places
    assert all(event_location(doc, t.i, places) is None for t in doc)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Central Valley Growers Association met on Monday.", []),
        ("The Western Harvest Cooperative met on Monday.", []),
        ("The Georgia Farm Bureau met on Monday.", ["Georgia"]),
        ("Officials of the European Union met on Monday.", []),
        ("The Bank of Georgia lent the money.", ["Georgia"]),
    ],
)
def test_places_province_named_by_a_plain_word_is_no_org_place(nlp, text, expected):
    from eventwire.extract.places import org_toponyms
    from eventwire.geo import default_gazetteer

    assert [t.mention.text for t in org_toponyms(nlp(text), default_gazetteer())] == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Kandor has moved troops into the Baltic states since early March.", "Baltics"),
        ("Envoys from the Gulf states met in Doha on Sunday.", "Gulf states"),
    ],
)
def test_places_region_named_with_lowercase_states(text, name, extract_text):
    doc = extract_text(text)
    regions = [p for p in doc.places if p.feature == "region"]
    assert regions and regions[0].name == name and regions[0].country is None
