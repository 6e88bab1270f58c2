"""What text actcheck accepts from a person, and how it shows text that breaks that rule.

Every text a user gives (an answer, a name, a comment) ends up in a page, a PDF, a CSV and a
database. Two kinds of character break one of those: control characters (PostgreSQL cannot
store NUL; the others are invisible and confuse readers) and lone UTF-16 surrogates, which
JSON can carry as `\\ud800` but which cannot be written out as UTF-8, so a page showing one
fails as a whole. Line breaks and tabs are text; everything else in Unicode is allowed.

Input is refused with a message that says which character and where (`problem`); text
already stored before this rule existed is shown with the character written out as an
escape (`shown`), so one bad value never takes a page, a cohort dashboard or an export down.
Pure functions: no Flask, no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

#: C0 and C1 controls except tab and line feed, DEL, and lone surrogates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def line_breaks(text: str) -> str:
    """Text with Windows and old Mac line breaks as `\\n` (browsers send `\\r\\n`)."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


@dataclass(frozen=True)
class Unsafe:
    """The first character of a text that cannot be accepted."""

    position: int
    """1-based, as a person counts."""
    code: str
    """`U+0000`."""
    invalid: bool
    """A lone surrogate (not a character at all) rather than a control character."""


def first_unsafe(text: str) -> Unsafe | None:
    """The first character `problem` would refuse, or None."""
    found = _UNSAFE.search(text)
    if found is None:
        return None
    char = found.group()
    return Unsafe(found.start() + 1, f"U+{ord(char):04X}", "\ud800" <= char <= "\udfff")


def problem(text: str) -> str | None:
    """Why this text cannot be accepted, in one English sentence, or None when it can."""
    unsafe = first_unsafe(text)
    if unsafe is None:
        return None
    what = "an invalid character" if unsafe.invalid else "a control character"
    return (
        f"contains {what} ({unsafe.code}) at position {unsafe.position:,}; remove it "
        f"(only letters, signs, spaces, tabs and line breaks are allowed)."
    )


def shown(text: str) -> str:
    """The text with every character `problem` refuses written as a visible escape."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def shown_deep(value: Any) -> Any:
    """`shown` applied to every string, key or value, inside JSON-like data."""
    if isinstance(value, str):
        return shown(value)
    if isinstance(value, dict):
        return {shown_deep(k): shown_deep(v) for k, v in value.items()}
    if isinstance(value, list):
        return [shown_deep(item) for item in value]
    return value
