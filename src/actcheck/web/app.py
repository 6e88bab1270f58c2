"""The application factory: configuration, extensions, blueprints, nothing at import time."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from actcheck import config as settings
from actcheck import rules_cache
from actcheck.database import Database
from actcheck.rules.loading import load_ruleset
from actcheck.web.security import TrustedHosts

PACKAGE = Path(__file__).resolve().parent.parent


def templates_dir() -> Path:
    """`templates/` as shipped: inside the installed package, else beside `src/` in a checkout."""
    shipped = PACKAGE / "data" / "templates"
    if shipped.is_dir():
        return shipped
    return PACKAGE.parent.parent / "templates"


def default_instance_path() -> str | None:
    """The instance folder: `instance/` at the root of a checkout, else Flask's default
    (`<prefix>/var/actcheck.web.app-instance`) for an installed package."""
    if (PACKAGE / "data").is_dir():
        return None
    return str(PACKAGE.parent.parent / "instance")


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    """Build the actcheck web application.

    Configuration: `actcheck.config.DEFAULTS`, then `ACTCHECK_*` environment variables,
    then `overrides`, then `actcheck.config.validate` (fails fast on a missing secret).
    """
    overrides = dict(overrides or {})
    instance = overrides.pop("INSTANCE_PATH", None) or os.environ.get("ACTCHECK_INSTANCE_PATH")
    app = Flask(
        __name__,
        template_folder=str(templates_dir()),
        static_folder=str(PACKAGE / "web" / "static"),
        instance_path=instance or default_instance_path(),
        instance_relative_config=True,
    )
    app.config.from_mapping(settings.DEFAULTS)
    app.config.from_prefixed_env("ACTCHECK")
    app.config.from_mapping(overrides)
    settings.validate(app.config, app.instance_path)
    app.config["TESTING"] = app.config["ENV"] == "testing" or app.config.get("TESTING", False)

    rules_dir = app.config["RULES_DIR"]
    # Called as the CLI calls it, so both share one cached rule set.
    app.extensions["actcheck.ruleset"] = load_ruleset(
        Path(rules_dir) if rules_dir else None, rules_cache.for_instance(app.instance_path)
    )
    app.extensions["actcheck.database"] = Database.open(
        app.config["DATABASE_URL"],
        echo=app.config["DATABASE_ECHO"],
        schema=app.config.get("DATABASE_SCHEMA"),
    )

    from actcheck.web import assessment_pages, commands, db, errors, i18n, security
    from actcheck.web.assessments.views import bp as assessments_bp
    from actcheck.web.extensions import babel, csrf
    from actcheck.web.questionnaire import bp as questionnaire_bp
    from actcheck.web.report.views import bp as report_bp

    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(PACKAGE / "translations"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.get_locale)
    db.init_app(app)
    i18n.init_app(app)
    assessment_pages.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    commands.init_app(app)
    app.register_blueprint(assessments_bp)
    app.register_blueprint(questionnaire_bp)
    app.register_blueprint(report_bp)
    from actcheck.web import drafts as drafts_pages

    drafts_pages.init_app(app)
    from actcheck.web import api, assessment_changes, ops, plan, report_cache, tokens
    from actcheck.web import auth as accounts_auth
    from actcheck.web.accounts.views import bp as accounts_bp
    from actcheck.web.report import queue as report_queue
    from actcheck.web.report import triggers as report_triggers
    from actcheck.web.reviews.views import bp as reviews_bp

    accounts_auth.init_app(app)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(reviews_bp)

    ops.init_app(app)
    report_cache.init_app(app)
    report_queue.init_app(app)
    assessment_changes.init_app(app)
    plan.init_app(app)  # first: the plan follows the answers before a report is scheduled
    report_triggers.init_app(app)
    api.init_app(app)
    tokens.init_app(app)
    if app.config.get("TRUSTED_HOSTS"):
        # Inside ProxyFix: the host checked is the one the proxy forwarded.
        app.wsgi_app = TrustedHosts(app.wsgi_app, list(app.config["TRUSTED_HOSTS"]))  # type: ignore[method-assign]
    if app.config["TRUSTED_PROXIES"]:
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    return app
