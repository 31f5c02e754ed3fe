"""Shared fixtures: the session spaCy pipeline, hand-built Docs, the team's sample articles, a tiny store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
TEST_DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    """The shared spaCy pipeline (loaded once for the whole run)."""
    from eventwire.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def parse(nlp):
    """Parse a text with the shared pipeline."""
    return nlp


@pytest.fixture
def make_doc():
    """Build a parsed Doc by hand (no model): words, heads (absolute indices), deps, pos, ents as (start, end, label)."""
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

    vocab = Vocab()

    def build(words, *, heads=None, deps=None, pos=None, tags=None, lemmas=None, ents=(), spaces=None):
        doc = Doc(vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)
        doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
        return doc

    return build


@pytest.fixture(scope="session")
def extract_text():
    """Run the whole pipeline over a text published on a fixed date (2024-05-08, a Wednesday)."""
    import eventwire

    def run(text: str, published: str | dt.date | None = "2024-05-08", **kwargs):
        return eventwire.extract(text, published=published, **kwargs)

    return run


@pytest.fixture(scope="session")
def sample_docs():
    """The project's own sample articles (samples/), extracted once."""
    import eventwire
    from eventwire.ingest.read import read_paths

    return [d for d in eventwire.pipe(read_paths([SAMPLES], published=dt.date(2024, 5, 8)))]


@pytest.fixture
def tiny_db(tmp_path, sample_docs):
    """A DuckDB store holding the sample articles."""
    from eventwire.document import Document
    from eventwire.sinks.duckdb import ingest

    path = tmp_path / "tiny.duckdb"
    ingest([d for d in sample_docs if isinstance(d, Document)], path)
    return path


def needs_shared(*parts: str) -> Path:
    """Return a path under ../shared, skipping the test when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


@pytest.fixture
def tiny_gazetteer(tmp_path):
    """A gazetteer of a few invented places (in two real country codes), built in a temp dir in milliseconds."""
    from eventwire.geo.build import PlaceRecord, write_gazetteer
    from eventwire.geo.store import Gazetteer

    records = [
        PlaceRecord("Sylvania", "DE", 50.0, 10.0, "country", 5_000_000, 901, names={"Sylvanian Republic"}),
        PlaceRecord("Marovia", "PL", 52.0, 20.0, "country", 3_000_000, 902),
        PlaceRecord("Glenmoor", "DE", 51.0, 9.0, "admin1", 1_000_000, 903, admin1="Glenmoor", names={"Glm."}),
        PlaceRecord("Eastmarch", "PL", 52.0, 22.0, "admin1", 800_000, 904, admin1="Eastmarch"),
        PlaceRecord("Harrowgate", "DE", 51.1, 9.1, "city", 50_000, 905, admin1="Glenmoor"),
        PlaceRecord("Harrowgate", "PL", 52.1, 22.1, "city", 200_000, 906, admin1="Eastmarch"),
        PlaceRecord("Kellby", "DE", 51.2, 9.3, "city", 20_000, 907, admin1="Glenmoor", names={"Kéllby-on-Sea"}),
        PlaceRecord("Fort Rellin", "DE", 51.3, 9.2, "base", 3_000, 908, admin1="Glenmoor"),
        PlaceRecord("Dunmore County", "DE", 51.0, 9.5, "admin2", 60_000, admin1="Glenmoor", admin2="Dunmore County"),
        PlaceRecord("Grey Coast", None, 55.0, 5.0, "region", 1_000_000),
    ]
    return Gazetteer(write_gazetteer(records, tmp_path / "tiny.sqlite"))
