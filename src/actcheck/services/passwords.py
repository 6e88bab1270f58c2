"""Which new passwords are refused, besides the length the form checks (ASVS 2.1.7).

The check runs on the machine: zxcvbn's packaged frequency lists (the most common passwords
of public breaches, common words and names) and its pattern matching (keyboard walks,
repeats, dates, l33t), with no call to any service. A password is refused when zxcvbn
estimates fewer than 10^6 guesses (score 0 or 1), or when it is the person's e-mail
address or its part before the "@".
"""

from __future__ import annotations

from typing import Literal

#: zxcvbn scores 0-4; below this, guessed within about a million attempts.
MIN_SCORE = 2
#: zxcvbn's time grows with length; what lies beyond this cannot make a password weaker.
CHECKED_CHARS = 100


def weakness(
    password: str, *, email: str = "", name: str = ""
) -> Literal["email", "common"] | None:
    """Why this password may not be used, or None when it may."""
    folded = password.casefold().strip()
    address = email.casefold().strip()
    if address and folded in {address, address.split("@", 1)[0]}:
        return "email"
    from zxcvbn import zxcvbn  # its lists take a moment to load: only when a password is set

    inputs = [value for value in (email, name, *email.split("@", 1)) if value]
    if zxcvbn(password[:CHECKED_CHARS], user_inputs=inputs)["score"] < MIN_SCORE:
        return "common"
    return None
