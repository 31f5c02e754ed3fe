"""README.md: the CLI reference is generated from --help and must match the commands."""

from __future__ import annotations

import runpy

from tests.conftest import ROOT


def test_readme_cli_reference_is_current():
    module = runpy.run_path(str(ROOT / "scripts" / "cli_reference.py"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert module["START"] in readme, "README lacks the CLI reference markers"
    assert module["render"](readme) == readme, "README CLI reference is stale: run python scripts/cli_reference.py"


def test_readme_names_two_setup_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -e '.[test]' && python -m pytest -q" in readme
    assert "pip install -e '.[test]' && python -m pytest -q" in ci
