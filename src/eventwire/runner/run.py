"""Runner: drive a run on a Dask cluster (local or remote) or in-process, and load shards into DuckDB.

The client process is the one writer: it loads finished shards into the store in plan order, so an
interrupted run, rerun, ends with the same database as an uninterrupted one.
"""

from __future__ import annotations

import collections
import logging
import os
import sys
import threading
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from ..errors import BadInputError
from ..settings import DEFAULT_SETTINGS, Settings
from ..sinks.duckdb import connect
from ..sinks.parquet import load_shards, read_manifest
from .plan import DEFAULT_CHUNK_BYTES, Partition, input_files, plan_partitions
from .task import known_array, process_partition

LOG = logging.getLogger(__name__)
LOAD_DOCUMENTS = 500  # articles of finished shards loaded into the store in one transaction
WARN_SKIPS = 10  # skips of one reason logged as warnings; the rest at debug level
RESULT_FIELDS = ("model", "actors_file", "places_file", "min_confidence", "max_chars", "min_year", "max_year")


@dataclass(frozen=True, slots=True)
class RunOptions:
    """Where and how a run executes."""

    workers: int | None = None  # local worker processes; None: the CPU cores; 1: in-process, no Dask
    scheduler: str | None = None  # a Dask scheduler address; overrides ``workers``
    shard_dir: Path | None = None  # default: the database path with suffix .shards
    chunk_bytes: int = DEFAULT_CHUNK_BYTES
    progress: bool = True


@dataclass(slots=True)
class RunResult:
    """Counts of a run over all partitions, including those finished by an earlier, interrupted run."""

    read: int = 0
    documents: int = 0
    events: int = 0
    quotes: int = 0
    stored: int = 0
    already_stored: int = 0
    skipped: collections.Counter = field(default_factory=collections.Counter)
    partitions: int = 0
    resumed: int = 0
    failed: list[str] = field(default_factory=list)
    elapsed: float = 0.0
    resumed_read: int = 0  # articles read by the partitions an earlier run finished

    def add(self, manifest: dict[str, Any]) -> None:
        """Count one partition's manifest."""
        for name in ("read", "documents", "events", "quotes", "already_stored"):
            setattr(self, name, getattr(self, name) + manifest.get(name, 0))
        self.skipped.update(manifest.get("skipped", {}))

    def extra_line(self) -> str:
        """Return the run-specific part of the summary line (after the common counts)."""
        rate = (self.read - self.resumed_read) / self.elapsed if self.elapsed else 0.0
        parts = [f"already stored: {self.already_stored}", f"partitions: {self.partitions}"]
        if self.resumed:
            parts.append(f"resumed: {self.resumed}")
        if self.failed:
            parts.append(f"failed partitions: {len(self.failed)}")
        parts += [f"elapsed: {self.elapsed:.1f} s", f"articles/s: {rate:.1f}"]
        return "; " + "; ".join(parts)


def result_salt(settings: Settings, published) -> str:
    """Return the part of a shard key that depends on options changing the results."""
    from importlib.metadata import version

    values = {name: getattr(settings, name) for name in RESULT_FIELDS}
    return f"eventwire {version('eventwire')}|{published}|{sorted(values.items())!r}"


class _Loader:
    """Load finished shards into the store in plan order; a failed partition is passed over.

    Shards are loaded together, in one transaction, once they hold ``LOAD_DOCUMENTS`` articles (and by
    ``flush`` at the end): the store's fixed cost per commit then falls on many small partitions at once.
    """

    def __init__(self, con, shard_dir: Path, parts: list[Partition], result: RunResult, progress) -> None:
        self.con, self.shard_dir, self.parts, self.result, self.progress = (
            con,
            shard_dir,
            parts,
            result,
            progress,
        )
        self.finished: dict[int, dict[str, Any] | None] = {}
        self.logged: collections.Counter[str] = collections.Counter()
        self.next = 0
        self.ready: list[str] = []  # keys of finished shards, in plan order, not loaded yet
        self.ready_documents = 0

    def finish(self, part: Partition, manifest: dict[str, Any] | None) -> None:
        self.finished[part.index] = manifest
        while self.next in self.finished:
            done = self.finished.pop(self.next)
            if done is not None:
                self.ready.append(self.parts[self.next].key)
                self.ready_documents += done.get("documents", 0)
            self.next += 1
        if self.ready_documents >= LOAD_DOCUMENTS:
            self.flush()

    def flush(self) -> None:
        """Load the shards finished so far."""
        if self.ready:
            self.result.stored += load_shards(self.con, self.shard_dir, self.ready)
        self.ready, self.ready_documents = [], 0


