"""Fixtures of the API tests: answers documents and founders' API tokens."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from founders import FOUNDERS, Founder, csrf_token
from people import Person, make_person

ROOT = Path(__file__).resolve().parents[2]
CV_SCREENING = (ROOT / "examples/cv-screening.yaml").read_text(encoding="utf-8")
TOKEN = re.compile(r"data-token>(act_[A-Za-z0-9_-]+)<")


def document(name: str) -> dict[str, Any]:
    """The answers document of one of the founders' answer sets."""
    return {"actcheck": 1, "answers": dict(FOUNDERS[name])}


@pytest.fixture
def founder(app: Any) -> Founder:
    """A founder with an account, logged in (API tokens belong to accounts)."""
    return make_person(
        app, "ana@talentmatch.example", "founder", organisation="TalentMatch"
    ).founder


@pytest.fixture
def other_founder(app: Any) -> Founder:
    """Someone else, with their own account and browser, on the same site."""
    return make_person(app, "bo@other.example", "founder", organisation="Other SAS").founder


def create_token(founder: Founder | Person, name: str = "CI") -> str:
    """Create an API token on the tokens page, as its holder would, and return it."""
    page = founder.client.get("/tokens/")
    assert page.status_code == 200
    response = founder.client.post(
        "/tokens/", data={"csrf_token": csrf_token(page.text), "name": name}
    )
    assert response.status_code == 201, response.text
    match = TOKEN.search(response.text)
    assert match, "the new token is not on the page"
    return match.group(1)


@pytest.fixture
def token_for() -> Callable[[Founder], str]:
    return create_token


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
