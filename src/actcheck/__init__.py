"""actcheck: an EU AI Act compliance checklist assistant."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask

from actcheck.version import __version__

__all__ = ["__version__", "create_app"]


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    """Build the web application (imported lazily: the CLI must not pay for Flask)."""
    from actcheck.web.app import create_app as _create_app

    return _create_app(overrides)
