"""The runner: in-process and LocalCluster runs give the same store; reruns resume; a killed run resumes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.runner.run import RunOptions, run_inputs
from eventwire.sinks.rows import TABLES
from tests.ingest.pages import article_text, broken_warc_parts, news_html, write_warc

# A guard only: no run here should come near it (the old stall was the WARC reader looping forever on a
# damaged gzip member, see tests/ingest/test_warc.py).
pytestmark = pytest.mark.timeout(300, method="signal")

CHUNK = 2500  # bytes: several partitions from a small corpus


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A folder with a WARC.gz (good and broken records), a JSONL file and HTML pages, all invented."""
    folder = tmp_path / "corpus"
    (folder / "pages").mkdir(parents=True)
    write_warc(folder / "crawl.warc.gz", broken_warc_parts(start=10))
    lines = [json.dumps({"text": article_text(20 + i), "published": "2024-05-06"}) for i in range(4)]
    (folder / "feed.jsonl").write_text("\n".join(lines + ["{oops"]) + "\n", encoding="utf-8")
    for i in range(3):
        (folder / "pages" / f"p{i}.html").write_bytes(news_html(30 + i))
    return folder


def _contents(db: Path) -> dict[str, list]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES}
    finally:
        con.close()


def _run(corpus, db, workers=1, **kw):
    options = RunOptions(workers=workers, chunk_bytes=CHUNK, progress=False, **kw)
    return run_inputs([str(corpus)], db, settings=None, options=options)


def test_run_in_process_counts_and_rerun_resumes(corpus, tmp_path):
    db = tmp_path / "one.duckdb"
    first = _run(corpus, db)
    assert first.partitions > 3 and first.resumed == 0 and not first.failed
    assert first.stored == 4 + 4 + 3 == len(_contents(db)["articles"])
    assert first.skipped == {"empty_text": 1, "not_utf8": 1, "not_article": 1, "bad_record": 2, "bad_json": 1}
    again = _run(corpus, db)
    assert again.resumed == again.partitions and again.stored == 0
    assert (again.read, again.skipped) == (first.read, first.skipped)


def test_run_skips_articles_already_stored(corpus, tmp_path):
    db = tmp_path / "one.duckdb"
    _run(corpus, db)
    other = _run(corpus, db, shard_dir=tmp_path / "fresh-shards")
    assert other.already_stored == 11 and other.stored == 0 and other.documents == 0


@pytest.mark.slow
def test_run_local_cluster_equals_in_process(corpus, tmp_path):
    _run(corpus, tmp_path / "one.duckdb", workers=1)
    two = _run(corpus, tmp_path / "two.duckdb", workers=2)
    assert not two.failed and two.stored == 11
    assert _contents(tmp_path / "two.duckdb") == _contents(tmp_path / "one.duckdb")


def test_run_killed_then_rerun_equals_clean_run(corpus, tmp_path):
    _run(corpus, tmp_path / "clean.duckdb")
    db, shards = tmp_path / "killed.duckdb", tmp_path / "killed.shards"
    command = [sys.executable, "-m", "eventwire.cli", "run", str(corpus), "--db", str(db), "--workers", "1",
               "--chunk-mb", str(CHUNK / 2**20)]  # fmt: skip
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240  # model load and a first partition on a loaded machine
        while time.monotonic() < deadline and proc.poll() is None:
            if list((shards / "manifests").glob("*.json")):
                break
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    resumed = _run(corpus, db)
    assert 1 <= resumed.resumed < resumed.partitions and not resumed.failed
    assert _contents(db) == _contents(tmp_path / "clean.duckdb")


def test_run_cli_reads_stdin(tmp_path):
    lines = "\n".join(json.dumps({"text": article_text(40 + i)}) for i in range(2)) + "\n\n{bad\n"
    db = tmp_path / "cli.duckdb"
    result = CliRunner().invoke(
        cli, ["run", "-", "--db", str(db), "--workers", "1", "--published", "2024-05-08"], input=lines
    )
    assert result.exit_code == 1, result.output
    assert (
        "articles read: 3" in result.output
        and "stored: 2" in result.output
        and "bad_json: 1" in result.output
    )
    assert "articles/s" in result.output
    again = CliRunner().invoke(
        cli, ["run", "-", "--db", str(db), "--workers", "1", "--published", "2024-05-08"], input=lines
    )
    assert "stored: 0" in again.output and "resumed: 1" in again.output


def test_run_failed_partition_is_reported_and_others_stored(corpus, tmp_path, monkeypatch):
    from eventwire.runner import run as run_module

    real = run_module.process_partition

    def flaky(part, *args, **kwargs):
        if part.index == 1:
            raise RuntimeError("worker lost")
        return real(part, *args, **kwargs)

    monkeypatch.setattr(run_module, "process_partition", flaky)
    result = _run(corpus, tmp_path / "f.duckdb")
    assert len(result.failed) == 1 and 0 < result.stored < 11
    monkeypatch.setattr(run_module, "process_partition", real)
    again = _run(corpus, tmp_path / "f.duckdb")
    assert not again.failed and again.resumed == again.partitions - 1 and result.stored + again.stored == 11


@pytest.mark.slow
def test_run_on_scheduler_address_equals_in_process(corpus, tmp_path):
    from distributed import LocalCluster

    _run(corpus, tmp_path / "one.duckdb", workers=1)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        remote = _run(corpus, tmp_path / "remote.duckdb", scheduler=cluster.scheduler_address)
    assert not remote.failed and remote.stored == 11
    assert _contents(tmp_path / "remote.duckdb") == _contents(tmp_path / "one.duckdb")


def test_run_in_process_stores_the_tables_it_wrote(corpus, tmp_path, monkeypatch):
    from eventwire.runner import run as run_module

    def no_read_back(shard_dir, key):
        raise AssertionError(f"shard {key} read back")

    monkeypatch.setattr(run_module, "read_shard", no_read_back)
    _run(corpus, tmp_path / "one.duckdb")
    monkeypatch.undo()
    _run(corpus, tmp_path / "clean.duckdb", shard_dir=tmp_path / "clean.shards")
    assert _contents(tmp_path / "one.duckdb") == _contents(tmp_path / "clean.duckdb")


def test_run_store_failure_stops_the_run(corpus, tmp_path, monkeypatch):
    from eventwire.runner import run as run_module

    def full_disk(con, batches):
        raise OSError("no space left on device")

    monkeypatch.setattr(run_module, "write_batches", full_disk)
    with pytest.raises(OSError, match="no space"):
        _run(corpus, tmp_path / "one.duckdb")
    monkeypatch.undo()
    again = _run(corpus, tmp_path / "one.duckdb")
    assert not again.failed and again.stored == 11
