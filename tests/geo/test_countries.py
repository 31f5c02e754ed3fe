"""Country names and aliases to ISO3, and demonyms kept apart."""

from __future__ import annotations

import pytest

from eventwire.geo import country_code, country_name, demonym_country


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("the U.S.", "USA"),
        ("US", "USA"),
        ("United States", "USA"),
        ("Britain", "GBR"),
        ("Russian Federation", "RUS"),
        ("Côte d'Ivoire", "CIV"),
        ("Atlantis", None),
        ("", None),
    ],
)
def test_countries_country_code(name, iso3):
    assert country_code(name) == iso3


def test_countries_demonyms_are_not_country_names():
    assert country_code("French") is None
    assert demonym_country("French") == "FRA"
    assert demonym_country("Sylvanian") is None


def test_countries_country_name():
    assert country_name("NOR") == "Norway"
