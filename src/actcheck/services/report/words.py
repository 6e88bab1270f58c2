"""The report's words: `Words` (messages, labels, dates, numbers in one language) and the
helpers that flatten and shorten founders' text for the page."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.numbers import format_currency, format_decimal
from babel.support import NullTranslations, Translations

from actcheck.rules.model import Ruleset, Text, text_in
from actcheck.rules.wording import MONTHS, format_article, format_date
from actcheck.services.report.messages import MESSAGES, PLURALS

SHORT_MONTHS = {
    "en": [m[:3] for m in MONTHS["en"]],
    "fr": [
        "janv.",
        "févr.",
        "mars",
        "avr.",
        "mai",
        "juin",
        "juil.",
        "août",
        "sept.",
        "oct.",
        "nov.",
        "déc.",
    ],
}


#: The interface's catalogues, which hold the report's translations too (`messages.py`).
TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "translations"


@lru_cache(maxsize=8)
def catalogue(lang: str) -> NullTranslations:
    """The compiled catalogue of `lang` (none for English, the source language)."""
    return Translations.load(str(TRANSLATIONS_DIR), [lang])


class Words:
    """The report's words in one language, English where a text lacks it.

    `t` raises `KeyError` on an unknown key: like `StrictUndefined`, a typo must fail the
    render, not print an empty string.
    """

    def __init__(self, ruleset: Ruleset, lang: str, as_of: dt.date | None = None) -> None:
        self.ruleset = ruleset
        self.lang = lang
        self.as_of = as_of
        """The report's date: the rule texts word their dates relative to it."""
        self.translations = catalogue(lang)

    def t(self, key: str, **values: Any) -> str:
        return self.raw(key).format(**values)

    def raw(self, key: str) -> str:
        """A message as the catalogue has it, its `{placeholders}` left in."""
        return str(self.translations.pgettext(key, MESSAGES[key]))

    def plural(self, key: str, n: int, **values: Any) -> str:
        """The form for `n` by the language's plural rule (French: 0 and 1 are singular)."""
        return self._plural(key, n).format(**{"n": n, **values})

    def _plural(self, key: str, n: int) -> str:
        one, other = PLURALS[key]
        return str(self.translations.npgettext(key, one, other, n))

    def label(self, key: str, **values: Any) -> str:
        """A label of the rule set (`tier.high_risk`, `role.provider`, ...)."""
        text = text_in(self.ruleset.labels.get(key), self.lang)
        if not text:
            raise KeyError(f"the rule set has no label {key!r}")
        return text.format(**values)

    def text(self, value: Text | None) -> str:
        return flatten(text_in(value, self.lang, self.as_of))

    def date(self, day: dt.date) -> str:
        return format_date(day, self.lang)

    def short_date(self, day: dt.date) -> str:
        months = SHORT_MONTHS.get(self.lang)
        if months is None:
            return self.date(day)
        return f"{day.day} {months[day.month - 1]} {day.year}"

    def days(self, n: int) -> str:
        if n == 0:
            return self.t("days.today")
        return self._plural("days", n).format(n=self.number(n))

    def percent(self, n: int) -> str:
        """A percentage as the language writes it: "7%", « 7 % »."""
        return f"{n} %" if self.lang == "fr" else f"{n}%"

    def number(self, n: int) -> str:
        """A whole number as the language groups its digits (Babel: 1,004; 1 004)."""
        return str(format_decimal(n, locale=self.lang))

    def euros(self, amount: int) -> str:
        """An amount in whole euros, as the language writes it (Babel: €35,000,000;
        35 000 000 €)."""
        return str(
            format_currency(
                amount,
                "EUR",
                locale=self.lang,
                currency_digits=False,
                format="#,##0 ¤" if self.lang == "fr" else "¤#,##0",
            )
        )

    def article(self, ref: str) -> str:
        return format_article(ref, self.lang)


def flatten(text: str) -> str:
    return " ".join(text.split())


def shorten(text: str | None, limit: int) -> str:
    """One line of at most `limit` characters, cut at a word where it can be."""
    if not text:
        return ""
    flat = flatten(text)
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý«“\"(])")


def first_sentence(text: str) -> str:
    return _SENTENCE_END.split(flatten(text), maxsplit=1)[0]
