"""What the result and check pages show of an assessment's review, and the advisor's note
that the PDF prints: read-only helpers of the pages, kept out of the view modules so that
no view imports another (docs/architecture.md)."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from actcheck.services import reviews
from actcheck.web import db
from actcheck.web.accounts.forms import ReplyForm
from actcheck.web.auth import current_account
from actcheck.web.i18n import ruleset


def feedback(assessment: Any) -> dict[str, Any]:
    """What the result and check pages show of the review, for an organisation's
    assessment (nothing for an anonymous draft). Read-only, as every GET: what the current
    rule set changes is shown (`pending_reassessment`), and stored by the next POST that
    acts on the assessment (saving an answer, submitting, a comment or a reply)."""
    if reviews.organisation_id(assessment) is None:
        return {"feedback": None}
    session = db.session()
    reassessed = reviews.pending_reassessment(assessment, ruleset())
    user = current_account()
    snapshots = reviews.submissions(session, assessment)
    review_state = reviews.state_of(session, assessment)
    cohort = reviews.cohort_of(session, assessment)
    can_submit = (
        user is not None
        and reviews.is_member(assessment, user)
        and cohort is not None
        and cohort.closed_at is None
        and assessment.result is not None
        and not (
            review_state is not None
            and review_state.status in reviews.NEEDS_REVIEW
            and snapshots
            and snapshots[-1].answers == assessment.answers
        )
    )
    comments = reviews.comments(session, assessment)
    can_reply = user is not None and reviews.is_member(assessment, user) and bool(snapshots)
    return {
        "reply_form": ReplyForm() if can_reply else None,
        "feedback": {
            "review": review_state,
            "versions": snapshots[-1].number if snapshots else 0,
            "comments": comments,
            "by_question": {c.question_id: [] for c, _a in comments if c.question_id},
            "can_submit": can_submit,
            "reassessed": reassessed,
            "notice": reviews.rules_change_notice(session, assessment),
        },
    }


def advisor_note(assessment: Any) -> str | None:
    """The advisor's note as the PDF prints it beside the computed result, or None."""
    if reviews.organisation_id(assessment) is None:
        return None
    review_state = reviews.state_of(db.session(), assessment)
    if review_state is None or not review_state.note_tier:
        return None
    labels = {
        "prohibited": _("Prohibited practice"),
        "high_risk": _("High-risk AI system"),
        "limited_risk": _("Transparency obligations"),
        "minimal_risk": _("Minimal risk"),
        "out_of_scope": _("Outside the AI Act"),
    }
    note: str = _(
        "Advisor’s note: the advisor thinks this system is “%(tier)s”, not the tier computed "  # noqa: RUF001
        "above, because: %(why)s",
        tier=labels.get(review_state.note_tier, review_state.note_tier),
        why=review_state.note_justification or "",
    )
    return note
