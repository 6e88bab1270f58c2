"""Who owns an assessment.

Without an account, the owner is a browser session: a random token kept in the signed
session cookie, of which only the hash is stored, so the database alone cannot be used to
act as someone. A founder's assessments belong to their organisation (`Owner.organisation`);
API tokens belong to an account (`Owner.user`). Signing up or logging in claims a browser's
drafts by rewriting their `owner_key`.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass


@dataclass(frozen=True)
class Owner:
    """The acting owner: compare `key` with `Assessment.owner_key`."""

    key: str

    @classmethod
    def from_session_token(cls, token: str) -> Owner:
        digest = hashlib.sha256(token.encode("utf-8")).hexdigest()[:48]
        return cls(key=f"session:{digest}")

    @classmethod
    def user(cls, user_id: int) -> Owner:
        return cls(key=f"user:{user_id}")

    @classmethod
    def organisation(cls, organisation_id: int) -> Owner:
        """A founder's assessments belong to their organisation: every member sees them."""
        return cls(key=f"org:{organisation_id}")


def new_session_token() -> str:
    """An unguessable token (256 bits) naming an anonymous owner."""
    return secrets.token_urlsafe(32)
