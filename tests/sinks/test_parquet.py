"""Parquet shards: committed shards are complete and load into DuckDB once; unfinished ones leave nothing."""

from __future__ import annotations

from eventwire.document import Document
from eventwire.sinks.duckdb import connect, counts
from eventwire.sinks.parquet import (
    ShardWriter,
    load_shard,
    manifest_path,
    read_manifest,
    read_shard,
    shard_path,
)
from eventwire.sinks.rows import TABLES


def _docs(n: int) -> list[Document]:
    return [Document(id=f"a{i}", text=f"Strikers met the council of Sarnet, day {i}.", title=None, url=None,
                     published="2024-05-08", language="en") for i in range(n)]  # fmt: skip


def test_parquet_shard_commit_read_and_load(tmp_path):
    with ShardWriter(tmp_path, "k1") as writer:
        writer.write(_docs(3))
        writer.write(_docs(5)[3:])
        writer.commit({"read": 5})
    assert read_manifest(tmp_path, "k1") == {"read": 5}
    assert read_shard(tmp_path, "k1")["articles"].num_rows == 5
    con = connect(tmp_path / "s.duckdb")
    assert load_shard(con, tmp_path, "k1") == 5
    assert load_shard(con, tmp_path, "k1") == 0
    assert counts(con)["articles"] == 5


def test_parquet_unfinished_shard_is_incomplete(tmp_path):
    with ShardWriter(tmp_path, "k2") as writer:
        writer.write(_docs(2))
    assert read_manifest(tmp_path, "k2") is None
    assert not any(shard_path(tmp_path, t, "k2").exists() for t in TABLES)
    assert not list(tmp_path.rglob("*.tmp"))


def test_parquet_manifest_without_files_is_incomplete(tmp_path):
    with ShardWriter(tmp_path, "k3") as writer:
        writer.commit({"read": 0})
    shard_path(tmp_path, "events", "k3").unlink()
    assert manifest_path(tmp_path, "k3").exists() and read_manifest(tmp_path, "k3") is None
