"""Linking stage: decide which event mentions describe the same real event, and cluster them.

Pure functions over ``Mention`` records (built from store rows): no SQL here. Two mentions are
*compatible* when they have the same PLOVER type and polarity, compatible actors and recipients,
overlapping date windows and compatible locations; a cluster only takes a mention compatible with
every member (complete linkage, so a coarse "March" report cannot chain two distinct days together),
and among several candidate clusters the best-scoring one wins.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Days of slack around an exact date (datelines, time zones, "overnight" reports).
DAY_SLACK = 1
# A "reported" date (no expression governs the event; the publication date stands in): the event
# happened at most this many days before publication.
REPORTED_BEFORE = 7
# Two places in the same country farther apart than this (km) are different places.
MAX_PLACE_KM = 60.0
# Feature kinds too coarse to tell two events apart (a continent contains any country).
COARSE_FEATURES = frozenset({"continent", "region", "ocean", "sea", "world"})
# Types whose actor and recipient may be swapped between reports ("A met B" = "B met A").
SYMMETRIC_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE"})
# Granularity order: more specific mentions seed clusters first.
SPECIFICITY = {"day": 0, "week": 1, "reported": 2, "month": 3, "season": 4, "quarter": 4, "year": 5}
SAME_SOURCE_BONUS = 4.0
SIZE_BONUS = 0.1

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset({"the", "of", "and", "a", "an", "s", "mr", "mrs", "ms", "dr", "president", "minister"})


@dataclass(frozen=True, slots=True)
class Mention:
    """One stored event, as linking sees it.

    ``lo``/``hi`` is the window of days the event may have happened in (inclusive); ``None`` when
    the event has no usable date (then it is compatible with any date). ``actors``/``recipients``
    are key sets such as ``c:RUS``, ``g:NATO`` or ``n:ivanova``. ``source`` is the article's
    near-duplicate group (syndicated copies share one).
    """

    event_id: str
    article_id: str
    type: str
    polarity: str
    lo: dt.date | None
    hi: dt.date | None
    granularity: str
    actors: frozenset[str]
    recipients: frozenset[str]
    place: tuple[str | None, str | None, float | None, float | None, int | None, str | None]
    published: dt.date | None
    source: str
    sort_key: tuple


# --- building mentions ---------------------------------------------------------------------------


def _month_end(day: dt.date) -> dt.date:
    nxt = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def date_window(
    start: dt.date | None, granularity: str | None, published: dt.date | None
) -> tuple[dt.date | None, dt.date | None]:
    """Return the inclusive window of days an event dated ``start`` at ``granularity`` may fall in.

    ``start`` is the first day the date value covers (``rows.value_to_date``); ``(None, None)``
    means no usable date.
    """
    gran = granularity or ("reported" if start is None else "day")
    if gran == "reported":
        anchor = published or start
        if anchor is None:
            return None, None
        return anchor - dt.timedelta(days=REPORTED_BEFORE), anchor + dt.timedelta(days=DAY_SLACK)
    if start is None:
        return None, None
    if gran == "day":
        slack = dt.timedelta(days=DAY_SLACK)
        return start - slack, start + slack
    if gran == "week":
        return start - dt.timedelta(days=DAY_SLACK), start + dt.timedelta(days=6 + DAY_SLACK)
    if gran == "month":
        return start, _month_end(start)
    if gran in ("quarter", "season"):
        return start, _month_end(dt.date(start.year + (start.month > 10), (start.month + 1) % 12 + 1, 1))
    if gran == "year":
        return dt.date(start.year, 1, 1), dt.date(start.year, 12, 31)
    return None, None


def _name_key(name: str) -> str | None:
    words = [w for w in _WORD.findall(name.lower()) if w not in _STOP]
    return "n:" + words[-1] if words else None


def actor_keys(actors: Iterable[dict]) -> frozenset[str]:
    """Return the comparison keys of actor dicts.

    ``c:ISO3`` and ``g:IGO`` for resolved actors, and ``n:surname`` for named people and for any
    actor resolved to neither (so "Dalbekka" can meet "Norka Dalbekka").
    """
    keys: set[str] = set()
    for actor in actors:
        if actor.get("country"):
            keys.add("c:" + actor["country"].upper())
        if actor.get("igo"):
            keys.add("g:" + actor["igo"].upper())
        resolved = actor.get("country") or actor.get("igo")
        if not resolved or actor.get("kind") == "person":
            key = _name_key(actor.get("name") or actor.get("text") or "")
            if key:
                keys.add(key)
    return frozenset(keys)


def polarity(negated: bool | None, hypothetical: bool | None) -> str:
    """Return the polarity block of an event: asserted, negated or hypothetical never link across."""
    return "negated" if negated else "hypothetical" if hypothetical else "asserted"


def mention_from_row(row: dict) -> Mention:
    """Build a Mention from an ``events`` row joined with its article's near-duplicate group."""
    event_date = row.get("event_date")
    granularity = row.get("date_granularity") or "reported"  # no date: the publication date stands in
    start = event_date if granularity != "reported" else None
    lo, hi = date_window(start, granularity, row.get("published"))
    actors = json.loads(row["actors"]) if row.get("actors") else []
    recipients = json.loads(row["recipients"]) if row.get("recipients") else []
    place = (
        row.get("location_name"), row.get("location_country"), row.get("lat"), row.get("lon"),
        row.get("geonameid"), row.get("location_feature"),
    )  # fmt: skip
    return Mention(
        event_id=row["event_id"],
        article_id=row["article_id"],
        type=row["type"],
        polarity=polarity(row.get("negated"), row.get("hypothetical")),
        lo=lo,
        hi=hi,
        granularity=granularity,
        actors=actor_keys(actors),
        recipients=actor_keys(recipients),
        place=place,
        published=row.get("published"),
        source=row.get("dup_group") or row["article_id"],
        sort_key=(SPECIFICITY.get(granularity, 6), lo or dt.date.max, row["event_id"]),
    )


