"""5W1H evaluation on Giveme5W1H-style gold (news-please JSON with ``fiveWoneH.*.annotated``) given by path.

Per question, over the articles whose gold has at least one annotated phrase for it: the top answer
counts as a hit when its token F1 with any gold phrase is >= 0.5. Tokens are the lower-cased runs of
Unicode letters and digits, so punctuation and case never count; the literal escapes some gold phrases
carry (``\\u2019``, ``\\"``) are decoded first. A missing answer is a miss.
The same scorer runs on a baseline folder of Giveme5W1H outputs (``fiveWoneH.*.extracted[0].text``, the
top-scored answer; ``answered`` counts the articles where it gave one) and on the trivial headline
baseline (who = the headline's first word, what = the whole headline).
eventwire answers from the article body; the headline only guides its choice of the main event.
Diagnostics that change no score: eventwire's hits on each half of the articles (file-name order), and
with ``--misses QUESTION`` its misses on one question (answer, best F1, gold phrases).
"""

from __future__ import annotations

import collections
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from ..document import Article, Document

QUESTIONS = ("who", "what", "when", "where", "why", "how")
WORD = re.compile(r"[^\W_]+")
ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\(\S)")
HIT_F1 = 0.5


def unescape(text: str) -> str:
    """Return ``text`` with literal ``\\uXXXX`` and backslash-quoted characters decoded."""
    return ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2), text)


def tokens(text: str | None) -> list[str]:
    """Return the lower-cased words (runs of Unicode letters and digits) of ``text``."""
    return WORD.findall(unescape(text or "").lower())


def token_f1(answer: str | None, gold: str | None) -> float:
    """Return the token-overlap F1 of two phrases (0 when either is empty)."""
    a, g = tokens(answer), tokens(gold)
    if not a or not g:
        return 0.0
    common = sum((collections.Counter(a) & collections.Counter(g)).values())
    if common == 0:
        return 0.0
    precision, recall = common / len(a), common / len(g)
    return 2 * precision * recall / (precision + recall)


def is_hit(answer: str | None, golds: list[str]) -> bool:
    """Return whether ``answer`` matches any gold phrase with token F1 >= 0.5."""
    return any(token_f1(answer, g) >= HIT_F1 for g in golds)


def gold_phrases(record: dict[str, Any], question: str) -> list[str]:
    """Return the annotated gold phrases of one question."""
    block = (record.get("fiveWoneH") or {}).get(question) or {}
    return [a["text"] for a in block.get("annotated") or [] if isinstance(a, dict) and (a.get("text") or "").strip()]


def extracted_answer(record: dict[str, Any], question: str) -> str | None:
    """Return a Giveme5W1H output's top answer for one question, or None."""
    block = (record.get("fiveWoneH") or {}).get(question) or {}
    found = block.get("extracted") or []
    return found[0].get("text") if found and isinstance(found[0], dict) else None


def read_articles(folder: str | Path, limit: int | None = None) -> list[tuple[str, dict[str, Any]]]:
    """Return (file name, record) for the JSON articles in ``folder``, sorted by name."""
    files = sorted(Path(folder).glob("*.json"))
    if limit:
        files = files[:limit]
    return [(f.name, json.loads(f.read_text(encoding="utf-8"))) for f in files]


def _published(record: dict[str, Any]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(record.get("date_publish") or "")[:10])
    except ValueError:
        return None


def score_answers(records: list[dict[str, Any]], answers: list[dict[str, str | None]]) -> dict[str, dict[str, Any]]:
    """Return, per question, the articles with gold, the hits and the hit rate."""
    out = {}
    for q in QUESTIONS:
        n = hits = answered = 0
        for record, ans in zip(records, answers, strict=True):
            golds = gold_phrases(record, q)
            if not golds:
                continue
            n += 1
            answered += bool(tokens(ans.get(q)))
            hits += is_hit(ans.get(q), golds)
        out[q] = {"articles": n, "answered": answered, "hits": hits, "rate": round(hits / n, 3) if n else None}
    return out


def best_f1(answer: str | None, golds: list[str]) -> tuple[float, str | None]:
    """Return the best token F1 of ``answer`` against the gold phrases, with that phrase."""
    scored = [(token_f1(answer, g), g) for g in golds]
    return max(scored, key=lambda x: x[0]) if scored else (0.0, None)


