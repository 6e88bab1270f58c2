"""Error pages in plain words, for every error a founder can meet."""

from __future__ import annotations

import logging

from flask import Flask, Response, g, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from actcheck.web.api.errors import error_response, from_http_exception, is_api_request

log = logging.getLogger(__name__)


def _page(code: int, title: str, message: str) -> tuple[str, int]:
    return render_template("errors/error.html", code=code, title=title, message=message), code


def _http(error: HTTPException) -> tuple[str, int] | Response:
    if is_api_request():  # the API answers in JSON, whatever went wrong
        return from_http_exception(error)
    code = error.code or 500
    if code == 404:
        return _page(
            404,
            _("Page not found"),
            _(
                "If you typed the web address, check it is correct. If you followed a link to an "
                "assessment, it may have been deleted."
            ),
        )
    if code == 403:
        return _forbidden()
    if code == 413:
        if request.endpoint == "assessments.import_file":
            from actcheck.web.assessments.views import too_large

            return too_large()
        if request.endpoint == "plan.add_file":
            return _page(
                413,
                _("The file is too large"),
                _("An evidence file can be at most 20 MB. Link to a larger one instead."),
            )
        return _page(
            413,
            _("The file or form is too large"),
            _("An answers file can be at most 1 MB. Check that you chose the right file."),
        )
    if code == 429:  # the message is the limit's own (too_many_attempts, limits.too_often)
        return _page(429, _("Too many requests"), error.description or "")
    if code == 405:
        return _page(
            405,
            _("This page cannot be used that way"),
            _("Go back to the previous page and use the buttons on the page."),
        )
    return _page(code, _("Sorry, there is a problem with this request"), error.description or "")


def _forbidden() -> tuple[str, int]:
    """403: what the person can do about it depends on whether they are logged in."""
    from actcheck.web.auth import current_account

    if current_account() is None:
        message = _(
            "This page belongs to someone else. If it is yours, log in. An assessment started "
            "without an account is kept in the browser where it was started: open the link "
            "there, or export its answers file there and import it here."
        )
    else:
        message = _(
            "Your account cannot open this page. Founders open their organisation's "
            "assessments; advisors open the assessments submitted to the cohorts they advise. "
            "If you need access, ask the programme's admin."
        )
    return _page(403, _("You cannot open this page"), message)


def _csrf(_error: CSRFError) -> tuple[str, int]:
    return _page(
        400,
        _("This page has expired"),
        _(
            "For your security, the form on that page could no longer be sent. Go back, reload the "
            "page and try again. Your earlier answers are saved."
        ),
    )


def _server(error: Exception) -> tuple[str, int] | Response:
    # Whatever the request did, nothing half-done may be committed.
    session = g.get("db_session")
    if session is not None:
        session.rollback()
    log.exception("server error", exc_info=error)
    if is_api_request():
        return error_response(500)
    return _page(
        500,
        _("Sorry, there is a problem with the service"),
        _("Try again later. Your answers saved before this page are kept."),
    )


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf)
    app.register_error_handler(HTTPException, _http)
    app.register_error_handler(500, _server)
