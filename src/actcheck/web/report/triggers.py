"""When reports are rendered ahead: after every committed change of an assessment's answers
or of its compliance plan (which the report shows, as of its latest change), whichever
page, import or API call made it (`web/assessment_changes`), debounced, in the language of
the request that made it.

When the response is ready each complete assessment the request changed is scheduled
(`scheduling.ahead`, with the app's debounce: a burst of saves renders once, the last).
The Word files of its drafts follow, queued after the report (`web/drafts/wanted.ahead`).
Outside a request (the worker, the command line) nothing is scheduled. Scheduling never
fails the request: a queue that is down costs a log line, and the download then renders
(or asks) as before.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from flask import Flask

from actcheck.models import Assessment
from actcheck.web import assessment_changes
from actcheck.web.db import database

log = logging.getLogger(__name__)


def _schedule_changed(ids: Sequence[int]) -> None:
    from actcheck.web.i18n import lang
    from actcheck.web.report import scheduling

    try:
        with database().sessions() as session:
            for assessment_id in ids:
                assessment = session.get(Assessment, assessment_id)
                if assessment is not None:
                    scheduling.ahead(assessment, lang(), delay=None)
    except Exception:
        log.exception("reports of assessments %s: could not be queued", list(ids))


def init_app(app: Flask) -> None:
    from actcheck.web.drafts.wanted import ahead_of_changes

    assessment_changes.subscribe(app, "report scheduling", _schedule_changed, plan=True)
    # After the report: its job is queued first, so drafts never delay it.
    assessment_changes.subscribe(app, "draft scheduling", ahead_of_changes)
