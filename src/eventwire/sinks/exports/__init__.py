"""Export layouts (GDELT, POLECAT, ACLED, JSONL, plain tables) over the DuckDB store.

``export(con, out, layout=..., fmt=...)`` writes one layout with DuckDB ``COPY`` (csv, tsv,
parquet, json array, json lines). The dataset layouts have one row per canonical event of the
linking tables (``sinks.linking``); in a store never linked, each event counts as its own.
Column lists are the module-level constants ``GDELT_EVENT_COLUMNS``, ``GDELT_MENTION_COLUMNS``,
``POLECAT_COLUMNS``, ``ACLED_COLUMNS`` and ``JSONL_COLUMNS``; docs/exports.md documents each column.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from ..rows import TABLES
from . import acled, gdelt, jsonl, polecat
from .acled import ACLED_COLUMNS
from .common import FORMATS, copy, register
from .gdelt import GDELT_EVENT_COLUMNS, GDELT_MENTION_COLUMNS
from .jsonl import JSONL_COLUMNS
from .polecat import POLECAT_COLUMNS

LAYOUTS = ("table", "gdelt", "gdelt-mentions", "polecat", "acled", "jsonl")
COLUMNS = {
    "gdelt": GDELT_EVENT_COLUMNS, "gdelt-mentions": GDELT_MENTION_COLUMNS, "polecat": POLECAT_COLUMNS,
    "acled": ACLED_COLUMNS, "jsonl": JSONL_COLUMNS,
}  # fmt: skip
DEFAULT_FORMAT = {"table": "jsonl", "jsonl": "jsonl"}  # the dataset layouts default to csv


def layout_sql(con: duckdb.DuckDBPyConnection, layout: str, table: str = "events") -> str:
    """Return the SELECT of ``layout`` after registering the lookup tables it needs on ``con``."""
    if layout == "table":
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}; choose from {', '.join(TABLES)}")
        return f"SELECT * FROM {table}"
    if layout == "gdelt":
        register(con, gdelt.LOOKUPS)
        return gdelt.events_sql(con)
    if layout == "gdelt-mentions":
        return gdelt.mentions_sql_gdelt(con)
    if layout == "polecat":
        from importlib.metadata import PackageNotFoundError, version

        register(con, polecat.LOOKUPS)
        try:
            ver = "eventwire " + version("eventwire")
        except PackageNotFoundError:  # running from a source tree
            ver = "eventwire"
        return polecat.events_sql(con, ver)
    if layout == "acled":
        register(con, ("_ew_countries",))
        con.register("_ew_acled_types", acled.acled_types())
        return acled.events_sql(con)
    if layout == "jsonl":
        return jsonl.events_sql(con)
    raise ValueError(f"unknown layout {layout!r}; choose from {', '.join(LAYOUTS)}")


def export(
    con: duckdb.DuckDBPyConnection, out: str | Path, *, layout: str = "table", fmt: str | None = None,
    table: str = "events",
) -> int:  # fmt: skip
    """Write ``layout`` (``table``: the store table ``table`` as it is) to ``out``; return the row count.

    ``fmt`` defaults to jsonl for the table and jsonl layouts and to csv for the dataset layouts.
    """
    fmt = fmt or DEFAULT_FORMAT.get(layout, "csv")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    return copy(con, layout_sql(con, layout, table), out, fmt)


__all__ = [
    "ACLED_COLUMNS", "COLUMNS", "FORMATS", "GDELT_EVENT_COLUMNS", "GDELT_MENTION_COLUMNS", "JSONL_COLUMNS",
    "LAYOUTS", "POLECAT_COLUMNS", "export", "layout_sql",
]  # fmt: skip
