"""actcheck: an EU AI Act compliance checklist assistant."""

from __future__ import annotations

from actcheck.version import __version__

TYPE_CHECKING = False  # as typing's, read by mypy: typing is not imported at run time
if TYPE_CHECKING:
    from typing import Any

    from flask import Flask

__all__ = ["__version__", "create_app"]


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    """Build the web application (imported lazily: the CLI must not pay for Flask)."""
    from actcheck.web.app import create_app as _create_app

    return _create_app(overrides)
