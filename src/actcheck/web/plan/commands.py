"""`flask --app actcheck remind`: the plan's daily digest mails (run it from cron, like
`purge`; see docs/plan.md)."""

from __future__ import annotations

import datetime as dt

import click
from flask import current_app
from flask.cli import with_appcontext

from actcheck.models import PlanItem
from actcheck.rules.model import text_in
from actcheck.services import mail
from actcheck.services.plan import reminders
from actcheck.services.report.words import catalogue
from actcheck.web.db import database as app_database

LANGUAGES = ("en", "fr")


def _title(item: PlanItem, lang: str) -> str:
    obligation = current_app.extensions["actcheck.ruleset"].obligations.get(item.obligation_id)
    return text_in(obligation.title, lang) if obligation is not None else item.title


@click.command("remind")
@with_appcontext
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The day to remind as of (default: today).",
)
def remind(today: dt.datetime | None) -> None:
    """Mail each organisation's members their plan digest: items due in 30 and 7 days,
    overdue and new. Each reminder is sent once; members who turned digests off get none."""
    day = today.date() if today is not None else dt.date.today()
    config = dict(current_app.config)
    translate = {lang: catalogue(lang).gettext for lang in LANGUAGES}

    def send(to: str, subject: str, body: str) -> None:
        mail.send(config, to=to, subject=subject, body=body)

    with app_database().sessions() as session:
        sent = reminders.send_all(
            session,
            day,
            send=send,
            write=lambda digest: reminders.render(digest, translate, _title),
        )
    click.echo(f"{sent} plan digests sent for {day.isoformat()}")
