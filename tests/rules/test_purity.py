"""The domain core stays pure: no web, database or template imports."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "src/actcheck/rules"
FORBIDDEN = ("flask", "sqlalchemy", "jinja2", "weasyprint", "werkzeug", "wtforms", "alembic")


def test_no_module_of_the_core_imports_a_web_or_database_package() -> None:
    offenders = []
    for file in CORE.glob("*.py"):
        for node in ast.walk(ast.parse(file.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{file.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert offenders == []


def test_the_assess_command_path_loads_none_of_them() -> None:
    code = (
        "import sys, actcheck.cli, actcheck.rules, actcheck.rules.summary, actcheck.rules.cases;"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}];"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