class _Progress:
    """A stderr bar of articles with events/s, fed from any thread."""

    def __init__(self, enabled: bool, partitions: int) -> None:
        from tqdm import tqdm

        self.bar = tqdm(
            desc="run", unit=" articles", file=sys.stderr, disable=None if enabled else True, leave=False
        )
        self.events, self.started, self.lock = 0, time.monotonic(), threading.Lock()
        self.done, self.partitions = 0, partitions

    def __call__(self, read: int, events: int) -> None:
        with self.lock:
            self.events += events
            rate = self.events / max(1e-9, time.monotonic() - self.started)
            postfix = f"{self.events} events, {rate:.1f} events/s, partitions {self.done}/{self.partitions}"
            self.bar.set_postfix_str(postfix, refresh=False)
            self.bar.update(read)

    def partition_done(self) -> None:
        with self.lock:
            self.done += 1
        self(0, 0)

    def on_event(self, event) -> None:
        read, events = event[1]
        self(read, events)

    def close(self) -> None:
        self.bar.close()


def _log_skips(manifest: dict[str, Any], logged: collections.Counter) -> None:
    """Log a partition's skips: the first few of each reason as warnings, the rest at debug level."""
    for skip in manifest.get("skips", []):
        reason = skip.get("skipped")
        logged[reason] += 1
        level = logging.WARNING if logged[reason] <= WARN_SKIPS else logging.DEBUG
        if logged[reason] == WARN_SKIPS + 1:
            LOG.warning("more %s skips are logged at debug level (-vv); manifests list them", reason)
        where = skip.get("id") or skip.get("source", {}).get("path", "?")
        LOG.log(level, "skipped %s: %s %s", where, reason, skip.get("detail"))


def run_inputs(
    paths: Iterable[str],
    db: str | Path,
    *,
    published=None,
    settings: Settings | None = None,
    options: RunOptions | None = None,
    client=None,
) -> RunResult:
    """Extract and store every article of ``paths`` in ``db``, on Dask or in-process; return the counts.

    ``client`` is an existing ``distributed.Client`` to run on (benchmarks, notebooks); otherwise one is
    made from ``options``. Partitions whose shard is complete are not run again.
    """
    settings, options = settings or DEFAULT_SETTINGS, options or RunOptions()
    started = time.perf_counter()
    shard_dir = Path(options.shard_dir or Path(db).with_suffix(".shards")).absolute()
    files = input_files(paths, shard_dir / "stdin")
    parts = plan_partitions(files, chunk_bytes=options.chunk_bytes, salt=result_salt(settings, published))
    result = RunResult(partitions=len(parts))
    try:
        con = connect(db)
    except duckdb.Error as exc:  # locked by another process, not a DuckDB file, ...
        raise BadInputError(f"cannot open the store {db}: {exc}") from None
    try:
        progress = _Progress(options.progress, len(parts))
        loader = _Loader(con, shard_dir, parts, result, progress)
        todo = []
        for part in parts:
            manifest = read_manifest(shard_dir, part.key)
            if manifest is None:
                todo.append(part)
            else:
                result.resumed += 1
                result.add(manifest)
                loader.finish(part, manifest)
                progress.partition_done()
        result.resumed_read = result.read
        loader.flush()
        # articles stored before (and by the resumed shards just loaded) are not parsed again
        known = known_array([row[0] for row in con.execute("SELECT id FROM articles").fetchall()])
        try:
            if client is not None or options.scheduler or (options.workers or os.cpu_count() or 1) > 1:
                _run_dask(todo, shard_dir, settings, published, known, options, client, loader, progress)
            else:
                _run_here(todo, shard_dir, settings, published, known, loader, progress)
            loader.flush()
        finally:
            progress.close()
    finally:
        con.close()
    result.elapsed = time.perf_counter() - started
    return result


