"""French and English pages: a founder per language, the catalog's messages, and a reader
that keeps only what a user sees (text and the attributes read aloud)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from founders import FOUNDERS, Founder

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "src" / "actcheck" / "translations"
PO = TRANSLATIONS / "fr" / "LC_MESSAGES" / "messages.po"

# What a French founder types: their own words are not the interface's.
FRENCH_ANSWERS = {
    "org.name": "Acme Analytique SAS",
    "system.name": "TalentMatch",
    "system.description": "Classe les candidatures <b>& amis</b>",
}


def catalog() -> Catalog:
    with PO.open("rb") as handle:
        return read_po(handle, locale="fr")


def normalise(text: str) -> str:
    """One kind of space and apostrophe, so typography does not hide a word."""
    text = text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text)


class _Visible(HTMLParser):
    """The text a user sees or hears: text nodes and aria-label/title/placeholder/alt,
    without <script>, <style>, and elements marked in another language (lang="en" on the
    language switch's "English" button)."""

    SKIP: ClassVar[set[str]] = {"script", "style", "code", "pre"}
    VOID: ClassVar[set[str]] = {
        "input",
        "br",
        "img",
        "meta",
        "link",
        "hr",
        "source",
        "area",
        "col",
        "wbr",
    }

    def __init__(self, page_lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_lang = page_lang
        self.stack: list[tuple[str, bool]] = []
        self.chunks: list[str] = []

    def _hidden(self) -> bool:
        return any(hidden for _, hidden in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        other = values.get("lang") not in (None, self.page_lang) and tag != "html"
        hidden = tag in self.SKIP or other
        if not hidden and not self._hidden():
            for name in ("aria-label", "title", "placeholder", "alt"):
                if values.get(name):
                    self.chunks.append(str(values[name]))
            if (
                tag == "input"
                and values.get("type") in ("submit", "button")
                and values.get("value")
            ):
                self.chunks.append(str(values["value"]))
        if tag not in self.VOID:
            self.stack.append((tag, hidden))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if not self._hidden() and data.strip():
            self.chunks.append(data.strip())


def visible_chunks(html: str, page_lang: str) -> list[str]:
    parser = _Visible(page_lang)
    parser.feed(html)
    return [normalise(chunk) for chunk in parser.chunks]


PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|%%")


def literal_pieces(text: str) -> list[str]:
    """The parts of a message around its placeholders that are long enough to be telling
    (two words or more)."""
    pieces = [normalise(p).strip(" :.,()“”") for p in PLACEHOLDER.split(text)]
    return [p for p in pieces if " " in p and len(p) >= 8]


def untranslated(html: str, page_lang: str = "fr") -> list[str]:
    """English interface strings on a page that should be French: every catalog message
    whose French differs (whole text node for one word, else the words around its
    placeholders), and English function words the catalog does not know (an unwrapped
    string)."""
    chunks = visible_chunks(html, page_lang)
    text = " | ".join(chunks)
    found: list[str] = []
    for message in catalog():
        if not message.id or not message.string or message.id == message.string:
            continue
        english = str(message.id)
        if " " not in english.strip() and "%(" not in english:
            word = normalise(english).strip()
            if word in chunks and word not in normalise(str(message.string)):
                found.append(english)
            continue
        french = normalise(str(message.string))
        for piece in literal_pieces(english):
            if piece in text and piece not in french:
                found.append(english)
                break
    for chunk in chunks:
        if ENGLISH_WORDS.search(IDENTIFIER.sub("", chunk)):
            found.append(f"unwrapped? {chunk[:120]!r}")
    return found


def french_on_english_page(html: str) -> list[str]:
    """French interface strings on a page that should be English."""
    text = " | ".join(visible_chunks(html, "en"))
    found = []
    for message in catalog():
        if not message.id or not message.string or message.id == message.string:
            continue
        for piece in literal_pieces(str(message.string)):
            if piece in text and piece not in normalise(str(message.id)):
                found.append(str(message.string))
                break
    return found


# Question ids ("system.roles") and file names are not words of the page.
IDENTIFIER = re.compile(r"\b[\w-]+(?:\.[\w-]+)+\b")

# Words a French page never shows (rule texts, labels and the catalog are all French).
ENGLISH_WORDS = re.compile(
    r"\b(the|your|you|with|this|these|which|must|should|answer|answers|"
    r"assessment|assessments|result|system|Back|Continue|Save|Cancel|Sign in|Sign up|"
    r"Log in|Log out|Password|Email|Account|Reviews|Cohort|Cohorts|Download|Submit)\b"
)


def french_client(app: Any) -> Any:
    """A browser that asks for French (Accept-Language), as a French founder's does."""
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr-FR,fr;q=0.9,en;q=0.5"
    return client


@pytest.fixture
def fr_client(app: Any) -> Any:
    return french_client(app)


@pytest.fixture
def french_founder(app: Any) -> Founder:
    """A French founder who has answered every question of the high-risk answer set."""
    founder = Founder(french_client(app))
    founder.fill({**FOUNDERS["high_risk"], **FRENCH_ANSWERS})
    return founder


@pytest.fixture
def english_founder(app: Any) -> Founder:
    founder = Founder(app.test_client())
    founder.fill(FOUNDERS["high_risk"])
    return founder
