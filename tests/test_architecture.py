"""Project conventions that keep the pipeline simple to see: one-way imports, documented settings, data files used."""

from __future__ import annotations

import ast
import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import pytest

import eventwire
from eventwire.resources import data_files
from eventwire.settings import Settings, settings_help

PACKAGE = Path(eventwire.__file__).parent
# Rank of each top-level module or subpackage: a module may import only from its own rank or lower.
RANKS = {
    "__init__": 9, "document": 0, "errors": 0, "settings": 0, "resources": 0, "nlp": 0, "ruler": 0, "lemmas": 0, "geo": 0,
    "ingest": 1, "extract": 2, "api": 3, "spacy_ext": 3, "sinks": 4, "eval": 5, "runner": 5, "web": 5, "cli": 6,
}  # fmt: skip


def _top(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0].removesuffix(".py")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rel_parts = path.relative_to(PACKAGE).parts[:-1]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(rel_parts[: len(rel_parts) - (node.level - 1)]) if node.level > 1 else list(rel_parts)
                parts = base + (node.module.split(".") if node.module else [])
                if parts:
                    found.add(parts[0])
                else:
                    found.update(a.name for a in node.names)
            elif node.module and node.module.startswith("eventwire."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("eventwire."))
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_architecture_imports_flow_one_way(path):
    top = _top(path)
    assert top in RANKS, f"new top-level module {top}: give it a rank in this test"
    for imported in _imports(path):
        if imported in RANKS and imported != top:
            assert RANKS[imported] <= RANKS[top], f"{top} must not import {imported} (later stage)"


def test_architecture_modules_stay_small():
    big = [(str(p.relative_to(PACKAGE)), n) for p in MODULES if (n := len(p.read_text().splitlines())) > 600]
    assert not big, f"split these modules: {big}"


def test_settings_every_field_documented():
    helps = settings_help()
    assert [f.name for f in dataclasses.fields(Settings)] == list(helps)
    assert all(len(text) > 10 for text in helps.values())


def test_resources_every_data_file_is_referenced():
    sources = "\n".join(p.read_text(encoding="utf-8") for p in MODULES)
    unused = []
    for name in data_files():
        stem = Path(name).name
        for suffix in (".gz", ".tsv", ".jsonl", ".json", ".txt", ".csv"):
            stem = stem.removesuffix(suffix)
        if stem not in sources:
            unused.append(name)
    assert not unused, f"data files nothing references: {unused}"


def test_import_is_fast_and_loads_no_model():
    code = "import sys, eventwire, eventwire.cli; print('spacy' in sys.modules, 'duckdb' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]


SEED_NAMES = re.compile(r"\b(Kirby|Psaki|Macron|Lloyd Austin|Milley|Walters|Poissy|Fort Stewart|Bragg)\b")


def test_no_rule_names_the_seed_article():
    offenders = []
    for path in PACKAGE.rglob("*"):
        if path.is_file() and path.suffix in {".py", ".tsv", ".jsonl", ".json", ".txt", ".csv"} and path.stat().st_size < 5_000_000:
            if "gazetteer" in path.name:
                continue
            if SEED_NAMES.search(path.read_text(encoding="utf-8", errors="ignore")):
                offenders.append(str(path.relative_to(PACKAGE)))
    assert not offenders, f"seed names in rules or lexicons: {offenders}"
