"""Redirect targets taken from the request (issue 12, finding 5): one `safe_next`, used by
the login page and the language switch. Whatever it accepts, a browser resolves to a page
of this site; the red team's cases are refused on both routes, and none gives a 500."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from founders import csrf_token
from people import PASSWORD, make_person

ORIGIN = "https://actcheck.example"
PAGE = ORIGIN + "/assessments/abc/result"

#: The red team's targets and their cousins: each one leaves the site in some browser.
HOSTILE = [
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "/\r\nSet-Cookie: x=1",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "/ /evil.example",
    " //evil.example",
    "/\u200b/evil.example",
    "/\ufeff/evil.example",
    "/\xa0/evil.example",
    "/\x00/evil.example",
    "https://evil.example/",
    "https:evil.example",
    "javascript:alert(1)",
    "evil.example",
    "",
]


def browser_resolve(base: str, target: str) -> str:
    """What a browser makes of `Location: target` on `base`, after the WHATWG URL parser's
    repairs: leading and trailing C0 controls and spaces stripped, tabs and newlines
    removed anywhere, a backslash read as a slash (http and https are "special")."""
    cleaned = target.strip("".join(chr(i) for i in range(0x21)))
    cleaned = re.sub(r"[\t\n\r]", "", cleaned).replace("\\", "/")
    return urljoin(base, cleaned)


def same_origin(url: str) -> bool:
    parts = urlsplit(url)
    return (parts.scheme, parts.netloc) == ("https", "actcheck.example")


PIECES = st.sampled_from(
    [
        "/", "//", "\\", "\t", "\n", "\r", " ", "\x00", "\x0b", "\x1f", "\x7f", "\xa0",
        "\u200b", "\u2028", "\ufeff", ":", "@", ".", "..", "%09", "%2F", "?", "#", "a",
        "evil.example", "https:", "javascript:", "assessments",
    ]
)  # fmt: skip
TARGETS = st.one_of(st.lists(PIECES, max_size=8).map("".join), st.text(max_size=40))


@given(TARGETS)
def test_whatever_safe_next_accepts_stays_on_this_site(target: str) -> None:
    from actcheck.web.redirects import safe_next

    accepted = safe_next(target)
    if accepted is not None:
        assert accepted == target
        assert same_origin(browser_resolve(PAGE, accepted)), repr(target)


@pytest.mark.parametrize("target", HOSTILE, ids=repr)
def test_the_red_teams_targets_are_refused(target: str) -> None:
    from actcheck.web.redirects import safe_next

    assert safe_next(target) is None


@pytest.mark.parametrize(
    "target", ["/", "/assessments/abc/result", "/review/?tier=high_risk&sort=date", "/a#b"]
)
def test_a_page_of_this_site_is_kept(target: str) -> None:
    from actcheck.web.redirects import safe_next

    assert safe_next(target) == target


def _login(app: Any, target: str) -> Any:
    person = make_person(app, "next@example.eu", "founder", login=False)
    client = person.client
    page = client.get("/login", query_string={"next": target})
    assert page.status_code == 200
    return client.post(
        "/login",
        query_string={"next": target},
        data={"csrf_token": csrf_token(page.text), "email": person.email, "password": PASSWORD},
    )


@pytest.mark.parametrize("target", HOSTILE, ids=repr)
def test_login_never_sends_you_to_another_site(app: Any, target: str) -> None:
    response = _login(app, target)
    assert response.status_code in (302, 303), response.status_code
    assert same_origin(browser_resolve(ORIGIN + "/login", response.headers["Location"]))
    assert response.headers["Location"] == "/"


def test_login_still_goes_back_to_the_page_asked_for(app: Any) -> None:
    response = _login(app, "/tokens/")
    assert response.headers["Location"] == "/tokens/"


@pytest.mark.parametrize("target", HOSTILE, ids=repr)
def test_the_language_switch_never_sends_you_to_another_site(client: Any, target: str) -> None:
    token = csrf_token(client.get("/").text)
    response = client.post("/language", data={"csrf_token": token, "lang": "fr", "next": target})
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


def test_the_language_switch_goes_back_to_the_page(client: Any) -> None:
    token = csrf_token(client.get("/").text)
    response = client.post(
        "/language", data={"csrf_token": token, "lang": "fr", "next": "/assessments/import"}
    )
    assert response.headers["Location"] == "/assessments/import"
