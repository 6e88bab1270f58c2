"""The drafted documents on the web (issue 18): the result page's "Drafts" section and the
downloads of each draft as DOCX or PDF (`views`). What the result page reads is here, beside
the views (no view imports another): `offered`, a Jinja global."""

from __future__ import annotations

from flask import Flask

from actcheck.rules.model import Result
from actcheck.services import drafts
from actcheck.web.i18n import lang


def offered(result: Result) -> list[tuple[str, str]]:
    """The drafts a result calls for, as (kind id, title in the page's language)."""
    return [(k.id, drafts.kind_title(k, result, lang())) for k in drafts.applicable(result)]


def init_app(app: Flask) -> None:
    from actcheck.web.drafts.views import bp

    app.register_blueprint(bp)
    app.jinja_env.globals["drafts_offered"] = offered
