"""Dates and article references written the way readers of each language expect.

Pure helpers shared by the command line, the web pages and the PDF report, so that a
reference reads the same everywhere (« annexe III, point 4 a) » in French).
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
    r"^Annex (?P<num>[IVX]+)(?: Section (?P<section>[AB]))?"
    r"(?: (?P<point>\d+)(?:\((?P<sub>[a-z])\))?)?$"
)


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
    return ref


def colon(lang: str) -> str:
    """French typography puts a space before a colon."""
    return " :" if lang == "fr" else ":"
