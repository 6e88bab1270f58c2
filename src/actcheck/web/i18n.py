"""The user's language and the template helpers that speak it.

One `get_locale` chooses the language for both the interface strings (Flask-Babel's
`gettext`) and the rule texts (`text_in`), among the languages the rule set provides.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from babel import Locale
from babel.dates import format_date as babel_format_date
from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    g,
    redirect,
    request,
    session,
)
from flask_babel import format_decimal, get_translations
from flask_babel import get_locale as babel_locale
from flask_babel import gettext as _

from actcheck import presentation
from actcheck.rules import wording
from actcheck.rules.model import Kind, Question, Ruleset, Text, text_in
from actcheck.version import __version__
from actcheck.web.extensions import babel
from actcheck.web.redirects import safe_next

LANG_COOKIE = "actcheck_lang"
LANG_COOKIE_AGE = 60 * 60 * 24 * 400  # about 13 months, browsers' upper limit

bp = Blueprint("i18n", __name__)


def ruleset() -> Ruleset:
    rules: Ruleset = current_app.extensions["actcheck.ruleset"]
    return rules


def languages() -> list[str]:
    """The languages both the interface (a compiled catalog in `actcheck/translations`, or
    the English source strings) and the rule set speak, in the rule set's order.

    A page is never half translated: French rule texts wait for the French interface.
    """
    interface: frozenset[str] = current_app.extensions["actcheck.languages"]
    return [code for code in ruleset().languages if code in interface]


def get_locale() -> str:
    """The user's language: their choice with the switch (kept in the session and in a
    long-lived cookie), else the browser's best match (Accept-Language), else the default.
    """
    available = languages()
    for chosen in (session.get("lang"), request.cookies.get(LANG_COOKIE)):
        if chosen in available:
            return str(chosen)
    default: str = current_app.config["BABEL_DEFAULT_LOCALE"]
    return request.accept_languages.best_match(available) or default


@lru_cache(maxsize=32)
def language_name(code: str) -> str:
    """A language's name in that language ("English", "Français"), for the switch."""
    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (ValueError, LookupError):
        return code
    return name[:1].upper() + name[1:]


def language_in_words(code: str) -> str:
    """A language's name as a sentence of this page words it ("French" on an English page,
    "français" on a French one)."""
    try:
        return Locale.parse(code).get_display_name(lang()) or code
    except (ValueError, LookupError):
        return code


def language_choices() -> list[tuple[str, str]]:
    """(code, own name) of every language the user can choose, for the switch."""
    return [(code, language_name(code)) for code in languages()]


@bp.post("/language")
def set_language() -> Any:
    """Remember the language chosen with the switch (a form: works without JavaScript;
    CSRF-protected like every POST), then go back to the page it was chosen on."""
    code = request.form.get("lang", "")
    if code not in languages():
        abort(400)
    session["lang"] = code
    session.permanent = True
    remember_language(code)
    response = redirect(safe_next(request.form.get("next")) or "/", code=303)
    response.set_cookie(
        LANG_COOKIE,
        code,
        max_age=LANG_COOKIE_AGE,
        secure=current_app.config.get("SESSION_COOKIE_SECURE", True),
        httponly=True,
        samesite="Lax",
    )
    return response


def remember_language(code: str) -> None:
    """Keep `code` as the signed-in account's language (`User.language`), for the mails
    sent without a request: the plan's digest is written in the language of the pages."""
    from actcheck.services import accounts
    from actcheck.web import db
    from actcheck.web.auth import current_account

    user = current_account()
    if user is not None and user.language != code:
        accounts.set_language(db.session(), user, code)
        db.session().commit()


def lang() -> str:
    """The language of this request (looked up once: every rule text asks for it)."""
    cached: str | None = g.get("actcheck_lang")
    if cached is None:
        locale = babel_locale()
        cached = g.actcheck_lang = locale.language if locale is not None else "en"
    return cached


def rule_text(text: Text | None) -> str:
    """A rule-set text in the user's language (English when it has no translation), its
    dates worded relative to today ("since 2 August 2026"): the pages show where a founder
    stands now."""
    return text_in(text, lang(), dt.date.today())


def long_date(value: dt.date | dt.datetime | None) -> str:
    """A date as "2 December 2027" in the user's language."""
    if value is None:
        return ""
    day = value.date() if isinstance(value, dt.datetime) else value
    return _long_date(day, lang())


@lru_cache(maxsize=512)
def _long_date(day: dt.date, language: str) -> str:
    # The core's wording where it knows the language ("1er août 2026", as the PDF reads);
    # else Babel (which parses the pattern on every call: hence the cache).
    if language in wording.MONTHS:
        return wording.format_date(day, language)
    return str(babel_format_date(day, "d MMMM y", locale=language))


def article(ref: str) -> str:
    """An article reference from the rule files as readers of the language write it."""
    return wording.format_article(ref, lang())


def paragraphs(text: str) -> list[str]:
    """Split a text on blank lines (rule texts are folded YAML, one paragraph each)."""
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def answer_words(question: Question, value: Any) -> list[str]:
    """How an answer reads on the page (`presentation.answer_words`), "None of these" when
    no box is ticked."""
    words = presentation.answer_words(question, value, ruleset().labels, rule_text)
    if not words and question.kind is Kind.ANY_OF and value is not None:
        return [_("None of these")]
    return list(words)


def article_url(ref: str) -> str:
    """A link to the article on EUR-Lex in the page's language (`Ruleset.link`); an empty
    reference links to the Act."""
    return ruleset().link(ref, lang())


def source_url(href: str) -> str:
    """A rule file's source in the page's language (`Ruleset.source_link`)."""
    return ruleset().source_link(href, lang())


def has_endpoint(name: str) -> bool:
    """Whether a route exists (the PDF report link appears once its route does)."""
    return name in current_app.view_functions


def _translations() -> Any:
    """The request's catalog, looked up once: Flask-Babel looks it up on every string, and
    a result page has a few hundred."""
    cached = g.get("actcheck_translations")
    if cached is None:
        cached = g.actcheck_translations = get_translations()
    return cached


def init_app(app: Flask) -> None:
    # Same callables as Flask-Babel installs (newstyle: Jinja escapes and formats), with
    # the catalog cached per request.
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        lambda text: _translations().ugettext(text),
        lambda singular, plural, n: _translations().ungettext(singular, plural, n),
        newstyle=True,
    )
    with app.app_context():
        catalogs = {locale.language for locale in babel.list_translations()}
    app.extensions["actcheck.languages"] = frozenset(catalogs | {"en"})
    app.jinja_env.globals["article_url"] = article_url
    app.jinja_env.globals["source_url"] = source_url
    app.jinja_env.globals["has_endpoint"] = has_endpoint
    app.jinja_env.globals["asset_version"] = __version__
    app.jinja_env.filters["t"] = rule_text
    app.jinja_env.filters["long_date"] = long_date
    app.jinja_env.filters["paragraphs"] = paragraphs
    app.jinja_env.globals["answer_words"] = answer_words
    app.jinja_env.globals["lang"] = lang
    app.jinja_env.globals["language_choices"] = language_choices
    app.jinja_env.globals["language_in_words"] = language_in_words
    app.jinja_env.filters["article"] = article
    app.jinja_env.filters["number"] = format_decimal  # 1,004 / 1 004 by the language
    app.register_blueprint(bp)
    app.jinja_env.globals["ruleset"] = ruleset
