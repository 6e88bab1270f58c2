"""The domain core stays pure: no web, database or template imports.

The imports written in the core are checked by the import contracts (tests/test_static.py,
`[tool.importlinter]`); this checks what the command line actually loads when it runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

CORE = Path(__file__).resolve().parents[2] / "src/actcheck/rules"
FORBIDDEN = ("flask", "sqlalchemy", "jinja2", "weasyprint", "werkzeug", "wtforms", "alembic")


def test_the_assess_command_path_loads_none_of_them() -> None:
    code = (
        "import sys, actcheck.cli, actcheck.rules, actcheck.rules.summary, actcheck.rules.cases;"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}];"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def _imported(args: list[str], env: dict[str, str]) -> set[str]:
    """Every module a whole `python -m actcheck ...` process imported, and the top-level
    package of each (from `-X importtime`, the interpreter's own account of every import)."""
    run = [sys.executable, "-X", "importtime", "-m", "actcheck", *args]
    proc = subprocess.run(run, env=env, capture_output=True, text=True, check=True)
    names = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines()}
    return {name for name in names if name} | {name.split(".")[0] for name in names if name}


#: What a quick command must not import: the web stack, the PDF, the rule files' schema
#: validators (a cached rule set passed them), click (the quick forms do without it) and
#: typing (only type checkers read the annotations).
NOT_FOR_QUICK_COMMANDS = {
    *FORBIDDEN,
    "jsonschema",
    "jsonschema_rs",
    "click",
    "typing",
    "pypdf",
    "actcheck.cli",
}


def test_the_quick_commands_import_only_what_they_need(tmp_path: Path) -> None:
    example = CORE.parents[2] / "examples/cv-screening.yaml"
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(yaml.safe_load(example.read_text())))
    env = {**os.environ, "ACTCHECK_CACHE_DIR": str(tmp_path / "cache")}
    cold = _imported(["assess", str(example), "--json"], env)
    assert "yaml" in cold  # the rule files were read: the cache was empty
    json_run = _imported(["assess", str(answers), "--json"], env)
    assert json_run & NOT_FOR_QUICK_COMMANDS == set()
    assert "yaml" not in json_run  # JSON answers never pay for PyYAML
    yaml_run = _imported(["assess", str(example), "--json", "--lang", "fr"], env)
    assert yaml_run & NOT_FOR_QUICK_COMMANDS == set()
    assert _imported(["questions", "--json"], env) & (NOT_FOR_QUICK_COMMANDS | {"yaml"}) == set()
    # Any other form goes to click, as before.
    assert "click" in _imported(["assess", str(example), "--as-of", "2026-11-28"], env)
