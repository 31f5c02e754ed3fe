"""CPU cost of each extraction stage on pre-parsed Docs, as milliseconds per article and as a share of parsing.

    python benchmarks/stages.py [--articles 150] [--repeat 2] [--profile STAGE|all]

The corpus is parsed once (its CPU time is the reference), then every stage runs over the same Docs
``--repeat`` times and the best time of each stage is kept. ``--profile`` prints a cProfile table of one
stage (or all) so a slow stage can be taken apart without the parse in the way.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import make_corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--profile", metavar="STAGE", help="cProfile one stage ('all' for every stage).")
    args = parser.parse_args()

    import eventwire
    from eventwire import api
    from eventwire.extract.context import Context
    from eventwire.extract.tokens import token_table
    from eventwire.nlp import load_nlp

    texts = make_corpus(args.articles)
    nlp = load_nlp()
    list(eventwire.pipe(texts[:10]))  # load model, lexicons and gazetteer
    c0 = time.process_time()
    docs = list(nlp.pipe(texts, batch_size=32))
    parse = time.process_time() - c0
    published = dt.date(2024, 5, 8)

    def run(profile: cProfile.Profile | None = None) -> dict[str, float]:
        spent = dict.fromkeys(("context", *(s.name for s in api.STAGES)), 0.0)
        for doc in docs:
            results: dict[str, object] = {}
            c = time.process_time()
            table = token_table(doc)
            ctx = Context(published=published, text=table.text, table=table)  # as api.run_stages makes it
            spent["context"] += time.process_time() - c
            for stage in api.STAGES:
                on = profile is not None and args.profile in ("all", stage.name)
                c = time.process_time()
                if on:
                    profile.enable()
                results[stage.name] = stage.func(doc, ctx, **{n: results[n] for n in stage.needs})
                if on:
                    profile.disable()
                spent[stage.name] += time.process_time() - c
        return spent

    best: dict[str, float] = {}
    for _ in range(args.repeat):
        for name, value in run().items():
            best[name] = min(best.get(name, value), value)
    n = len(docs)
    print(f"{n} articles, spaCy parse {1000 * parse / n:.1f} ms CPU per article")
    for name, value in best.items():
        print(f"{name:12}{1000 * value / n:8.2f} ms {100 * value / parse:6.1f}% of parse")
    total = sum(best.values())
    print(f"{'all stages':12}{1000 * total / n:8.2f} ms {100 * total / parse:6.1f}% of parse")
    if args.profile:
        profile = cProfile.Profile()
        run(profile)
        stats = pstats.Stats(profile)
        stats.sort_stats("cumulative").print_stats(40)
        stats.sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
