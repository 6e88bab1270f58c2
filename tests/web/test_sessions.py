"""Signed-in sessions (security issue 12, findings 1, 2 and 8): the login cookie names a
server-side session that logout ends, that expires when idle and in any case, that no new
account can ever match, and failed logins pause the account's logins."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from founders import csrf_token
from people import PASSWORD, make_person

COOKIE = "actcheck_session"


def _cookie(client: Any) -> str:
    cookie = client.get_cookie(COOKIE)
    assert cookie is not None
    return str(cookie.value)


def _browser_with(app: Any, value: str) -> Any:
    """Another browser holding a copy of a cookie (stolen, or kept from before)."""
    browser = app.test_client()
    browser.set_cookie(COOKIE, value)
    return browser


def _delete_account(person: Any) -> None:
    response = person.post("/account/delete", page="/account/delete")
    assert response.status_code == 302


def test_a_deleted_accounts_cookie_never_logs_into_the_next_account(app: Any) -> None:
    """Finding 1: on SQLite, the next account used to get the deleted one's id, and the old
    cookie ("<id>:1") logged into it."""
    first = make_person(app, "first@example.eu", "founder")
    kept = _cookie(first.client)
    _delete_account(first)
    second = make_person(app, "second@example.eu", "founder", login=False)
    assert second.id != first.id  # ids are never reused
    thief = _browser_with(app, kept)
    assert thief.get("/account").status_code == 302  # to the login page


def test_ids_of_deleted_accounts_and_organisations_are_never_reused(app: Any) -> None:
    from actcheck.models import Organisation

    first = make_person(app, "first@example.eu", "founder", login=True)
    _delete_account(first)
    second = make_person(app, "second@example.eu", "founder", login=False)
    assert second.id > first.id
    assert second.organisation_id is not None
    assert first.organisation_id is not None
    assert second.organisation_id > first.organisation_id
    with app.extensions["actcheck.database"].sessions() as session:
        assert session.get(Organisation, first.organisation_id) is None


def test_the_cookie_carries_no_user_id(app: Any) -> None:
    from actcheck.models import LoginSession

    person = make_person(app, "ada@example.eu", "founder")
    with app.extensions["actcheck.database"].sessions() as session:
        rows = session.scalars(select(LoginSession).where(LoginSession.user_id == person.id))
        assert len(list(rows)) == 1
    with app.test_request_context():
        from flask import current_app

        serializer = current_app.session_interface.get_signing_serializer(current_app)  # type: ignore[attr-defined]
        data = serializer.loads(_cookie(person.client))
    assert data["_user_id"] != f"{person.id}:1"
    assert len(data["_user_id"]) >= 40


def test_a_copy_of_the_cookie_taken_before_logout_no_longer_works(app: Any) -> None:
    """Finding 2: logout used to leave every copy of the cookie valid for 183 days."""
    person = make_person(app, "ada@example.eu", "founder")
    copy = _browser_with(app, _cookie(person.client))
    assert copy.get("/account").status_code == 200
    person.post("/logout")
    assert copy.get("/account").status_code == 302
    assert person.client.get("/account").status_code == 302


def test_a_spoofed_forwarded_address_changes_nothing(app: Any) -> None:
    person = make_person(app, "ada@example.eu", "founder")
    copy = _browser_with(app, _cookie(person.client))
    person.post("/logout")
    headers = {"X-Forwarded-For": "203.0.113.9", "User-Agent": "Werkzeug"}
    assert copy.get("/account", headers=headers).status_code == 302


def _age_sessions(app: Any, *, created: dt.timedelta, seen: dt.timedelta) -> None:
    from actcheck.models import LoginSession, utcnow

    with app.extensions["actcheck.database"].sessions() as session:
        for row in session.scalars(select(LoginSession)):
            row.created_at = utcnow() - created
            row.last_seen_at = utcnow() - seen
        session.commit()


def test_a_signed_in_session_ends_after_30_idle_minutes(app: Any) -> None:
    person = make_person(app, "ada@example.eu", "founder")
    _age_sessions(app, created=dt.timedelta(minutes=40), seen=dt.timedelta(minutes=29))
    assert person.client.get("/account").status_code == 200  # and counts as activity
    _age_sessions(app, created=dt.timedelta(minutes=40), seen=dt.timedelta(minutes=31))
    assert person.client.get("/account").status_code == 302


def test_a_signed_in_session_ends_after_12_hours_even_when_active(app: Any) -> None:
    person = make_person(app, "ada@example.eu", "founder")
    _age_sessions(app, created=dt.timedelta(hours=11, minutes=59), seen=dt.timedelta(0))
    assert person.client.get("/account").status_code == 200
    _age_sessions(app, created=dt.timedelta(hours=12, minutes=1), seen=dt.timedelta(0))
    assert person.client.get("/account").status_code == 302


def test_the_limits_are_configurable(app_factory: Any) -> None:
    app = app_factory(LOGIN_IDLE_MINUTES=5)
    person = make_person(app, "ada@example.eu", "founder")
    _age_sessions(app, created=dt.timedelta(minutes=6), seen=dt.timedelta(minutes=6))
    assert person.client.get("/account").status_code == 302


def test_activity_is_recorded_at_most_once_a_minute(app: Any) -> None:
    from actcheck.models import LoginSession

    person = make_person(app, "ada@example.eu", "founder")
    _age_sessions(app, created=dt.timedelta(minutes=10), seen=dt.timedelta(minutes=10))
    person.client.get("/account")
    with app.extensions["actcheck.database"].sessions() as session:
        seen = session.scalars(select(LoginSession.last_seen_at)).one()
    person.client.get("/account")
    with app.extensions["actcheck.database"].sessions() as session:
        assert session.scalars(select(LoginSession.last_seen_at)).one() == seen


def test_login_and_logout_rotate_the_session_and_its_csrf_token(app: Any) -> None:
    person = make_person(app, "ada@example.eu", "founder", login=False)
    before_token = csrf_token(person.client.get("/login").text)
    before_cookie = _cookie(person.client)
    assert person.login().status_code == 302
    after_token = csrf_token(person.client.get("/account").text)
    assert after_token != before_token
    # The token of the anonymous page is refused once signed in.
    refused = person.client.post("/logout-everywhere", data={"csrf_token": before_token})
    assert refused.status_code == 400
    person.post("/logout", page="/account")
    assert csrf_token(person.client.get("/login").text) != after_token
    assert _cookie(person.client) != before_cookie


def test_the_language_survives_login_and_logout(app: Any) -> None:
    person = make_person(app, "ada@example.eu", "founder", login=False)
    page = person.client.get("/")
    person.client.post("/language", data={"csrf_token": csrf_token(page.text), "lang": "fr"})
    assert person.login().status_code == 302
    assert 'lang="fr"' in person.client.get("/account").text


def test_logout_everywhere_and_a_new_password_delete_every_server_side_session(
    app: Any,
) -> None:
    from actcheck.models import LoginSession

    person = make_person(app, "ada@example.eu", "founder")
    phone = app.test_client()
    page = phone.get("/login")
    phone.post(
        "/login",
        data={"csrf_token": csrf_token(page.text), "email": person.email, "password": PASSWORD},
    )
    with app.extensions["actcheck.database"].sessions() as session:
        assert len(list(session.scalars(select(LoginSession)))) == 2
    person.post("/logout-everywhere", page="/account")
    with app.extensions["actcheck.database"].sessions() as session:
        assert list(session.scalars(select(LoginSession))) == []


# -- finding 8: the per-account backoff -----------------------------------------------------


def _attempt(app: Any, email: str, password: str) -> Any:
    client = app.test_client()  # a new browser (and, for the limiter, any address) each time
    page = client.get("/login")
    return client.post(
        "/login", data={"csrf_token": csrf_token(page.text), "email": email, "password": password}
    )


def test_failed_logins_pause_the_account_across_browsers(app_factory: Any) -> None:
    app = app_factory(LOGIN_RATE_LIMIT="1000 per minute")
    make_person(app, "ada@example.eu", "founder", login=False)
    for _ in range(5):
        assert _attempt(app, "ada@example.eu", "wrong password").status_code == 422
    # Paused: even the right password is refused, with the same answer as a wrong one.
    paused = _attempt(app, "ada@example.eu", PASSWORD)
    assert paused.status_code == 422
    unknown = _attempt(app, "nobody@example.eu", "wrong password")
    assert unknown.status_code == 422
    assert "pause for a few minutes" in paused.text
    assert "pause for a few minutes" in unknown.text


def test_the_pause_ends_and_a_success_resets_the_count(app_factory: Any) -> None:
    from actcheck.models import User

    app = app_factory(LOGIN_RATE_LIMIT="1000 per minute")
    make_person(app, "ada@example.eu", "founder", login=False)
    for _ in range(6):  # the sixth comes during the pause: it is not even checked
        _attempt(app, "ada@example.eu", "wrong password")
    with app.extensions["actcheck.database"].sessions() as session:
        user = session.scalars(select(User)).one()
        assert user.failed_logins == 5
        assert user.login_blocked_until is not None
        user.login_blocked_until = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
        session.commit()
    assert _attempt(app, "ada@example.eu", PASSWORD).status_code == 302
    with app.extensions["actcheck.database"].sessions() as session:
        user = session.scalars(select(User)).one()
        assert (user.failed_logins, user.login_blocked_until) == (0, None)


@pytest.mark.parametrize(("failures", "seconds"), [(5, 30), (6, 60), (8, 240), (20, 900)])
def test_the_pause_doubles_up_to_fifteen_minutes(failures: int, seconds: int) -> None:
    from actcheck.models import User
    from actcheck.services import logins

    class _Session:
        def flush(self) -> None:
            pass

    user = User(id=1, failed_logins=failures - 1)
    now = dt.datetime(2026, 12, 2, tzinfo=dt.UTC)
    logins.record_failure(_Session(), user, now=now)  # type: ignore[arg-type]
    assert user.login_blocked_until == now + dt.timedelta(seconds=seconds)


def test_migration_0005_keeps_every_row_and_stops_reusing_ids(tmp_path: Any) -> None:
    """The SQLite rebuild (AUTOINCREMENT) copies accounts, organisations and everything
    that refers to them, then never hands out a deleted id again."""
    from sqlalchemy import text

    from actcheck.database import make_engine, upgrade

    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine, "0004")
    now = "2026-12-01 10:00:00"
    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO organisation (id, name, created_at) VALUES (1, 'A', :t), (2, 'B', :t)"
            ),
            {"t": now},
        )
        c.execute(
            text(
                "INSERT INTO user_account (id, email, name, password_hash, role, organisation_id,"
                " session_version, created_at) VALUES (1, 'a@x.eu', 'a', 'h', 'founder', 1, 1, :t),"
                " (2, 'b@x.eu', 'b', 'h', 'founder', 2, 1, :t)"
            ),
            {"t": now},
        )
    upgrade(engine)
    with engine.begin() as c:
        assert c.execute(
            text("SELECT id, organisation_id FROM user_account ORDER BY id")
        ).all() == [
            (1, 1),
            (2, 2),
        ]
        assert c.execute(text("SELECT failed_logins FROM user_account")).scalars().all() == [0, 0]
        c.execute(text("DELETE FROM user_account WHERE id = 2"))
        c.execute(text("DELETE FROM organisation WHERE id = 2"))
        c.execute(text("INSERT INTO organisation (name, created_at) VALUES ('C', :t)"), {"t": now})
        c.execute(
            text(
                "INSERT INTO user_account (email, name, password_hash, role, session_version,"
                " created_at) VALUES ('c@x.eu', 'c', 'h', 'founder', 1, :t)"
            ),
            {"t": now},
        )
        assert c.execute(text("SELECT max(id) FROM user_account")).scalar() == 3
        assert c.execute(text("SELECT max(id) FROM organisation")).scalar() == 3
    engine.dispose()
