"""`python -m actcheck.web`: migrate the database and serve the app on this machine.

For development and trying actcheck out; production runs `wsgi:app` under gunicorn after
`flask --app actcheck db upgrade`.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from actcheck.config import ConfigError
from actcheck.version import __version__


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m actcheck.web", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5000)
    args = parser.parse_args(argv)
    # A local run is development unless told otherwise: a secret is generated and kept in
    # the instance folder, and the session cookie may travel over plain http.
    os.environ.setdefault("ACTCHECK_ENV", "development")

    from actcheck.database import current_revision, upgrade
    from actcheck.web.app import create_app
    from actcheck.web.db import database

    overrides = {}
    if (
        os.environ["ACTCHECK_ENV"] == "development"
        and "ACTCHECK_SESSION_COOKIE_SECURE" not in os.environ
    ):
        # Browsers other than Chromium and Firefox drop Secure cookies on http://127.0.0.1.
        overrides["SESSION_COOKIE_SECURE"] = False
    try:
        app = create_app(overrides)
    except ConfigError as exc:
        print(f"actcheck: {exc}", file=sys.stderr)
        return 2
    # Alembic narrates every step at INFO: the one line below says where the database is.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    with app.app_context():
        engine = database().engine
        upgrade(engine)
        revision = current_revision(engine)
    rules = app.extensions["actcheck.ruleset"]
    worker = ""
    if app.config["QUEUE_WORKER"] == "embedded":
        from actcheck.web.report.queue import start_embedded

        if start_embedded(app) is not None:
            worker = ", reports rendered in the background by this process"
    url = engine.url.render_as_string(hide_password=True)
    print(
        f"actcheck {__version__} ({app.config['ENV']}): rule set {rules.version}, "
        f"database {url} (revision {revision}){worker}\n"
        f"Open http://{args.host}:{args.port}/ in your browser. Press Ctrl+C to stop.",
        flush=True,
    )
    app.run(host=args.host, port=args.port, debug=False, use_reloader=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
