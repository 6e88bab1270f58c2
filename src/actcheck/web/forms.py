"""Forms shared by every area."""

from __future__ import annotations

from flask_wtf import FlaskForm


class ButtonForm(FlaskForm):
    """A form that is only a button (start, copy, delete): it carries the CSRF token."""
