"""Static checks as tests: ruff (lint and format), mypy --strict on the whole package, and
the import contracts of docs/architecture.md (import-linter).

They run the tools of this interpreter's environment, from the project root so that the
configuration in pyproject.toml applies (mypy's `files`, strictness and overrides; ruff's
rules). A finding fails the test with the tool's output.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: What ruff checks and formats; the same list as the brief for contributors.
RUFF_PATHS = ["src", "tests", "bench", "scripts"]


def ruff() -> list[str]:
    """`python -m ruff` when the ruff package is importable, else the ruff next to Python."""
    if importlib.util.find_spec("ruff") is not None:
        return [sys.executable, "-m", "ruff"]
    return [str(Path(sys.executable).with_name("ruff"))]


def run(command: list[str]) -> None:
    result = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    if result.returncode != 0:
        pytest.fail(
            f"{' '.join(command)} exited with {result.returncode}:\n{result.stdout}{result.stderr}",
            pytrace=False,
        )


def test_ruff_check() -> None:
    run([*ruff(), "check", *RUFF_PATHS])


def test_ruff_format() -> None:
    run([*ruff(), "format", "--check", *RUFF_PATHS])


def test_mypy() -> None:
    """`[tool.mypy]` in pyproject.toml: strict, files = src/actcheck (cache in .mypy_cache)."""
    run([sys.executable, "-m", "mypy"])


def test_import_contracts() -> None:
    """`[tool.importlinter]` in pyproject.toml: the layers of docs/architecture.md, the pure
    rules, and no view importing another view."""
    run([str(Path(sys.executable).with_name("lint-imports")), "--no-cache"])
