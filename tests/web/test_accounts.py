"""Accounts: login, logout everywhere, drafts claimed on login and sign-up, open sign-up,
invitations, password reset, rate limiting, no user enumeration, privacy."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any

import pytest
from sqlalchemy import func, select

from founders import FOUNDERS, Founder, csrf_token, stored
from people import PASSWORD, mailed_link, make_cohort, make_person, quiet


def _login(client: Any, email: str, password: str) -> Any:
    page = client.get("/login")
    return client.post(
        "/login", data={"csrf_token": csrf_token(page.text), "email": email, "password": password}
    )


def test_a_founder_logs_in_and_out(app: Any) -> None:
    person = make_person(app, "ada@example.eu", "founder", login=False)
    response = person.login()
    assert response.status_code == 302
    assert "Log out" in person.client.get("/").text
    person.post("/logout")
    assert "Log in" in person.client.get("/").text
    assert person.client.get("/account").status_code == 302


def test_login_never_tells_whether_an_address_has_an_account(app: Any) -> None:
    make_person(app, "ada@example.eu", "founder", login=False)
    wrong = _login(app.test_client(), "ada@example.eu", "not the password")
    unknown = _login(app.test_client(), "nobody@example.eu", "not the password")
    assert wrong.status_code == unknown.status_code == 422
    assert "The email address or the password is incorrect." in wrong.text
    strip = re.compile(r'value="[^"]*"')
    assert strip.sub("", wrong.text) == strip.sub("", unknown.text)


def test_drafts_started_before_login_join_the_organisation(app: Any) -> None:
    person = make_person(app, "ada@example.eu", "founder", login=False)
    founder = Founder(person.client)
    founder.fill(FOUNDERS["limited_risk"])
    assert stored(app, founder.public_id).owner_key.startswith("session:")
    person.login()
    assert stored(app, founder.public_id).owner_key == f"org:{person.organisation_id}"
    assert person.client.get(f"/assessments/{founder.public_id}/result").status_code == 200
    # A colleague of the same organisation sees it too; the anonymous browser no longer.
    assert Founder(app.test_client()).client.get(f"{founder.base}/").status_code == 403


def test_logout_everywhere_ends_every_login(app: Any) -> None:
    laptop = make_person(app, "ada@example.eu", "founder")
    phone = app.test_client()
    assert _login(phone, "ada@example.eu", PASSWORD).status_code == 302
    assert phone.get("/account").status_code == 200
    laptop.post("/logout-everywhere", page="/account")
    assert phone.get("/account").status_code == 302
    assert laptop.client.get("/account").status_code == 302


def test_every_form_needs_its_csrf_token(app: Any) -> None:
    make_person(app, "ada@example.eu", "founder", login=False)
    client = app.test_client()
    response = client.post("/login", data={"email": "ada@example.eu", "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/account").status_code == 302


def test_login_attempts_are_limited_with_a_clear_message(app_factory: Any) -> None:
    app = app_factory(LOGIN_RATE_LIMIT="3 per minute")
    client = app.test_client()
    responses = [_login(client, "x@example.eu", "wrong password") for _ in range(4)]
    assert [r.status_code for r in responses] == [422, 422, 422, 429]
    assert "Too many attempts" in responses[3].text


def test_sign_up_is_closed_unless_configured(app: Any) -> None:
    assert app.test_client().get("/signup").status_code == 404


def test_open_sign_up_by_a_link_claims_the_drafts(app_factory: Any, caplog: Any) -> None:
    quiet(caplog)
    app = app_factory(OPEN_SIGNUP=True)
    founder = Founder(app.test_client())
    founder.fill(FOUNDERS["minimal_risk"])
    page = founder.client.get("/signup")
    sent = founder.client.post(
        "/signup", data={"csrf_token": csrf_token(page.text), "email": "New@Example.eu"}
    )
    assert sent.status_code == 200
    assert "Check your email" in sent.text
    link = mailed_link(caplog).replace("http://localhost", "")
    form = founder.client.get(link)
    finished = founder.client.post(
        link,
        data={
            "csrf_token": csrf_token(form.text),
            "email": "ignored@example.eu",
            "name": "New Founder",
            "organisation": "New SAS",
            "password": PASSWORD,
            "confirm": PASSWORD,
        },
    )
    assert finished.status_code == 302, finished.text[:2000]
    assert stored(app, founder.public_id).owner_key.startswith("org:")
    assert _login(app.test_client(), "new@example.eu", PASSWORD).status_code == 302


def test_sign_up_does_not_tell_whether_an_address_has_an_account(
    app_factory: Any, caplog: Any
) -> None:
    quiet(caplog)
    app = app_factory(OPEN_SIGNUP=True)
    make_person(app, "ada@example.eu", "founder", login=False)
    pages = []
    for address in ("ada@example.eu", "nobody@example.eu"):
        client = app.test_client()
        page = client.get("/signup")
        pages.append(
            client.post("/signup", data={"csrf_token": csrf_token(page.text), "email": address})
        )
    assert pages[0].status_code == pages[1].status_code == 200
    strip = re.compile(r'value="[^"]*"')
    assert strip.sub("", pages[0].text.replace("ada@", "X@")) == strip.sub(
        "", pages[1].text.replace("nobody@", "X@")
    )


def test_a_reset_link_works_once(app: Any, caplog: Any) -> None:
    quiet(caplog)
    make_person(app, "ada@example.eu", "founder", login=False)
    answers = []
    for address in ("ada@example.eu", "nobody@example.eu"):
        client = app.test_client()
        page = client.get("/password/reset")
        answers.append(
            client.post(
                "/password/reset", data={"csrf_token": csrf_token(page.text), "email": address}
            )
        )
    strip = re.compile(r'value="[^"]*"')
    assert strip.sub("", answers[0].text.replace("ada@", "X@")) == strip.sub(
        "", answers[1].text.replace("nobody@", "X@")
    )
    link = mailed_link(caplog).replace("http://localhost", "")
    client = app.test_client()
    page = client.get(link)
    new = "a brand new password"
    changed = client.post(
        link, data={"csrf_token": csrf_token(page.text), "password": new, "confirm": new}
    )
    assert changed.status_code == 302
    assert client.get(link).status_code == 410  # used: the password changed
    assert _login(app.test_client(), "ada@example.eu", PASSWORD).status_code == 422
    assert _login(app.test_client(), "ada@example.eu", new).status_code == 302


def test_a_reset_link_expires(app: Any) -> None:
    from actcheck.models import User
    from actcheck.services import accounts

    make_person(app, "ada@example.eu", "founder", login=False)
    with app.extensions["actcheck.database"].sessions() as session:
        user = session.scalars(select(User)).one()
        token = accounts.reset_token(user, secret=app.config["SECRET_KEY"])
        assert accounts.user_for_reset(session, token, secret=app.config["SECRET_KEY"]) is user
        with pytest.raises(accounts.InvalidToken):
            accounts.user_for_reset(session, token, secret=app.config["SECRET_KEY"], max_age=-1)
        with pytest.raises(accounts.InvalidToken):
            accounts.user_for_reset(session, token + "x", secret=app.config["SECRET_KEY"])


def _invite(admin: Any, cohort: int, role: str, organisation: str = "") -> str:
    page = admin.client.get(f"/admin/cohorts/{cohort}")
    response = admin.client.post(
        f"/admin/cohorts/{cohort}",
        data={"csrf_token": csrf_token(page.text), "role": role, "organisation": organisation},
    )
    assert response.status_code == 200
    link = re.search(r"data-invitation-link>([^<]+)<", response.text)
    assert link, response.text[:2000]
    return link.group(1).replace("http://localhost", "")


def _accept(client: Any, link: str, email: str, organisation: str = "") -> Any:
    page = client.get(link)
    assert page.status_code == 200, page.status_code
    return client.post(
        link,
        data={
            "csrf_token": csrf_token(page.text),
            "email": email,
            "name": email.split("@")[0],
            "organisation": organisation,
            "password": PASSWORD,
            "confirm": PASSWORD,
        },
    )


def test_an_admin_creates_a_cohort_and_invites_once(app: Any) -> None:
    admin = make_person(app, "admin@example.eu", "admin")
    page = admin.client.get("/admin/cohorts")
    created = admin.client.post(
        "/admin/cohorts", data={"csrf_token": csrf_token(page.text), "name": "Spring"}
    )
    assert created.status_code == 302
    cohort = int(created.headers["Location"].rsplit("/", 1)[1])
    link = _invite(admin, cohort, "founder", "Acme SAS")
    joined = _accept(app.test_client(), link, "ada@example.eu", "Acme SAS")
    assert joined.status_code == 302
    assert app.test_client().get(link).status_code == 410  # single use
    advisor_link = _invite(admin, cohort, "advisor")
    client = app.test_client()
    assert _accept(client, advisor_link, "adv@example.eu").status_code == 302
    assert client.get("/review/").status_code == 200
    assert "Acme SAS" in admin.client.get(f"/admin/cohorts/{cohort}").text


def test_invitations_expire_and_die_with_a_closed_cohort(app: Any) -> None:
    from actcheck.models import Cohort, User
    from actcheck.services import accounts

    cohort_id = make_cohort(app)
    make_person(app, "admin@example.eu", "admin", login=False)
    with app.extensions["actcheck.database"].sessions() as session:
        admin = session.scalars(select(User)).one()
        cohort = session.get(Cohort, cohort_id)
        old = accounts.invite(
            session,
            cohort,
            role="founder",
            actor=admin,
            now=dt.datetime.now(dt.UTC) - dt.timedelta(days=15),
        )
        fresh = accounts.invite(session, cohort, role="founder", actor=admin)
        session.commit()
        with pytest.raises(accounts.InvalidToken):
            accounts.find_invitation(session, old)
        assert accounts.find_invitation(session, fresh)
        accounts.close_cohort(session, cohort, actor=admin)
        session.commit()
        with pytest.raises(accounts.InvalidToken):
            accounts.find_invitation(session, fresh)
    assert app.test_client().get(f"/invitations/{fresh}").status_code == 410


def test_a_founder_downloads_everything_then_deletes_the_account(app: Any) -> None:
    from actcheck.models import Assessment, User

    person = make_person(app, "ada@example.eu", "founder")
    person.founder.fill(FOUNDERS["high_risk"])
    person.founder.fill(FOUNDERS["minimal_risk"] | {"system.name": "Second"})
    response = person.client.get("/account/export")
    assert response.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    assert sum(n.endswith(".yaml") for n in names) == 2
    assert sum(n.endswith(".pdf") for n in names) == 2
    page = person.client.get("/account/delete")
    deleted = person.client.post("/account/delete", data={"csrf_token": csrf_token(page.text)})
    assert deleted.status_code == 302
    with app.extensions["actcheck.database"].sessions() as session:
        assert session.scalar(select(func.count()).select_from(Assessment)) == 0
        assert session.scalar(select(func.count()).select_from(User)) == 0
    assert _login(app.test_client(), "ada@example.eu", PASSWORD).status_code == 422


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("password123", "This password is too easy to guess"),
        ("qwertyuiop123", "This password is too easy to guess"),
        ("iloveyou12345", "This password is too easy to guess"),
        ("ada@example.eu", "The password must not be your email address"),
        ("ADA@EXAMPLE.EU", "The password must not be your email address"),
    ],
)
def test_common_leaked_and_own_address_passwords_are_refused(
    app: Any, password: str, message: str
) -> None:
    """Issue 12, finding 13: a packaged list (zxcvbn's), no network; nothing is created."""
    from people import sign_up

    admin = make_person(app, "admin@example.eu", "admin")
    cohort = make_cohort(app)
    link = _invite(admin, cohort, "founder", "Acme SAS")
    _client, response = sign_up(app, link, "ada@example.eu", password=password)
    assert response.status_code == 422
    assert message in response.text
    from actcheck.models import User

    with app.extensions["actcheck.database"].sessions() as session:
        assert session.scalar(select(func.count()).select_from(User)) == 1  # the admin
    _client, accepted = sign_up(app, link, "ada@example.eu", password="violet kettle orbit")  # noqa: S106
    assert accepted.status_code == 302


def test_a_new_password_from_a_reset_link_is_checked_too(app: Any, caplog: Any) -> None:
    from people import reset_password

    quiet(caplog)
    make_person(app, "ada@example.eu", "founder", login=False)
    refused = reset_password(app, caplog, "ada@example.eu", "ada@example.eu")
    assert refused.status_code == 422
    assert "The password must not be your email address" in refused.text


def test_an_advisor_logging_in_with_anonymous_drafts_is_told_first_and_after(app: Any) -> None:
    """Issue 12, finding 13: their drafts cannot join an advisor's account; say so."""
    advisor = make_person(app, "grace@example.eu", "advisor", login=False)
    browser = Founder(advisor.client)
    browser.fill(FOUNDERS["limited_risk"])
    page = advisor.client.get("/login")
    assert "This browser holds an assessment started without an account." in page.text
    assert "Advisor and admin accounts hold no assessments" in page.text
    response = advisor.login()
    assert response.status_code == 302
    after = advisor.client.get(response.headers["Location"])
    assert "was not added to your account: advisor and admin accounts hold no" in after.text
    assert stored(app, browser.public_id).owner_key.startswith("session:")


def test_the_login_page_says_nothing_of_drafts_a_browser_does_not_have(client: Any) -> None:
    assert "data-anonymous-drafts" not in client.get("/login").text


def test_an_invitation_never_moves_an_organisation_to_another_cohort_unasked(app: Any) -> None:
    """Issue 12, finding 13: the founder is told what moving means, and must confirm."""
    from actcheck.models import Organisation

    admin = make_person(app, "admin@example.eu", "admin")
    spring = make_cohort(app, "Spring 2027")
    autumn = make_cohort(app, "Autumn 2027")
    founder = make_person(app, "ada@example.eu", "founder", cohort=spring, organisation="Acme SAS")
    link = _invite(admin, autumn, "founder", "Newco SAS")
    page = founder.client.get(link)
    assert "data-moves-organisation" in page.text
    assert "Your organisation Acme SAS is in the programme “Spring 2027”" in page.text
    assert "advisors of “Spring 2027” then no longer see any of it" in page.text
    assert "This invitation is for “Newco SAS”. If that is a new startup" in page.text

    def cohort_of_acme() -> int | None:
        with app.extensions["actcheck.database"].sessions() as session:
            return session.scalars(select(Organisation.cohort_id)).one()

    unconfirmed = founder.client.post(link, data={"csrf_token": csrf_token(page.text)})
    assert unconfirmed.status_code == 422
    assert "Tick the box to move your organisation" in unconfirmed.text
    assert cohort_of_acme() == spring
    assert founder.client.get(link).status_code == 200  # the invitation is still unused

    moved = founder.client.post(link, data={"csrf_token": csrf_token(page.text), "move": "yes"})
    assert moved.status_code == 302
    assert cohort_of_acme() == autumn


def test_the_service_refuses_to_move_an_organisation_without_the_flag(app: Any) -> None:
    from actcheck.models import Invitation, User
    from actcheck.services import accounts

    admin = make_person(app, "admin@example.eu", "admin")
    spring = make_cohort(app, "Spring 2027")
    autumn = make_cohort(app, "Autumn 2027")
    make_person(app, "ada@example.eu", "founder", cohort=spring)
    _invite(admin, autumn, "founder")
    with app.extensions["actcheck.database"].sessions() as session:
        invitation = session.scalars(select(Invitation)).one()
        user = session.scalars(select(User).where(User.email == "ada@example.eu")).one()
        with pytest.raises(accounts.WouldMoveOrganisation):
            accounts.accept_invitation(session, invitation, user=user)
        assert session.get(Invitation, invitation.id).used_at is None
