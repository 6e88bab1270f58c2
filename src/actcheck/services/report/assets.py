"""Where the report's own files are: the package's static folder (fonts, print assets) and
the report templates, installed or in a checkout.

This module sits in `actcheck/services/report/`, so `PACKAGE_DIR` (`actcheck/`) is three
folders up from it.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent.parent
STATIC_DIR = PACKAGE_DIR / "static"
#: File types the PDF may load from the package: fonts and print assets, nothing else.
ASSET_SUFFIXES = frozenset({".otf", ".ttf", ".woff", ".woff2", ".css", ".svg", ".png"})


def report_templates_dir() -> Path:
    """`templates/` as shipped: inside the installed package, else at the checkout's root."""
    shipped = PACKAGE_DIR / "data" / "templates"
    if shipped.is_dir():
        return shipped
    return PACKAGE_DIR.parent.parent / "templates"
