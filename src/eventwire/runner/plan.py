"""Runner: cut the inputs into partitions, each named by a hash of what it reads.

A partition is a list of pieces (a whole file, or a byte range of a big WARC/JSONL file). Small files
are packed together up to the chunk size, so a folder of many pages does not make a task per page.
The plan depends only on the inputs and the chunk size, never on the number of workers.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..ingest.read import STDIN, expand, sniff_stream, splittable

DEFAULT_CHUNK_BYTES = 32 << 20  # a CC-NEWS file of ~1 GB makes ~30 partitions of ~1,000-1,500 articles
MAX_FILES = 500  # most small files packed into one partition


@dataclass(frozen=True, slots=True)
class Piece:
    """A whole file (``stop`` None, ``start`` 0) or the records beginning in ``[start, stop)``."""

    path: str
    start: int = 0
    stop: int | None = None


@dataclass(frozen=True, slots=True)
class Partition:
    """One task's input: its position in the plan, its pieces, its input bytes and its content key."""

    index: int
    pieces: tuple[Piece, ...]
    size: int
    key: str


def _fingerprint(piece: Piece) -> str:
    stat = os.stat(piece.path)
    return f"{os.path.abspath(piece.path)}\x00{stat.st_size}\x00{stat.st_mtime_ns}\x00{piece.start}\x00{piece.stop}"


def partition_key(pieces: Iterable[Piece], salt: str) -> str:
    """Return the shard key of a partition: a hash of its files (path, size, mtime), ranges and ``salt``."""
    digest = hashlib.sha1(salt.encode("utf-8"), usedforsecurity=False)
    for piece in pieces:
        digest.update(b"\x01" + _fingerprint(piece).encode("utf-8"))
    return digest.hexdigest()[:20]


def _groups(files: Iterable[Path], chunk_bytes: int) -> Iterator[tuple[list[Piece], int]]:
    group: list[Piece] = []
    size = 0
    for path in files:
        length = path.stat().st_size
        if length > chunk_bytes:
            if group:
                yield group, size
                group, size = [], 0
            if splittable(path):
                for start in range(0, length, chunk_bytes):
                    stop = start + chunk_bytes if start + chunk_bytes < length else None
                    yield [Piece(str(path), start, stop)], min(chunk_bytes, length - start)
            else:
                yield [Piece(str(path))], length
            continue
        group.append(Piece(str(path)))
        size += length
        if size >= chunk_bytes or len(group) >= MAX_FILES:
            yield group, size
            group, size = [], 0
    if group:
        yield group, size


def plan_partitions(
    files: Iterable[Path], *, chunk_bytes: int = DEFAULT_CHUNK_BYTES, salt: str = ""
) -> list[Partition]:
    """Return the partitions covering ``files`` in order."""
    return [
        Partition(index, tuple(pieces), size, partition_key(pieces, salt))
        for index, (pieces, size) in enumerate(_groups(files, max(1, chunk_bytes)))
    ]


def spool_stdin(stream: BinaryIO, folder: Path) -> Path:
    """Copy standard input into ``folder`` under a name made of its content hash, and return that file.

    The same input spooled again maps to the same file (kept as it was), so a rerun resumes.
    """
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha1(usedforsecurity=False)
    first = b""
    with tempfile.NamedTemporaryFile("wb", dir=folder, prefix=".stdin-", delete=False) as out:
        while block := stream.read(1 << 20):
            if not first:
                first = block
            digest.update(block)
            out.write(block)
    suffix = ".jsonl" if sniff_stream(first) == "jsonl" else ".txt"
    target = folder / f"stdin-{digest.hexdigest()[:16]}{suffix}"
    if target.exists():
        os.unlink(out.name)
    else:
        shutil.move(out.name, target)
    return target


def input_files(paths: Iterable[str], spool: Path, stdin: BinaryIO | None = None) -> list[Path]:
    """Return the files named by ``paths`` (folders and globs expanded, duplicates dropped, made absolute),
    with ``-`` spooled into ``spool``."""
    files: dict[Path, None] = {}  # absolute paths (remote workers may run elsewhere), each once
    for path in expand(paths):
        if str(path) == STDIN:
            import sys

            path = spool_stdin(stdin or sys.stdin.buffer, spool)
        files.setdefault(path.absolute(), None)
    return list(files)
