"""Where a redirect taken from the request may go: THE check, used by every such redirect.

A `next` (the login page, the language switch) comes from whoever wrote the link, so it is
an attacker's choice. Browsers "repair" what they are given: they drop tabs and newlines
inside a URL and read a backslash as a slash, so `/<TAB>/evil.example` and `/\\evil.example`
both become `//evil.example`, another site (issue 12, finding 5). A header value with a
newline is refused by the server (a 500). So the check refuses every control character,
every kind of whitespace and every backslash first, then lets `urlsplit` say what is left:
only a path of this site, starting with exactly one "/", with no scheme and no host.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

#: Longer than any page of the app; a longer target is not one of ours.
MAX_LENGTH = 500


def _refused_character(char: str) -> bool:
    # Cc: control (TAB, CR, LF, NUL...); Cf: format (zero-width, BOM, bidi); Z*: spaces.
    category = unicodedata.category(char)
    return char == "\\" or char.isspace() or category in ("Cc", "Cf", "Zs", "Zl", "Zp")


def safe_next(target: object) -> str | None:
    """`target` if it is a path of this site, else None.

    Args:
        target: the value from the request (a query argument or a form field), any type.

    Returns:
        The target unchanged when it is a same-site relative path ("/assessments/x?y=1"),
        None for anything else: empty, too long, any control, format or whitespace
        character, a backslash, a scheme ("https:", "javascript:"), a host ("//evil"), or
        a path that does not start with a single "/".
    """
    if not isinstance(target, str) or not target or len(target) > MAX_LENGTH:
        return None
    if any(_refused_character(char) for char in target):
        return None
    if not target.startswith("/") or target.startswith("//"):
        return None
    try:
        parts = urlsplit(target)
    except ValueError:
        return None
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    if parts.path.startswith("//"):
        return None
    return target
