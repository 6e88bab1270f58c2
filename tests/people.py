"""People of an incubator programme (an admin, advisors, founders) made directly in the
database, and logging them in through the Flask test client; shared by tests/web."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from founders import Founder, csrf_token

PASSWORD = "correct horse battery"  # noqa: S105 - tests only
LINK = re.compile(r"(https?://\S+)")


@dataclass
class Person:
    """Someone with an account and their own browser."""

    id: int
    email: str
    role: str
    client: Any
    organisation_id: int | None = None

    @property
    def founder(self) -> Founder:
        return Founder(self.client)

    def login(self, password: str = PASSWORD) -> Any:
        page = self.client.get("/login")
        return self.client.post(
            "/login",
            data={"csrf_token": csrf_token(page.text), "email": self.email, "password": password},
        )

    def post(self, url: str, data: dict[str, Any] | None = None, page: str = "/") -> Any:
        token = csrf_token(self.client.get(page).text)
        return self.client.post(url, data={"csrf_token": token, **(data or {})})


def make_cohort(app: Any, name: str = "Spring 2027") -> int:
    from actcheck.models import Cohort, utcnow

    with app.extensions["actcheck.database"].sessions() as session:
        cohort = Cohort(name=name, created_at=utcnow())
        session.add(cohort)
        session.commit()
        return cohort.id


def make_person(
    app: Any,
    email: str,
    role: str,
    *,
    cohort: int | None = None,
    organisation: str | None = None,
    login: bool = True,
) -> Person:
    """An account; founders get an organisation (in `cohort`), advisors advise `cohort`."""
    from actcheck.models import Cohort, CohortAdvisor
    from actcheck.services import accounts

    with app.extensions["actcheck.database"].sessions() as session:
        org = None
        if role == "founder":
            org = accounts.create_organisation(
                session,
                name=organisation or f"{email} SAS",
                cohort=session.get(Cohort, cohort) if cohort else None,
            )
        user = accounts.create_user(
            session,
            email=email,
            password=PASSWORD,
            name=email.split("@")[0],
            role=role,
            organisation=org,
        )
        if role == "advisor" and cohort:
            session.add(CohortAdvisor(cohort_id=cohort, user_id=user.id))
        session.commit()
        person = Person(user.id, user.email, role, app.test_client(), user.organisation_id)
    if login:
        response = person.login()
        assert response.status_code == 302, response.text[:500]
    return person


def sign_up(
    app: Any,
    link: str,
    email: str,
    *,
    name: str | None = None,
    organisation: str = "Acme SAS",
    password: str = PASSWORD,
) -> tuple[Any, Any]:
    """Follow a sign-up or invitation link in a new browser and fill in the account form;
    returns that browser (a test client) and the answer to the form."""
    client = app.test_client()
    form = client.get(link)
    response = client.post(
        link,
        data={
            "csrf_token": csrf_token(form.text),
            "email": email,
            "name": name or email.split("@")[0],
            "organisation": organisation,
            "password": password,
            "confirm": password,
        },
    )
    return client, response


def mailed_link(caplog: Any) -> str:
    """The last link written to the log by the development mailer."""
    for record in reversed(caplog.records):
        if record.name == "actcheck.services.mail":
            match = LINK.search(record.getMessage())
            if match:
                return match.group(1)
    raise AssertionError("no mail with a link in the log")


def quiet(caplog: Any) -> None:
    caplog.set_level(logging.INFO, logger="actcheck.services.mail")


def reset_password(app: Any, caplog: Any, email: str, password: str) -> Any:
    """Ask for a reset link in a new browser, follow the mailed link and choose `password`;
    returns the answer to that last form (caplog must be `quiet`)."""
    client = app.test_client()
    page = client.get("/password/reset")
    client.post("/password/reset", data={"csrf_token": csrf_token(page.text), "email": email})
    link = mailed_link(caplog).replace("http://localhost", "")
    form = client.get(link)
    return client.post(
        link,
        data={"csrf_token": csrf_token(form.text), "password": password, "confirm": password},
    )


def plan_writer_headers(app: Any, user_id: int, role: str, name: str = "w") -> dict[str, str]:
    """The Authorization header of a token made for the account `user_id` asking for
    plan:write, as the tokens page makes it (only founders get that scope)."""
    from actcheck.services import tokens
    from actcheck.services.owners import Owner

    with app.extensions["actcheck.database"].sessions() as session:
        secret = tokens.create(
            session,
            owner=Owner.user(user_id),
            name=name,
            scopes=tokens.scopes_for(role, plan_write=True),
        ).secret
        session.commit()
    return {"Authorization": f"Bearer {secret}"}
