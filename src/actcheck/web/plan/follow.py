"""The plan follows the answers: after every request that committed a change of an
assessment (`web/assessment_changes`), its started plan is reconciled with the new result
(new items "new since" today, archived ones with their reason, nothing deleted), in a
transaction of its own so that a failure here never undoes the answers already saved.

Two saves at the same moment may both reconcile: the second one finds the items the first
made (a unique key per obligation and role) and its transaction is rolled back; the plan
is then already up to date. A page that still differs offers the plan page's button.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence

from flask import Flask, flash, request
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from actcheck.models import Assessment
from actcheck.services.plan import items
from actcheck.web import assessment_changes
from actcheck.web.auth import current_account
from actcheck.web.db import database
from actcheck.web.i18n import ruleset

log = logging.getLogger(__name__)


def _reconcile(ids: Sequence[int]) -> None:
    actor = current_account()
    for assessment_id in ids:
        with database().sessions() as session:
            assessment = session.get(Assessment, assessment_id)
            if assessment is None:
                continue
            try:
                change = items.follow(
                    session,
                    assessment,
                    ruleset=ruleset(),
                    actor=actor,
                    today=dt.date.today(),
                )
                session.commit()
            except IntegrityError:
                session.rollback()
                log.info("plan of assessment %d: reconciled by another request", assessment_id)
                continue
        if change is not None and not change.empty and request.blueprint != "api":
            flash(
                _(
                    "The compliance plan follows your answers: %(new)s new, %(archived)s"
                    " archived, %(restored)s back.",
                    new=len(change.new),
                    archived=len(change.archived),
                    restored=len(change.restored),
                ),
                "info",
            )


def init_app(app: Flask) -> None:
    # Before the report is scheduled: the report shows each item's status.
    assessment_changes.subscribe(app, "plan reconciliation", _reconcile)
