"""Resolution: pick the gazetteer entry each toponym of an article names.

Scores combine a prior (population, feature type, whether the name is the entry's own) with the
article's evidence: a "City, State" qualifier, the countries and admin1 regions the other toponyms
point to, and proximity to them. The same name in one article gets one reading.
"""

from __future__ import annotations

import functools
import math
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from .countries import capitals, country_name, demonym_country
from .names import name_key
from .store import Candidate, Gazetteer

FEATURE_BONUS = {
    "continent": 4.0, "country": 4.0, "region": 3.0, "sea": 2.0, "admin1": 2.5,
    "admin2": 1.0, "city": 0.0, "base": 0.0,
}  # fmt: skip
SMALL_ADMIN1 = 300_000  # a first-level division this small (a Lesotho district, a Jamaican parish) is named no more than a town
ALT_NAME_PENALTY = 1.5  # a city's alternate name is weaker evidence than its own name
NOISY_ALT_FEATURES = {"city", "base", "admin2"}  # the other features' aliases are curated
BARE_COUNTY_PENALTY = 1.5  # "Douglas" alone names the town before "Douglas County"
BARE_COUNTY_MAX_RIVAL = 100_000
HINT_BONUS = 3.0  # "X County", "X Oblast": the suffix says what kind of place it is
QUALIFIER_BONUS = 6.0  # "Springfield, Illinois"
COUNTRY_WEIGHT = 2.5
ADMIN1_WEIGHT = 4.0
NEAR_KM = 400.0
NEAR_WEIGHT = 2.5
NEAR_LAT_DEG = 3.7  # a point more than this many degrees of latitude away is over NEAR_KM away
PLAUSIBLE_MARGIN = 2.5  # readings this close to a name's best prior still count as context at first
LOCAL_FEATURES = {"city", "base", "admin2"}
COUNTY_WEIGHT = 2.0  # "Huntsville" beside "Walker County": the town in that county
ROUNDS = 2
DEMONYM_TOWN_POPULATION = 100_000
SHARE_MIX = 1.0
CITY_SHARE = 0.25
CITY_SHARE_BONUS = 3.0
CAPITAL_BONUS = 4.0
HOME_VOTES = 0.5  # the home country (the user's, else the article's house style's) counts as half a place named
LOCAL_REACH = NEAR_WEIGHT + COUNTY_WEIGHT  # the most nearness and a shared county can add
MAX_CONTEXT = COUNTRY_WEIGHT + ADMIN1_WEIGHT + NEAR_WEIGHT + COUNTY_WEIGHT + 0.01  # the most context can add


class Mention(NamedTuple):
    """A toponym found in the text. ``name`` is what to look up; ``hint`` a feature the wording implies;
    ``qualifier`` the name of a containing place written beside it ("Paris, Texas" → "Texas");
    ``demonym`` allows reading a demonym ("Syrian") as its country when no place has the name.
    (A tuple: a frozen dataclass costs several times as much to make, for each of an article's dozens.)"""

    text: str
    start: int
    end: int
    name: str
    hint: str | None = None
    qualifier: str | None = None
    strip_name: str | None = None
    demonym: bool = True


@functools.lru_cache(maxsize=1 << 16)
def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance between two points in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def prior(cand: Candidate, hint: str | None = None) -> float:
    """Return the context-free score of a candidate."""
    score = math.log10(cand.population + 10) + FEATURE_BONUS.get(cand.feature, 0.0)
    if cand.feature == "admin1" and cand.population < SMALL_ADMIN1:
        score -= FEATURE_BONUS["admin1"]
    if not cand.main and cand.feature in NOISY_ALT_FEATURES:
        score -= ALT_NAME_PENALTY + (BARE_COUNTY_PENALTY if cand.feature == "admin2" else 0.0)
    if hint and cand.feature == hint:
        score += HINT_BONUS
    return score


