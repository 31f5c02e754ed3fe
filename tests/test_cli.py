"""cli.py: the commands end to end on the project's own samples and on bad input."""

from __future__ import annotations

import json

import duckdb
import pytest
from click.testing import CliRunner

from eventwire.cli import cli
from tests.conftest import SAMPLES


@pytest.fixture
def runner():
    return CliRunner()


def test_cli_extract_writes_one_json_object_per_article(runner):
    result = runner.invoke(cli, ["extract", str(SAMPLES / "protest.txt"), "--published", "2024-05-08"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert len(lines) == 1 and lines[0]["published"] == "2024-05-08"
    assert "articles read: 1; skipped: 0" in result.stderr


def test_cli_extract_table_format(runner):
    result = runner.invoke(cli, ["extract", str(SAMPLES / "talks.txt"), "--format", "table"])
    assert result.exit_code == 0
    assert result.stdout.startswith("# ") and "TYPE" in result.stdout


def test_cli_extract_folder_and_jsonl(runner):
    result = runner.invoke(cli, ["extract", str(SAMPLES)])
    assert result.exit_code == 0
    ids = [json.loads(x)["id"] for x in result.stdout.splitlines()]
    assert "sample-flood" in ids and len(ids) == len(set(ids)) >= 5


def test_cli_bad_published_is_a_usage_error(runner):
    result = runner.invoke(cli, ["extract", str(SAMPLES / "talks.txt"), "--published", "next tuesday"])
    assert result.exit_code == 2
    assert "--published" in result.stderr and "not an ISO date" in result.stderr


def test_cli_missing_path_is_one_line_error(runner):
    result = runner.invoke(cli, ["extract", "does/not/exist.txt"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "Error: no such file or folder: does/not/exist.txt"


def test_cli_bad_records_are_counted_and_the_rest_processed(runner, tmp_path):
    (tmp_path / "good.txt").write_text("Police arrested four men in Tarvik on Sunday.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Le ministre a déclaré".encode("latin-1"))
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00")
    (tmp_path / "batch.jsonl").write_text(
        '{"text": "Troops moved to the border.", "id": "j1"}\n'
        "{not json}\n"
        '{"title": "no text here"}\n'
        '["a list"]\n'
        '{"text": "Ministers met.", "published": "31/31/2020"}\n'
        '{"text": "Ministers met again.", "id": "j2", "published": "2020-02-02"}\n',
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["extract", str(tmp_path)])
    assert result.exit_code == 1
    ids = [json.loads(x).get("id") for x in result.stdout.splitlines()]
    assert {"j1", "j2"} <= set(ids)
    summary = result.stderr.strip().splitlines()[-1]
    assert "articles read: 10" in summary and "skipped: 7" in summary
    for reason in ("bad_json: 2", "bad_date: 1", "empty_text: 1", "missing_text: 1", "not_utf8: 2"):
        assert reason in summary


def test_cli_ingest_is_idempotent_and_query_filters(runner, tmp_path):
    db = str(tmp_path / "ew.duckdb")
    first = runner.invoke(cli, ["ingest", str(SAMPLES), "--db", db, "--published", "2024-05-08"])
    assert first.exit_code == 0, first.output
    again = runner.invoke(cli, ["ingest", str(SAMPLES), "--db", db, "--published", "2024-05-08"])
    assert "stored: 0" in again.stderr
    con = duckdb.connect(db, read_only=True)
    n_articles, n_events = con.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)").fetchone()
    assert n_articles == len(list(SAMPLES.glob("*.txt"))) + 2
    con.close()
    out = runner.invoke(cli, ["query", "--db", db, "--format", "jsonl"])
    assert out.exit_code == 0
    assert len(out.stdout.splitlines()) == n_events
    none = runner.invoke(cli, ["query", "--db", db, "--type", "NOSUCHTYPE", "--format", "csv"])
    assert none.stdout.splitlines() and len(none.stdout.splitlines()) == 1  # header only


def test_cli_export_formats(runner, tiny_db, tmp_path):
    for fmt in ("jsonl", "csv", "parquet"):
        out = tmp_path / f"events.{fmt}"
        result = runner.invoke(cli, ["export", "--db", str(tiny_db), "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.exists()


def test_cli_help_lists_every_command(runner):
    result = runner.invoke(cli, ["--help"])
    for command in ("extract", "ingest", "query", "export", "eval"):
        assert command in result.stdout
