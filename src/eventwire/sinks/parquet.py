"""Sink: Parquet shards (one file per store table per partition) and their loading into DuckDB.

Layout under a shard folder: ``<table>/<key>.parquet`` for each table of ``rows.TABLES`` and
``manifests/<key>.json``. Files are written under temporary names and renamed; the manifest is
renamed last, so a shard is complete exactly when its manifest exists.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from ..document import Document
from .duckdb import write_batches
from .rows import SCHEMAS, TABLES, rows_to_tables

MANIFESTS = "manifests"
COMPRESSION = "snappy"  # temporary shards, read back once by the DuckDB load: cheap to write beats small


def shard_path(shard_dir: str | Path, table: str, key: str) -> Path:
    """Return the Parquet file of ``table`` in the shard ``key``."""
    return Path(shard_dir) / table / f"{key}.parquet"


def manifest_path(shard_dir: str | Path, key: str) -> Path:
    """Return the manifest file of the shard ``key``."""
    return Path(shard_dir) / MANIFESTS / f"{key}.json"


def _tmp(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


class ShardWriter:
    """Write Documents into one Parquet file per table, a row group per ``write``; ``commit`` publishes them.

    ``keep``, when given, receives the Arrow tables of each ``write`` (an in-process run hands them to the
    store without reading the files back).
    """

    def __init__(self, shard_dir: str | Path, key: str, keep: list[dict[str, pa.Table]] | None = None) -> None:
        self.shard_dir, self.key, self.keep = Path(shard_dir), key, keep
        self._writers: dict[str, pq.ParquetWriter] = {}
        for table in TABLES:
            path = shard_path(shard_dir, table, key)
            path.parent.mkdir(parents=True, exist_ok=True)
            self._writers[table] = pq.ParquetWriter(_tmp(path), SCHEMAS[table], compression=COMPRESSION)

    def write(self, docs: list[Document]) -> None:
        """Append the rows of ``docs`` to every table file."""
        if not docs:
            return
        tables = rows_to_tables(docs)
        for table, rows in tables.items():
            if rows.num_rows:
                self._writers[table].write_table(rows)
        if self.keep is not None:
            self.keep.append(tables)

    def commit(self, manifest: dict[str, Any]) -> None:
        """Close the files, move them into place and write the manifest last."""
        for table, writer in self._writers.items():
            writer.close()
            path = shard_path(self.shard_dir, table, self.key)
            os.replace(_tmp(path), path)
        self._writers = {}
        path = manifest_path(self.shard_dir, self.key)
        path.parent.mkdir(parents=True, exist_ok=True)
        _tmp(path).write_text(json.dumps(manifest, ensure_ascii=False, default=str), encoding="utf-8")
        os.replace(_tmp(path), path)

    def abort(self) -> None:
        """Close and delete the unfinished files."""
        for table, writer in self._writers.items():
            writer.close()
            _tmp(shard_path(self.shard_dir, table, self.key)).unlink(missing_ok=True)
        self._writers = {}

    def __enter__(self) -> ShardWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if self._writers:
            self.abort()


def read_manifest(shard_dir: str | Path, key: str) -> dict[str, Any] | None:
    """Return the manifest of a complete shard, or None when the shard is missing or incomplete."""
    path = manifest_path(shard_dir, key)
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not all(shard_path(shard_dir, table, key).exists() for table in TABLES):
        return None
    return manifest


def read_shard(shard_dir: str | Path, key: str) -> dict[str, pa.Table]:
    """Return the tables of the shard ``key``."""
    return {
        table: pq.read_table(shard_path(shard_dir, table, key), schema=SCHEMAS[table]) for table in TABLES
    }


def load_shard(con: duckdb.DuckDBPyConnection, shard_dir: str | Path, key: str) -> int:
    """Insert a shard into the store (articles already stored are left as they are); return articles added."""
    return load_shards(con, shard_dir, [key])


def load_shards(con: duckdb.DuckDBPyConnection, shard_dir: str | Path, keys: list[str]) -> int:
    """Insert shards in one transaction, in the order given (of an article in several, the first copy is
    stored); return articles added. One transaction for many shards saves most of the store's per-commit work."""
    if not keys:
        return 0
    return write_batches(con, [read_shard(shard_dir, key) for key in keys])
