"""What every page says of an assessment and where its links lead, shared by the
questionnaire, the result, the report download, the list of assessments and the review.

Templates reach these through the Jinja globals set by `init_app`; views import them here,
never from another view module (docs/architecture.md).
"""

from __future__ import annotations

from typing import Any

from flask import Flask, abort, flash, redirect, url_for
from flask_babel import gettext as _

from actcheck.models import Assessment
from actcheck.presentation import assessment_name
from actcheck.rules.model import Result
from actcheck.rules.progress import Progress
from actcheck.services import assessments as service
from actcheck.web.access import load_assessment
from actcheck.web.i18n import ruleset


def question_url(assessment: Assessment, qid: str, return_to: str | None = None) -> str:
    # "return" is a keyword, so it goes in a dict; typed Any like url_for's **values.
    extra: dict[str, Any] = {"return": return_to} if return_to else {}
    return url_for("questionnaire.question", public_id=assessment.public_id, qid=qid, **extra)


def continue_url(assessment: Assessment, state: Progress) -> str:
    """Where "continue" leads: the first question still to answer, else check your answers."""
    missing = state.first_missing()
    if missing is not None:
        return question_url(assessment, missing)
    return url_for("questionnaire.check", public_id=assessment.public_id)


def display_name(assessment: Assessment) -> str:
    """How an assessment is named on the page: the system's name, else the company's."""
    name = assessment_name(assessment.answers)
    if name is not None:
        return name
    unnamed: str = _("Unnamed AI system")
    return unnamed


def load_result(public_id: str, unfinished: str) -> tuple[Assessment, Progress, Result]:
    """An assessment the user may read, where it stands and its result; while questions
    remain, a redirect (by `abort`) to the first of them, with `unfinished` flashed."""
    assessment = load_assessment(public_id, review=True)
    state = service.state(assessment, ruleset())
    outcome = service.evaluate(assessment, ruleset(), state)
    if outcome is None:
        flash(unfinished, "info")
        abort(redirect(continue_url(assessment, state)))
    return assessment, state, outcome


def init_app(app: Flask) -> None:
    app.jinja_env.globals["display_name"] = display_name
    app.jinja_env.globals["question_url"] = question_url