def candidates_for(mention: Mention, gazetteer: Gazetteer) -> tuple[Candidate, ...]:
    """Return the gazetteer entries a mention may name (its full name first, then the name less its suffix)."""
    found = gazetteer.candidates(mention.name)
    if mention.strip_name:
        named = gazetteer.candidates(mention.strip_name)
        stripped = [c for c in named if c.feature == mention.hint]
        if not stripped and mention.hint == "admin1":  # "X province" named after its main city X
            for city in named:
                if city.feature == "city" and city.admin1:
                    stripped += [c for c in gazetteer.candidates(city.admin1)
                                 if c.feature == "admin1" and c.country == city.country and c not in stripped]
        found = tuple(found) + tuple(c for c in stripped if c not in found)
    if any(c.feature == "admin2" and not c.main for c in found) and any(_well_known(c) for c in found):
        found = tuple(c for c in found if c.main or c.feature != "admin2")  # "Washington" is no county
    if mention.demonym and all(c.feature in ("city", "base") and c.population < DEMONYM_TOWN_POPULATION
                               or c.feature == "admin2" and not c.main for c in found):
        iso3 = demonym_country(mention.name)  # "Canadian" is the country's adjective before it is a small town
        name = country_name(iso3) if iso3 else None
        found = tuple(c for c in gazetteer.candidates(name) if c.feature == "country") + tuple(found) if name else found
    return found


class _Facts(NamedTuple):
    """What the context scores read from a candidate, worked out once per name: ``region`` is the
    (country, admin1) of the division it is or lies in, ``county`` its ``_county`` key, ``local`` whether
    it is a town, base or county."""

    country: str | None
    region: tuple[str | None, str] | None
    county: tuple[str, str, str] | None
    local: bool
    lat: float | None
    lon: float | None


def _facts(cand: Candidate) -> _Facts:
    admin1 = cand.name if cand.feature == "admin1" else cand.admin1
    return _Facts(cand.country, (cand.country, admin1) if admin1 else None, _county(cand),
                  cand.feature in LOCAL_FEATURES, cand.lat, cand.lon)


class _Readings(NamedTuple):
    """A name's candidates, their scores and facts; ``plausible`` the indices of the local readings
    (with coordinates) within ``PLAUSIBLE_MARGIN`` of the best score, that count as context at first."""

    found: tuple[Candidate, ...]
    scores: tuple[float, ...]
    facts: tuple[_Facts, ...]
    plausible: tuple[int, ...] = ()


@functools.lru_cache(maxsize=1 << 14)
def _priors(
    gazetteer: Gazetteer, name: str, hint: str | None, strip_name: str | None, demonym: bool
) -> _Readings:
    """Return the candidates of a name and their context-free scores (the same in every article)."""
    found = candidates_for(Mention(name, 0, 0, name, hint, None, strip_name, demonym), gazetteer)
    scores = tuple(prior(c, hint) + b for c, b in zip(found, _city_bonus(found), strict=True))
    return _Readings(found, scores, tuple(_facts(c) for c in found))


@functools.lru_cache(maxsize=1 << 14)
def _contending(
    gazetteer: Gazetteer, name: str, hint: str | None, strip_name: str | None, demonym: bool
) -> _Readings:
    """Return ``_contenders`` of a name's priors (a name no qualifier raises: the same in every article)."""
    full = _priors(gazetteer, name, hint, strip_name, demonym)
    return _contenders(full.found, full.scores, full.facts)


def _well_known(cand: Candidate) -> bool:
    """Return True for a country or region, or a province or town of ``BARE_COUNTY_MAX_RIVAL`` people,
    named by its own name: a county named without the word "County" is not read beside one."""
    return cand.main and (cand.feature in ("country", "continent", "region", "sea")
                          or cand.population >= BARE_COUNTY_MAX_RIVAL)


def _city_bonus(found: Sequence[Candidate]) -> list[float]:
    """Return a bonus for a city that is most of the same-named admin1 ("Moscow", "Kyiv", "New York")
    or is its country's capital (the country's biggest city of the capital's name, not its namesakes)."""
    admin1 = {(c.country, c.name): c.population for c in found if c.feature == "admin1"}
    biggest: dict[str | None, int] = {}
    for c in found:
        if c.feature == "city":
            biggest[c.cc] = max(biggest.get(c.cc, 0), c.population)
    out = []
    for c in found:
        pop = admin1.get((c.country, c.name)) if c.feature == "city" else None
        if pop and (name_key(c.name), c.cc) in capitals() and c.population == biggest[c.cc]:
            out.append(CAPITAL_BONUS)  # "Washington": the capital, not the state or its small namesakes
        else:
            out.append(CITY_SHARE_BONUS if pop and c.population >= CITY_SHARE * pop else 0.0)
    return out


