"""Evaluation: quotes and speakers against PolNeAR (brat attribution relations), with a trivial baseline.

PolNeAR annotates each attribution as Source, Cue and Content spans linked by an event line
(``E1  Attribution:T4 Content:T3 Cue:T2 Source:T1``); spans may be discontinuous (``12 30;41 60``).
An article annotated by several annotators is scored against the first annotation file by name.

Scores: precision, recall and F1 of content spans, a prediction matching a gold content when their
overlap covers >= 30% (and, separately, >= 80%) of the gold span, one-to-one, best overlaps first.
Gold content fragments are trimmed of the quote marks, commas and spaces at their edges first
(the content is the words: '"No," she said' has the content No).
Predicted quotes that share a cue in one paragraph ('"A," he said. "B."') form one content, as in the
gold. Speaker accuracy is over the matched contents (at 30%) that have a gold Source: the predicted
speaker mention overlaps the Source, or its resolved name's last word is in the Source.
Two subsets: direct quotes (gold content holding double quote marks; predicted direct and mixed
quotes) and attributions whose cue holds a speech verb of the lexicon or "according to". A
prediction matching a gold attribution outside the subset counts neither way.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..document import Quote, Speaker
from ..errors import EventwireError

THRESHOLDS = (0.3, 0.8)
DOUBLE_MARKS_RE = re.compile(r"[\"“”„«»]|''|``")
WORD_RE = re.compile(r"[A-Za-z]+")
ANN_SUFFIX_RE = re.compile(r"_[0-9a-f]{4}$")
BASELINE_RE = re.compile(r"[\"“]([^\"“”\n]+)[\"”]")

EDGE_CHARS = " \t\r\n\"“”„«»'‘’`,;:"
Fragments = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One gold attribution: content, cue and source fragments (char spans); ``source`` is empty when none."""

    content: Fragments
    cue: Fragments
    source: Fragments
    cue_text: str
    direct: bool
    speech: bool


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """An article's text and its gold attributions."""

    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


@dataclass(frozen=True, slots=True)
class Predicted:
    """A predicted attribution: content fragments, whether it is direct, and the speaker."""

    content: Fragments
    direct: bool
    speaker: Speaker | None


def _fragments(offsets: str) -> Fragments:
    spans = []
    for part in offsets.split(";"):
        a, b = part.split()
        spans.append((int(a), int(b)))
    return tuple(spans)


def _trim(text: str, fragments: Fragments) -> Fragments:
    """Return ``fragments`` without quote marks, commas and spaces at their edges (the words are the content)."""
    out = []
    for a, b in fragments:
        while a < b and text[a] in EDGE_CHARS:
            a += 1
        while b > a and text[b - 1] in EDGE_CHARS:
            b -= 1
        if b > a:
            out.append((a, b))
    return tuple(out)


def is_speech_cue(cue_text: str) -> bool:
    """Say whether a cue's text holds a speech verb of the lexicon (any inflection) or "according to"."""
    from ..extract.quoting.lexicon import speech_forms

    forms = speech_forms()
    words = [w.lower() for w in WORD_RE.findall(cue_text)]
    return "according" in words or any(w in forms for w in words)


