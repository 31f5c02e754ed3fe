"""Runner: the work of one partition, run on a Dask worker process (or in-process with one worker).

Reads the partition's pieces, drops articles already stored, runs ``eventwire.pipe`` and writes one
Parquet shard per table plus a JSON manifest of counts and skips. The spaCy pipeline is loaded once
per worker process (``load_nlp`` is cached), so only the first task of a worker pays for it; the objects
alive after the model load and after the first partition are frozen out of the garbage collector's walks.
"""

from __future__ import annotations

import collections
import functools
import gc
import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from ..api import parse_published, pipe
from ..document import Article, Document, Skipped
from ..ingest.read import read_path
from ..nlp import load_nlp
from ..settings import Settings
from ..sinks.parquet import ShardWriter, read_manifest
from .plan import Partition

ROWS_PER_GROUP = 256  # Documents per Parquet row group: bounds a worker's memory
MAX_LOGGED_SKIPS = 1000  # skips listed (with detail) in one manifest; all are counted
REPORT_EVERY_S = 0.5
# one spaCy pipeline per process, not shared across threads: a worker with several threads runs tasks in turn
PIPE_LOCK = threading.Lock()
_PROCESSED: list[str] = []  # partitions this process has run


def id_hash(article_id: str) -> int:
    """Return the 64-bit hash under which an article id is looked up in ``known`` arrays."""
    return int.from_bytes(hashlib.blake2b(article_id.encode("utf-8"), digest_size=8).digest(), "little")


def known_array(ids: list[str]) -> np.ndarray:
    """Return the sorted hash array of stored article ids that workers check new articles against."""
    return np.unique(np.fromiter((id_hash(i) for i in ids), dtype=np.uint64, count=len(ids)))


def _is_known(known: np.ndarray | None, article_id: str) -> bool:
    if known is None or not len(known):
        return False
    h = np.uint64(id_hash(article_id))
    at = int(np.searchsorted(known, h))
    return at < len(known) and known[at] == h


def _reporter(report: Callable[[int, int], None] | str | None) -> Callable[[int, int], None] | None:
    """Return a callable taking (articles, events) increments: the caller's, or one logging a Dask event."""
    if report is None or callable(report):
        return report
    from distributed import get_worker

    worker = get_worker()
    return lambda read, events: worker.log_event(report, [read, events])


def _articles(
    part: Partition, known, counts: collections.Counter, published, parse_date
) -> Iterator[Article | Skipped]:
    for piece in part.pieces:
        for item in read_path(
            Path(piece.path), published=published, parse_date=parse_date, start=piece.start, stop=piece.stop
        ):
            if isinstance(item, Article) and _is_known(known, item.id):
                counts["already_stored"] += 1
                continue
            yield item


def process_partition(
    part: Partition,
    shard_dir: str,
    settings: Settings,
    published=None,
    known: np.ndarray | None = None,
    report: Callable[[int, int], None] | str | None = None,
    keep: list[dict[str, pa.Table]] | None = None,
) -> dict[str, Any]:
    """Process one partition into its shard and return its manifest (an existing complete shard is kept).

    ``report`` is a callable given (articles, events) increments as work goes, or a Dask event topic.
    ``keep``, when given, receives the Arrow tables written to a new shard (``ShardWriter``).
    """
    with PIPE_LOCK:
        done = read_manifest(shard_dir, part.key)
        if done is not None:
            return done
        if not _PROCESSED:
            load_nlp(settings.model)  # it freezes the model's objects out of the collector's walks
        manifest = _process(part, shard_dir, settings, published, known, report, keep)
        if not _PROCESSED:
            gc.collect()
            gc.freeze()  # likewise the lexicons and gazetteers the first partition loaded
        _PROCESSED.append(part.key)
        return manifest


def _process(part, shard_dir, settings, published, known, report, keep) -> dict[str, Any]:
    started = time.perf_counter()
    send = _reporter(report)
    counts: collections.Counter[str] = collections.Counter()
    skipped: collections.Counter[str] = collections.Counter()
    skips: list[dict[str, Any]] = []
    parse_date = functools.partial(parse_published, settings=settings)
    articles = _articles(part, known, counts, published, parse_date)
    buffer: list[Document] = []
    pending = [0, 0]
    last = time.monotonic()
    with ShardWriter(shard_dir, part.key, keep) as writer:
        for result in pipe(articles, settings=settings.replace(n_process=1)):
            counts["read"] += 1
            pending[0] += 1
            if isinstance(result, Skipped):
                skipped[str(result.reason)] += 1
                if len(skips) < MAX_LOGGED_SKIPS:
                    skips.append(result.to_dict())
            else:
                counts["documents"] += 1
                counts["events"] += len(result.events)
                counts["quotes"] += len(result.quotes)
                pending[1] += len(result.events)
                buffer.append(result)
                if len(buffer) >= ROWS_PER_GROUP:
                    writer.write(buffer)
                    buffer.clear()
            if send and time.monotonic() - last > REPORT_EVERY_S:
                send(*pending)
                pending, last = [0, 0], time.monotonic()
        writer.write(buffer)
        manifest = {
            "key": part.key, "index": part.index, "pieces": [[p.path, p.start, p.stop] for p in part.pieces],
            "read": counts["read"], "documents": counts["documents"], "events": counts["events"],
            "quotes": counts["quotes"], "already_stored": counts["already_stored"], "skipped": dict(skipped),
            "skips": skips, "seconds": round(time.perf_counter() - started, 3),
        }  # fmt: skip
        writer.commit(manifest)
    if send and any(pending):
        send(*pending)
    return manifest
