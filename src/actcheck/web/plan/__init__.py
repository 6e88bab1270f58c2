"""The compliance plan's pages (issue 17): views.py holds the routes, `pages.py` what they
and the dashboard share, `follow.py` the reconciliation after every change of answers,
`init_app` the upload limit of the evidence route."""

from __future__ import annotations

from flask import Flask, request

from actcheck.services.plan.evidence import FILE_LIMIT

#: The evidence upload's body: one file at the limit, the form's fields and the envelope.
UPLOAD_LIMIT = FILE_LIMIT + 1_000_000


def _raise_upload_limit() -> None:
    # Before CSRFProtect reads the form (an app-wide before_request): only the evidence
    # upload may send more than the app's 1 MB; the service then refuses above 20 MB.
    if request.endpoint == "plan.add_file":
        request.max_content_length = UPLOAD_LIMIT


def init_app(app: Flask) -> None:
    from actcheck.web.plan import follow
    from actcheck.web.plan.commands import remind
    from actcheck.web.plan.views import bp

    app.before_request_funcs.setdefault(None, []).insert(0, _raise_upload_limit)
    app.register_blueprint(bp)
    app.cli.add_command(remind)
    follow.init_app(app)
