"""A plain install ships the French interface: the compiled catalog is in the wheel, and an
app built from the unpacked wheel speaks French."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import ROOT

MO = "actcheck/translations/fr/LC_MESSAGES/messages.mo"


def test_the_wheel_ships_the_french_catalog(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("actcheck-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert MO in names
    assert MO.replace(".mo", ".po") in names

    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "from babel.support import Translations; import actcheck, pathlib;"
        "d = pathlib.Path(actcheck.__file__).parent / 'translations';"
        "print(Translations.load(str(d), ['fr']).gettext('Save and continue'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert out.stdout.strip() == "Enregistrer et continuer"