def _qualifier_match(cand: Candidate, qualifiers: Sequence[Candidate]) -> bool:
    for q in qualifiers:
        if q.feature == "country" and cand.country == q.country and cand.pid != q.pid:
            return True
        if q.feature == "admin1" and cand.country == q.country and cand.admin1 == q.name and cand.pid != q.pid:
            return True
    return False


def resolve(
    mentions: Sequence[Mention], gazetteer: Gazetteer, home_country: str | Sequence[str] | None = None
) -> list[Candidate | None]:
    """Return the chosen entry for each mention.

    ``home_country`` (ISO3, or several when the article's house style fits more than one, see
    ``geo.locale.home_countries``), the country the publication writes from, counts as half a place named in
    the article: it settles a lone town shared with a foreign city of like size, but fades beside the
    article's own places and does not outweigh a "City, Country" qualifier or a much bigger place. A name the gazetteer
    lacks gets an ``inferred`` entry placed at the article's main place (see ``_inferred``); None only
    when nothing in the article resolved.
    """
    names = [name_key(m.name) or m.name for m in mentions]  # "MANSFIELD" and "Mansfield": one name
    first: dict[str, Mention] = {}  # the mention that says how to look each name up
    raised: dict[str, list[float]] = {}  # the scores of the names a qualifier raised
    for key, m in zip(names, mentions, strict=True):
        f = first.setdefault(key, m)
        if m.qualifier:
            full = _priors(gazetteer, f.name, f.hint, f.strip_name, f.demonym)
            quals = gazetteer.candidates(m.qualifier)
            raised[key] = [s + (QUALIFIER_BONUS if _qualifier_match(c, quals) else 0.0)
                           for s, c in zip(raised.get(key, full.scores), full.found, strict=True)]
    readings: dict[str, _Readings] = {}
    for key, f in first.items():
        if key in raised:
            full = _priors(gazetteer, f.name, f.hint, f.strip_name, f.demonym)
            readings[key] = _contenders(full.found, raised[key], full.facts)
        else:
            readings[key] = _contending(gazetteer, f.name, f.hint, f.strip_name, f.demonym)
    chosen = _first_readings(readings)
    counts = Counter(names)
    order = sorted(readings, key=lambda n: len(readings[n].found))  # the least ambiguous names settle first
    order = [n for n in order if len(readings[n].found) > 1]  # one reading or none: nothing to weigh
    votes = _Votes(chosen, counts, home_country)
    for _ in range(ROUNDS):
        before = dict(chosen)
        for n in order:  # one at a time, so that two names never flip past each other
            r = readings[n]
            best = _best(r.found, votes.scores(n, r.scores, r.facts))
            if best != chosen[n]:
                votes.move(n, best)
                chosen[n] = best
        if chosen == before:  # a round that changed nothing would give the same again
            break
    guess = _inferred(chosen, counts)
    return [chosen.get(n) or guess for n in names]


def _contenders(found: tuple[Candidate, ...], scores: Sequence[float], facts: tuple[_Facts, ...]) -> _Readings:
    """Return the candidates (with their scores and facts) that the article's context could still make
    win: one more than ``MAX_CONTEXT`` behind the best prior never can."""
    if len(found) >= 2:
        floor = max(scores) - MAX_CONTEXT
        if min(scores) < floor:
            keep = [k for k, s in enumerate(scores) if s >= floor]
            found, scores, facts = (tuple(found[k] for k in keep), [scores[k] for k in keep],
                                    tuple(facts[k] for k in keep))
    plausible: tuple[int, ...] = ()
    if found:
        top = max(scores)
        plausible = tuple(k for k, (s, f) in enumerate(zip(scores, facts, strict=True))
                          if s >= top - PLAUSIBLE_MARGIN and f.local and f.lat is not None)
    return _Readings(found, tuple(scores), facts, plausible)


