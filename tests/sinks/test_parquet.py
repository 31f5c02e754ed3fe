"""Parquet shards: committed shards are complete and load into DuckDB once; unfinished ones leave nothing."""

from __future__ import annotations

from eventwire.document import Document, Time
from eventwire.sinks.duckdb import connect, counts
from eventwire.sinks.parquet import (
    ShardWriter,
    load_shard,
    load_shards,
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


def _timed(article_id: str, n_times: int) -> Document:
    times = tuple(Time(text=f"day {i}", start=i, end=i + 1, type="DATE", value=f"2024-05-0{i + 1}") for i in range(n_times))
    return Document(id=article_id, text=f"Text of {article_id} with {n_times} dates.", title=None, url=None,
                    published="2024-05-08", language="en", times=times)  # fmt: skip


def _shard(folder, key: str, docs: list[Document]) -> None:
    with ShardWriter(folder, key) as writer:
        writer.write(docs)
        writer.commit({"documents": len(docs)})


def _dump(con) -> list:
    return [con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES]


def test_parquet_load_shards_together_as_one_by_one(tmp_path):
    # the same id twice with different content: the first copy (and only its rows) is stored either way
    _shard(tmp_path, "s1", [_timed("x", 1), _timed("y", 2)])
    _shard(tmp_path, "s2", [_timed("x", 3), _timed("z", 1)])
    _shard(tmp_path, "s3", [_timed("w", 2)])
    apart, together = connect(tmp_path / "a.duckdb"), connect(tmp_path / "b.duckdb")
    assert sum(load_shard(apart, tmp_path, key) for key in ("s1", "s2", "s3")) == 4
    assert load_shards(together, tmp_path, ["s1", "s2", "s3"]) == 4
    assert _dump(together) == _dump(apart)
    assert together.execute("SELECT count(*) FROM times WHERE article_id = 'x'").fetchone()[0] == 1
    assert load_shards(together, tmp_path, ["s1", "s2", "s3"]) == 0
    assert load_shards(together, tmp_path, []) == 0


def test_parquet_load_keeps_child_rows_stored_without_their_article(tmp_path):
    _shard(tmp_path, "s4", [_timed("v", 2)])
    con = connect(tmp_path / "c.duckdb")
    con.execute("INSERT INTO times (article_id, idx, text) VALUES ('v', 0, 'kept')")
    assert load_shard(con, tmp_path, "s4") == 1
    assert con.execute("SELECT text FROM times WHERE article_id = 'v' ORDER BY idx").fetchall() == [("kept",), ("day 1",)]
