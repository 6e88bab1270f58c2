"""A plain (non-editable) install serves the web app: templates, static files and
migrations travel inside the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CODE = """
import actcheck, pathlib, sys
assert pathlib.Path(actcheck.__file__).is_relative_to(sys.argv[1]), actcheck.__file__
from actcheck import create_app
from actcheck.database import upgrade
from actcheck.web.db import database
app = create_app({"ENV": "testing", "SECRET_KEY": "x" * 40, "INSTANCE_PATH": sys.argv[2]})
with app.app_context():
    upgrade(database().engine)
client = app.test_client()
home = client.get("/")
css = client.get("/static/actcheck.css")
print(home.status_code, css.status_code, "Start a new assessment" in home.text)
"""


def test_the_wheel_serves_the_web_app(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("actcheck-*.whl")
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACTCHECK_")}
    env["PYTHONPATH"] = str(site)
    out = subprocess.run(
        [sys.executable, "-c", CODE, str(site), str(tmp_path / "instance")],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["200", "200", "True"]
