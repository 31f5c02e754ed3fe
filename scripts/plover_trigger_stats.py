"""Derive trigger-lemma statistics from PLOVER synthetic stories (training material, never gold).

Counts verb and noun lemmas per labelled event type across the stories and writes, for each lemma
seen often enough and concentrated on one type, its best type, that type's share and the count:

    python scripts/plover_trigger_stats.py ../shared/data/plover/synthetic/gpt_synthetic_events_2023-10-19_19.csv.zip \
        -o scripts/data/plover_trigger_stats.tsv

Only lemma statistics are written; the stories themselves are never copied.
"""

from __future__ import annotations

import argparse
import collections
import csv
import io
import math
import re
import zipfile
from pathlib import Path

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"])")
OLD_NAMES = {"FIGHT": "ASSAULT", "DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE"}


def read_stories(path: Path) -> list[tuple[str, str]]:
    """Return (text, label) pairs from the CSV (or the zip holding it)."""
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as zf:
            name = next(n for n in zf.namelist() if n.endswith(".csv"))
            raw = zf.read(name).decode("utf-8")
    else:
        raw = path.read_text(encoding="utf-8")
    rows = csv.DictReader(io.StringIO(raw))
    return [(r["text"], OLD_NAMES.get(r["label"], r["label"])) for r in rows if r.get("text") and r.get("label")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--min-count", type=int, default=8)
    parser.add_argument("--min-share", type=float, default=0.55)
    parser.add_argument("--sentences", type=int, default=2, help="leading sentences read per story")
    args = parser.parse_args()

    from eventwire.nlp import load_nlp

    nlp = load_nlp()
    stories = read_stories(args.path)
    labels = collections.Counter(label for _, label in stories)
    counts: dict[tuple[str, str], collections.Counter[str]] = collections.defaultdict(collections.Counter)
    texts = (" ".join(SENTENCE_END.split(text)[: args.sentences]) for text, _ in stories)
    with nlp.select_pipes(disable=["ner", "parser"]):
        for doc, (_, label) in zip(nlp.pipe(texts, batch_size=64), stories, strict=True):
            seen = set()
            for tok in doc:
                if tok.pos_ in ("VERB", "NOUN") and tok.is_alpha and len(tok.lemma_) > 2:
                    seen.add((tok.lemma_.lower(), "V" if tok.pos_ == "VERB" else "N"))
            for key in seen:
                counts[key][label] += 1
    total = sum(labels.values())
    rows = []
    for (lemma, pos), by_label in counts.items():
        n = sum(by_label.values())
        if n < args.min_count:
            continue
        # share of the best type after correcting for how common each type is among the stories
        norm = {lab: c / labels[lab] for lab, c in by_label.items()}
        best = max(norm, key=norm.get)
        share = norm[best] / sum(norm.values())
        if share >= args.min_share:
            rows.append((lemma, pos, best, round(share, 3), n, round(math.log(n / total * 1e6), 2)))
    rows.sort(key=lambda r: (r[2], -r[3], r[0]))
    with args.output.open("w", encoding="utf-8") as fh:
        fh.write("# lemma\tpos\ttype\tshare\tstories\tlog_ppm  (derived by scripts/plover_trigger_stats.py)\n")
        for row in rows:
            fh.write("\t".join(map(str, row)) + "\n")
    print(f"{len(rows)} lemmas from {len(stories)} stories -> {args.output}")


if __name__ == "__main__":
    main()
