"""The result page of one assessment, on the questionnaire's blueprint (same URL and
endpoint, `questionnaire.result`), kept apart from the question pages so that each can
change without the other.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import render_template
from flask_babel import gettext as _

from actcheck.rules.duties import duty_sentences
from actcheck.rules.model import Result
from actcheck.rules.schedule import by_role
from actcheck.web.assessment_pages import load_result
from actcheck.web.forms import ButtonForm
from actcheck.web.i18n import lang, ruleset
from actcheck.web.questionnaire.blueprint import bp
from actcheck.web.reviews.panel import feedback


def group_obligations(result: Result, today: dt.date) -> list[dict[str, Any]]:
    """Obligations by role, each split into in force now and coming (soonest first), with
    the sentences saying why each duty binds the role or not (`rules.duties`)."""
    duties = duty_sentences(result, lang())
    return [
        {
            "role": schedule.role,
            "in_force": list(schedule.in_force),
            "coming": list(schedule.coming),
            "duties": duties.get(schedule.role, []),
        }
        for schedule in by_role(result, today)
    ]


@bp.get("/result")
def result(public_id: str) -> Any:
    """The result: the tier in plain words, why, the obligations by role, the open points."""
    assessment, state, outcome = load_result(
        public_id, _("Answer the remaining questions to see your result.")
    )
    today = dt.date.today()
    return render_template(
        "questionnaire/result.html",
        assessment=assessment,
        state=state,
        result=outcome,
        today=today,
        groups=group_obligations(outcome, today),
        rules_changed=assessment.ruleset_sha256 != ruleset().sha256,
        button=ButtonForm(),
        **feedback(assessment),  # after rules_changed: it re-assesses with the current rules
    )