def parse_ann(ann: str, text: str) -> tuple[GoldAttribution, ...]:
    """Return the attributions of one brat ``.ann`` file over ``text``."""
    spans: dict[str, tuple[str, Fragments]] = {}
    events: list[dict[str, list[str]]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            label, _, offsets = parts[1].partition(" ")
            try:
                spans[parts[0]] = (label, _fragments(offsets))
            except ValueError:
                continue
        elif parts[0].startswith("E"):
            roles: dict[str, list[str]] = {}
            for item in parts[1].split()[1:]:
                role, _, ref = item.partition(":")
                roles.setdefault(role.rstrip("0123456789"), []).append(ref)
            events.append(roles)
    def frags(roles: dict[str, list[str]], role: str) -> Fragments:
        return tuple(sorted(f for ref in roles.get(role, []) if ref in spans for f in spans[ref][1]))

    result = []
    for roles in events:
        content, cue = _trim(text, frags(roles, "Content")), frags(roles, "Cue")
        if not content or not cue:
            continue
        cue_text = " ".join(text[a:b] for a, b in cue)
        direct = any(DOUBLE_MARKS_RE.search(text[a:b]) for a, b in frags(roles, "Content"))
        result.append(GoldAttribution(content, cue, frags(roles, "Source"), cue_text, direct, is_speech_cue(cue_text)))
    return tuple(result)


def read_polnear(directory: str | Path, limit: int | None = None) -> list[GoldArticle]:
    """Return the gold articles of a PolNeAR split folder (``attributions/*.ann`` and ``text/*.txt``)."""
    root = Path(directory)
    ann_dir, text_dir = root / "attributions", root / "text"
    if not ann_dir.is_dir() or not text_dir.is_dir():
        raise EventwireError(f"{root} is not a PolNeAR split (no attributions/ and text/ folders)")
    chosen: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        chosen.setdefault(ANN_SUFFIX_RE.sub("", ann.stem), ann)
    articles = []
    for name, ann in sorted(chosen.items()):
        text_path = text_dir / f"{name}.txt"
        if not text_path.exists():
            continue
        text = text_path.read_text(encoding="utf-8")
        articles.append(GoldArticle(name, text, parse_ann(ann.read_text(encoding="utf-8"), text)))
        if limit is not None and len(articles) >= limit:
            break
    return articles


def group_quotes(quotes: Iterable[Quote], text: str) -> list[Predicted]:
    """Return predicted attributions: quotes sharing a cue within one paragraph become one content."""
    groups: dict[tuple, list[Quote]] = {}
    for n, quote in enumerate(quotes):
        if quote.cue is not None and quote.kind == "direct":
            para = text.count("\n", 0, quote.start)
            key: tuple = (quote.cue.start, quote.cue.end, para)
        else:
            key = ("single", n)
        groups.setdefault(key, []).append(quote)
    result = []
    for members in groups.values():
        content = tuple(sorted((q.start, q.end) for q in members))
        speaker = next((q.speaker for q in members if q.speaker is not None), None)
        result.append(Predicted(content, any(q.kind in ("direct", "mixed") for q in members), speaker))
    return result


def _overlap(gold: Fragments, pred: Fragments) -> float:
    total = sum(b - a for a, b in gold)
    if total <= 0:
        return 0.0
    shared = sum(max(0, min(b, d) - max(a, c)) for a, b in gold for c, d in pred)
    return shared / total


def _match(gold: list[GoldAttribution], pred: list[Predicted], threshold: float) -> dict[int, int]:
    """Return gold index -> predicted index, one-to-one, best overlaps first."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            score = _overlap(g.content, p.content)
            if score >= threshold:
                pairs.append((score, gi, pi))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _score, gi, pi in pairs:
        if gi not in matched and pi not in used:
            matched[gi] = pi
            used.add(pi)
    return matched


def speaker_correct(text: str, gold: GoldAttribution, speaker: Speaker | None) -> bool:
    """Say whether ``speaker`` is the gold Source: overlapping mention, or the same name."""
    if speaker is None or not gold.source:
        return False
    if any(speaker.start < b and a < speaker.end for a, b in gold.source):
        return True
    if speaker.name:
        words = WORD_RE.findall(speaker.name)
        source = {w.lower() for a, b in gold.source for w in WORD_RE.findall(text[a:b])}
        return bool(words) and words[-1].lower() in source
    return False


class _Tally:
    def __init__(self) -> None:
        self.counts: dict[tuple[str, float], list[int]] = {}
        self.speaker: dict[str, list[int]] = {}

    def add(self, subset: str, thr: float, tp: int, fp: int, gold: int, found: int) -> None:
        c = self.counts.setdefault((subset, thr), [0, 0, 0, 0])
        for i, v in enumerate((tp, fp, gold, found)):
            c[i] += v

    def report(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for (subset, thr), (tp, fp, gold, found) in sorted(self.counts.items()):
            p = tp / (tp + fp) if tp + fp else 0.0
            r = found / gold if gold else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            out.setdefault(subset, {})[f"overlap_{int(thr * 100)}"] = {
                "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                "gold": gold, "predicted_matched": tp, "predicted_unmatched": fp}  # fmt: skip
        for subset, (right, total) in self.speaker.items():
            out.setdefault(subset, {})["speaker_accuracy"] = round(right / total, 4) if total else 0.0
            out[subset]["speaker_scored"] = total
        return out


def score_polnear(articles: list[GoldArticle], predictions: list[list[Quote]]) -> dict[str, Any]:
    """Return the scores of ``predictions`` (quotes per article, in order) against the gold ``articles``."""
    tally = _Tally()
    subsets = {
        "direct": (lambda g: g.direct, lambda p: p.direct),
        "speech_cues": (lambda g: g.speech, lambda p: True),
    }
    for article, quotes in zip(articles, predictions, strict=True):
        gold = list(article.attributions)
        pred = group_quotes(quotes, article.text)
        for thr in THRESHOLDS:
            matched = _match(gold, pred, thr)
            back = {pi: gi for gi, pi in matched.items()}
            for subset, (in_gold, in_pred) in subsets.items():
                tp = sum(1 for pi, gi in back.items() if in_gold(gold[gi]) and in_pred(pred[pi]))
                fp = sum(1 for pi, p in enumerate(pred) if in_pred(p) and pi not in back)
                g_sub = [gi for gi, g in enumerate(gold) if in_gold(g)]
                found = sum(1 for gi in g_sub if gi in matched)
                tally.add(subset, thr, tp, fp, len(g_sub), found)
                if thr == THRESHOLDS[0]:
                    right_total = tally.speaker.setdefault(subset, [0, 0])
                    for gi in g_sub:
                        if gi in matched and gold[gi].source:
                            right_total[1] += 1
                            right_total[0] += speaker_correct(article.text, gold[gi], pred[matched[gi]].speaker)
    report = tally.report()
    report["articles"] = len(articles)
    report["attributions"] = sum(len(a.attributions) for a in articles)
    return report


def baseline_quotes(doc) -> list[Quote]:
    """Return the trivial baseline: each stretch between double quote marks is a direct quote,
    its speaker the nearest PERSON entity."""
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    quotes = []
    for match in BASELINE_RE.finditer(doc.text):
        a, b = match.span(1)
        speaker = None
        if people:
            ent = min(people, key=lambda e: min(abs(e.start_char - b), abs(e.end_char - a)))
            speaker = Speaker(ent.text, ent.start_char, ent.end_char, ent.text)
        quotes.append(Quote(doc.text[a:b], a, b, "direct", None, speaker))
    return quotes


def evaluate_polnear(directory: str | Path, *, limit: int | None = None, settings=None) -> dict[str, Any]:
    """Run the pipeline over a PolNeAR split and return eventwire's and the baseline's scores and timings."""
    from ..api import run_stages
    from ..document import Article
    from ..extract.context import Context
    from ..extract.quotes import extract_quotes
    from ..nlp import load_nlp
    from ..settings import DEFAULT_SETTINGS

    settings = settings or DEFAULT_SETTINGS
    articles = read_polnear(directory, limit)
    nlp = load_nlp(settings.model)
    system: list[list[Quote]] = []
    baseline: list[list[Quote]] = []
    parse_s = stages_s = quotes_s = 0.0
    clock = time.perf_counter()
    for doc, gold in nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=settings.batch_size):
        now = time.perf_counter()
        parse_s += now - clock
        document = run_stages(doc, Article(text=gold.text, id=gold.name), settings)
        after = time.perf_counter()
        stages_s += after - now
        # the quote stage again on its own, for its share of the time
        extract_quotes(doc, Context(settings=settings), actors=list(document.actors))
        quotes_s += time.perf_counter() - after
        system.append(list(document.quotes))
        baseline.append(baseline_quotes(doc))
        clock = time.perf_counter()
    total = parse_s + stages_s
    return {
        "directory": str(directory),
        "eventwire": score_polnear(articles, system),
        "baseline": score_polnear(articles, baseline),
        "timing": {
            "articles": len(articles),
            "parse_s": round(parse_s, 3),
            "stages_s": round(stages_s, 3),
            "quotes_s": round(quotes_s, 3),
            "quotes_share_of_pipeline": round(quotes_s / total, 4) if total else 0.0,
        },
    }


def format_report(report: dict[str, Any]) -> str:
    """Return the report as a small text table."""
    sys_r, base_r = report["eventwire"], report["baseline"]
    lines = [f"PolNeAR {report['directory']}: {sys_r['articles']} articles, {sys_r['attributions']} gold attributions"]
    head = f"{'subset':12} {'system':10} {'P@30':>6} {'R@30':>6} {'F1@30':>6}   {'P@80':>6} {'R@80':>6} {'F1@80':>6}   {'speaker':>7}  gold"
    lines.append(head)
    for subset in ("direct", "speech_cues"):
        for label, r in (("eventwire", sys_r), ("baseline", base_r)):
            s = r.get(subset, {})
            a, b = s.get("overlap_30", {}), s.get("overlap_80", {})
            lines.append(
                f"{subset:12} {label:10} {a.get('precision', 0):6.3f} {a.get('recall', 0):6.3f} {a.get('f1', 0):6.3f}   "
                f"{b.get('precision', 0):6.3f} {b.get('recall', 0):6.3f} {b.get('f1', 0):6.3f}   "
                f"{s.get('speaker_accuracy', 0):7.3f}  {a.get('gold', 0)}"
            )
    t = report["timing"]
    lines.append(
        f"time: parse {t['parse_s']:.1f}s, all stages {t['stages_s']:.1f}s, quotes {t['quotes_s']:.2f}s "
        f"({100 * t['quotes_share_of_pipeline']:.1f}% of parse + stages)"
    )
    return "\n".join(lines)
