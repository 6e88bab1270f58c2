"""What running actcheck in production needs around the pages: a request id on every request
and response, structured (JSON) logs that carry it, `/healthz` for the load balancer, and a
friendly 503 when the database cannot be reached.

- Request id: the `X-Request-ID` header of the request when it is a sensible id (a proxy
  in front sets one), else a new one; echoed in the response and in every log line.
- Logs: one JSON object per line on standard error (`ACTCHECK_LOG_FORMAT=json`, the default
  outside development and testing), with `request_id`, and one `request` line per request
  (method, route pattern, status, duration). Query strings are not logged: they are not needed, and
  a careless client may put a secret there.
- `/healthz`: 200 when the database answers, 503 when it does not (so a load balancer takes
  the instance out, and puts it back by itself when the database is back).
- Database down: the pool pings each connection before use (`pool_pre_ping`), so the first
  request after PostgreSQL comes back works; while it is down, pages answer 503 with a page
  in plain words (the API: JSON) and `Retry-After`.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sys
import time
import uuid
from typing import Any

from flask import Flask, Response, current_app, g, has_request_context, jsonify, request
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from actcheck.services.health import database_health
from actcheck.version import __version__

log = logging.getLogger("actcheck.requests")

REQUEST_ID_HEADER = "X-Request-ID"
#: A request id from outside is kept only if it looks like one: no log injection.
VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")
RETRY_AFTER = "30"
LOG_FORMATS = ("json", "text")


# -- request id ----------------------------------------------------------------------------


def request_id() -> str | None:
    """The id of the current request (None outside a request)."""
    if not has_request_context():
        return None
    value: str | None = g.get("request_id")
    return value


def _start() -> None:
    given = request.headers.get(REQUEST_ID_HEADER, "")
    g.request_id = given if VALID_REQUEST_ID.match(given) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def _finish(response: Response) -> Response:
    rid = g.get("request_id")
    if rid:
        response.headers[REQUEST_ID_HEADER] = rid
    started = g.get("request_started")
    if started is not None and request.endpoint != "static":
        log.info(
            "request",
            extra={
                "event": "request",
                "method": request.method,
                # The route's pattern, never the path: paths carry invitation, sign-up
                # and reset tokens ("/password/reset/<token>").
                "route": request.url_rule.rule if request.url_rule else "(no route)",
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "remote_addr": request.remote_addr,
            },
        )
    return response


# -- logging -------------------------------------------------------------------------------

#: LogRecord attributes that are not extra fields.
_STANDARD = frozenset(
    vars(logging.LogRecord("x", logging.INFO, "x", 0, "x", None, None)).keys()
    | {"message", "asctime", "request_id"}
)


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record logged while a request is handled."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = request_id()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        rid = getattr(record, "request_id", None)
        if rid:
            entry["request_id"] = rid
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")


class StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever `sys.stderr` is at the time (a test runner swaps it)."""

    def __init__(self) -> None:
        super().__init__()

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


def make_handler(fmt: str = "json", stream: Any = None) -> logging.Handler:
    """A handler in `fmt` that adds request ids, writing to `stream` (default: standard
    error). The gunicorn settings use it for every log of the process."""
    handler = StderrHandler() if stream is None else logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    handler.addFilter(RequestIdFilter())
    handler.set_name("actcheck")
    return handler


def configure_logging(fmt: str, level: str = "INFO") -> None:
    """Log to standard error in `fmt`, once per process (gunicorn's settings may have done
    it already; several apps in one process must not add a handler each)."""
    root = logging.getLogger()
    if any(h.get_name() == "actcheck" for h in root.handlers):
        return
    root.addHandler(make_handler(fmt))
    root.setLevel(level)


# -- health and the database being away ----------------------------------------------------


def healthz() -> tuple[Response, int]:
    """200 when the database answers a query, 503 when it does not."""
    health = database_health(current_app.extensions["actcheck.database"].engine)
    body: dict[str, Any] = {"version": __version__}
    if not health.reachable:
        body.update(status="unavailable", database="unreachable")
        return jsonify(body), 503
    body.update(
        status="ok",
        database="ok",
        migrations="current" if health.migrations_current else "pending",
    )
    return jsonify(body), 200


def _unreachable(error: Exception) -> Any:
    """The database is down, restarting or overloaded: a 503 in plain words, nothing half
    saved (the request's session is rolled back)."""
    session = g.pop("db_session", None)
    if session is not None:
        try:
            session.rollback()
            session.close()
        except SQLAlchemyError:
            pass
    log.warning("database unavailable: %s", type(error).__name__, extra={"event": "db_down"})
    from actcheck.web.api.errors import error_response, is_api_request

    headers = {"Retry-After": RETRY_AFTER}
    if is_api_request():
        return error_response(503, None, headers)
    from flask import render_template
    from flask_babel import gettext as _

    html = render_template(
        "errors/error.html",
        code=503,
        title=_("Sorry, the service is unavailable for a moment"),
        message=_(
            "We cannot reach our database right now. Your answers saved before are safe. "
            "Wait a minute, then go back and try again."
        ),
    )
    return Response(html, status=503, headers=headers, mimetype="text/html")


def _is_disconnect(error: DBAPIError) -> bool:
    return bool(error.connection_invalidated) or isinstance(error, OperationalError)


def _database_error(error: DBAPIError) -> Any:
    if _is_disconnect(error):
        return _unreachable(error)
    raise error


def init_app(app: Flask) -> None:
    fmt = app.config.get("LOG_FORMAT") or ("json" if app.config["ENV"] == "production" else "text")
    if fmt not in LOG_FORMATS:
        from actcheck.config import ConfigError

        raise ConfigError(f"ACTCHECK_LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}.")
    if not app.config.get("TESTING"):
        configure_logging(fmt, app.config.get("LOG_LEVEL") or "INFO")
    app.before_request(_start)
    app.after_request(_finish)
    app.add_url_rule("/healthz", "healthz", healthz, methods=["GET"])
    app.register_error_handler(OperationalError, _unreachable)
    app.register_error_handler(PoolTimeout, _unreachable)
    app.register_error_handler(DBAPIError, _database_error)