def _inferred(chosen: dict[str, Candidate | None], counts: Counter) -> Candidate | None:
    """Return where an unknown name most likely is: in the article's most named country (when one
    leads), its most named town or county, else region, else the country itself, as an entry with
    feature ``inferred`` (no id, no name of its own)."""
    countries: Counter = Counter()
    for n, c in chosen.items():
        if c is not None and c.country:
            countries[c.country] += counts[n]
    ranked = countries.most_common(2)
    lead = ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None
    for features in (LOCAL_FEATURES, {"admin1"}, {"country"}):
        votes: Counter = Counter()
        for n, c in chosen.items():
            if c is not None and c.feature in features and c.lat is not None and (lead is None or c.country == lead):
                votes[c] += counts[n]
        if votes:
            best = votes.most_common(1)[0][0]
            return best._replace(pid=-2, geonameid=None, feature="inferred", main=False)
    return None


def _first_readings(readings: dict[str, _Readings]) -> dict[str, Candidate | None]:
    """Return a first reading per name: its prior, raised when a plausible reading of another name is
    nearby or is its county (so that two small neighbours can win together over two big strangers)."""
    with_others = [n for n, r in readings.items() if r.plausible]
    points = _Points((r.facts[k].lat, r.facts[k].lon, n) for n in with_others for r in (readings[n],)
                     for k in r.plausible)
    counties: dict[tuple[str, str, str], set[str]] = {}
    for n in with_others:
        r = readings[n]
        for k in r.plausible:
            county = r.facts[k].county
            if county is not None:
                counties.setdefault(county, set()).add(n)
    chosen: dict[str, Candidate | None] = {}
    for n, r in readings.items():
        found = r.found
        if len(found) < 2:  # nothing to weigh
            chosen[n] = found[0] if found else None
            continue
        scores = r.scores
        if len(with_others) > 1 or with_others and with_others[0] != n:  # another name's reading may be near
            scores = list(scores)
            top = max(scores) - LOCAL_REACH - 1e-9  # a reading further behind cannot catch up
            for k, f in enumerate(r.facts):
                if f.local and f.lat is not None and scores[k] >= top:
                    scores[k] += points.near_bonus(f.lat, f.lon, n)
                    held = counties.get(f.county, ())
                    scores[k] += COUNTY_WEIGHT if len(held) > 1 or held and n not in held else 0.0
        chosen[n] = _best(found, scores)
    return chosen


class _Points:
    """The coordinates of the names' readings sorted by latitude, to find the nearest other one fast."""

    def __init__(self, points) -> None:
        self.points = sorted(points)
        self.lats = [p[0] for p in self.points]

    def near_bonus(self, lat: float, lon: float, name: str) -> float:
        """Return the proximity bonus of a point: how near the nearest point of another name is."""
        lo = bisect_left(self.lats, lat - NEAR_LAT_DEG)
        hi = bisect_right(self.lats, lat + NEAR_LAT_DEG)
        near = [haversine_km(lat, lon, plat, plon) for plat, plon, m in self.points[lo:hi] if m != name]
        return NEAR_WEIGHT * max(0.0, 1.0 - min(near) / NEAR_KM) if near else 0.0


def _best(found: Sequence[Candidate], scores: Sequence[float]) -> Candidate | None:
    if not found:
        return None
    top = max(scores)
    if scores.count(top) == 1:  # no tie for the population to break
        return found[scores.index(top)]
    return max(zip(scores, found, strict=True), key=lambda sc: (sc[0], sc[1].population))[1]


def _county(cand: Candidate) -> tuple[str, str, str] | None:
    """Return (country, admin1, admin2) of a city or county, the key that ties a town to its county."""
    admin2 = cand.name if cand.feature == "admin2" else cand.admin2 if cand.feature in ("city", "base") else None
    return (cand.country, cand.admin1, admin2) if admin2 and cand.admin1 and cand.country else None


def _support(votes: float, total: float) -> float:
    """Return 0..1: how strongly ``votes`` of ``total`` other names back a reading (share and count both count)."""
    return SHARE_MIX * votes / total + (1 - SHARE_MIX) * votes / (votes + 1)


