"""`flask tokens` finds the account a token is for by its address (as typed, in any case)
or by its owner key, and refuses an address or a key that names no account."""

from __future__ import annotations

from typing import Any

import pytest

from people import make_person


@pytest.mark.parametrize(
    "holder",
    [
        ["--user", " Ada@Example.COM "],
        ["--owner", "user:{id}"],
    ],
)
def test_a_token_is_made_for_the_account_named(app: Any, holder: list[str]) -> None:
    person = make_person(app, "ada@example.com", "founder", login=False)
    args = [arg.format(id=person.id) for arg in holder]
    created = app.test_cli_runner().invoke(args=["tokens", "create", *args, "--name", "ci"])
    assert created.exit_code == 0, created.output
    assert "created for ada@example.com (founder)" in created.output
    listed = app.test_cli_runner().invoke(args=["tokens", "list", *args])
    assert "ci  (active)" in listed.output


@pytest.mark.parametrize(
    ("holder", "said"),
    [
        (["--user", "nobody@example.com"], "no account is 'nobody@example.com'"),
        (["--owner", "user:999999"], "no account is 'user:999999'"),
    ],
)
def test_a_token_for_no_account_is_refused(app: Any, holder: list[str], said: str) -> None:
    make_person(app, "ada@example.com", "founder", login=False)
    out = app.test_cli_runner().invoke(args=["tokens", "create", *holder, "--name", "ci"])
    assert out.exit_code == 1
    assert said in out.output
