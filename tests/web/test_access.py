"""A draft is reachable only by whoever owns it: the access matrix."""

from __future__ import annotations

from typing import Any

import pytest

from founders import FOUNDERS, Founder, csrf_token, stored

URLS = [
    ("GET", "/assessments/{id}/"),
    ("GET", "/assessments/{id}/continue"),
    ("GET", "/assessments/{id}/questions/org.size"),
    ("POST", "/assessments/{id}/questions/org.size"),
    ("GET", "/assessments/{id}/check"),
    ("GET", "/assessments/{id}/result"),
    ("GET", "/assessments/{id}/export"),
    ("POST", "/assessments/{id}/copy"),
    ("POST", "/assessments/{id}/preview"),
    ("GET", "/assessments/{id}/delete"),
    ("POST", "/assessments/{id}/delete"),
]


def request(founder: Founder, method: str, url: str) -> Any:
    if method == "GET":
        return founder.client.get(url)
    home = founder.client.get("/")
    return founder.client.post(
        url, data={"csrf_token": csrf_token(home.text), "answer": "large", "version": "99"}
    )


@pytest.fixture
def owned(app: Any, founder: Founder) -> str:
    founder.fill(FOUNDERS["minimal_risk"])
    return founder.public_id


@pytest.mark.parametrize(("method", "url"), URLS)
@pytest.mark.parametrize(
    ("who", "status"),
    [("owner", None), ("someone else", 403), ("nobody", 403), ("unknown id", 404)],
)
def test_access_matrix(
    app: Any,
    founder: Founder,
    other_founder: Founder,
    owned: str,
    who: str,
    status: int | None,
    method: str,
    url: str,
) -> None:
    before = stored(app, owned)
    if who == "someone else":
        other_founder.start()  # they have a session and drafts of their own
        actor = other_founder
    elif who == "nobody":
        actor = Founder(app.test_client())
    else:
        actor = founder
    target = url.format(id="no-such-assessment" if who == "unknown id" else owned)

    response = request(actor, method, target)

    if status is None:
        assert response.status_code in (200, 302, 409), response.status_code
        return
    assert response.status_code == status
    after = stored(app, owned)
    assert (after.answers, after.version, after.result) == (
        before.answers,
        before.version,
        before.result,
    )
    if status == 403:
        assert "You cannot open this page" in response.text
        assert "This page belongs to someone else. If it is yours, log in." in response.text


def test_the_list_shows_only_your_own_assessments(founder: Founder, other_founder: Founder) -> None:
    founder.fill(FOUNDERS["minimal_risk"])
    other_founder.start()
    assert "TalentMatch" not in other_founder.page("/").text
    assert founder.public_id not in other_founder.page("/").text


def test_links_are_unguessable(founder: Founder, other_founder: Founder) -> None:
    founder.start()
    other_founder.start()
    assert len(founder.public_id) >= 22
    assert founder.public_id != other_founder.public_id
