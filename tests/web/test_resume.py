"""Closing the browser or restarting the app loses nothing."""

from __future__ import annotations

from typing import Any

from founders import FOUNDERS, Founder


def test_a_founder_resumes_a_draft_after_the_app_restarts(app_factory: Any) -> None:
    first = app_factory()
    founder = Founder(first.test_client())
    founder.start()
    for qid in ("org.name", "org.size", "org.established_in_eu"):
        assert founder.post_answer(qid, FOUNDERS["minimal_risk"][qid]).status_code == 302
    cookie = founder.client.get_cookie("actcheck_session")
    assert cookie is not None
    first.extensions["actcheck.database"].close()

    # A new process with the same configuration, and the browser's saved cookie.
    second = app_factory()
    browser = second.test_client()
    browser.set_cookie(cookie.key, cookie.value)
    resumed = Founder(browser, public_id=founder.public_id)

    home = resumed.page("/").text
    assert "Acme Analytics SAS" in home
    assert "Draft" in home
    response = browser.get(f"{resumed.base}/continue")
    assert response.headers["Location"].endswith("/questions/org.public_body")
    page = resumed.page(f"{resumed.base}/questions/org.size").text
    assert 'value="small"\n                       checked' in page
    asked = resumed.fill(FOUNDERS["minimal_risk"], start=f"{resumed.base}/continue")
    assert asked[0] == "org.public_body"
    assert "Minimal risk" in resumed.page(f"{resumed.base}/result").text


def test_the_session_cookie_outlives_the_browser_and_is_locked_down(client: Any) -> None:
    founder = Founder(client)
    home = client.get("/")
    # Before the founder starts, the session only holds the CSRF token: no owner yet.
    with client.session_transaction() as session:
        assert "owner_token" not in session
    from founders import csrf_token

    response = client.post("/assessments", data={"csrf_token": csrf_token(home.text)})
    cookies = response.headers.getlist("Set-Cookie")
    session_cookie = next(c for c in cookies if c.startswith("actcheck_session="))
    assert "Expires=" in session_cookie  # permanent: survives closing the browser
    assert "Secure" in session_cookie
    assert "HttpOnly" in session_cookie
    assert "SameSite=Lax" in session_cookie
    assert founder is not None
