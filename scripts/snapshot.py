"""Write every output of a fixed input set to one JSON file, to prove a speed-up changed nothing.

    python scripts/snapshot.py before.json   # on the old code
    python scripts/snapshot.py after.json    # on the new code
    cmp before.json after.json

Inputs: the benchmark corpus (two publication dates) and the sample articles.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import make_corpus  # noqa: E402

import eventwire  # noqa: E402
from eventwire.document import Article  # noqa: E402
from eventwire.ingest.read import read_paths  # noqa: E402


def main(out: str) -> None:
    texts = make_corpus(120)
    items = [Article(text=t, published=dt.date(2024, 5, 8)) for t in texts]
    items += [Article(text=t, published=dt.date(2021, 6, 2)) for t in texts[:40]]
    items += list(read_paths([ROOT / "samples"], published=dt.date(2024, 5, 8)))
    docs = [d.to_dict() for d in eventwire.pipe(items)]
    Path(out).write_text(json.dumps(docs, sort_keys=True, default=str, indent=0))
    print(f"{len(docs)} documents, {sum(len(d.get('events', [])) for d in docs)} events -> {out}")


if __name__ == "__main__":
    main(sys.argv[1])