def misses(names: list[str], records: list[dict[str, Any]], answers: list[dict[str, str | None]],
           question: str) -> list[dict[str, Any]]:
    """Return the articles whose answer to ``question`` misses: file, answer, best F1 and the gold phrases."""
    out = []
    for name, record, ans in zip(names, records, answers, strict=True):
        golds = gold_phrases(record, question)
        if golds and not is_hit(ans.get(question), golds):
            out.append({"file": name, "answer": ans.get(question), "f1": round(best_f1(ans.get(question), golds)[0], 3),
                        "gold": golds})
    return out


def evaluate_5w1h(gold_dir: str | Path, baseline_dir: str | Path | None = None, limit: int | None = None,
                  settings=None, show_misses: str | None = None) -> dict[str, Any]:
    """Run eventwire over the gold articles and score it beside the baselines (see the module doc).

    The report also scores eventwire on each half of the articles (in file-name order), and with
    ``show_misses`` (a question) lists that question's misses."""
    from ..api import pipe

    items = read_articles(gold_dir, limit)
    records = [r for _, r in items]
    articles = [Article(text=r.get("text") or "", id=name, title=r.get("title"), published=_published(r))
                for name, r in items]
    answers: list[dict[str, str | None]] = []
    by_id = {d.id: d for d in pipe(articles, settings=settings) if isinstance(d, Document)}
    for article in articles:
        doc = by_id.get(article.id)
        summary = doc.summary if doc is not None else None
        answers.append({q: getattr(getattr(summary, q, None), "text", None) for q in QUESTIONS})
    report: dict[str, Any] = {"path": str(gold_dir), "articles": len(items), "eventwire": score_answers(records, answers)}
    half = (len(records) + 1) // 2
    report["halves"] = [score_answers(records[:half], answers[:half]), score_answers(records[half:], answers[half:])]
    title = [{"who": (tokens(r.get("title")) or [None])[0], "what": r.get("title")} for r in records]
    report["title_baseline"] = score_answers(records, title)
    if baseline_dir is not None:
        base = []
        for name, _ in items:
            path = Path(baseline_dir) / name
            rec = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
            base.append({q: extracted_answer(rec, q) for q in QUESTIONS})
        report["giveme5w1h"] = score_answers(records, base)
        report["baseline_path"] = str(baseline_dir)
    report["examples"] = [{"file": name, **a} for (name, _), a in list(zip(items, answers, strict=True))[:3]]
    if show_misses:
        report["misses"] = {"question": show_misses, "articles": misses([n for n, _ in items], records, answers, show_misses)}
    return report


def format_report(report: dict[str, Any]) -> str:
    """Return the hit rates per question as a text table, eventwire beside the baselines."""
    systems = [s for s in ("eventwire", "giveme5w1h", "title_baseline") if s in report]
    lines = [f"5W1H hit rate (top answer, token F1 >= {HIT_F1}) on {report['articles']} articles ({report['path']})", "",
             f"  {'question':10}{'articles':>9}" + "".join(f"{s:>16}" for s in systems)]
    for q in QUESTIONS:
        row = report["eventwire"][q]
        cells = []
        for s in systems:
            rate = report[s][q]["rate"]
            cells.append(f"{rate:>16.3f}" if rate is not None and (s != "title_baseline" or q in ("who", "what"))
                         else f"{'-':>16}")
        lines.append(f"  {q:10}{row['articles']:>9}" + "".join(cells))
    if "halves" in report:
        first, second = report["halves"]
        cells = ", ".join(f"{q} {first[q]['hits']}/{first[q]['articles']} | {second[q]['hits']}/{second[q]['articles']}"
                          for q in QUESTIONS)
        lines += ["", f"  eventwire hits by half (first | second): {cells}"]
    if "giveme5w1h" in report:
        given = ", ".join(f"{q} {report['giveme5w1h'][q]['answered']}/{report['giveme5w1h'][q]['articles']}" for q in QUESTIONS)
        lines += ["", f"  giveme5w1h gave an answer on: {given} (no answer is a miss)"]
    if "misses" in report:
        found = report["misses"]["articles"]
        lines += ["", f"  eventwire misses on {report['misses']['question']} ({len(found)}):"]
        for miss in found:
            lines += [f"    {miss['file']}  F1 {miss['f1']:.2f}", f"      answer: {miss['answer']}",
                      *(f"      gold:   {g}" for g in miss["gold"])]
    return "\n".join(lines)