# --- comparing two mentions ----------------------------------------------------------------------


def _keys_score(a: frozenset[str], b: frozenset[str]) -> float | None:
    """Return None when two key sets contradict, else a score (0 when nothing can be compared).

    Resolved keys (countries, IGOs) must meet when both sides have some; names only add evidence,
    since two officials of one government may be named for the same act.
    """
    resolved_a = {k for k in a if k[0] != "n"}
    resolved_b = {k for k in b if k[0] != "n"}
    score = 0.0
    if resolved_a and resolved_b:
        if not resolved_a & resolved_b:
            return None
        score += 1.0
    if (a - resolved_a) & (b - resolved_b):
        score += 0.5
    return score


def _sides_score(x: Mention, y: Mention) -> float | None:
    actors = _keys_score(x.actors, y.actors)
    recipients = _keys_score(x.recipients, y.recipients)
    if actors is not None and recipients is not None:
        return actors + recipients
    if x.type in SYMMETRIC_TYPES:
        swapped_a = _keys_score(x.actors, y.recipients)
        swapped_r = _keys_score(x.recipients, y.actors)
        if swapped_a is not None and swapped_r is not None:
            return swapped_a + swapped_r
    return None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def _place_score(a: tuple, b: tuple) -> float | None:
    name_a, country_a, lat_a, lon_a, gid_a, feat_a = a
    name_b, country_b, lat_b, lon_b, gid_b, feat_b = b
    if not (name_a or country_a) or not (name_b or country_b):
        return 0.0
    if feat_a in COARSE_FEATURES or feat_b in COARSE_FEATURES:
        return 0.0
    if gid_a is not None and gid_a == gid_b:
        return 2.0
    if name_a and name_b and name_a.lower() == name_b.lower() and country_a == country_b:
        return 2.0
    if country_a and country_b and country_a != country_b:
        return None
    if feat_a == "country" or feat_b == "country" or not (name_a and name_b):
        return 0.5  # one place contains the other
    if None not in (lat_a, lon_a, lat_b, lon_b):
        km = haversine_km(lat_a, lon_a, lat_b, lon_b)
        return 1.0 if km <= MAX_PLACE_KM else None
    return None  # two different named places, no coordinates to say they are close


