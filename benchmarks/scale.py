"""Scale benchmark: ``eventwire run`` with 1 and 2 workers against bare spaCy ``nlp.pipe(n_process=1/2)``.

    python benchmarks/scale.py [--articles 300] [--workers 1 2] [--format jsonl|warc] [--repeat 1]

All configurations read the same generated corpus (benchmarks/corpus.py: invented names). Each one runs
in its own subprocess so that its peak memory is its own. eventwire runs end to end: reading the input
(JSONL, or HTML pages in a WARC.gz through trafilatura with ``--format warc``), extraction, Parquet shards
and the DuckDB store. The model is loaded (and a Dask cluster started) before the clock starts, for
eventwire and spaCy alike; the cluster start-up is printed apart. CPU ms/art is the CPU time of all the
processes of a configuration per article (a fairer figure than seconds on a shared machine; spaCy's
n_process>1 children count with their start-up). Peak memory per worker is the largest
``ru_maxrss`` of a worker process (spaCy's children, Dask's workers; the one process at 1 worker).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import make_corpus  # noqa: E402

PUBLISHED = "2024-05-08"


def private_mb() -> float:
    """Return this process's private memory now (USS, MB): what it holds that no other process shares.

    Peak RSS also counts shared pages (the model's and libraries' files mapped from a RAM disk, for one),
    which some machines report generously; the two together bound a worker's real footprint.
    """
    import psutil

    return psutil.Process().memory_full_info().uss / 2**20


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Return the peak resident memory of this process (or its largest finished child) in MB."""
    return resource.getrusage(who).ru_maxrss / 1024


