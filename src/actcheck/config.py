"""Configuration of the web application: defaults, the ACTCHECK_* environment, validation.

Order (see `actcheck.web.app.create_app`): `DEFAULTS`, then every `ACTCHECK_*` variable of
the environment (`ACTCHECK_SECRET_KEY` sets `SECRET_KEY`, values are read as JSON when they
parse, so `ACTCHECK_SESSION_COOKIE_SECURE=false` is a boolean), then the overrides passed
to `create_app`, then `validate`, which fails fast on what would be unsafe or broken.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path
from typing import Any

ENVIRONMENTS = ("production", "development", "testing")

DEFAULTS: dict[str, Any] = {
    # "production" (the default: nothing insecure is ever the default), "development"
    # (generates and keeps a SECRET_KEY in the instance folder) or "testing".
    "ENV": "production",
    "SECRET_KEY": None,
    # SQLAlchemy URL; None means SQLite in the instance folder.
    "DATABASE_URL": None,
    "DATABASE_ECHO": False,
    # Sessions: an anonymous draft's cookie is kept for half a year, so closing the browser
    # loses nothing. A signed-in session is held on the server (actcheck.services.logins)
    # and ends after LOGIN_IDLE_MINUTES without a request or LOGIN_MAX_HOURS in any case.
    "LOGIN_IDLE_MINUTES": 30,
    "LOGIN_MAX_HOURS": 12,
    "SESSION_COOKIE_NAME": "actcheck_session",
    "SESSION_COOKIE_SECURE": True,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "PERMANENT_SESSION_LIFETIME": dt.timedelta(days=183),
    # An answers file is at most 1,000,000 bytes; leave room for the multipart envelope.
    "MAX_CONTENT_LENGTH": 1_100_000,
    "MAX_FORM_MEMORY_SIZE": 1_100_000,
    "WTF_CSRF_ENABLED": True,
    "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
    "WTF_CSRF_SSL_STRICT": True,
    # Our forms carry their own messages (translated with Flask-Babel): WTForms' catalog
    # would only be parsed again on every request.
    "WTF_I18N_ENABLED": False,
    "BABEL_DEFAULT_LOCALE": "en",
    # A directory of rule files; None means the rules shipped with actcheck.
    "RULES_DIR": None,
    # Reverse proxies in front of the app (TLS termination): their X-Forwarded-* headers
    # are trusted, so that the app knows the request came over https. 0: none.
    "TRUSTED_PROXIES": 0,
    # ACTCHECK_PROXY_FIX=true (one proxy) or a number of proxies: the same as
    # TRUSTED_PROXIES, under the name deployment guides use for werkzeug's ProxyFix.
    "PROXY_FIX": False,
    # Logs on standard error: "json" (one object per line, with the request id) or "text";
    # None: json in production, text otherwise. See actcheck.web.ops.
    "LOG_FORMAT": None,
    "LOG_LEVEL": "INFO",
    # Finished PDF reports: "directory" (REPORT_CACHE_DIR, default <instance>/report-cache;
    # instances share it when they mount the same folder) or "database" (shared by every
    # instance of the database). See actcheck.web.report_cache.
    "REPORT_CACHE": "directory",
    "REPORT_CACHE_DIR": None,
    # Reports are rendered in the background by a task queue (actcheck.web.report.queue):
    # QUEUE_URL None is a SQLite file in the instance folder (one machine), "redis://..."
    # is shared by several, "immediate" renders in the request (the tests' default).
    # QUEUE_WORKER "embedded" runs the worker inside `python -m actcheck.web` (the default
    # in development); "external" leaves it to `actcheck worker` (production's default).
    "QUEUE_URL": None,
    "QUEUE_WORKER": None,
    # A burst of edits renders once: a change waits this long before its report renders.
    "REPORT_DEBOUNCE_SECONDS": 5,
    # A job "rendering" this long has lost its worker (killed, crashed): it is queued again.
    "REPORT_LEASE_SECONDS": 120,
    # Tries after a failed render before the job is shown as failed.
    "REPORT_RETRIES": 2,
    # Worker processes consuming the queue, all machines together: for the wait estimate.
    "REPORT_WORKERS": 1,
    # How long `POST /api/v1/report` waits for a worker to render its report before it
    # answers 202 with the address of the file.
    "API_REPORT_WAIT_SECONDS": 20,
    # Evidence files of the compliance plan: "database" (one transaction with the row, shared
    # by every instance) or a folder path. See actcheck.services.plan.storage.
    "EVIDENCE_STORE": "database",
    # Accounts (issue 5): anyone may create a founder account when true; otherwise
    # accounts come from an admin's invitation links.
    "OPEN_SIGNUP": False,
    # Flask-Limiter: attempts per address on the login, sign-up and reset forms, and where
    # they are counted ("memory://" per process; e.g. "redis://host:6379" to share).
    "LOGIN_RATE_LIMIT": "10 per minute",
    # Reports rendered for `POST /api/v1/report` per address: each new one costs about a
    # second of CPU, and the endpoint needs no token.
    "API_REPORT_RATE_LIMIT": "20 per minute",
    # Requests that build or read on someone's behalf, per account (or address when
    # signed out): see actcheck.web.limits.
    "API_ASSESS_RATE_LIMIT": "60 per minute",
    "IMPORT_RATE_LIMIT": "20 per minute",
    "NEW_ASSESSMENT_RATE_LIMIT": "60 per hour",
    "EXPORT_RATE_LIMIT": "10 per hour",
    # Sign-up and reset mails to one recipient, whoever asks (the forms' own limit is per
    # sender's address).
    "MAIL_RATE_LIMIT": "3 per hour;10 per day",
    # Assessments of people without an account (a browser's drafts) untouched for this many
    # days are deleted by `flask purge` (run it daily: docs/deployment.md).
    "ANONYMOUS_DRAFT_DAYS": 90,
    "RATELIMIT_STORAGE_URI": "memory://",
    # Worker processes serving the app (set by actcheck.web.gunicorn_conf from
    # WEB_CONCURRENCY). With more than one, "memory://" would count every limit once per
    # process: production refuses it, use Redis (e.g. "redis://host:6379/0").
    "WORKERS": 1,
    # The address people reach actcheck at (e.g. "https://actcheck.example.org"): every
    # link in a mail is built from it, never from the request's Host header, and requests
    # for any other host get 400. Required in production.
    "PUBLIC_URL": None,
    # A refused request says when to try again (Retry-After) and the limits left.
    "RATELIMIT_HEADERS_ENABLED": True,
    # Mail (sign-up and password-reset links): SMTP; without MAIL_SERVER the message,
    # link included, is written to the log (development).
    "MAIL_SERVER": None,
    "MAIL_PORT": 587,
    "MAIL_USE_TLS": True,
    "MAIL_USERNAME": None,
    "MAIL_PASSWORD": None,
    "MAIL_FROM": "actcheck@localhost",
    # Send mail in a background thread, so that no page waits for (or fails with) the SMTP
    # server; None: yes, except in testing, where tests read the mail right away.
    "MAIL_IN_BACKGROUND": None,
}


#: Every rate-limit setting (Flask-Limiter syntax), each checked at start-up.
RATE_LIMITS = (
    "LOGIN_RATE_LIMIT",
    "API_REPORT_RATE_LIMIT",
    "API_ASSESS_RATE_LIMIT",
    "IMPORT_RATE_LIMIT",
    "NEW_ASSESSMENT_RATE_LIMIT",
    "EXPORT_RATE_LIMIT",
    "MAIL_RATE_LIMIT",
)


class ConfigError(RuntimeError):
    """The configuration cannot run safely; the message says what to set."""


def validate(config: dict[str, Any], instance_path: str) -> None:
    """Check and complete the configuration in place.

    - `ENV` must be one of `ENVIRONMENTS`.
    - `SECRET_KEY` must come from the environment outside development and testing; in
      development one is generated once and kept in `<instance>/secret_key`, so sessions
      survive a restart.
    - `DATABASE_URL` defaults to SQLite in the instance folder.

    Raises:
        ConfigError: with what to set, and how.
    """
    env = config.get("ENV")
    if env not in ENVIRONMENTS:
        raise ConfigError(f"ACTCHECK_ENV={env!r}: use one of {', '.join(ENVIRONMENTS)}.")
    secret = config.get("SECRET_KEY")
    if secret in (None, ""):
        if env == "production":
            raise ConfigError(
                "ACTCHECK_SECRET_KEY is not set. Set it to a long random value, e.g. "
                "ACTCHECK_SECRET_KEY=$(python -c 'import secrets; print(secrets.token_hex(32))'), "
                "or run with ACTCHECK_ENV=development on your own machine."
            )
        config["SECRET_KEY"] = _instance_secret(Path(instance_path))
    else:
        config["SECRET_KEY"] = str(secret)
        if env == "production" and len(config["SECRET_KEY"]) < 32:
            raise ConfigError(
                "ACTCHECK_SECRET_KEY is too short: use at least 32 random characters."
            )
    if not config.get("DATABASE_URL"):
        Path(instance_path).mkdir(parents=True, exist_ok=True)
        config["DATABASE_URL"] = f"sqlite:///{Path(instance_path) / 'actcheck.db'}"
    proxy_fix = config.get("PROXY_FIX")
    if proxy_fix not in (None, False, 0) and not config.get("TRUSTED_PROXIES"):
        if proxy_fix is True or proxy_fix in ("1", "true", "yes", "on"):
            proxy_fix = 1
        if not isinstance(proxy_fix, int) or isinstance(proxy_fix, bool) or proxy_fix < 0:
            raise ConfigError(
                f"ACTCHECK_PROXY_FIX must be true or a number of proxies, not {proxy_fix!r}."
            )
        config["TRUSTED_PROXIES"] = proxy_fix
    if config.get("REPORT_CACHE") not in ("directory", "database"):
        raise ConfigError(
            f"ACTCHECK_REPORT_CACHE must be 'directory' or 'database', not "
            f"{config.get('REPORT_CACHE')!r}."
        )
    proxies = config.get("TRUSTED_PROXIES")
    if not isinstance(proxies, int) or isinstance(proxies, bool) or proxies < 0:
        raise ConfigError(f"ACTCHECK_TRUSTED_PROXIES must be a number of proxies, not {proxies!r}.")
    for key in RATE_LIMITS:
        _check_rate_limit(key, config.get(key))
    if config.get("MAIL_IN_BACKGROUND") is None:
        config["MAIL_IN_BACKGROUND"] = env != "testing"
    _check_limit_storage(config)
    _check_public_url(config)
    _check_queue(config)
    for key in ("LOGIN_IDLE_MINUTES", "LOGIN_MAX_HOURS", "ANONYMOUS_DRAFT_DAYS"):
        value = config.get(key)
        if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
            raise ConfigError(f"ACTCHECK_{key} must be a positive number, not {value!r}.")
    for key in ("MAX_CONTENT_LENGTH", "MAX_FORM_MEMORY_SIZE"):
        value = config.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise ConfigError(f"ACTCHECK_{key} must be a positive number of bytes, not {value!r}.")


def _check_limit_storage(config: dict[str, Any]) -> None:
    """Several workers with "memory://" multiply every limit by the number of workers."""
    workers = config.get("WORKERS")
    if not isinstance(workers, int) or isinstance(workers, bool) or workers < 1:
        raise ConfigError(f"ACTCHECK_WORKERS must be a number of processes, not {workers!r}.")
    storage = str(config.get("RATELIMIT_STORAGE_URI") or "memory://")
    if config.get("ENV") == "production" and workers > 1 and storage.startswith("memory://"):
        raise ConfigError(
            f"{workers} workers cannot share rate limits kept in memory: each would count "
            "its own, so the login limit would be multiplied by the number of workers. Set "
            "ACTCHECK_RATELIMIT_STORAGE_URI=redis://HOST:6379/0 (or run one worker)."
        )


def _check_queue(config: dict[str, Any]) -> None:
    """Fill in the queue's defaults for the environment; refuse numbers that cannot work."""
    env = config.get("ENV")
    if config.get("QUEUE_URL") in (None, "") and env == "testing":
        config["QUEUE_URL"] = "immediate"
    worker = config.get("QUEUE_WORKER")
    if worker in (None, ""):
        config["QUEUE_WORKER"] = "embedded" if env == "development" else "external"
    elif worker not in ("embedded", "external"):
        raise ConfigError(
            f"ACTCHECK_QUEUE_WORKER must be 'embedded' or 'external', not {worker!r}."
        )
    for key, least in (
        ("REPORT_DEBOUNCE_SECONDS", 0),
        ("REPORT_LEASE_SECONDS", 1),
        ("REPORT_RETRIES", 0),
        ("REPORT_WORKERS", 1),
        ("API_REPORT_WAIT_SECONDS", 0),
    ):
        value = config.get(key)
        if not isinstance(value, int | float) or isinstance(value, bool) or value < least:
            raise ConfigError(
                f"ACTCHECK_{key} must be a number of at least {least}, not {value!r}."
            )


