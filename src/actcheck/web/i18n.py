"""The user's language and the template helpers that speak it.

One `get_locale` chooses the language for both the interface strings (Flask-Babel's
`gettext`) and the rule texts (`text_in`), among the languages the rule set provides.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from babel.dates import format_date as babel_format_date
from flask import Flask, current_app, g, request
from flask_babel import get_locale as babel_locale
from flask_babel import get_translations
from flask_babel import gettext as _

from actcheck import __version__
from actcheck.rules.model import Kind, Question, Ruleset, Text, text_in
from actcheck.web.extensions import babel


def ruleset() -> Ruleset:
    rules: Ruleset = current_app.extensions["actcheck.ruleset"]
    return rules


def get_locale() -> str:
    """The browser's best language among those both the interface (a compiled catalog in
    `actcheck/translations`, or the English source strings) and the rule set speak.

    A page is never half translated: French rule texts wait for the French interface.
    """
    interface: frozenset[str] = current_app.extensions["actcheck.languages"]
    languages = [lang for lang in ruleset().languages if lang in interface]
    default: str = current_app.config["BABEL_DEFAULT_LOCALE"]
    return request.accept_languages.best_match(languages) or default


def lang() -> str:
    """The language of this request (looked up once: every rule text asks for it)."""
    cached: str | None = g.get("actcheck_lang")
    if cached is None:
        locale = babel_locale()
        cached = g.actcheck_lang = locale.language if locale is not None else "en"
    return cached


def rule_text(text: Text | None) -> str:
    """A rule-set text in the user's language (English when it has no translation)."""
    return text_in(text, lang())


def long_date(value: dt.date | dt.datetime | None) -> str:
    """A date as "2 December 2027" in the user's language."""
    if value is None:
        return ""
    day = value.date() if isinstance(value, dt.datetime) else value
    return _long_date(day, lang())


@lru_cache(maxsize=512)
def _long_date(day: dt.date, language: str) -> str:
    # Babel parses the pattern on every call: a result page formats dozens of dates.
    return str(babel_format_date(day, "d MMMM y", locale=language))


def paragraphs(text: str) -> list[str]:
    """Split a text on blank lines (rule texts are folded YAML, one paragraph each)."""
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def answer_words(question: Question, value: Any) -> list[str]:
    """How an answer reads on the page: labels, not the values of the answers format."""
    rules = ruleset()
    if value is None:
        return []
    if question.kind in (Kind.TRI_STATE, Kind.YES_NO):
        return [rule_text(rules.labels.get(str(value)))]
    if question.kind is Kind.TEXT:
        return [str(value)]
    labels = {c.value: rule_text(c.label) for c in question.choices}
    if question.kind is Kind.ANY_OF:
        values = list(value)
        if not values:
            return [_("None of these")]
        return [labels.get(v, v) for v in values]
    return [labels.get(str(value), str(value))]


ARTICLE_ANCHOR = re.compile(
    r"^(?:Art\. (?P<art>\d+[a-z]?)|Annex (?P<anx>[IVX]+)|Recital (?P<rct>\d+))"
)


def article_url(ref: str) -> str:
    """A link to the article, annex or recital on EUR-Lex (its anchor in the OJ text)."""
    base = ruleset().eur_lex
    match = ARTICLE_ANCHOR.match(ref)
    if match is None:
        return base
    if match["art"]:
        return f"{base}#art_{match['art']}"
    if match["anx"]:
        return f"{base}#anx_{match['anx']}"
    return f"{base}#rct_{match['rct']}"


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
    app.jinja_env.globals["has_endpoint"] = has_endpoint
    app.jinja_env.globals["asset_version"] = __version__
    app.jinja_env.filters["t"] = rule_text
    app.jinja_env.filters["long_date"] = long_date
    app.jinja_env.filters["paragraphs"] = paragraphs
    app.jinja_env.globals["answer_words"] = answer_words
    app.jinja_env.globals["lang"] = lang
    app.jinja_env.globals["ruleset"] = ruleset
