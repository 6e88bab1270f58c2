"""Which report an assessment's pages want: its metadata (date, reference, language, the
advisor's note), its result and its cache key, computed the same way by the download
route, the waiting page, the triggers that render ahead and the queue's workers, so that
all of them name the same report by the same key (`report.report_key`).

The language is always given: a request's (`report_lang`) or a job's. The advisor's note
is worded in that language (`force_locale`), so a worker renders what the page would.

The compliance plan is read here too (`plan_snapshot`), in the session the assessment was
loaded in, whoever loaded it: the report shows it as of its latest change, and its key
changes with it, so a report with a stale plan is never served.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import has_request_context, request
from flask_babel import force_locale
from sqlalchemy.orm import object_session

from actcheck.models import Assessment
from actcheck.rules.model import Result
from actcheck.services import assessments as service
from actcheck.services import report
from actcheck.services.report.plan_snapshot import snapshot
from actcheck.services.report_jobs import Wanted
from actcheck.web import db
from actcheck.web.i18n import lang, ruleset
from actcheck.web.reviews.panel import advisor_note


def report_lang() -> str:
    """The report's language: `?lang=` when the rule set has it (the choice offered on
    the result page), else the interface's language."""
    chosen = request.args.get("lang") if has_request_context() else None
    return chosen if chosen in ruleset().languages else lang()


def report_meta(assessment: Assessment, language: str) -> report.ReportMeta:
    day = assessment.updated_at.date()
    with force_locale(language):
        note = advisor_note(assessment)
    return report.ReportMeta(
        assessed_on=day,
        reference=f"AC-{day:%Y%m%d}-{assessment.public_id[:8].upper()}-{assessment.version}",
        lang=language,
        advisor_note=note,
        planned_launch=assessment.preview_of_id is not None,
        plan=snapshot(object_session(assessment) or db.session(), assessment),
    )


@dataclass(frozen=True)
class Found:
    """A complete assessment's report: what to render and the key it is kept under."""

    result: Result
    meta: report.ReportMeta
    wanted: Wanted


def want(assessment: Assessment, language: str, outcome: Result | None = None) -> Found | None:
    """The report of `assessment` in `language`, or None while it is incomplete."""
    outcome = outcome or service.evaluate(assessment, ruleset())
    if outcome is None:
        return None
    meta = report_meta(assessment, language)
    wanted = Wanted(
        key=report.report_key(outcome, meta),
        tag=report.owner_tag(assessment.public_id),
        assessment_id=assessment.id,
        version=assessment.version,
        lang=language,
    )
    return Found(outcome, meta, wanted)