def _check_public_url(config: dict[str, Any]) -> None:
    """The public URL, required in production, becomes the only trusted Host."""
    from urllib.parse import urlsplit

    url = config.get("PUBLIC_URL")
    if url in (None, ""):
        if config.get("ENV") == "production":
            raise ConfigError(
                "ACTCHECK_PUBLIC_URL is not set. Set it to the address people reach actcheck "
                "at, e.g. ACTCHECK_PUBLIC_URL=https://actcheck.example.org: the links in "
                "mails are built from it."
            )
        config["PUBLIC_URL"] = None
        return
    parts = urlsplit(str(url))
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ConfigError(
            f"ACTCHECK_PUBLIC_URL must be an address such as https://actcheck.example.org, "
            f"not {url!r}."
        )
    config["PUBLIC_URL"] = str(url).rstrip("/")
    if not config.get("TRUSTED_HOSTS"):
        config["TRUSTED_HOSTS"] = [parts.hostname]


def _check_rate_limit(key: str, value: Any) -> None:
    """A Flask-Limiter limit such as "20 per minute" or "5/second;100/hour"."""
    from limits import parse_many

    try:
        if not isinstance(value, str):
            raise ValueError(value)
        parse_many(value)
    except ValueError:
        raise ConfigError(
            f"ACTCHECK_{key} must be a rate limit such as '20 per minute' or "
            f"'5/second;100/hour', not {value!r}."
        ) from None


def _instance_secret(instance: Path) -> str:
    """The development secret: read from the instance folder, or created there once."""
    path = instance / "secret_key"
    if path.is_file():
        value = path.read_text(encoding="ascii").strip()
        if value:
            return value
    instance.mkdir(parents=True, exist_ok=True)
    value = secrets.token_hex(32)
    # Owner-only permissions: the key signs every session.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as file:
        file.write(value + "\n")
    return value
