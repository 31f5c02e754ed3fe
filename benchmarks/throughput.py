"""Throughput of eventwire.pipe against bare spaCy nlp.pipe on the same generated corpus, in one run.

    python benchmarks/throughput.py [--articles 300] [--batch-size 32] [--repeat 2]

Prints articles/s and words/s of each, the time ratio (eventwire / spaCy) by wall clock and by CPU time
(the process's own CPU seconds: steadier than the wall clock on a shared machine), the per-stage share of
the extraction time, and peak RSS after each phase. Bare spaCy is the pipeline as shipped
(``load_stock_nlp``); eventwire parses with the same model whose attribute ruler matches through an index
(identical annotations, ``eventwire/ruler.py``), and the parse time of each is printed so the two gains
(cheaper parse, cheap stages) can be told apart. Both models are loaded, so RSS includes two copies.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eventwire.cli import ONE_THREAD_ENV  # noqa: E402  (imports no numpy)

for _name in ONE_THREAD_ENV:  # as the eventwire CLI has it
    os.environ.setdefault(_name, "1")

from corpus import make_corpus  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=2, help="Alternate runs; the best time of each is kept.")
    args = parser.parse_args()

    import eventwire
    from eventwire import api
    from eventwire.nlp import load_nlp, load_stock_nlp

    texts = make_corpus(args.articles)
    words = sum(len(t.split()) for t in texts)
    nlp = load_stock_nlp()  # spaCy as shipped: the reference
    ours = load_nlp()  # the same model with eventwire's indexed attribute ruler (identical annotations)
    list(nlp.pipe(texts[:20]))  # warm up
    list(ours.pipe(texts[:20]))
    list(eventwire.pipe(texts[:20]))  # warm up lexicons and gazetteer
    rss_model = peak_rss_mb()

    # time each stage inside eventwire.pipe by wrapping the stage functions
    spent: dict[str, float] = {s.name: 0.0 for s in api.STAGES}
    spent_cpu: dict[str, float] = dict.fromkeys(spent, 0.0)

    def timed(stage):
        def run(*a, **k):
            t, c = time.perf_counter(), time.process_time()
            try:
                return stage.func(*a, **k)
            finally:
                spent[stage.name] += time.perf_counter() - t
                spent_cpu[stage.name] += time.process_time() - c

        return stage._replace(func=run)

    best_spacy = best_ew = cpu_spacy = cpu_ew = cpu_ours = float("inf")
    n_events = 0
    for _ in range(args.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        for _doc in nlp.pipe(texts, batch_size=args.batch_size):
            pass
        best_spacy = min(best_spacy, time.perf_counter() - t0)
        cpu_spacy = min(cpu_spacy, time.process_time() - c0)
        rss_spacy = peak_rss_mb()
        c0 = time.process_time()
        for _doc in ours.pipe(texts, batch_size=args.batch_size):
            pass
        cpu_ours = min(cpu_ours, time.process_time() - c0)
        original = api.STAGES
        api.STAGES = tuple(timed(s) for s in original)
        spent = dict.fromkeys(spent, 0.0)
        spent_cpu = dict.fromkeys(spent, 0.0)
        try:
            t0, c0 = time.perf_counter(), time.process_time()
            n_events = sum(len(d.events) for d in eventwire.pipe(texts, batch_size=args.batch_size))
            best_ew = min(best_ew, time.perf_counter() - t0)
            cpu_ew = min(cpu_ew, time.process_time() - c0)
        finally:
            api.STAGES = original
        rss_ew = peak_rss_mb()

    print(f"corpus: {len(texts)} articles, {words} words, model {nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}")
    print(f"{'':14}{'seconds':>9}{'articles/s':>12}{'words/s':>10}")
    print(f"{'spaCy nlp.pipe':14}{best_spacy:9.2f}{len(texts) / best_spacy:12.1f}{words / best_spacy:10.0f}")
    print(f"{'eventwire':14}{best_ew:9.2f}{len(texts) / best_ew:12.1f}{words / best_ew:10.0f}")
    print(f"ratio eventwire/spaCy time: {best_ew / best_spacy:.3f}  (overhead {100 * (best_ew / best_spacy - 1):.1f}%)")
    print(f"ratio eventwire/spaCy CPU time: {cpu_ew / cpu_spacy:.3f}  (spaCy {cpu_spacy:.2f} s, eventwire {cpu_ew:.2f} s)")
    total = sum(spent.values())
    shares = ", ".join(f"{k} {100 * v / best_ew:.1f}%" for k, v in spent.items())
    print(f"stage share of eventwire time (last run): {shares}; all stages {100 * total / best_ew:.1f}%")
    per_article = ", ".join(f"{k} {1000 * v / len(texts):.2f}" for k, v in spent_cpu.items())
    print(f"stage CPU ms per article (last run): {per_article}; spaCy parse {1000 * cpu_spacy / len(texts):.2f}")
    print(f"parse CPU ms per article: stock spaCy {1000 * cpu_spacy / len(texts):.2f}, with eventwire's indexed "
          f"attribute ruler {1000 * cpu_ours / len(texts):.2f} ({100 * (1 - cpu_ours / cpu_spacy):.1f}% less); "
          f"all stages cost {100 * sum(spent_cpu.values()) / cpu_ours:.1f}% of eventwire's own parse")
    print(f"events: {n_events}")
    print(f"peak RSS MB: model loaded {rss_model:.0f}, after spaCy {rss_spacy:.0f}, after eventwire {rss_ew:.0f}")


if __name__ == "__main__":
    main()
