"""The PDF of an assessment as the download route and the account's data export both
serve it: its metadata (date, reference, language, the advisor's note) and the cached
bytes, in one place so that both always give the same file."""

from __future__ import annotations

from flask import request

from actcheck.models import Assessment
from actcheck.services import assessments as service
from actcheck.services import report
from actcheck.web import report_cache
from actcheck.web.i18n import lang, ruleset
from actcheck.web.reviews.panel import advisor_note


def report_lang() -> str:
    """The report's language: `?lang=` when the rule set has it (the choice offered on
    the result page), else the interface's language."""
    chosen = request.args.get("lang")
    return chosen if chosen in ruleset().languages else lang()


def report_meta(assessment: Assessment) -> report.ReportMeta:
    day = assessment.updated_at.date()
    return report.ReportMeta(
        assessed_on=day,
        reference=f"AC-{day:%Y%m%d}-{assessment.public_id[:8].upper()}-{assessment.version}",
        lang=report_lang(),
        advisor_note=advisor_note(assessment),
    )


def pdf_bytes(assessment: Assessment, *, render: bool = True) -> bytes | None:
    """The PDF report of an assessment already loaded (by `load_assessment`), or None while
    it is incomplete (or, with `render=False`, not rendered yet): for the data download."""
    rules = ruleset()
    outcome = service.evaluate(assessment, rules)
    if outcome is None:
        return None
    meta, cache = report_meta(assessment), report_cache.current()
    tag = report.owner_tag(assessment.public_id)
    if not render:
        return report.cached_report(outcome, meta, cache=cache, tag=tag)
    return report.get_report(outcome, meta, cache=cache, tag=tag)