class _Votes:
    """What the names' current readings say together: votes per country and admin1, counties, points.

    ``scores`` leaves out the asked name's own reading (the others' evidence only); ``move`` changes a reading.
    """

    def __init__(self, chosen: dict[str, Candidate | None], counts: Counter,
                 home_country: str | Sequence[str] | None) -> None:
        self.chosen, self.counts = dict(chosen), counts
        self.home = frozenset((home_country,) if isinstance(home_country, str) else home_country or ())
        self.country: dict[str, int] = {}  # plain dicts: a Counter's missing key costs a Python call
        self.admin1: dict[tuple, int] = {}
        self.county: dict[tuple[str, str, str], int] = {}
        self.total = 0
        for n, c in self.chosen.items():
            self._add(c, counts[n], 1)
        self._points: _Points | None = None

    def _add(self, c: Candidate | None, w: int, sign: int) -> None:
        if c is None:
            return
        self.total += sign * w
        if c.country:
            self.country[c.country] = self.country.get(c.country, 0) + sign * w
        if c.admin1 and c.feature not in ("country", "continent", "region", "sea"):
            key = (c.country, c.admin1)
            self.admin1[key] = self.admin1.get(key, 0) + sign * w
        if c.feature == "admin1":
            key = (c.country, c.name)
            self.admin1[key] = self.admin1.get(key, 0) + sign * w
        county = _county(c)
        if county is not None:
            self.county[county] = self.county.get(county, 0) + sign

    def move(self, name: str, cand: Candidate | None) -> None:
        """Change the reading of ``name`` to ``cand``."""
        self._add(self.chosen[name], self.counts[name], -1)
        self._add(cand, self.counts[name], 1)
        self.chosen[name] = cand
        self._points = None

    def points(self) -> _Points:
        if self._points is None:
            self._points = _Points((c.lat, c.lon, n) for n, c in self.chosen.items()
                                   if c is not None and c.lat is not None and c.feature in ("city", "base", "admin2"))
        return self._points

    def scores(self, name: str, scores: Sequence[float], facts: Sequence[_Facts]) -> list[float]:
        """Return ``scores`` raised by agreement with the other names' current readings (and the home
        country, a vote of weight ``HOME_VOTES``)."""
        own, w = self.chosen.get(name), self.counts[name]
        own_country = own_county = None
        own_admin1: list[tuple] = []
        total = self.total
        if own is not None:
            total -= w
            own_country = own.country or None
            if own.admin1 and own.feature not in ("country", "continent", "region", "sea"):
                own_admin1.append((own.country, own.admin1))
            if own.feature == "admin1":
                own_admin1.append((own.country, own.name))
            own_county = _county(own)
        if not total and not self.home:
            return list(scores)
        home, home_total = self.home, total + (HOME_VOTES if self.home else 0.0)
        country, admin1, counties = self.country, self.admin1, self.county
        points = self.points()
        near = points.near_bonus if points.lats else None
        out, shares = [], []
        mixed = SHARE_MIX != 1.0  # else the support is the share itself
        country_votes, admin1_votes = country.get, admin1.get  # not Counter[...]: no __missing__ call
        for score, f in zip(scores, facts, strict=True):
            cc = f.country
            share = 1.0  # nearness and county count as much as the other names share the reading's country
            if cc:
                votes = country_votes(cc, 0) - (w if cc == own_country else 0)
                if cc in home:
                    votes += HOME_VOTES
                share = votes / home_total
                score += COUNTRY_WEIGHT * (_support(votes, home_total) if mixed else share)
            if total:
                region = f.region
                if region is not None:
                    votes = admin1_votes(region, 0)
                    if own_admin1:
                        votes -= w * own_admin1.count(region)
                    score += ADMIN1_WEIGHT * (_support(votes, total) if mixed else votes / total)
            out.append(score)
            shares.append(share)
        top = max(out, default=0.0)
        for k, f in enumerate(facts):
            share = shares[k]
            # no share: nearness and county add nothing; too far behind: they cannot make it win
            if not f.local or not share or out[k] + share * LOCAL_REACH + 1e-9 < top:
                continue
            if near is not None and f.lat is not None:
                out[k] += share * near(f.lat, f.lon, name)
            if counties:
                county = f.county
                if county is not None and counties.get(county, 0) - (county == own_county) > 0:
                    out[k] += share * COUNTY_WEIGHT
        return out
