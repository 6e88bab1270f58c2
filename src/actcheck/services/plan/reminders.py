"""The plan's mail digest and calendar feed: dates that reach people.

`actcheck remind` (`flask --app actcheck remind`, daily from cron) mails each member of
each organisation one digest: open items due within 30 days, within 7 days, overdue ones
and items new since the plan last changed. Each (member, item, kind) is mailed once:
`PlanReminder` rows record it, written in the transaction that sends the mail, so a failed
mail is tried again the next day and a second run the same day sends nothing. Members
who turned digests off (`DigestOptOut`) get none.

The digest is written in the member's language (`User.language`: the one they last chose
for the pages, or logged in with); an account that never had one gets every language in
turn.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from actcheck.models import (
    AccountRole,
    Assessment,
    CalendarFeed,
    DigestOptOut,
    Organisation,
    PlanItem,
    PlanReminder,
    User,
    utcnow,
)
from actcheck.presentation import assessment_name
from actcheck.services.plan.items import due_date
from actcheck.services.plan.progress import CLOSED

log = logging.getLogger(__name__)

DUE_30, DUE_7, OVERDUE, NEW = "due_30", "due_7", "overdue", "new"
KINDS = (OVERDUE, DUE_7, DUE_30, NEW)


def _l(text: str) -> str:
    """Marks a message for the catalogue (`scripts/i18n.sh` extracts `_l`); translated
    when the digest is written."""
    return text


HEADINGS = {
    OVERDUE: _l("Overdue"),
    DUE_7: _l("Due within 7 days"),
    DUE_30: _l("Due within 30 days"),
    NEW: _l("New in your plan"),
}
SUBJECT = _l("Your AI Act compliance plan: %(count)s items need attention")
INTRO = _l("Hello %(name)s, here is where your organisation's compliance plan stands.")
OUTRO = _l("To stop these digests, turn them off on your AI inventory page.")


def kinds_of(item: PlanItem, today: dt.date) -> list[str]:
    """The reminders an open item is due today: "new" while it is new, and the most urgent
    of its date (overdue, within 7 days, within 30 days). A closed item is due none."""
    if item.status in CLOSED:
        return []
    kinds = [NEW] if item.new_since is not None else []
    due = due_date(item)
    if due < today:
        kinds.append(OVERDUE)
    elif due <= today + dt.timedelta(days=7):
        kinds.append(DUE_7)
    elif due <= today + dt.timedelta(days=30):
        kinds.append(DUE_30)
    return kinds


@dataclass(frozen=True)
class Line:
    kind: str
    system: str
    item: PlanItem
    due: dt.date


@dataclass(frozen=True)
class Digest:
    user: User
    lines: tuple[Line, ...]


def _organisation_items(session: Session, organisation: Organisation) -> list[tuple[str, PlanItem]]:
    rows = session.execute(
        select(Assessment, PlanItem)
        .join(PlanItem, PlanItem.assessment_id == Assessment.id)
        .where(Assessment.owner_key == f"org:{organisation.id}", PlanItem.archived_at.is_(None))
    )
    return [(assessment_name(a.answers) or a.public_id[:8], item) for a, item in rows]


def digests(session: Session, today: dt.date) -> list[Digest]:
    """What each member would be mailed today, what was mailed before left out."""
    out = []
    opted_out = set(session.scalars(select(DigestOptOut.user_id)))
    for organisation in session.scalars(select(Organisation).order_by(Organisation.id)):
        found = [
            (system, item, kind)
            for system, item in _organisation_items(session, organisation)
            for kind in kinds_of(item, today)
        ]
        if not found:
            continue
        members = session.scalars(
            select(User).where(
                User.organisation_id == organisation.id, User.role == AccountRole.FOUNDER
            )
        )
        for user in members:
            if user.id in opted_out:
                continue
            sent = {
                (row.item_id, row.kind)
                for row in session.execute(
                    select(PlanReminder.item_id, PlanReminder.kind).where(
                        PlanReminder.user_id == user.id
                    )
                )
            }
            lines = tuple(
                Line(kind, system, item, due_date(item))
                for system, item, kind in found
                if (item.id, kind) not in sent
            )
            if lines:
                out.append(Digest(user=user, lines=lines))
    return out


def render(
    digest: Digest,
    translate: Mapping[str, Callable[[str], str]],
    title: Callable[[PlanItem, str], str],
) -> tuple[str, str]:
    """The digest's subject and plain-text body in the member's language, or in each
    language in turn when the account has none (or one without a catalogue).

    Args:
        translate: language -> gettext of that language's catalogue.
        title: the obligation's title of an item in a language.
    """
    theirs = digest.user.language
    if theirs is not None and theirs in translate:
        translate = {theirs: translate[theirs]}
    parts = []
    subject = ""
    for lang, gettext in translate.items():
        if not subject:
            subject = gettext(SUBJECT) % {"count": len(digest.lines)}
        lines = [gettext(INTRO) % {"name": digest.user.name or digest.user.email}, ""]
        for kind in KINDS:
            chosen = [line for line in digest.lines if line.kind == kind]
            if not chosen:
                continue
            lines.append(gettext(HEADINGS[kind]))
            lines += [
                f"- {line.due.isoformat()} · {line.system} · {title(line.item, lang)}"
                for line in chosen
            ]
            lines.append("")
        lines.append(gettext(OUTRO))
        parts.append("\n".join(lines))
    return subject, "\n\n----\n\n".join(parts)


def send_all(
    session: Session,
    today: dt.date,
    *,
    send: Callable[[str, str, str], None],
    write: Callable[[Digest], tuple[str, str]],
) -> int:
    """Mail every digest due today and record what each held; returns how many were sent.

    Each digest is its own transaction: its rows are flushed (the unique constraint stops
    a second run racing this one), the mail sent, then committed; a mail that fails rolls
    its rows back, to be tried again tomorrow.
    """
    count = 0
    for digest in digests(session, today):
        email, user_id = digest.user.email, digest.user.id
        subject, body = write(digest)
        try:
            for line in digest.lines:
                session.add(
                    PlanReminder(
                        user_id=user_id, item_id=line.item.id, kind=line.kind, sent_on=today
                    )
                )
            session.flush()
            send(email, subject, body)
        except IntegrityError:
            session.rollback()  # another run sent it
            continue
        except OSError:
            session.rollback()
            log.exception("plan digest to user %d not sent; tried again next run", user_id)
            continue
        session.commit()
        count += 1
    return count


def set_digest(session: Session, user: User, *, on: bool) -> None:
    """Turn a member's digest mails on or off."""
    row = session.get(DigestOptOut, user.id)
    if on and row is not None:
        session.delete(row)
    elif not on and row is None:
        session.add(DigestOptOut(user_id=user.id, created_at=utcnow()))
    session.flush()


