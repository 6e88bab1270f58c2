"""The result page of one assessment, on the questionnaire's blueprint (same URL and
endpoint, `questionnaire.result`), kept apart from the question pages so that each can
change without the other.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import render_template
from flask_babel import gettext as _

from actcheck.models import Assessment
from actcheck.rules.briefing import LaunchPlan, brief, launch_plan
from actcheck.rules.duties import duty_sentences
from actcheck.rules.model import Result
from actcheck.services import previews
from actcheck.services.report.context import SME_SIZES
from actcheck.services.report.headline import headline, plain_facts
from actcheck.services.report.law import SupportItem, load_report_law
from actcheck.services.report.words import Words
from actcheck.web import db
from actcheck.web.assessment_pages import load_result
from actcheck.web.forms import ButtonForm
from actcheck.web.i18n import lang, ruleset
from actcheck.web.questionnaire.blueprint import bp
from actcheck.web.report import scheduling
from actcheck.web.reviews.panel import feedback


def smaller_company_support(result: Result) -> tuple[SupportItem, ...]:
    """What the Act offers a company of the size the founder gave: the PDF lists the same."""
    size = result.answers.get("org.size")
    if size not in SME_SIZES:
        return ()
    law = load_report_law(None, result.ruleset)
    return tuple(item for item in law.support if size in item.sizes)


def launch_links(
    assessment: Assessment, outcome: Result
) -> dict[str, Assessment | LaunchPlan | bool | None]:
    """The planned-launch preview's part of the page (issue 15): on a pre-launch result, the
    offer of a preview (and the preview once made); on a preview, its original and what
    applies at launch, read on the preview's date."""
    session = db.session()
    pre_launch = previews.is_pre_launch(outcome)
    original = previews.original_of(session, assessment)
    return {
        "pre_launch": pre_launch,
        "preview": previews.preview_of(session, assessment) if pre_launch else None,
        "original": original,
        "plan": (
            launch_plan(brief(outcome), assessment.created_at.date())
            if assessment.preview_of_id is not None
            else None
        ),
    }


@bp.get("/result")
def result(public_id: str) -> Any:
    """The result: the headline for the roles held, any ban as a "Stop", why in plain words,
    the duties grouped by what the founder does, the open points."""
    assessment, state, outcome = load_result(
        public_id, _("Answer the remaining questions to see your result.")
    )
    today = dt.date.today()
    briefing = brief(outcome)
    words = Words(ruleset(), lang(), today)
    return render_template(
        "questionnaire/result.html",
        assessment=assessment,
        state=state,
        result=outcome,
        today=today,
        briefing=briefing,
        headline=headline(briefing, words),
        facts=plain_facts(outcome, briefing, words),
        w=words.t,
        duties=duty_sentences(outcome, lang()),
        support=smaller_company_support(outcome),
        rules_changed=assessment.ruleset_sha256 != ruleset().sha256,
        button=ButtonForm(),
        report_ready=scheduling.ahead(assessment, lang(), outcome=outcome).state,
        report_states=scheduling.State,
        **launch_links(assessment, outcome),
        **feedback(assessment),  # after rules_changed: it re-assesses with the current rules
    )
