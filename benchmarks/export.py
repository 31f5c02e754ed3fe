"""Benchmark the exports: N generated events (default 1 million) -> every layout, seconds each.

The store is filled by SQL (``range``, deterministic arithmetic on the row number; no NLP), with
linking tables grouping the same-position events of three consecutive articles into one canonical
event, then each layout is written
with ``sinks.exports.export`` as a user's ``eventwire export`` would. The GDELT file is read back
with pandas to check its 61 column names. Target: each export under 60 s for 1 million events.
Wall and CPU seconds (all DuckDB threads) are both printed: on a busy machine the CPU time is the
steadier figure.

    python benchmarks/export.py [--events 1000000] [--formats csv,parquet] [--layouts gdelt,acled]
                                [--unlinked] [--dir /tmp/ew-export]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from eventwire.document import PLOVER_TYPES
from eventwire.sinks.duckdb import connect
from eventwire.sinks.exports import GDELT_EVENT_COLUMNS, LAYOUTS, export
from eventwire.sinks.linking import ensure_schema
from eventwire.sinks.rows import SCHEMAS

COUNTRIES = ("POL", "DEU", "FRA", "UKR", "KEN", "PER", "NOR", "VNM", "CHL", "GHA", "CAN", "EGY", "NPL", "MEX")
SECTORS = ("GOV", "MIL", "COP", "REB", "CVL", "OPP")
MODES = ("aerial", "firearms", "troops", "riot", "arrest", None)
GRANULARITIES = ("day", "day", "day", "month", "reported", "week")


def _pick(values: tuple, expr: str) -> str:
    items = ", ".join("NULL" if v is None else f"'{v}'" for v in values)
    return f"[{items}][({expr}) % {len(values)} + 1]"


def fill(con, n_events: int, *, linked: bool = True) -> None:
    """Insert ``n_events`` events (3 per article), their articles and (when ``linked``) linking tables."""
    n_articles = -(-n_events // 3)
    con.execute(f"""
        INSERT INTO articles SELECT 'a' || i, 'Title ' || i, 'https://site' || (i % 997) || '.example/' || i,
            DATE '2023-01-01' + CAST(i % 700 AS INTEGER), 'en', repeat('word ', 40 + i % 50), 3, 0, 0, '{{}}', [], '{{}}'
        FROM range({n_articles}) t(i)
    """)
    ev = {
        "event_id": "'a' || (i // 3) || ':' || (i % 3)", "article_id": "'a' || (i // 3)", "idx": "i % 3",
        "type": _pick(PLOVER_TYPES, "i * 7"), "mode": _pick(MODES, "i * 5"), "flags": "[]::VARCHAR[]",
        "contexts": "['military']", "negated": "i % 41 = 0", "hypothetical": "false", "future": "false",
        "cameo": "CASE WHEN i % 4 = 0 THEN NULL ELSE lpad(CAST(1 + i % 20 AS VARCHAR), 2, '0') || '0' END",
        "quad_class": "1 + i % 4", "intensity": "(i % 21) - 10.0", "confidence": "0.5 + (i % 50) / 100",
        "trigger_text": "'struck'", "trigger_start": "20", "trigger_end": "26", "sentence_start": "(i % 3) * 90",
        "sentence_end": "(i % 3) * 90 + 80", "sentence": "'Forces of one side struck a depot near the river town.'",
        "actor_text": "'forces'", "actor_name": "'Forces ' || (i % 113)", "actor_country": _pick(COUNTRIES, "i"),
        "actor_sector": _pick(SECTORS, "i * 3"), "recipient_text": "'depot'",
        "recipient_name": "'Unit ' || (i % 71)", "recipient_country": _pick(COUNTRIES, "i * 11 + 1"),
        "recipient_sector": _pick(SECTORS, "i * 13"),
        "actors": "'[{\"text\":\"forces\",\"start\":0,\"end\":6,\"country\":\"POL\",\"sector\":\"MIL\"}]'",
        "recipients": "'[{\"text\":\"depot\",\"start\":30,\"end\":35}]'", "date_text": "'on Monday'",
        "date_value": "CAST(DATE '2023-01-01' + CAST((i // 3) % 700 AS INTEGER) AS VARCHAR)",
        "date_granularity": _pick(GRANULARITIES, "i"),
        "event_date": "DATE '2023-01-01' + CAST((i // 3) % 700 AS INTEGER)",
        "location_text": "'Town ' || (i % 500)", "location_name": "'Town ' || (i % 500)",
        "location_country": _pick(COUNTRIES, "i * 11 + 1"), "location_admin1": "'Province ' || (i % 30)",
        "lat": "-60 + (i % 1200) / 10.0", "lon": "-170 + (i % 3400) / 10.0", "geonameid": "9000000 + i % 500",
        "location_feature": "'city'", "size_min": "CASE WHEN i % 9 = 0 THEN i % 40 END", "size_unit": "'dead'",
        "published": "DATE '2023-01-01' + CAST((i // 3) % 700 AS INTEGER)",
        "url": "'https://site' || ((i // 3) % 997) || '.example/' || (i // 3)", "title": "'Title ' || (i // 3)",
    }  # fmt: skip
    cols = ", ".join(ev.get(f.name, "NULL") for f in SCHEMAS["events"])
    con.execute(f"INSERT INTO events SELECT {cols} FROM range({n_events}) t(i)")
    if not linked:
        return
    ensure_schema(con)
    con.execute("""
        INSERT INTO event_links SELECT event_id, 'a' || (n - n % 3) || ':' || idx, article_id, article_id, n % 3 = 0
        FROM (SELECT *, CAST(substr(article_id, 2) AS BIGINT) AS n FROM events)
    """)
    con.execute("""
        INSERT INTO canonical_events SELECT l.canonical_id, ('0x' || substr(md5(l.canonical_id), 1, 15))::BIGINT,
            any_value(e.type), l.canonical_id, l.canonical_id, min(e.event_date), 'day', count(*),
            count(DISTINCT l.article_id), count(DISTINCT l.source), min(e.published), max(e.published), true
        FROM event_links l JOIN events e USING (event_id) GROUP BY l.canonical_id
    """)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--formats", default="csv,parquet")
    parser.add_argument("--layouts", default=",".join(LAYOUTS))
    parser.add_argument("--unlinked", action="store_true", help="No linking tables: every event its own row.")
    parser.add_argument("--dir", type=Path, default=None, help="Work folder (default: a temporary one).")
    args = parser.parse_args()
    work = args.dir or Path(tempfile.mkdtemp(prefix="ew-export-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "bench.duckdb"
    db.unlink(missing_ok=True)
    started = time.perf_counter()
    con = connect(db)
    fill(con, args.events, linked=not args.unlinked)
    con.close()
    print(f"store: {args.events:,} events generated in {time.perf_counter() - started:.1f} s ({db})")
    con = connect(db, read_only=True)
    if not args.unlinked:
        canon = con.execute("SELECT count(*) FROM canonical_events").fetchone()[0]
        print(f"canonical events: {canon:,}")
    print(f"{'layout':16} {'format':8} {'rows':>10} {'wall s':>8} {'CPU s':>8} {'MB':>8}")
    for layout in args.layouts.split(","):
        for fmt in args.formats.split(","):
            if layout == "jsonl" and fmt in ("csv", "tsv"):
                fmt = "jsonl"  # nested mentions: the layout's own format
            out = work / f"{layout}.{fmt}"
            t0, c0 = time.perf_counter(), time.process_time()
            rows = export(con, out, layout=layout, fmt=fmt)
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
            print(
                f"{layout:16} {fmt:8} {rows:>10,} {wall:8.2f} {cpu:8.2f} {out.stat().st_size / 1e6:8.1f}",
                flush=True,
            )
    gdelt_csv = work / "gdelt.csv"
    if gdelt_csv.exists():
        import pandas as pd

        header = list(pd.read_csv(gdelt_csv, nrows=5).columns)
        print(
            f"GDELT header read by pandas: {len(header)} columns, official order: {header == list(GDELT_EVENT_COLUMNS)}"
        )
    if args.dir is None:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
