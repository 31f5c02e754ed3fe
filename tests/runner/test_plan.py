"""Partition plan: small files packed, big splittable files cut in byte ranges, stable content keys."""

from __future__ import annotations

import io
import os

from eventwire.runner.plan import Piece, partition_key, plan_partitions, spool_stdin


def _files(tmp_path, sizes):
    paths = []
    for name, size in sizes:
        path = tmp_path / name
        path.write_bytes(b"x" * size)
        paths.append(path)
    return paths


def test_plan_packs_small_files_and_splits_big_ones(tmp_path):
    files = _files(
        tmp_path,
        [("a.txt", 30), ("b.txt", 30), ("c.txt", 50), ("big.jsonl", 250), ("big.txt", 250), ("d.txt", 10)],
    )
    parts = plan_partitions(files, chunk_bytes=100)
    shapes = [[(os.path.basename(p.path), p.start, p.stop) for p in part.pieces] for part in parts]
    assert shapes == [
        [("a.txt", 0, None), ("b.txt", 0, None), ("c.txt", 0, None)],
        [("big.jsonl", 0, 100)], [("big.jsonl", 100, 200)], [("big.jsonl", 200, None)],
        [("big.txt", 0, None)],
        [("d.txt", 0, None)],
    ]  # fmt: skip
    assert [p.index for p in parts] == list(range(6))
    assert len({p.key for p in parts}) == 6


def test_plan_keys_are_stable_and_follow_content_and_salt(tmp_path):
    (path,) = _files(tmp_path, [("a.txt", 10)])
    key = partition_key([Piece(str(path))], "s")
    assert key == partition_key([Piece(str(path))], "s")
    assert key != partition_key([Piece(str(path))], "other settings")
    path.write_bytes(b"y" * 11)
    assert key != partition_key([Piece(str(path))], "s")


def test_plan_spooled_stdin_keeps_its_name(tmp_path):
    first = spool_stdin(io.BytesIO(b'{"text": "a"}\n'), tmp_path)
    mtime = first.stat().st_mtime_ns
    again = spool_stdin(io.BytesIO(b'{"text": "a"}\n'), tmp_path)
    assert first == again and first.suffix == ".jsonl" and again.stat().st_mtime_ns == mtime
    assert spool_stdin(io.BytesIO(b"plain words"), tmp_path).suffix == ".txt"