def _finish(
    part: Partition, manifest: dict[str, Any] | None, loader: _Loader, error: BaseException | None = None
) -> None:
    loader.progress.partition_done()
    if manifest is None:
        LOG.error("partition %d (%s) failed: %r", part.index, part.pieces[0].path, error)
        loader.result.failed.append(part.key)
    else:
        _log_skips(manifest, loader.logged)
        loader.result.add(manifest)
    loader.finish(part, manifest)


def _run_here(todo, shard_dir, settings, published, known, loader, progress) -> None:
    from concurrent.futures import ThreadPoolExecutor

    # one loader thread stores finished shards (DuckDB releases the GIL) while the next partition is parsed
    with ThreadPoolExecutor(1, thread_name_prefix="eventwire-loader") as pool:
        loads = []
        for part in todo:
            try:
                manifest = process_partition(part, str(shard_dir), settings, published, known, progress)
            except Exception as exc:  # one partition's failure is reported; the rest still run
                loads.append(pool.submit(_finish, part, None, loader, exc))
            else:
                loads.append(pool.submit(_finish, part, manifest, loader))
        for load in loads:
            load.result()


def local_cluster(workers: int):
    """Return a local Dask cluster of ``workers`` one-thread processes, set up for eventwire's tasks.

    Dask's statistical profiler (a thread walking the task's stack every 10 ms) is off in these workers:
    it cost about a tenth of a worker's CPU time here and nobody reads its output in a run.
    """
    import dask
    from distributed import LocalCluster

    with dask.config.set({"distributed.worker.profile.enabled": False}):  # the nannies pass it to workers
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                            silence_logs=logging.ERROR)  # fmt: skip


def _run_dask(todo, shard_dir, settings, published, known, options, client, loader, progress) -> None:
    from contextlib import ExitStack

    from distributed import Client, as_completed

    with ExitStack() as stack:
        quiet = logging.getLogger("distributed")
        if not LOG.isEnabledFor(logging.DEBUG):  # the scheduler's INFO chatter would drown the summary
            stack.callback(quiet.setLevel, quiet.level)
            quiet.setLevel(logging.ERROR)  # also the nanny's "still alive after 4 s, killing" at close
        if client is None and options.scheduler:
            client = stack.enter_context(Client(options.scheduler))
        elif client is None:
            cluster = stack.enter_context(local_cluster(options.workers or os.cpu_count() or 1))
            client = stack.enter_context(Client(cluster))
        if not todo:
            return
        threads = [w.get("nthreads", 1) for w in client.scheduler_info().get("workers", {}).values()]
        if threads and max(threads) > 1:
            LOG.warning("Dask workers have up to %d threads; eventwire runs one task per worker process at a "
                        "time, so start workers with --nthreads 1 and more processes", max(threads))  # fmt: skip
        topic = f"eventwire-progress-{uuid.uuid4().hex}"
        client.subscribe_topic(topic, progress.on_event)
        known_future = client.scatter(known, broadcast=True)
        futures = {
            client.submit(process_partition, part, str(shard_dir), settings, published, known_future, topic,
                          key=f"eventwire-{part.index}-{part.key}-{topic[-8:]}", retries=1, pure=False): part
            for part in todo
        }  # fmt: skip
        try:
            for future in as_completed(futures):
                part = futures[future]
                try:
                    _finish(part, future.result(), loader)
                except Exception as exc:  # a worker's failure is reported; the rest still run
                    _finish(part, None, loader, exc)
        finally:
            client.unsubscribe_topic(topic)


__all__ = ["RunOptions", "RunResult", "local_cluster", "run_inputs"]
