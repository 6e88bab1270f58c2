"""The PDF of an assessment as the download route and the account's data export both
serve it: its metadata (date, reference, language, the advisor's note), its file name and
the cached bytes, in one place so that both always give the same file.

How a download is served, from the queue or the cache, is in docs/architecture.md
("How a request flows").
"""

from __future__ import annotations

from dataclasses import dataclass

from actcheck.models import Assessment
from actcheck.presentation import file_slug
from actcheck.rules.model import Result
from actcheck.services import assessments as service
from actcheck.services import report
from actcheck.web import db, report_cache
from actcheck.web.assessment_pages import display_name
from actcheck.web.i18n import ruleset
from actcheck.web.report.wanted import report_lang, report_meta


@dataclass(frozen=True)
class Download:
    filename: str
    pdf: bytes


def download(assessment: Assessment, outcome: Result) -> Download:
    """The PDF of a complete assessment and the name it is saved under. The database
    connection is released first: everything is loaded, and rendering takes seconds."""
    meta = report_meta(assessment, report_lang())
    slug = file_slug(display_name(assessment))
    filename = f"actcheck-report-{slug}-{meta.assessed_on.isoformat()}-{meta.lang}.pdf"
    tag, cache = report.owner_tag(assessment.public_id), report_cache.current()
    db.release()
    return Download(filename, report.get_report(outcome, meta, cache=cache, tag=tag))


def pdf_bytes(assessment: Assessment, *, render: bool = True) -> bytes | None:
    """The PDF report of an assessment already loaded (by `load_assessment`), or None while
    it is incomplete (or, with `render=False`, not rendered yet): for the data download."""
    outcome = service.evaluate(assessment, ruleset())
    if outcome is None:
        return None
    meta, cache = report_meta(assessment, report_lang()), report_cache.current()
    tag = report.owner_tag(assessment.public_id)
    if not render:
        return report.cached_report(outcome, meta, cache=cache, tag=tag)
    return report.get_report(outcome, meta, cache=cache, tag=tag)
