"""A plain (non-editable) install carries the rule files, their schemas and the templates
inside the package."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_wheel_ships_rules_and_templates_and_loads_them(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("actcheck-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "actcheck/data/rules/ruleset.yaml" in names
    assert any(n.startswith("actcheck/data/rules/questions/") for n in names)
    assert "actcheck/data/templates/base.html" in names
    assert "actcheck/schemas/result-v1.json" in names
    # The rule files' schemas: the loader checks a rule set read from YAML against them.
    assert "actcheck/rules/schemas/common.schema.json" in names
    assert "actcheck/rules/schemas/questions.schema.json" in names

    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "import actcheck; from actcheck.rules.loading import default_rules_dir, load_ruleset;"
        "d = default_rules_dir(); r = load_ruleset();"
        "print(actcheck.__file__); print(d); print(len(r.questions))"
    )
    # PYTHONPATH puts the unpacked wheel before the editable install of the checkout.
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": str(site), "ACTCHECK_CACHE_DIR": str(tmp_path / "cache")},
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    package, folder, count = out.stdout.split()
    assert Path(package) == site / "actcheck/__init__.py"
    assert Path(folder) == site / "actcheck/data/rules"
    assert count == "56"
