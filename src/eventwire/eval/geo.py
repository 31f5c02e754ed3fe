"""Geoparsing evaluation on LGL / GeoVirus / GeoWebNews-style XML given by path.

Resolution metrics (Gritta et al.): accuracy@161 km, mean and median error, AUC of the log error
(0 best, 1 worst; an unresolved toponym counts as the largest error), country accuracy and exact
GeoNames id rate. End to end, toponyms are also scored for recognition (a predicted span overlapping
a gold span is a hit). A trivial baseline runs beside: the most populous candidate for resolution,
spaCy GPE/LOC/FAC entities for recognition.
"""

from __future__ import annotations

import math
import statistics
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from ..geo.countries import country_code, demonym_country
from ..geo.locale import home_countries
from ..geo.names import name_key
from ..geo.rank import Mention, candidates_for, haversine_km, resolve
from ..geo.store import Candidate, Gazetteer, default_gazetteer

MAX_ERROR_KM = 20039.0
ACC_KM = 161.0


@dataclass(frozen=True, slots=True)
class GoldToponym:
    """A gold toponym: character span and, when annotated, its coordinates, country name and GeoNames id."""

    start: int
    end: int
    text: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    geonameid: int | None = None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One article of a gold set."""

    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


def _float(node: ET.Element | None, tag: str) -> float | None:
    found = node.find(tag) if node is not None else None
    try:
        return float(found.text) if found is not None and found.text else None
    except ValueError:
        return None


def read_geo_xml(path: str | Path, limit: int | None = None) -> Iterator[GoldArticle]:
    """Yield the articles of an LGL (``toponyms/toponym/gaztag``) or GeoVirus (``locations/location``) file."""
    root = ET.parse(path).getroot()
    for n, art in enumerate(root.iter("article")):
        if limit is not None and n >= limit:
            return
        text = art.findtext("text") or ""
        tops = []
        for top in [*art.iter("toponym"), *art.iter("location")]:
            try:
                start, end = int(top.findtext("start")), int(top.findtext("end"))
            except (TypeError, ValueError):
                continue
            start, end = _align(text, start, end, top.findtext("name") or top.findtext("phrase"))
            gaz = top.find("gaztag")
            src = gaz if gaz is not None else top
            gid = gaz.get("geonameid") if gaz is not None else None
            tops.append(GoldToponym(start, end, text[start:end], _float(src, "lat"), _float(src, "lon"),
                                    gaz.findtext("country") if gaz is not None else None,
                                    int(gid) if gid and gid.isdigit() else None))
        yield GoldArticle(art.get("docid") or art.findtext("source") or str(n), text, tuple(tops))


def _align(text: str, start: int, end: int, name: str | None, slack: int = 8) -> tuple[int, int]:
    """Return the offsets of ``name`` nearest to ``start`` (GeoVirus offsets can be shifted by a character)."""
    if not name or text[start:end] == name:
        return start, end
    lo = max(0, start - slack)
    at = text.find(name, lo, end + slack + len(name))
    return (at, at + len(name)) if at >= 0 else (start, end)


@dataclass(slots=True)
class Scores:
    """Accumulates resolution errors and recognition counts."""

    errors: list[float] = field(default_factory=list)
    country_hits: int = 0
    country_total: int = 0
    id_hits: int = 0
    id_total: int = 0
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0
    misses: list[dict] | None = None  # a list to collect the country misses in

    def add(self, gold: GoldToponym, pred: Candidate | None, article: str = "") -> None:
        """Score one gold toponym against the chosen entry (None: unresolved)."""
        if gold.lat is not None and gold.lon is not None:
            ok = pred is not None and pred.lat is not None
            self.errors.append(haversine_km(gold.lat, gold.lon, pred.lat, pred.lon) if ok else MAX_ERROR_KM)
        if gold.country:
            self.country_total += 1
            hit = pred is not None and pred.country == country_code(gold.country)
            self.country_hits += hit
            if not hit and self.misses is not None:
                self.misses.append({"article": article, "start": gold.start, "text": gold.text, "gold": gold.country,
                                    "chosen": None if pred is None else pred.name, "feature": pred and pred.feature,
                                    "country": pred and pred.country, "admin1": pred and pred.admin1})
        if gold.geonameid:
            self.id_total += 1
            self.id_hits += pred is not None and pred.geonameid == gold.geonameid

    def report(self) -> dict[str, float | int | None]:
        """Return the metrics as a flat dict (rates 0..1, distances in km)."""
        errs = sorted(self.errors)
        out: dict[str, float | int | None] = {"toponyms": len(errs)}
        if errs:
            logs = [math.log(e + 1) for e in errs]
            area = sum((a + b) / 2 for a, b in zip(logs, logs[1:], strict=False)) if len(logs) > 1 else logs[0]
            out.update({
                "acc@161": sum(e <= ACC_KM for e in errs) / len(errs),
                "mean_km": statistics.fmean(errs),
                "median_km": statistics.median(errs),
                "auc": area / (math.log(MAX_ERROR_KM) * max(len(logs) - 1, 1)),
            })  # fmt: skip
        out["country_acc"] = self.country_hits / self.country_total if self.country_total else None
        out["geonameid_rate"] = self.id_hits / self.id_total if self.id_total else None
        if self.n_gold:
            p = self.tp / self.n_pred if self.n_pred else 0.0
            r = self.tp / self.n_gold
            out.update({"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0})
        return out


def _gold_mentions(art: GoldArticle) -> list[Mention]:
    from ..extract.places import _hint

    tops = sorted(art.toponyms, key=lambda t: t.start)
    out = []
    for k, t in enumerate(tops):
        nxt = tops[k + 1] if k + 1 < len(tops) else None
        qualifier = nxt.text if nxt and art.text[t.end : nxt.start].strip() == "," else None
        hint, stripped = _hint(t.text)
        out.append(Mention(t.text, t.start, t.end, t.text, hint, qualifier, stripped))
    return out


def most_populous(mentions: Sequence[Mention], gazetteer: Gazetteer) -> list[Candidate | None]:
    """Return the baseline reading of each mention: its most populous candidate."""
    out = []
    for m in mentions:
        found = candidates_for(m, gazetteer)
        out.append(max(found, key=lambda c: c.population) if found else None)
    return out


def eval_gold_spans(
    articles: Sequence[GoldArticle], gazetteer: Gazetteer | None = None, home_country: str | None = None,
    misses: bool = False,
) -> dict:
    """Resolve the gold toponyms alone; return system and baseline metrics, the system's on each half of
    the articles too, and with ``misses`` every toponym whose country it got wrong."""
    gazetteer = gazetteer or default_gazetteer()
    system, baseline = Scores(misses=[] if misses else None), Scores()
    halves = (Scores(), Scores())
    started = time.perf_counter()
    for n, art in enumerate(articles):
        mentions = _gold_mentions(art)
        by_span = {(m.start, m.end): m for m in mentions}
        home = home_country or home_countries(art.text)
        chosen = dict(zip(by_span, resolve(list(by_span.values()), gazetteer, home), strict=True))
        base = dict(zip(by_span, most_populous(list(by_span.values()), gazetteer), strict=True))
        for t in art.toponyms:
            system.add(t, chosen.get((t.start, t.end)), art.id)
            halves[2 * n >= len(articles)].add(t, chosen.get((t.start, t.end)))
            baseline.add(t, base.get((t.start, t.end)))
    report = {"mode": "gold-spans", "articles": len(articles), "system": system.report(),
              "baseline_most_populous": baseline.report(), "system_first_half": halves[0].report(),
              "system_second_half": halves[1].report(), "seconds": round(time.perf_counter() - started, 2)}
    if misses:
        report["misses"] = system.misses
    return report


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _match(gold: Sequence[GoldToponym], spans: Sequence[tuple[int, int]]) -> dict[int, int]:
    """Return gold index → predicted index for overlapping spans (each used once, in text order)."""
    pairs, used = {}, set()
    for gi, g in enumerate(gold):
        for pi, s in enumerate(spans):
            if pi not in used and _overlaps((g.start, g.end), s):
                pairs[gi] = pi
                used.add(pi)
                break
    return pairs


def eval_end_to_end(
    articles: Sequence[GoldArticle],
    gazetteer: Gazetteer | None = None,
    home_country: str | None = None,
    docs: Sequence[Doc] | None = None,
) -> dict:
    """Find and resolve toponyms in the raw texts; return system and baseline metrics and stage timings.

    The system's toponyms are those of ``places[]`` but the seats of government ("the Kremlin"),
    places inside organisation names included (LGL tags them too); variants score it without those
    and with demonyms ("Syrian", which LGL also tags and eventwire keeps apart). ``docs``: the texts
    already parsed (the parse time is then not measured).
    """
    from ..extract.places import find_toponyms, metonyms
    from ..nlp import load_nlp

    gazetteer = gazetteer or default_gazetteer()
    nlp = load_nlp() if docs is None else None
    system, baseline, no_orgs, with_demonyms = Scores(), Scores(), Scores(), Scores()
    parse_s = geo_s = 0.0
    for k, art in enumerate(articles):
        t0 = time.perf_counter()
        doc = nlp(art.text) if docs is None else docs[k]
        t1 = time.perf_counter()
        topos = [t for t in find_toponyms(doc, gazetteer, orgs=True) if name_key(t.mention.name) not in metonyms()]
        home = home_country or home_countries(art.text)
        chosen = resolve([t.mention for t in topos], gazetteer, home)
        geo_s += time.perf_counter() - t1
        parse_s += t1 - t0
        gold = sorted(art.toponyms, key=lambda g: g.start)
        spans = [(t.mention.start, t.mention.end) for t in topos]
        _score(system, gold, spans, chosen)
        plain = [k for k, t in enumerate(topos) if t.source != "org"]
        _score(no_orgs, gold, [spans[k] for k in plain],
               resolve([topos[k].mention for k in plain], gazetteer, home))
        demonyms = [Mention(e.text, e.start_char, e.end_char, e.text) for e in doc.ents
                    if e.label_ == "NORP" and demonym_country(e.text)]
        all_chosen = resolve([t.mention for t in topos] + demonyms, gazetteer, home)
        merged = sorted(zip(spans + [(m.start, m.end) for m in demonyms], all_chosen, strict=True))
        _score(with_demonyms, gold, [s for s, _ in merged], [c for _, c in merged])
        ents = [e for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC")]
        ments = [Mention(e.text, e.start_char, e.end_char, e.text) for e in ents]
        _score(baseline, gold, [(m.start, m.end) for m in ments], most_populous(ments, gazetteer))
    return {"mode": "end-to-end", "articles": len(articles), "system": system.report(),
            "system_without_org_names": no_orgs.report(),
            "system_with_demonyms": with_demonyms.report(),
            "baseline_spacy_most_populous": baseline.report(),
            "parse_seconds": round(parse_s, 2), "geo_seconds": round(geo_s, 2)}


def _score(scores: Scores, gold: Sequence[GoldToponym], spans: Sequence[tuple[int, int]],
           chosen: Sequence[Candidate | None]) -> None:
    pairs = _match(gold, spans)
    scores.n_gold += len(gold)
    scores.n_pred += len(spans)
    scores.tp += len(pairs)
    for gi, pi in pairs.items():
        scores.add(gold[gi], chosen[pi])


def evaluate_geo(
    path: str | Path, *, gold_spans: bool = False, limit: int | None = None, home_country: str | None = None,
    misses: bool = False,
) -> dict:
    """Score eventwire's geoparser on the XML gold set at ``path``.

    ``home_country`` (ISO3) is the corpus' home country, given by the user (see ``Settings.home_country``);
    without it each article's house style suggests one (``geo.locale``). ``misses`` (gold spans only) lists
    the toponyms whose country the system got wrong.
    """
    articles = list(read_geo_xml(path, limit))
    if gold_spans:
        report = eval_gold_spans(articles, home_country=home_country, misses=misses)
    else:
        report = eval_end_to_end(articles, home_country=home_country)
    report["path"] = str(path)
    report["home_country"] = home_country
    return report


def format_report(report: dict) -> str:
    """Return the report as a few aligned text lines."""
    home = f", home country {report['home_country']}" if report.get("home_country") else ""
    lines = [f"{report['mode']} on {report['path']} ({report['articles']} articles{home})"]
    keys = ["toponyms", "precision", "recall", "f1", "acc@161", "mean_km", "median_km", "auc", "country_acc",
            "geonameid_rate"]
    runs = [(k, v) for k, v in report.items() if isinstance(v, dict)]
    lines.append(f"{'':16}" + "".join(f"{name[:28]:>30}" for name, _ in runs))
    for key in keys:
        vals = [run.get(key) for _, run in runs]
        if all(v is None for v in vals):
            continue
        cells = "".join(f"{'-' if v is None else (f'{v:.3f}' if isinstance(v, float) else v):>30}" for v in vals)
        lines.append(f"{key:16}{cells}")
    for key in ("seconds", "parse_seconds", "geo_seconds"):
        if key in report:
            lines.append(f"{key}: {report[key]}")
    if report.get("misses") is not None:
        lines.append(f"country misses ({len(report['misses'])}): article, toponym, gold country -> chosen")
        for m in report["misses"]:
            got = "unresolved" if m["chosen"] is None else f"{m['chosen']} ({m['feature']}, {m['admin1'] or '-'}, {m['country'] or '-'})"
            lines.append(f"  {m['article']}\t{m['text']}\t{m['gold']} -> {got}")
    return "\n".join(lines)
