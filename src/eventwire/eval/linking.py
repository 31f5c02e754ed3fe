"""Evaluate cross-article event linking on a generated labelled set (``eventwire eval linking``).

The set (``linking_data.generate``) is built as Documents directly, without NLP, so this measures
linking alone: the Documents are stored with ``sinks.duckdb.write_documents`` in an in-memory store,
linked with ``sinks.linking.link`` (in three ingest batches, to exercise the incremental path), and
the clusters are scored pairwise against the gold groups. Two trivial baselines are scored beside:
every event its own cluster, and "same type + same date value".
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable

from ..sinks.duckdb import connect, write_documents
from ..sinks.linking import link
from .linking_data import LinkingSet, generate


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def pairwise(gold: dict[str, object], predicted: dict[str, object]) -> dict[str, float]:
    """Return pairwise precision, recall and F1 of a clustering (item -> cluster label) against gold.

    Precision is 1.0 when no pair is predicted (nothing claimed, nothing wrong).
    """
    items = [i for i in gold if i in predicted]
    both = Counter((gold[i], predicted[i]) for i in items)
    tp = sum(_pairs(n) for n in both.values())
    gold_pairs = sum(_pairs(n) for n in Counter(gold[i] for i in items).values())
    pred_pairs = sum(_pairs(n) for n in Counter(predicted[i] for i in items).values())
    p = tp / pred_pairs if pred_pairs else 1.0
    r = tp / gold_pairs if gold_pairs else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "pairs_gold": gold_pairs,
            "pairs_predicted": pred_pairs}  # fmt: skip


def _batches(items: list, n: int) -> Iterable[list]:
    size = -(-len(items) // n)
    for i in range(0, len(items), size):
        yield items[i : i + size]


def evaluate_linking(seed: int = 0, n_events: int = 300, batches: int = 3) -> dict:
    """Generate the set, link it through the store and return the scores with the baselines."""
    data: LinkingSet = generate(seed=seed, n_events=n_events)
    con = connect(":memory:")
    started = time.perf_counter()
    for batch in _batches(data.documents, batches):
        write_documents(con, batch)
        link(con)
    seconds = time.perf_counter() - started
    predicted = dict(con.execute("SELECT event_id, canonical_id FROM event_links").fetchall())
    rows = con.execute("SELECT event_id, type, date_value FROM events").fetchall()
    dup_group = dict(con.execute("SELECT article_id, dup_group FROM article_fingerprints").fetchall())
    con.close()
    baseline_date = {eid: (typ, value) for eid, typ, value in rows}
    return {
        "set": {"seed": seed, "real_events": len(set(data.gold.values())), "mentions": len(data.gold),
                "articles": len(data.documents), "syndicated_copies": sum(a != b for a, b in data.copies.items())},
        "linking": pairwise(data.gold, predicted),
        "baseline_singletons": pairwise(data.gold, {e: e for e in data.gold}),
        "baseline_type_date": pairwise(data.gold, baseline_date),
        "near_duplicates": pairwise(data.copies, dup_group),
        "canonical_events": len(set(predicted.values())),
        "seconds": round(seconds, 2),
    }  # fmt: skip


def format_report(report: dict) -> str:
    """Return the report as a short table."""
    s = report["set"]
    lines = [
        f"linking set: seed {s['seed']}, {s['real_events']} real events, {s['mentions']} mentions in "
        f"{s['articles']} articles ({s['syndicated_copies']} syndicated copies)",
        f"{'clustering':34} {'P':>7} {'R':>7} {'F1':>7}",
    ]
    for key, label in (("linking", "eventwire linking"), ("baseline_type_date", "baseline: same type + date"),
                       ("baseline_singletons", "baseline: every event alone"),
                       ("near_duplicates", "near-duplicate articles (MinHash)")):  # fmt: skip
        m = report[key]
        lines.append(f"{label:34} {m['precision']:7.3f} {m['recall']:7.3f} {m['f1']:7.3f}")
    lines.append(f"canonical events: {report['canonical_events']}; stored and linked in {report['seconds']} s")
    return "\n".join(lines)
