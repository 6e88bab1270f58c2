"""The French catalog of interface strings is complete, current and compiled."""

from __future__ import annotations

import subprocess
import sys
from io import BytesIO
from pathlib import Path
from typing import Any

from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from .conftest import PO, ROOT, TRANSLATIONS, catalog

PYBABEL = Path(sys.executable).with_name("pybabel")


def test_every_french_message_is_translated_and_none_is_fuzzy() -> None:
    cat = catalog()
    # A plural message (ngettext) has a text per plural form: every one must be filled.
    empty = [m.id for m in cat if m.id and (not m.string or not all(m.string))]
    fuzzy = [m.id for m in cat if m.id and m.fuzzy]
    assert not empty, f"{len(empty)} French message(s) without a translation in {PO}: {empty}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy French message(s) in {PO}: {fuzzy}"
    assert not cat.fuzzy, "the catalog header is marked fuzzy"


def test_placeholders_are_kept_in_french() -> None:
    problems = [(m.id, errors) for m, errors in catalog().check() if errors]
    assert not problems, problems


def test_every_interface_string_of_the_source_is_in_the_catalog(tmp_path: Path) -> None:
    """Extract as `scripts/i18n.sh update` does: a string wrapped in _() but never merged
    into messages.po would show in English on a French page."""
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            str(PYBABEL),
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "--ignore-dirs=.* __pycache__ .venv build tests bench docs examples dev",
            "-o",
            str(pot),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as handle:
        template = read_po(handle)
    known = {m.id for m in catalog()}
    missing = sorted(str(m.id) for m in template if m.id and m.id not in known)
    assert not missing, f"run scripts/i18n.sh update and translate: {missing}"
    sources = {loc[0] for m in template for loc in m.locations}
    assert not [s for s in sources if s.startswith("templates/report/")], (
        "the PDF report's words belong in src/actcheck/services/report/messages.py"
    )


def _hashable(value: Any) -> Any:
    """A message id or text; plural ones (ngettext) are read as lists."""
    return tuple(value) if isinstance(value, list | tuple) else value


def test_the_compiled_catalog_is_the_current_po() -> None:
    """The .mo is committed and shipped: it must say what the .po says."""
    mo = PO.with_suffix(".mo")
    assert mo.is_file(), "run scripts/i18n.sh compile"
    with mo.open("rb") as handle:
        compiled = {_hashable(m.id): _hashable(m.string) for m in read_mo(handle) if m.id}
    buffer = BytesIO()
    write_mo(buffer, catalog())
    buffer.seek(0)
    expected = {_hashable(m.id): _hashable(m.string) for m in read_mo(buffer) if m.id}
    assert compiled == expected, "messages.mo is out of date: run scripts/i18n.sh compile"


def test_every_catalog_folder_has_a_compiled_catalog() -> None:
    for po in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"):
        assert po.with_suffix(".mo").is_file(), f"{po}: run scripts/i18n.sh compile"
