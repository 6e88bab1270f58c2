"""The domain core stays pure: no web, database or template imports.

The imports written in the core are checked by the import contracts (tests/test_static.py,
`[tool.importlinter]`); this checks what the command line actually loads when it runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
