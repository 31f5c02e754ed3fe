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
from ..sinks.duckdb import connect, write_batches
from ..sinks.parquet import read_manifest, read_shard
from .plan import DEFAULT_CHUNK_BYTES, Partition, input_files, plan_partitions
from .task import known_array, process_partition

LOG = logging.getLogger(__name__)
KEEP_BYTES = 256 << 20  # Arrow tables of finished in-process partitions held for the writer at most
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
    """Store finished shards in plan order from a writer thread; a failed partition is passed over.

    The writer takes every shard that is next in plan order as soon as it is free, all of them in one
    transaction: a store slower than the workers gets bigger transactions rather than a queue of small
    ones, and the store fills while the workers extract instead of after them (DuckDB releases the GIL
    while it inserts). Tables handed over in memory (an in-process run) are not read back from the shard.
    """

    def __init__(self, con, shard_dir: Path, parts: list[Partition], result: RunResult, progress) -> None:
        self.con, self.shard_dir, self.parts, self.result, self.progress = (
            con,
            shard_dir,
            parts,
            result,
            progress,
        )
        self.finished: dict[int, tuple[dict[str, Any] | None, list | None]] = {}
        self.logged: collections.Counter[str] = collections.Counter()
        self.next = 0
        self.ready: list[tuple[str, list | None, int]] = []  # finished shards in plan order, not stored yet
        self.held = 0  # bytes of the Arrow tables in ``ready``
        self.busy = self.closing = False
        self.error: BaseException | None = None
        self.cond = threading.Condition()
        self.thread = threading.Thread(target=self._write, name="eventwire-writer", daemon=True)
        self.thread.start()

    def finish(self, part: Partition, manifest: dict[str, Any] | None, tables: list | None = None) -> None:
        """Queue a finished partition (its tables, when given, are stored instead of its shard's files)."""
        with self.cond:
            self.finished[part.index] = (manifest, tables)
            while self.next in self.finished:
                done, kept = self.finished.pop(self.next)
                if done is not None:
                    size = sum(t.nbytes for batch in kept for t in batch.values()) if kept else 0
                    if kept is not None and self.held + size > KEEP_BYTES:
                        kept, size = None, 0  # read back from the shard instead of holding more memory
                    self.ready.append((self.parts[self.next].key, kept, size))
                    self.held += size
                self.next += 1
            if self.ready:
                self.cond.notify_all()
        if self.error is not None:  # the store failed: stop the run now, not after the last partition
            raise self.error

    def _write(self) -> None:
        while True:
            with self.cond:
                while not self.ready and not self.closing:
                    self.cond.wait()
                if not self.ready:
                    return
                batch, self.ready, self.busy = self.ready, [], True
            try:
                if self.error is None:  # after a failed load nothing more is stored: the rerun resumes there
                    tables = []
                    for key, kept, _ in batch:
                        tables += kept if kept is not None else [read_shard(self.shard_dir, key)]
                    self.result.stored += write_batches(self.con, tables)
            except BaseException as exc:  # raised in the run's thread by flush or close
                self.error = exc
            finally:
                with self.cond:
                    self.held -= sum(size for *_, size in batch)
                    self.busy = False
                    self.cond.notify_all()

    def share_cores(self, workers_here: int) -> None:
        """Give the store the cores that ``workers_here`` worker processes on this machine leave (at least one).

        DuckDB runs a thread per core by default; on cores the workers keep busy, its extra threads only
        contend with them (loading 200 benchmark articles on 2 busy cores: 435 ms CPU with 2, 350 with 1).
        """
        if workers_here:
            self.flush()  # the connection is the writer's: change it while it is idle
            self.con.execute(f"SET threads = {max(1, (os.cpu_count() or 1) - workers_here)}")

    def flush(self) -> None:
        """Wait until the shards finished so far are stored; raise the writer's error."""
        with self.cond:
            while (self.ready or self.busy) and self.thread.is_alive():
                self.cond.wait()
        if self.error is not None:
            raise self.error

    def close(self, *, store: bool = True) -> None:
        """Stop the writer once it has stored what is queued (or, without ``store``, the load it is in)."""
        with self.cond:
            if not store:
                self.ready = []
            self.closing = True
            self.cond.notify_all()
        self.thread.join()


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
        stored = False
        try:
            if client is not None or options.scheduler or (options.workers or os.cpu_count() or 1) > 1:
                _run_dask(todo, shard_dir, settings, published, known, options, client, loader, progress)
            else:
                _run_here(todo, shard_dir, settings, published, known, loader, progress)
            loader.flush()
            stored = True
        finally:
            loader.close(store=stored)
            progress.close()
    finally:
        con.close()
    result.elapsed = time.perf_counter() - started
    return result


def _finish(
    part: Partition,
    manifest: dict[str, Any] | None,
    loader: _Loader,
    error: BaseException | None = None,
    tables: list | None = None,
) -> None:
    loader.progress.partition_done()
    if manifest is None:
        LOG.error("partition %d (%s) failed: %r", part.index, part.pieces[0].path, error)
        loader.result.failed.append(part.key)
    else:
        _log_skips(manifest, loader.logged)
        loader.result.add(manifest)
    loader.finish(part, manifest, tables)


def _is_local(address: str) -> bool:
    """Return whether a Dask worker address is on this machine (a local cluster's)."""
    from distributed.comm import get_address_host

    try:
        return address.startswith("inproc") or get_address_host(address) in ("127.0.0.1", "localhost", "::1")
    except ValueError:
        return False


def _run_here(todo, shard_dir, settings, published, known, loader, progress) -> None:
    loader.share_cores(1)
    # the writer thread stores each partition from the Arrow tables it was written from, while the next one
    # is parsed; a shard found complete (made by another run meanwhile) is read from its files
    for part in todo:
        keep: list = []
        try:
            manifest = process_partition(part, str(shard_dir), settings, published, known, progress, keep=keep)
        except Exception as exc:  # one partition's failure is reported; the rest still run
            _finish(part, None, loader, exc)
        else:
            whole = sum(batch["articles"].num_rows for batch in keep) == manifest.get("documents", 0)
            _finish(part, manifest, loader, tables=keep if whole else None)


# Dask settings of local clusters: eventwire's tasks run for seconds, so the servers' housekeeping can be
# slow. Dask's statistical profiler (a thread walking the task's stack every 10 ms) cost about a tenth of
# a worker's CPU; the event-loop tick (20 ms), memory monitors (100 ms), system monitor (500 ms) and work
# stealing kept an idle 2-worker cluster at 5.3% of a core in the client and 2.5% in each worker (1.1% and
# 0.4% with these), and a busy worker's event loop takes the GIL from its task at every wake-up. Workers
# also get the environment of an in-process run: no MALLOC_TRIM_THRESHOLD_ (Dask sets 64 kB, which makes
# glibc hand freed memory back to the system and fault it in again), BLAS single-threaded as Dask has it.
LOCAL_DASK_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.scheduler.work-stealing-interval": "1s",
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}


def local_cluster(workers: int):
    """Return a local Dask cluster of ``workers`` one-thread processes, set up for eventwire's tasks."""
    import dask
    from distributed import LocalCluster

    with dask.config.set(LOCAL_DASK_CONFIG):  # read as the servers start; the nannies pass it to workers
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
        workers = client.scheduler_info().get("workers", {})
        loader.share_cores(sum(1 for address in workers if _is_local(address)))
        threads = [w.get("nthreads", 1) for w in workers.values()]
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