def digest_on(session: Session, user: User) -> bool:
    return session.get(DigestOptOut, user.id) is None


# -- the calendar feed ------------------------------------------------------------------------


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_feed(session: Session, organisation: Organisation) -> str:
    """A new secret calendar address token for the organisation (the old one stops
    working). Returned once; only its hash is kept."""
    token = secrets.token_urlsafe(32)
    row = session.get(CalendarFeed, organisation.id)
    if row is None:
        session.add(
            CalendarFeed(
                organisation_id=organisation.id, token_hash=_hash(token), created_at=utcnow()
            )
        )
    else:
        row.token_hash = _hash(token)
        row.created_at = utcnow()
    session.flush()
    return token


def revoke_feed(session: Session, organisation: Organisation) -> None:
    row = session.get(CalendarFeed, organisation.id)
    if row is not None:
        session.delete(row)
        session.flush()


def has_feed(session: Session, organisation: Organisation) -> bool:
    return session.get(CalendarFeed, organisation.id) is not None


def feed_organisation(session: Session, token: str) -> Organisation | None:
    """The organisation whose calendar this token opens, or None."""
    row = session.scalar(select(CalendarFeed).where(CalendarFeed.token_hash == _hash(token)))
    return session.get(Organisation, row.organisation_id) if row is not None else None


def calendar(
    session: Session,
    organisation: Organisation,
    *,
    title: Callable[[PlanItem], str],
    link: Callable[[str, int], str],
    now: dt.datetime,
) -> bytes:
    """The organisation's open plan items as iCalendar: one all-day event per due date,
    with a stable UID, so a subscribed calendar updates an event instead of adding one."""
    from icalendar import Calendar, Event

    feed = Calendar()
    feed.add("prodid", "-//actcheck//compliance plan//EN")
    feed.add("version", "2.0")
    feed.add("x-wr-calname", f"actcheck · {organisation.name}")
    rows = session.execute(
        select(Assessment.public_id, Assessment.answers, PlanItem)
        .join(PlanItem, PlanItem.assessment_id == Assessment.id)
        .where(Assessment.owner_key == f"org:{organisation.id}", PlanItem.archived_at.is_(None))
    )
    for public_id, answers, item in rows:
        if item.status in CLOSED:
            continue
        event = Event()
        event.add("uid", f"plan-item-{item.id}@actcheck")
        event.add("dtstamp", now)
        event.add("dtstart", due_date(item))
        system = assessment_name(answers) or public_id[:8]
        event.add("summary", f"{system}: {title(item)}")
        event.add("description", ", ".join(item.articles))
        event.add("url", link(public_id, item.id))
        feed.add_component(event)
    data: Any = feed.to_ical()
    return bytes(data)
