"""Package data (lexicons, gazetteers, patterns) read lazily through importlib.resources and cached.

Every loader is a ``@cached`` function: nothing is read at import, and ``reset_caches()`` empties them all.
Data files live in ``eventwire/data/`` as TSV or JSONL (optionally ``.gz``).
"""

from __future__ import annotations

import functools
import gzip
import io
import json
import re
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

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


# --- actors: countries, named actors, agent nouns (extract/actors.py) ---------------------------------------

SECTOR_CODE = re.compile(r"\[~?([A-Z]{3})[^\]]*\]")


class CountryRow(NamedTuple):
    """One row of ``countries.tsv``: names, aliases, demonyms (adjectives and people nouns), capital."""

    iso3: str
    iso2: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str


class ActorRow(NamedTuple):
    """A named actor (organisation, IGO, metonym): the pattern as written and what it resolves to."""

    pattern: str
    name: str
    country: str | None
    sector: str | None
    igo: str | None


class AgentRow(NamedTuple):
    """An agent noun (lowercase phrase) and its PLOVER sector; ``kind`` is title, group, org or portfolio."""

    phrase: str
    sector: str | None
    kind: str


@cached
def countries() -> tuple[CountryRow, ...]:
    """Return the country table (``countries.tsv``)."""
    rows = []
    for f in iter_tsv("countries.tsv"):
        f += [""] * (6 - len(f))
        split = lambda s: tuple(x for x in s.split("|") if x)  # noqa: E731
        rows.append(CountryRow(f[0], f[1], f[2], split(f[3]), split(f[4]), f[5]))
    return tuple(rows)


def _actor_row(fields: list[str]) -> ActorRow:
    fields = [x.strip() for x in fields] + [""] * (5 - len(fields))
    return ActorRow(fields[0], fields[1] or fields[0], fields[2] or None, fields[3] or None, fields[4] or None)


def is_plover_agents(path: Path) -> bool:
    """Return True when ``path`` looks like a PETRARCH/NGEC agents dictionary (``PHRASE [~SEC]`` lines)."""
    with open_text("", Path(path)) as fh:
        for line in fh:
            line = line.split("#", 1)[0].strip()
            if line:
                if "\t" in line:
                    return False
                if SECTOR_CODE.search(line):
                    return True
    return False


def read_plover_agents(path: Path) -> list[AgentRow]:
    """Read a PLOVER_agents.txt-style file: ``A_B {PLURAL} [~GOVMIL]``, ``!SET! = X, Y`` substitutions.

    The sector is the first three-letter code in brackets; underscores are spaces.
    """
    sets: dict[str, list[str]] = {}
    rows: list[AgentRow] = []
    with open_text("", Path(path)) as fh:
        for raw in fh:
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            if line.startswith("!") and "=" in line:
                name, values = line.split("=", 1)
                sets[name.strip()] = [v.strip() for v in values.split(",") if v.strip()]
                continue
            code = SECTOR_CODE.search(line)
            if not code:
                continue
            head = line[: code.start()]
            phrases = re.sub(r"[{}]", " ", head).split()
            for phrase in phrases:
                variants = [phrase]
                for name, values in sets.items():
                    if name in phrase:
                        variants = [v.replace(name, value) for v in variants for value in values]
                for v in variants:
                    text = v.replace("_", " ").strip().lower()
                    if text:
                        rows.append(AgentRow(text, code.group(1), "group"))
    return rows


def read_user_actors(path: Path) -> tuple[list[ActorRow], list[AgentRow]]:
    """Read a user actor dictionary: the five-column TSV (pattern, name, country, sector, igo) or PLOVER_agents.txt.

    A TSV row with only a pattern and a sector is an agent noun ("border police" -> COP), not a named actor.
    """
    if is_plover_agents(path):
        return [], read_plover_agents(path)
    named: list[ActorRow] = []
    agents: list[AgentRow] = []
    for fields in iter_tsv("", Path(path)):
        row = _actor_row(fields)
        if not row.pattern:
            continue
        if row.country is None and row.igo is None and (len(fields) < 2 or not fields[1].strip()):
            agents.append(AgentRow(row.pattern.lower(), row.sector, "group"))
        else:
            named.append(row)
    return named, agents


@cached
def actor_rows(user_file: str | None = None) -> tuple[ActorRow, ...]:
    """Return the named actors (``actors/actors.tsv``), then the user's, which win on the same pattern."""
    rows = [_actor_row(f) for f in iter_tsv("actors/actors.tsv")]
    if user_file:
        rows += read_user_actors(Path(user_file))[0]
    return tuple(rows)


@cached
def agent_rows(user_file: str | None = None) -> tuple[AgentRow, ...]:
    """Return the agent nouns (``actors/agents.tsv``), then the user's, which win on the same phrase."""
    rows = []
    for f in iter_tsv("actors/agents.tsv"):
        f += [""] * (3 - len(f))
        rows.append(AgentRow(f[0].strip().lower(), f[1].strip() or None, f[2].strip() or "group"))
    if user_file:
        rows += read_user_actors(Path(user_file))[1]
    return tuple(rows)
