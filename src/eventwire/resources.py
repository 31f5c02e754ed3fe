"""Package data (lexicons, gazetteers, patterns) read lazily through importlib.resources and cached.

Every loader is a ``@cached`` function: nothing is read at import, and ``reset_caches()`` empties them all.
Data files live in ``eventwire/data/`` as TSV or JSONL (optionally ``.gz``).
"""

from __future__ import annotations

import functools
import gzip
import io
import json
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])
_CACHED: list[Any] = []


def cached(func: F) -> F:
    """Decorate a loader: cache its result per arguments and register it with ``reset_caches``."""
    wrapped = functools.cache(func)
    _CACHED.append(wrapped)
    return wrapped  # type: ignore[return-value]


def reset_caches() -> None:
    """Empty every loader's cache (user dictionaries changed, tests)."""
    for func in _CACHED:
        func.cache_clear()


def data_files() -> list[str]:
    """Return the names of every file shipped in ``eventwire/data``, relative to it."""
    root = resources.files("eventwire") / "data"
    names: list[str] = []

    def walk(node, prefix: str) -> None:
        for child in node.iterdir():
            if child.is_dir():
                walk(child, prefix + child.name + "/")
            elif not child.name.startswith((".", "__")) and not child.name.endswith(".py"):
                names.append(prefix + child.name)

    walk(root, "")
    return sorted(names)


def open_text(name: str, path: Path | None = None) -> io.TextIOBase:
    """Open a data file (``name`` inside the package, or a user ``path``) as UTF-8 text; ``.gz`` is unpacked."""
    if path is None:
        handle = (resources.files("eventwire") / "data" / name).open("rb")
    else:
        handle = Path(path).open("rb")
        name = str(path)
    if name.endswith(".gz"):
        handle = gzip.GzipFile(fileobj=handle)
    return io.TextIOWrapper(handle, encoding="utf-8")


def iter_tsv(name: str, path: Path | None = None) -> Iterator[list[str]]:
    """Yield the tab-separated fields of each line; blank lines and ``#`` comments are skipped."""
    with open_text(name, path) as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.strip() and not line.lstrip().startswith("#"):
                yield line.split("\t")


def iter_jsonl(name: str, path: Path | None = None) -> Iterator[dict[str, Any]]:
    """Yield the JSON object of each non-blank line."""
    with open_text(name, path) as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)
