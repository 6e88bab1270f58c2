"""Dates that reach people: the digest (`flask remind`) mails each member once per item and
kind, honours the opt-out and retries a failed mail; the calendar feed lists the due dates
behind a secret, revocable address."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from plan_world import TODAY, Startup
from sqlalchemy import select

from founders import csrf_token


def _start(startup: Startup, *, new_since: dt.date | None = None) -> None:
    from actcheck.models import Assessment
    from actcheck.services.plan import items

    with startup.session() as session:
        assessment = session.scalars(
            select(Assessment).where(Assessment.public_id == startup.public_id)
        ).one()
        items.sync(session, assessment, ruleset=startup.ruleset, actor=None, today=TODAY)
        if new_since is not None:
            items.items_of(session, assessment)[-1].new_since = new_since
        session.commit()


def _remind(
    startup: Startup, day: dt.date, monkeypatch: pytest.MonkeyPatch, fail: bool = False
) -> tuple[list[tuple[str, str, str]], str]:
    from actcheck.services import mail

    sent: list[tuple[str, str, str]] = []

    def send(config: Any, *, to: str, subject: str, body: str) -> None:
        if fail:
            raise OSError("SMTP down")
        sent.append((to, subject, body))

    monkeypatch.setattr(mail, "send", send)
    result = startup.app.test_cli_runner().invoke(args=["remind", "--today", day.isoformat()])
    assert result.exit_code == 0, result.output
    return sent, result.output


def test_the_digest_lists_overdue_and_coming_items_in_both_languages_once(
    startup: Startup, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An account that never chose a language (it never logged in) reads both."""
    _start(startup, new_since=TODAY)
    # 2027-11-20: the 2 December 2027 duties are due within 30 days; AI literacy is overdue.
    day = dt.date(2027, 11, 20)
    sent, output = _remind(startup, day, monkeypatch)
    assert "1 plan digests sent" in output
    ((to, subject, body),) = sent
    assert to == "f@example.eu"
    assert "items need attention" in subject
    assert "Overdue" in body
    assert "Due within 30 days" in body
    assert "New in your plan" in body
    assert "En retard" in body  # the French half
    assert "2027-12-02 · TalentMatch · " in body
    # The same day again, and the next: nothing new to say, nothing sent.
    assert _remind(startup, day, monkeypatch)[0] == []
    assert _remind(startup, day + dt.timedelta(days=1), monkeypatch)[0] == []
    # Within 7 days: a second, shorter digest, only of what is now due within a week.
    later, _ = _remind(startup, dt.date(2027, 11, 28), monkeypatch)
    assert len(later) == 1
    assert "Due within 7 days" in later[0][2]
    assert "Overdue" not in later[0][2].split("----")[0]


def _language_of(startup: Startup) -> str | None:
    from actcheck.models import User

    with startup.session() as session:
        return session.scalars(select(User.language).where(User.email == "f@example.eu")).one()


def test_the_digest_is_written_in_the_language_the_member_reads(
    startup: Startup, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Logging in records the pages' language; choosing another with the switch replaces
    it; the digest then speaks that language alone."""
    _start(startup)
    founder = startup.founder
    assert _language_of(startup) is None
    assert founder.login().status_code == 302
    assert _language_of(startup) == "en"
    day = dt.date(2027, 11, 20)
    ((_to, subject, body),) = _remind(startup, day, monkeypatch)[0]
    assert "items need attention" in subject
    assert "Overdue" in body
    assert "En retard" not in body
    assert "----" not in body

    page = founder.client.get("/account")
    switched = founder.client.post(
        "/language", data={"csrf_token": csrf_token(page.text), "lang": "fr", "next": "/account"}
    )
    assert switched.status_code == 303
    assert _language_of(startup) == "fr"
    assert 'data-account-language="fr"' in founder.client.get("/account").text
    with startup.session() as session:  # the same items, due again a week later
        from actcheck.models import PlanReminder

        session.query(PlanReminder).delete()
        session.commit()
    ((_to, subject, body),) = _remind(startup, day, monkeypatch)[0]
    assert "items need attention" not in subject
    assert "En retard" in body
    assert "Overdue" not in body


def test_a_failed_mail_is_sent_on_the_next_run(
    startup: Startup, monkeypatch: pytest.MonkeyPatch
) -> None:
    _start(startup)
    day = dt.date(2027, 11, 20)
    assert _remind(startup, day, monkeypatch, fail=True)[0] == []
    assert len(_remind(startup, day, monkeypatch)[0]) == 1


def test_a_member_who_turned_digests_off_gets_none(
    startup: Startup, monkeypatch: pytest.MonkeyPatch
) -> None:
    _start(startup)
    client = startup.founder.client
    assert startup.founder.login().status_code == 302
    page = client.get("/inventory")
    assert "Turn digest mails off" in page.text
    client.post("/inventory/digest", data={"csrf_token": csrf_token(page.text), "digest": "off"})
    assert "Your digest mails are off." in client.get("/inventory").text
    assert _remind(startup, dt.date(2027, 11, 20), monkeypatch)[0] == []


def test_the_calendar_feed_lists_due_dates_behind_a_secret_revocable_address(
    startup: Startup,
) -> None:
    from icalendar import Calendar

    _start(startup)
    client = startup.founder.client
    assert startup.founder.login().status_code == 302
    page = client.get("/inventory")
    made = client.post("/inventory/calendar", data={"csrf_token": csrf_token(page.text)})
    address = re.search(r"data-calendar-address>([^<]+)<", made.text)
    assert address
    path = address.group(1).replace("http://localhost", "")
    anyone = startup.app.test_client()  # a calendar app: no login
    feed = anyone.get(path)
    assert feed.status_code == 200
    assert feed.mimetype == "text/calendar"
    events = Calendar.from_ical(feed.data).walk("VEVENT")
    assert len(events) > 5
    assert all(str(e["uid"]).startswith("plan-item-") for e in events)
    assert len({str(e["uid"]) for e in events}) == len(events)
    assert {str(e["uid"]) for e in Calendar.from_ical(anyone.get(path).data).walk("VEVENT")} == {
        str(e["uid"]) for e in events
    }
    # A new address replaces the old one; stopping it ends both.
    page = client.get("/inventory")
    again = client.post("/inventory/calendar", data={"csrf_token": csrf_token(page.text)})
    second = re.search(r"data-calendar-address>([^<]+)<", again.text)
    assert second
    assert anyone.get(path).status_code == 404
    new_path = second.group(1).replace("http://localhost", "")
    assert anyone.get(new_path).status_code == 200
    client.post("/inventory/calendar/revoke", data={"csrf_token": csrf_token(page.text)})
    assert anyone.get(new_path).status_code == 404
    assert anyone.get("/calendar/not-a-token.ics").status_code == 404
