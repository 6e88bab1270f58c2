"""Personal API tokens: the page where a founder creates and revokes them, and the operators'
`flask --app actcheck tokens` command."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from actcheck.web.tokens.commands import tokens_cli
    from actcheck.web.tokens.views import bp

    app.register_blueprint(bp)
    app.cli.add_command(tokens_cli)
