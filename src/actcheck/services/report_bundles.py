"""A cohort's reports as one ZIP (issue 16): the `report_bundle` rows an advisor's request
makes and the queue's worker fills (`actcheck.web.report.background.build_bundle`).

The assessments are fixed when the advisor asks (the dashboard's rows under its filters),
so the ZIP holds what they saw; the worker checks access again for each. A bundle is its
requester's alone: `mine` finds it only for them. No Flask here; the caller commits.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from actcheck.models import ReportBundle, User, utcnow

#: Bundles older than this are deleted when their requester asks for a new one: a ZIP is
#: a copy of reports, kept only as long as it takes to fetch it.
KEPT = dt.timedelta(days=2)


def create(session: Session, requester: User, public_ids: Sequence[str], lang: str) -> ReportBundle:
    """A new bundle of `public_ids`' reports in `lang`, queued (the caller enqueues it)."""
    session.execute(
        delete(ReportBundle).where(
            ReportBundle.requester_id == requester.id, ReportBundle.created_at < utcnow() - KEPT
        )
    )
    bundle = ReportBundle(
        token=secrets.token_urlsafe(16)[:22],
        requester_id=requester.id,
        lang=lang,
        assessments=list(public_ids),
        status="queued",
        total=len(public_ids),
        done=0,
        error="",
        created_at=utcnow(),
    )
    session.add(bundle)
    session.flush()
    return bundle


def mine(session: Session, token: str, requester: User) -> ReportBundle | None:
    """The bundle behind `token` when `requester` asked for it, else None."""
    return session.scalar(
        select(ReportBundle).where(
            ReportBundle.token == token, ReportBundle.requester_id == requester.id
        )
    )
