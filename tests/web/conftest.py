"""Fixtures of the web tests."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 with its smallest costs: the tests make hundreds of accounts. Production keeps
    argon2-cffi's defaults (RFC 9106 low-memory profile)."""
    from actcheck.services import accounts

    monkeypatch.setattr(
        accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )
