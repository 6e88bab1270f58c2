"""Dates and article references written the way readers of each language expect.

Pure helpers shared by the command line, the web pages and the PDF report, so that a
reference reads the same everywhere (« annexe III, point 4 a) » in French).

Dates in the languages of the rule set are written here rather than by Babel, on purpose:
French writes the first of the month "1er", which Babel's CLDR patterns do not, and
importing `babel.dates` costs the command line about 45 ms, most of what a whole
`actcheck assess` may take. The web app hands any other language to Babel (`web/i18n.py`);
numbers and amounts are Babel's everywhere.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "en": [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ],
    "fr": [
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ],
}  # fmt: skip

_ANNEX = re.compile(
    r"^Annex (?P<num>[IVX]+)(?: Section (?P<section>[A-C]))?"
    r"(?: (?P<point>\d+)(?:\((?P<sub>[a-z])\))?)?$"
)


#: Unnumbered paragraphs ("Art. 113, first paragraph"), as French cites them.
_PARAGRAPHS_FR = {
    ", first paragraph": ", premier alinéa",
    ", second paragraph": ", deuxième alinéa",
    ", third paragraph": ", troisième alinéa",
    ", first subparagraph": ", premier alinéa",
    ", second subparagraph": ", deuxième alinéa",
    ", third subparagraph": ", troisième alinéa",
}


def format_date(day: dt.date, lang: str) -> str:
    """A date as people write it in `lang` (ISO for a language without month names here)."""
    months = MONTHS.get(lang)
    if months is None:
        return day.isoformat()
    if lang == "fr":
        first = "1er" if day.day == 1 else str(day.day)
        return f"{first} {months[day.month - 1]} {day.year}"
    return f"{day.day} {months[day.month - 1]} {day.year}"


def format_article(ref: str, lang: str) -> str:
    """An article reference from the rule files ("Annex III 4(a)") in `lang`.

    Article numbers keep the compact form ("Art. 6(2)") in every language: it is how
    practitioners cite the Regulation and what the EUR-Lex anchors follow.
    """
    if lang != "fr":
        return ref
    match = _ANNEX.match(ref)
    if match:
        out = f"annexe {match['num']}"
        if match["section"]:
            out += f", section {match['section']}"
        if match["point"]:
            out += f", point {match['point']}"
            if match["sub"]:
                out += f" {match['sub']})"
        return out
    if ref.startswith("Recital "):
        return "considérant " + ref.removeprefix("Recital ")
    for english, french in _PARAGRAPHS_FR.items():
        ref = ref.replace(english, french)
    return ref


_LINK = re.compile(
    r"^(?:Art\. (?P<art>\d+)(?P<inserted>[a-z]?)|Annex (?P<anx>[IVX]+)|Recital (?P<rct>\d+))"
)


def eur_lex_link(ref: str, lang: str, *, act: str, amending: str) -> str:
    """The EUR-Lex page of an article reference, in `lang`, at its anchor.

    THE link function: the web pages, the PDF report and the rules' `sources` all use it.
    `act` and `amending` are the rule set's EUR-Lex addresses (`{LANG}` stands for the
    language code). The anchors are those of the Official Journal text of 2024 (`#art_9`,
    `#anx_III`, `#rct_12`; paragraphs and points have none). Articles the 2026 amendments
    inserted (Art. 4a, Art. 60a) are not in that text: they link to the amending act. An
    empty or unknown reference links to the act itself.
    """
    code = lang.upper()
    match = _LINK.match(ref)
    if match is None:
        return act.replace("{LANG}", code)
    if match["art"]:
        if match["inserted"]:
            return amending.replace("{LANG}", code)
        return f"{act.replace('{LANG}', code)}#art_{match['art']}"
    if match["anx"]:
        return f"{act.replace('{LANG}', code)}#anx_{match['anx']}"
    return f"{act.replace('{LANG}', code)}#rct_{match['rct']}"


#: How a text says a date relative to the day of the assessment: before it, then from it on.
_RELATIVE = {
    "en": ("from {date}", "since {date}"),
    "fr": ("à partir du {date}", "depuis le {date}"),
}
_WHEN = re.compile(r"\{when:(\d{4}-\d{2}-\d{2})\}")


def relative_dates(text: str, lang: str, as_of: dt.date | None) -> str:
    """A rule text's `{when:YYYY-MM-DD}` as "from 2 August 2026" before that day and
    "since 2 August 2026" from it on (the loader wrote them from dates.yaml). Without a
    day, "from": a sentence that is true whenever it is read."""
    if "{when:" not in text:
        return text
    before, after = _RELATIVE.get(lang, _RELATIVE["en"])

    def word(match: re.Match[str]) -> str:
        day = dt.date.fromisoformat(match.group(1))
        phrase = after if as_of is not None and as_of >= day else before
        return phrase.format(date=format_date(day, lang))

    return _WHEN.sub(word, text)


def colon(lang: str) -> str:
    """French typography puts a space before a colon."""
    return " :" if lang == "fr" else ":"
