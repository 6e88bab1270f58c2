"""The JSON API under /api/v1: stateless assessment and report, the questionnaire as data,
and read access to one's own assessments with a personal API token."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the API: its blueprint, CSRF-exempt (it reads no cookie, only bearer tokens,
    and accepts no body a cross-site form could send)."""
    from actcheck.web.api.views import bp
    from actcheck.web.extensions import csrf

    app.register_blueprint(bp)
    csrf.exempt(bp)
