"""Eval: TimeML reading and writing, and the TempEval-3 TIMEX3 entity metrics.

A TimeML document's text is its ``TEXT`` element with every tag stripped and entities unescaped;
gold TIMEX3 offsets point into that text. The document creation time (DCT) is the TIMEX3 whose
``functionInDocument`` is ``CREATION_TIME``; it anchors relative dates and is not scored.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TAG_RE = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>", re.S)
ATTR_RE = re.compile(r'([A-Za-z_:]+)\s*=\s*"([^"]*)"')
TEXT_RE = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
DCT_RE = re.compile(r"<TIMEX3\b([^>]*functionInDocument=\"CREATION_TIME\"[^>]*)>", re.S)
DOCID_RE = re.compile(r"<DOCID>(.*?)</DOCID>", re.S)


@dataclass(frozen=True, slots=True)
class Timex:
    """One TIMEX3 annotation: offsets into the document text, ``type``, ``value`` and ``mod``."""

    start: int
    end: int
    text: str
    type: str
    value: str | None
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class TimeMLDoc:
    """A TimeML document: plain text, DCT (None when absent or unparseable) and gold TIMEX3s."""

    id: str
    text: str
    dct: dt.date | None
    dct_value: str | None
    timexes: tuple[Timex, ...] = ()
    path: str | None = None


def _attrs(raw: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in ATTR_RE.findall(raw)}


def parse_date_value(value: str | None) -> dt.date | None:
    """Return the calendar day of a TIMEX3 value such as ``1998-01-08`` or ``19980108``, else None."""
    if not value:
        return None
    m = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", value)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def read_timeml_text(source: str, *, path: str | None = None) -> TimeMLDoc:
    """Return the TimeML document in ``source`` (the file's content)."""
    m = TEXT_RE.search(source)
    body = m.group(1) if m else source
    parts: list[str] = []
    length = 0
    timexes: list[Timex] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    pos = 0
    for tag in TAG_RE.finditer(body):
        chunk = html.unescape(body[pos : tag.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = tag.end()
        closing, name = tag.group(1), tag.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, _attrs(tag.group(3)))
            if tag.group(4):  # an empty <TIMEX3/> has no extent
                open_timex = None
        elif open_timex is not None:
            start, attrs = open_timex
            text = "".join(parts)[start:length]
            timexes.append(
                Timex(start, length, text, attrs.get("type", "DATE"), attrs.get("value"), attrs.get("mod"))
            )
            open_timex = None
    parts.append(html.unescape(body[pos:]))
    text = "".join(parts)
    dct_value = None
    dct_match = DCT_RE.search(source)
    if dct_match:
        dct_value = _attrs(dct_match.group(1)).get("value")
    doc_id = DOCID_RE.search(source)
    name = doc_id.group(1).strip() if doc_id else (Path(path).stem if path else "")
    return TimeMLDoc(name, text, parse_date_value(dct_value), dct_value, tuple(timexes), path)


def read_timeml(path: str | Path) -> TimeMLDoc:
    """Read one ``.tml`` file."""
    return read_timeml_text(Path(path).read_text(encoding="utf-8"), path=str(path))


def iter_timeml(root: str | Path, limit: int | None = None) -> Iterator[TimeMLDoc]:
    """Yield the ``.tml`` documents under ``root`` (a file or a folder, searched recursively) in path order.

    A document whose DOCID was already read (the same file copied into two folders) is skipped.
    """
    root = Path(root)
    paths = [root] if root.is_file() else sorted(root.rglob("*.tml"))
    seen: set[str] = set()
    for path in paths:
        if limit is not None and len(seen) >= limit:
            return
        doc = read_timeml(path)
        if doc.id in seen:
            continue
        seen.add(doc.id)
        yield doc


def write_timeml(doc_id: str, text: str, dct: str | None, timexes: Iterable[Any]) -> str:
    """Return a TimeML document with ``timexes`` (objects with start, end, type, value, mod) as TIMEX3 tags."""
    out = ['<?xml version="1.0" ?>', "<TimeML>", "", f"<DOCID>{html.escape(doc_id)}</DOCID>", ""]
    if dct:
        out += [
            f'<DCT><TIMEX3 tid="t0" type="DATE" value="{html.escape(dct)}" temporalFunction="false" '
            f'functionInDocument="CREATION_TIME">{html.escape(dct)}</TIMEX3></DCT>',
            "",
        ]
    body: list[str] = []
    pos = 0
    for n, t in enumerate(sorted(timexes, key=lambda t: t.start), start=1):
        if t.start < pos:
            continue
        body.append(html.escape(text[pos : t.start], quote=False))
        attrs = f'tid="t{n}" type="{t.type}" value="{html.escape(t.value or "")}"'
        if getattr(t, "mod", None):
            attrs += f' mod="{t.mod}"'
        body.append(f"<TIMEX3 {attrs}>{html.escape(text[t.start : t.end], quote=False)}</TIMEX3>")
        pos = t.end
    body.append(html.escape(text[pos:], quote=False))
    out += ["<TEXT>" + "".join(body) + "</TEXT>", "", "</TimeML>", ""]
    return "\n".join(out)


@dataclass
class EntityScore:
    """TempEval-3 counts for TIMEX3 entities over a corpus."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed_gold: int = 0  # gold entities overlapped by a system entity
    relaxed_system: int = 0  # system entities overlapping a gold entity
    type_ok: int = 0
    value_ok: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(
        self, gold: Iterable[Timex], system: Iterable[Any], *, doc_id: str = "", keep_errors: bool = False
    ) -> None:
        """Count one document: ``system`` items need start, end, type and value."""
        gold = sorted(gold, key=lambda t: t.start)
        system = sorted(system, key=lambda t: t.start)
        self.gold += len(gold)
        self.system += len(system)
        gold_spans = {(g.start, g.end) for g in gold}
        self.strict += sum((s.start, s.end) in gold_spans for s in system)
        used: set[int] = set()
        for g in gold:
            overlapping = [i for i, s in enumerate(system) if s.start < g.end and g.start < s.end]
            if not overlapping:
                if keep_errors:
                    self.errors.append({"doc": doc_id, "kind": "missed", "gold": g.text, "value": g.value})
                continue
            self.relaxed_gold += 1
            # the attribute is judged on the best-overlapping system entity (exact span first)
            best = max(
                overlapping,
                key=lambda i: (
                    system[i].start == g.start and system[i].end == g.end,
                    min(g.end, system[i].end) - max(g.start, system[i].start),
                ),
            )
            s = system[best]
            used.update(overlapping)
            self.type_ok += s.type == g.type
            self.value_ok += (s.value or "") == (g.value or "")
            if keep_errors and ((s.value or "") != (g.value or "") or (s.start, s.end) != (g.start, g.end)):
                self.errors.append(
                    {
                        "doc": doc_id,
                        "kind": "value" if (s.value or "") != (g.value or "") else "extent",
                        "gold": g.text,
                        "system": s.text,
                        "gold_value": g.value,
                        "value": s.value,
                        "gold_type": g.type,
                        "type": s.type,
                    }
                )
        self.relaxed_system += len(used)
        if keep_errors:
            for i, s in enumerate(system):
                if i not in used:
                    self.errors.append(
                        {"doc": doc_id, "kind": "spurious", "system": s.text, "value": s.value}
                    )

    def report(self) -> dict[str, float | int]:
        """Return strict/relaxed P, R, F1, type and value accuracy over matches, and value/type F1."""

        def prf(sys_hits: int, gold_hits: int) -> tuple[float, float, float]:
            p = sys_hits / self.system if self.system else 0.0
            r = gold_hits / self.gold if self.gold else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        sp, sr, sf = prf(self.strict, self.strict)
        rp, rr, rf = prf(self.relaxed_system, self.relaxed_gold)
        type_acc = self.type_ok / self.relaxed_gold if self.relaxed_gold else 0.0
        value_acc = self.value_ok / self.relaxed_gold if self.relaxed_gold else 0.0
        return {
            "gold": self.gold, "system": self.system,
            "strict_p": sp, "strict_r": sr, "strict_f1": sf,
            "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
            "type_accuracy": type_acc, "value_accuracy": value_acc,
            "type_f1": rf * type_acc, "value_f1": rf * value_acc,
        }  # fmt: skip


def _spacy_baseline(doc) -> list[Timex]:
    """Return spaCy's own DATE/TIME entities as TIMEX3 spans without values (the trivial baseline)."""
    return [
        Timex(e.start_char, e.end_char, e.text, "TIME" if e.label_ == "TIME" else "DATE", None)
        for e in doc.ents
        if e.label_ in ("DATE", "TIME")
    ]


def evaluate_timeml(
    gold_dir: str | Path, *, limit: int | None = None, settings=None, errors: bool = False
) -> dict[str, Any]:
    """Score eventwire's TIMEX3 tagging of every ``.tml`` file under ``gold_dir`` (TempEval-3 entity metrics).

    Each document's text is parsed once and run through the pipeline stages with its DCT as
    publication date; spaCy's DATE/TIME entities on the same parse are scored as the baseline.
    """
    from ..api import run_stages
    from ..document import Article
    from ..nlp import load_nlp
    from ..settings import DEFAULT_SETTINGS

    settings = settings or DEFAULT_SETTINGS
    docs = list(iter_timeml(gold_dir, limit))
    ours, baseline = EntityScore(), EntityScore()
    nlp = load_nlp(settings.model)
    for tml, doc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=settings.batch_size), strict=True):
        result = run_stages(doc, Article(text=tml.text, id=tml.id, published=tml.dct), settings)
        ours.add(tml.timexes, result.times, doc_id=tml.id, keep_errors=errors)
        baseline.add(tml.timexes, _spacy_baseline(doc), doc_id=tml.id)
    report: dict[str, Any] = {
        "documents": len(docs),
        "eventwire": ours.report(),
        "spacy_entities": baseline.report(),
    }
    if errors:
        report["errors"] = ours.errors
    return report


def format_report(report: dict[str, Any]) -> str:
    """Return the TIMEX3 scores as a small text table, eventwire beside the baseline."""
    rows = [
        ("strict P / R / F1", "strict_p", "strict_r", "strict_f1"),
        ("relaxed P / R / F1", "relaxed_p", "relaxed_r", "relaxed_f1"),
    ]
    systems = [("eventwire", report["eventwire"]), ("spaCy DATE/TIME ents", report["spacy_entities"])]
    lines = [
        f"TIMEX3 on {report['documents']} documents ({report['eventwire']['gold']} gold expressions, DCT excluded)"
    ]
    lines.append(f"{'':24}" + "".join(f"{name:>26}" for name, _ in systems))
    for label, *keys in rows:
        lines.append(
            f"{label:24}" + "".join(f"{' / '.join(f'{r[k]:.3f}' for k in keys):>26}" for _, r in systems)
        )
    for label, key in (("type accuracy", "type_accuracy"), ("value accuracy", "value_accuracy"), ("type F1", "type_f1"),
                       ("value F1", "value_f1")):  # fmt: skip
        lines.append(f"{label:24}" + "".join(f"{r[key]:>26.3f}" for _, r in systems))
    return "\n".join(lines)