def cpu_seconds(who: int = resource.RUSAGE_SELF) -> float:
    """Return the CPU time (user + system) of this process, or of its finished children, in seconds."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def write_corpus(texts: list[str], folder: Path, fmt: str) -> Path:
    """Write the corpus as JSONL or as HTML pages in a WARC.gz; return the file."""
    if fmt == "jsonl":
        path = folder / "corpus.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for i, text in enumerate(texts):
                out.write(
                    json.dumps({"id": f"a{i}", "text": text, "title": f"Report {i}", "published": PUBLISHED})
                    + "\n"
                )
        return path
    import html
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = folder / "corpus.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for i, text in enumerate(texts):
            body = (f"<html><head><title>Report {i}</title><meta property='article:published_time' content='{PUBLISHED}'>"
                    f"</head><body><nav>Home News World</nav><article><p>{html.escape(text)}</p></article>"
                    "<footer>Copyright</footer></body></html>").encode()  # fmt: skip
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(f"https://news.example/{i}", "response", payload=io.BytesIO(body),
                                               http_headers=headers)  # fmt: skip
            writer.write_record(record)
    return path


def bench_spacy(texts: list[str], processes: int, batch_size: int) -> dict:
    from eventwire.nlp import load_stock_nlp

    nlp = load_stock_nlp()  # spaCy as shipped, without eventwire's indexed attribute ruler
    list(nlp.pipe(texts[:10]))
    started, cpu = time.perf_counter(), cpu_seconds() + cpu_seconds(resource.RUSAGE_CHILDREN)
    n = sum(1 for _ in nlp.pipe(texts, batch_size=batch_size, n_process=processes))
    seconds = time.perf_counter() - started
    cpu = cpu_seconds() + cpu_seconds(resource.RUSAGE_CHILDREN) - cpu  # children: their start-up and model load too
    workers = [peak_mb(resource.RUSAGE_CHILDREN)] if processes > 1 else [peak_mb()]
    return {"seconds": seconds, "cpu": cpu, "articles": n, "peak_mb": workers}


def warm() -> float:
    """Load the model and every lazy resource in this process; return its peak memory so far."""
    import eventwire
    from eventwire.sinks.rows import rows_to_tables

    rows_to_tables(
        [eventwire.extract("Police arrested 12 protesters in Lima on Monday.", published=PUBLISHED)]
    )
    return peak_mb()


def bench_eventwire(path: Path, workers: int, batch_size: int, chunk_bytes: int) -> dict:
    from eventwire.api import parse_published
    from eventwire.runner.run import RunOptions, run_inputs
    from eventwire.settings import Settings

    settings = Settings(batch_size=batch_size)
    options = RunOptions(workers=workers, chunk_bytes=chunk_bytes, progress=False)
    tmp = Path(tempfile.mkdtemp(prefix="ew-scale-"))

    startup = 0.0
    if workers == 1:
        warm()
        client = cluster = None
    else:
        from distributed import Client

        from eventwire.runner.run import local_cluster

        t0 = time.perf_counter()
        cluster = local_cluster(workers)  # the runner's own set-up
        client = Client(cluster)
        client.run(warm)
        startup = time.perf_counter() - t0
    started, cpu = time.perf_counter(), cpu_seconds()
    client_cpu = cpu
    if client is not None:
        cpu += sum(client.run(cpu_seconds).values())
    result = run_inputs([str(path)], tmp / "bench.duckdb", published=parse_published(PUBLISHED), settings=settings,
                        options=options, client=client)  # fmt: skip
    seconds = time.perf_counter() - started
    cpu = cpu_seconds() - cpu  # the client: the scheduler, the nannies and the writer
    client_cpu = cpu_seconds() - client_cpu
    if client is not None:
        cpu += sum(client.run(cpu_seconds).values())
        peaks = list(client.run(peak_mb).values())
        private = list(client.run(private_mb).values())
        client.close()
        cluster.close()
    else:
        peaks = [peak_mb()]
        private = [private_mb()]
    return {"seconds": seconds, "cpu": cpu, "articles": result.read, "stored": result.stored, "events": result.events,
            "startup": startup, "peak_mb": peaks, "private_mb": private, "partitions": result.partitions,
            "client_cpu": client_cpu if client is not None else None}  # fmt: skip


def child(args) -> None:
    kind, processes = args.config.split(":")
    if kind == "spacy":
        texts = [
            json.loads(line)["text"] for line in Path(args.texts).read_text(encoding="utf-8").splitlines()
        ]
        out = bench_spacy(texts, int(processes), args.batch_size)
    else:
        out = bench_eventwire(Path(args.input), int(processes), args.batch_size, args.chunk_bytes)
    print("RESULT " + json.dumps(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--format", choices=["jsonl", "warc"], default="jsonl", help="eventwire's input format."
    )
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument(
        "--repeat", type=int, default=1, help="Rounds over all configurations; the best is kept."
    )
    parser.add_argument("--partitions", type=int, default=16, help="Partitions the corpus is cut into.")
    parser.add_argument("--config", help=argparse.SUPPRESS)
    parser.add_argument("--texts", help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    parser.add_argument("--chunk-bytes", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.config:
        return child(args)

    texts = make_corpus(args.articles)
    words = sum(len(t.split()) for t in texts)
    folder = Path(tempfile.mkdtemp(prefix="ew-scale-corpus-"))
    plain = write_corpus(texts, folder, "jsonl")
    path = plain if args.format == "jsonl" else write_corpus(texts, folder, "warc")
    chunk = max(1024, path.stat().st_size // args.partitions + 1)
    print(f"corpus: {len(texts)} articles, {words} words; eventwire reads {path.name} "
          f"({path.stat().st_size / 1e6:.1f} MB) in partitions of {chunk / 1e3:.0f} kB")  # fmt: skip
    results: dict[tuple[str, int], dict] = {}
    # one BLAS thread per process for every configuration, as the eventwire CLI and Dask's workers have it
    from eventwire.cli import ONE_THREAD_ENV

    env = {**os.environ, **dict.fromkeys(ONE_THREAD_ENV, "1")}
    rounds = [(n, kind) for _ in range(args.repeat) for n in args.workers for kind in ("spacy", "eventwire")]
    for n, kind in rounds:
        command = [sys.executable, __file__, "--config", f"{kind}:{n}", "--texts", str(plain), "--input", str(path),
                   "--chunk-bytes", str(chunk), "--batch-size", str(args.batch_size)]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
        line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT ")), None)
        if line is None:
            sys.exit(f"{kind}:{n} failed:\n{done.stderr[-3000:]}")
        run = json.loads(line[7:])
        if (kind, n) not in results or run["seconds"] < results[kind, n]["seconds"]:
            results[kind, n] = run  # the best of --repeat runs

    print(f"{'':26}{'seconds':>9}{'articles/s':>12}{'words/s':>10}{'CPU ms/art':>12}{'peak MB/worker':>16}{'private MB':>12}")
    for (kind, n), r in results.items():
        label = f"spaCy nlp.pipe n_process={n}" if kind == "spacy" else f"eventwire run --workers {n}"
        rate = r["articles"] / r["seconds"]
        print(
            f"{label:26}{r['seconds']:9.2f}{rate:12.1f}{words / r['seconds']:10.0f}"
            f"{r['cpu'] / r['articles'] * 1e3:12.1f}{max(r['peak_mb']):16.0f}"
            + (f"{max(r['private_mb']):12.0f}" if r.get("private_mb") else "")
        )
        if r.get("startup"):
            print(f"{'':26}(+{r['startup']:.1f} s cluster start and model load, not timed above; of the CPU, "
                  f"{r['client_cpu'] / r['articles'] * 1e3:.1f} ms/art in the client: scheduler, nannies, writer)")
    rate = {k: r["articles"] / r["seconds"] for k, r in results.items()}
    cost = {k: r["cpu"] / r["articles"] for k, r in results.items()}
    for n in args.workers:
        print(f"eventwire / spaCy rate at {n} process(es): {rate['eventwire', n] / rate['spacy', n]:.2f} "
              f"(by CPU time per article, all processes: {cost['spacy', n] / cost['eventwire', n]:.2f})")
    if 1 in args.workers:
        for n in args.workers:
            if n > 1:
                print(f"speed-up at {n} workers: eventwire {rate['eventwire', n] / rate['eventwire', 1]:.2f}x, "
                      f"spaCy {rate['spacy', n] / rate['spacy', 1]:.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
