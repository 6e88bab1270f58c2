"""Colleagues: a founder invites a colleague into their organisation from the account page;
the colleague creates an account through the mailed link, joins the organisation and sees
and edits its assessments. The link works once, for a while; only founders invite."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sqlalchemy import select

from founders import FOUNDERS, Founder, answers_of, csrf_token, stored
from people import PASSWORD, Person, mailed_link, make_cohort, make_person, quiet, sign_up

SHOWN = re.compile(r"data-invitation-link>([^<]+)<")


def _invite(person: Person, email: str) -> Any:
    return person.post("/account/colleagues", {"email": email}, page="/account")


def _sign_up(app: Any, link: str, email: str, name: str = "Grace") -> tuple[Any, Any]:
    return sign_up(app, link, email, name=name, organisation="Another SAS")


def _user(app: Any, email: str) -> Any:
    from actcheck.models import User

    with app.extensions["actcheck.database"].sessions() as session:
        return session.scalars(select(User).where(User.email == email)).one_or_none()


def test_a_founder_invites_a_colleague_who_joins_and_edits_the_assessments(
    app: Any, caplog: Any
) -> None:
    from actcheck.models import AuditEvent, Organisation

    quiet(caplog)
    ada = make_person(app, "ada@example.eu", "founder", organisation="Acme SAS")
    founder = Founder(ada.client)
    founder.fill(FOUNDERS["limited_risk"])

    page = ada.client.get("/account")
    assert page.status_code == 200
    assert "Invite a colleague" in page.text
    sent = _invite(ada, "Grace@Example.eu")
    assert sent.status_code == 200, sent.text[:2000]
    assert "The invitation was sent to grace@example.eu." in sent.text
    shown = SHOWN.search(sent.text)
    assert shown is not None
    link = mailed_link(caplog)
    assert link == shown.group(1)
    assert any(
        "grace@example.eu" in r.getMessage() and "Acme SAS" in r.getMessage()
        for r in caplog.records
        if r.name == "actcheck.services.mail"
    )
    # Shown once: the account page does not show it again.
    assert "data-invitation-link" not in ada.client.get("/account").text

    path = link.replace("http://localhost", "")
    form = app.test_client().get(path)
    assert form.status_code == 200
    assert "Join Acme SAS" in form.text
    assert 'name="organisation"' not in form.text  # they join it: nothing to name

    grace, joined = _sign_up(app, path, "grace@example.eu")
    assert joined.status_code == 302, joined.text[:2000]
    user = _user(app, "grace@example.eu")
    assert user.role == "founder"
    assert user.organisation_id == ada.organisation_id
    with app.extensions["actcheck.database"].sessions() as session:
        assert (
            session.scalar(select(Organisation.name).where(Organisation.name == "Another SAS"))
            is None
        )
        actions = list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    assert actions == ["colleague_invited", "colleague_joined"]

    # The colleague sees the organisation's assessment and edits it.
    assert grace.get(f"{founder.base}/result").status_code == 200
    colleague = Founder(grace, public_id=founder.public_id)
    _answers, version = answers_of(app, founder.public_id)
    saved = colleague.post_answer("org.name", "Acme Analytics (renamed by Grace)")
    assert saved.status_code == 302, saved.text[:2000]
    answers, new_version = answers_of(app, founder.public_id)
    assert new_version == version + 1
    assert answers["org.name"] == "Acme Analytics (renamed by Grace)"
    assert stored(app, founder.public_id).owner_key == f"org:{ada.organisation_id}"

    # Both are listed as members on the account page, of either of them.
    for client in (ada.client, grace):
        members = client.get("/account").text
        assert "ada@example.eu" in members
        assert "grace@example.eu" in members


def test_the_link_works_once(app: Any, caplog: Any) -> None:
    quiet(caplog)
    ada = make_person(app, "ada@example.eu", "founder")
    _invite(ada, "grace@example.eu")
    path = mailed_link(caplog).replace("http://localhost", "")
    _client, first = _sign_up(app, path, "grace@example.eu")
    assert first.status_code == 302
    assert app.test_client().get(path).status_code == 410
    _client, second = _sign_up(app, path, "mallory@example.eu")
    assert second.status_code == 410
    assert _user(app, "mallory@example.eu") is None


def test_an_expired_link_does_not_work(app: Any) -> None:
    from actcheck.models import User, utcnow
    from actcheck.services import accounts

    ada = make_person(app, "ada@example.eu", "founder", login=False)
    with app.extensions["actcheck.database"].sessions() as session:
        actor = session.get(User, ada.id)
        token = accounts.invite_colleague(
            session, actor=actor, now=utcnow() - dt.timedelta(days=15)
        )
        session.commit()
    _client, response = _sign_up(app, f"/invitations/{token}", "grace@example.eu")
    assert response.status_code == 410
    assert _user(app, "grace@example.eu") is None


def test_only_a_founder_invites_into_their_organisation(app: Any) -> None:
    from actcheck.models import Invitation

    cohort = make_cohort(app)
    advisor = make_person(app, "alan@example.eu", "advisor", cohort=cohort)
    admin = make_person(app, "root@example.eu", "admin")
    for person in (advisor, admin):
        page = person.client.get("/account")
        assert page.status_code == 200
        assert "Invite a colleague" not in page.text
        assert _invite(person, "grace@example.eu").status_code == 403
    anonymous = app.test_client()
    home = anonymous.get("/login")
    response = anonymous.post(
        "/account/colleagues",
        data={"csrf_token": csrf_token(home.text), "email": "grace@example.eu"},
    )
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    # Without its CSRF token, a founder's post is refused too.
    ada = make_person(app, "ada@example.eu", "founder")
    assert ada.client.post("/account/colleagues", data={"email": "x@example.eu"}).status_code == 400
    with app.extensions["actcheck.database"].sessions() as session:
        assert session.scalars(select(Invitation)).first() is None


def test_the_account_page_lists_the_members(app: Any) -> None:
    from actcheck.models import Organisation
    from actcheck.services import accounts

    ada = make_person(app, "ada@example.eu", "founder", organisation="Acme SAS")
    outsider = make_person(app, "eve@example.eu", "founder", login=False)
    with app.extensions["actcheck.database"].sessions() as session:
        organisation = session.get(Organisation, ada.organisation_id)
        accounts.create_user(
            session,
            email="grace@example.eu",
            password=PASSWORD,
            name="Grace Hopper",
            role="founder",
            organisation=organisation,
        )
        session.commit()
    page = ada.client.get("/account").text
    members = re.search(r"<ul data-members>(.*?)</ul>", page, re.S)
    assert members is not None
    assert "Acme SAS" in page
    assert "Grace Hopper (grace@example.eu)" in members.group(1)
    assert "ada@example.eu" in members.group(1)
    assert outsider.email not in members.group(1)


def test_invalid_addresses_get_a_clear_error_and_taken_ones_are_not_revealed(
    app: Any, caplog: Any
) -> None:
    from actcheck.models import Invitation

    quiet(caplog)
    ada = make_person(app, "ada@example.eu", "founder")
    make_person(app, "eve@example.eu", "founder", login=False)
    invalid = _invite(ada, "not an address")
    assert invalid.status_code == 422
    assert "Enter an email address like name@example.com" in invalid.text
    empty = _invite(ada, "")
    assert empty.status_code == 422
    assert "Enter your colleague" in empty.text
    assert 'id="email-error"' in empty.text
    with app.extensions["actcheck.database"].sessions() as session:
        assert session.scalars(select(Invitation)).first() is None
    # An address with an account is invited like any other: the founder must not learn who
    # has an account. Its owner is told so when they use the link.
    taken = _invite(ada, "EVE@example.eu")
    assert taken.status_code == 200
    assert "data-invitation-link" in taken.text
    assert "has an account already" not in taken.text


def test_a_logged_in_account_cannot_use_a_colleague_link(app: Any, caplog: Any) -> None:
    quiet(caplog)
    ada = make_person(app, "ada@example.eu", "founder", organisation="Acme SAS")
    eve = make_person(app, "eve@example.eu", "founder")
    _invite(ada, "grace@example.eu")
    path = mailed_link(caplog).replace("http://localhost", "")
    page = eve.client.get(path)
    assert page.status_code == 200
    assert "log out, then open the link again" in page.text
    assert eve.post(path, page=path).status_code == 200
    assert _user(app, "eve@example.eu").organisation_id == eve.organisation_id
    # Signing up with an address that has an account: a clear error, the link still works.
    _client, taken = _sign_up(app, path, "eve@example.eu")
    assert taken.status_code == 422
    assert "This address has an account already" in taken.text
    # The link still works for the colleague.
    _client, joined = _sign_up(app, path, "grace@example.eu")
    assert joined.status_code == 302


def test_the_pages_are_in_french(app: Any, caplog: Any) -> None:
    quiet(caplog)
    ada = make_person(app, "ada@example.eu", "founder", organisation="Acme SAS")
    page = ada.client.get("/account", headers={"Accept-Language": "fr"})
    assert "Inviter un collègue" in page.text


def test_a_founder_sees_and_withdraws_an_open_invitation(app: Any, caplog: Any) -> None:
    from actcheck.models import Invitation

    quiet(caplog)
    ada = make_person(app, "ada@example.eu", "founder", organisation="Acme SAS")
    eve = make_person(app, "eve@example.eu", "founder", organisation="Other SAS")
    _invite(ada, "wrong@example.eu")
    path = mailed_link(caplog).replace("http://localhost", "")
    page = ada.client.get("/account").text
    assert "Invitations not yet used" in page
    with app.extensions["actcheck.database"].sessions() as session:
        invitation_id = session.scalars(select(Invitation.id)).one()
    url = f"/account/colleagues/{invitation_id}/withdraw"
    # Someone of another organisation cannot withdraw it, nor can a post without CSRF.
    assert eve.post(url, page="/account").status_code == 404
    assert ada.client.post(url).status_code == 400
    assert app.test_client().get(path).status_code == 200
    response = ada.post(url, page="/account")
    assert response.status_code == 302
    page = ada.client.get("/account").text
    assert "The invitation was withdrawn: its link no longer works." in page
    assert "Invitations not yet used" not in page
    assert app.test_client().get(path).status_code == 410
    assert ada.post(url, page="/account").status_code == 404  # already withdrawn: gone