def _date_score(x: Mention, y: Mention) -> float | None:
    if x.lo is None or y.lo is None:
        return 0.0
    if x.lo > y.hi or y.lo > x.hi:
        return None
    width = (x.hi - x.lo).days + (y.hi - y.lo).days
    same_day = x.granularity == y.granularity == "day" and x.lo == y.lo
    return 2.0 / (1.0 + width / 4.0) + (0.5 if same_day else 0.0)


def pair_score(x: Mention, y: Mention) -> tuple[float, bool] | None:
    """Return how well two mentions agree, or None when they cannot be the same event.

    The flag says whether anything beyond type and date agrees (parties, place, or the two articles
    being syndicated copies); a cluster takes a mention only with such evidence from some member.
    """
    if x.type != y.type or x.polarity != y.polarity:
        return None
    date = _date_score(x, y)
    if date is None:
        return None
    sides = _sides_score(x, y)
    if sides is None:
        return None
    place = _place_score(x.place, y.place)
    if place is None:
        return None
    if x.source == y.source and x.article_id != y.article_id:
        return date + sides + place + SAME_SOURCE_BONUS, True
    return date + sides + place, sides + place > 0.0


# --- clustering ----------------------------------------------------------------------------------


def _buckets(lo: dt.date, hi: dt.date) -> range:
    return range(lo.toordinal() // 7, hi.toordinal() // 7 + 1)


def cluster(mentions: Sequence[Mention]) -> list[list[Mention]]:
    """Group mentions of the same real event; the result depends only on the set of mentions.

    Mentions are taken most specific first (day dates before months and bare publication dates),
    each joining the best-scoring cluster it is compatible with in full, else starting its own.
    Clusters are returned with their members in processing order, ordered by their first member.
    Candidate clusters are found through week buckets of their date windows (pairwise-overlapping
    windows share a common day, so a cluster's window is the intersection of its members').
    """
    ordered = sorted(mentions, key=lambda m: m.sort_key)
    clusters: list[list[Mention]] = []
    # per (type, polarity): week bucket -> cluster indices, and clusters with no dated member
    index: dict[tuple[str, str], dict[int | None, list[int]]] = {}
    for m in ordered:
        block = index.setdefault((m.type, m.polarity), {})
        if m.lo is None:
            candidates = sorted({ci for ids in block.values() for ci in ids})
        else:
            found = set(block.get(None, ()))
            for b in _buckets(m.lo, m.hi):
                found.update(block.get(b, ()))
            candidates = sorted(found)
        best, best_score = None, -math.inf
        for ci in candidates:
            members = clusters[ci]
            total, evidence = 0.0, False
            for other in members:
                s = pair_score(m, other)
                if s is None:
                    break
                total += s[0]
                evidence = evidence or s[1]
            else:  # the mean agreement, and a little for the better-reported event when it is a tie
                score = total / len(members) + SIZE_BONUS * math.log2(1 + len(members))
                if evidence and score > best_score:
                    best, best_score = ci, score
        if best is None:
            best = len(clusters)
            clusters.append([m])
            first_dated = m.lo is not None
            if not first_dated:
                block.setdefault(None, []).append(best)
        else:
            first_dated = m.lo is not None and all(o.lo is None for o in clusters[best])
            clusters[best].append(m)
            if first_dated:
                block[None].remove(best)
        if first_dated:  # the cluster's window lies inside its first dated member's window
            for b in _buckets(m.lo, m.hi):
                block.setdefault(b, []).append(best)
    return clusters
