"""The questionnaire of one assessment: task list, one page per question and check your
answers; the result page is `result_page`, on the same blueprint.

Views parse the request, call the service, commit once and redirect (Post/Redirect/Get).
Which page comes next is decided by `actcheck.rules.progress`, never here.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from actcheck.models import Assessment
from actcheck.rules.answers import AnswersError
from actcheck.rules.engine import banned_so_far
from actcheck.rules.model import Area, Areas, Kind, Question, text_in
from actcheck.rules.progress import Progress, SectionStatus
from actcheck.services import assessments as service
from actcheck.services.owners import Owner
from actcheck.web import db
from actcheck.web.access import current_owner, load_assessment
from actcheck.web.assessment_pages import continue_url, question_url
from actcheck.web.i18n import lang, ruleset
from actcheck.web.questionnaire import two_steps
from actcheck.web.questionnaire.blueprint import bp
from actcheck.web.questionnaire.forms import areas_field, question_form, uses_field
from actcheck.web.reviews.panel import feedback

#: Where a question page returns to after saving, besides the next question.
RETURN_TARGETS = ("check", "overview")


def _return_to() -> str | None:
    value = request.values.get("return")
    return value if value in RETURN_TARGETS else None


@bp.get("/")
def overview(public_id: str) -> str:
    """The task list: each section with its status, then check your answers and the result."""
    assessment = load_assessment(public_id)
    rules = ruleset()
    state = service.state(assessment, rules)
    sections = []
    for section in rules.sections:
        status = state.section_status(section)
        reached = state.section_questions(section)
        target = next((q for q in reached if q in state.missing), reached[0] if reached else None)
        sections.append({"section": section, "status": status, "target": target})
    done = sum(
        1 for s in sections if s["status"] in (SectionStatus.COMPLETED, SectionStatus.NOT_NEEDED)
    )
    return render_template(
        "questionnaire/overview.html",
        assessment=assessment,
        state=state,
        sections=sections,
        done=done,
        continue_url=continue_url(assessment, state),
    )


@bp.get("/continue")
def resume(public_id: str) -> Response:
    """Back to where the founder left off."""
    assessment = load_assessment(public_id)
    return redirect(continue_url(assessment, service.state(assessment, ruleset())))


def _step(state: Progress, question: Question) -> dict[str, Any]:
    """The step indicator: every section with its status, the current one marked."""
    rules = state.ruleset
    current = state.section_of(question.id)
    steps = [
        {
            "section": section,
            "status": state.section_status(section),
            "current": section.id == current.id,
        }
        for section in rules.sections
    ]
    number = next(i for i, s in enumerate(rules.sections, 1) if s.id == current.id)
    return {"steps": steps, "number": number, "total": len(rules.sections), "section": current}


def _back_url(assessment: Assessment, state: Progress, qid: str, return_to: str | None) -> str:
    if return_to == "check":
        return url_for("questionnaire.check", public_id=assessment.public_id)
    if return_to == "overview":
        return url_for("questionnaire.overview", public_id=assessment.public_id)
    previous = state.previous_before(qid)
    if previous is None:
        return url_for("questionnaire.overview", public_id=assessment.public_id)
    areas = state.ruleset.questions[previous].areas
    held = areas.of(state.answers.get(previous) or ()) if areas else ()
    if held:
        # Back from the question after one asked in two steps: to its last area's page.
        question = state.ruleset.questions[previous]
        return two_steps.link(assessment, question, area=held[-1], picked=held, return_to=None)
    return question_url(assessment, previous)


def _render_question(
    assessment: Assessment,
    state: Progress,
    question: Question,
    form: Any,
    *,
    status: int = 200,
    changes: list[service.Change] | None = None,
    page: two_steps.Page | None = None,
) -> tuple[str, int]:
    return_to = _return_to()
    # Once a banned practice is answered "yes", every page says so in one line, except the
    # pages asking for a ban's exception (`prohibited.*_exception`), whose answer may lift it.
    banned = None
    if not question.id.endswith("_exception"):
        banned = banned_so_far(state.ruleset, state.reached_answers())
    return (
        render_template(
            "questionnaire/question.html",
            assessment=assessment,
            question=question,
            form=form,
            state=state,
            banned=banned,
            step=_step(state, question),
            back_url=(page.back if page and page.back else None)
            or _back_url(assessment, state, question.id, return_to),
            return_to=return_to,
            page=page,
            changes=changes or [],
            kinds=Kind,
        ),
        status,
    )


def _two_steps(question: Question) -> tuple[Areas, Area | None] | None:
    """For a question asked in two steps, its areas and the area whose uses this request
    is about (None: the area page); None for a one-page question, and for a POST of the
    whole list of uses to the question's own address."""
    areas = question.areas
    if areas is None:
        return None
    area_id = request.args.get("area")
    if area_id is not None:
        area = areas.get(area_id)
        if area is None:
            abort(404)
        return areas, area
    if request.method == "POST" and request.form.get(two_steps.STEP_FIELD) != two_steps.AREA_STEP:
        return None
    return areas, None


def _picked(areas: Areas, stored: Any, area: Area | None) -> tuple[Area, ...]:
    carried = request.args.get("chosen", "")
    return two_steps.chosen(areas, stored, f"{carried},{area.id}" if area else carried)


def _step_form(
    assessment: Assessment,
    state: Progress,
    question: Question,
    steps: tuple[Areas, Area | None],
    picked: tuple[Area, ...],
    formdata: Any = None,
) -> tuple[Any, two_steps.Page]:
    """The form and texts of one page of a question asked in two steps."""
    areas, area = steps
    stored = state.answers.get(question.id)
    return_to = _return_to()
    if area is None:
        ticked = [a.id for a in picked] if picked or stored is not None else None
        form = question_form(
            question,
            state.ruleset,
            lang(),
            stored=ticked,
            version=assessment.version,
            formdata=formdata,
            field=areas_field(areas, lang()),
        )
        page = two_steps.area_page(
            assessment, question, areas, lang(), picked=picked, return_to=return_to
        )
        return form, page
    mine = [v for v in stored or () if v in area.uses]
    form = question_form(
        question,
        state.ruleset,
        lang(),
        stored=mine or None,
        version=assessment.version,
        formdata=formdata,
        field=uses_field(question, area, lang()),
    )
    page = two_steps.uses_page(
        assessment, question, areas, area, lang(), picked=picked, return_to=return_to
    )
    return form, page


@bp.route("/questions/<qid>", methods=["GET", "POST"])
def question(public_id: str, qid: str) -> Any:
    """One question: show it with its help, or save its answer and move on. A question
    asked in two steps (`two_steps`) has an area page and a page per chosen area."""
    assessment = load_assessment(public_id)
    rules = ruleset()
    question = rules.questions.get(qid)
    if question is None:
        abort(404)
    state = service.state(assessment, rules)
    steps = _two_steps(question)
    picked: tuple[Area, ...] = ()
    page = None
    if request.method == "GET":
        if not state.is_reached(qid):
            return _not_asked(assessment, state)
        if steps is not None:
            picked = _picked(steps[0], state.answers.get(qid), steps[1])
            form, page = _step_form(assessment, state, question, steps, picked)
        else:
            form = question_form(
                question, rules, lang(), stored=state.answers.get(qid), version=assessment.version
            )
        return _render_question(assessment, state, question, form, page=page)

    if steps is not None:
        picked = _picked(steps[0], state.answers.get(qid), steps[1])
        form, page = _step_form(assessment, state, question, steps, picked, request.form)
    else:
        form = question_form(
            question, rules, lang(), version=assessment.version, formdata=request.form
        )
    later = request.form.get("action") == "later"
    if later and not any(v.strip() for v in request.form.getlist("answer")):
        # "Save and come back later" on an empty page: nothing to save.
        return redirect(url_for("questionnaire.overview", public_id=assessment.public_id))
    valid = form.validate()
    if form.version.errors or form.version.data != assessment.version:
        # The page was built from an older version (another tab saved since), or carries
        # no usable version: store nothing, say what changed.
        changes = []
        if not form.version.errors:
            changes = service.changes_since(db.session(), assessment.id, form.version.data)
        form.version.errors = []
        return _conflict(assessment, state, question, form, changes, page)
    if not state.is_reached(qid):
        return _not_asked(assessment, state)
    if not valid:
        return _render_question(assessment, state, question, form, status=422, page=page)
    value = form.answer_value()
    following: Area | None = None
    if steps is not None:
        areas, area = steps
        stored = state.answers.get(qid)
        if area is None and value:
            picked = tuple(a for a in areas.areas if a.id in value)
            kept = [v for v in stored or () if areas.of([v])[0] in picked]
            removing = [v for v in stored or () if v not in kept]
            if removing and request.form.get(two_steps.CONFIRM_FIELD) != " ".join(removing):
                # Unticking an area removes its uses: say which, and save on the next press.
                page = two_steps.area_page(
                    assessment,
                    question,
                    areas,
                    lang(),
                    picked=picked,
                    return_to=_return_to(),
                    removing=removing,
                )
                return _render_question(assessment, state, question, form, page=page)
            value = kept if removing else None
            following = picked[0]
        elif area is not None:
            value = two_steps.merged(question, stored, area, value)
            picked = _picked(areas, value, area)
            following = two_steps.after(picked, area)
    after = state
    if value is not None:
        try:
            after = service.save_answer(
                db.session(),
                assessment,
                owner=current_owner() or Owner(key=""),
                ruleset=rules,
                question_id=qid,
                value=value,
                expected_version=form.version.data,
                current=state,
            )
        except service.StaleAssessment as stale:
            assessment = load_assessment(public_id)
            return _conflict(
                assessment, service.state(assessment, rules), question, form, stale.changes, page
            )
        except AnswersError as exc:
            form.answer.errors = list(exc.problems)
            return _render_question(assessment, state, question, form, status=422, page=page)
        except service.NotAsked:
            return _not_asked(assessment, state)
        db.session().commit()
    if following is not None and not later:
        return redirect(
            two_steps.link(
                assessment, question, area=following, picked=picked, return_to=_return_to()
            )
        )
    return redirect(_next_url(assessment, after, qid, later=later))


def _not_asked(assessment: Assessment, state: Progress) -> Response:
    # A question off the path is never shown (its stale answer does not count).
    flash(_("That question does not apply to your system, given your answers."), "info")
    return redirect(continue_url(assessment, state))


def _next_url(assessment: Assessment, state: Progress, qid: str, *, later: bool) -> str:
    return_to = _return_to()
    if later or return_to == "overview":
        return url_for("questionnaire.overview", public_id=assessment.public_id)
    if return_to == "check":
        missing = state.first_missing()
        if missing is not None:
            # The change brought new questions onto the path: ask them, then come back.
            return question_url(assessment, missing, "check")
        return url_for("questionnaire.check", public_id=assessment.public_id)
    following = state.next_after(qid)
    if following is not None:
        return question_url(assessment, following)
    return continue_url(assessment, state)


def _conflict(
    assessment: Assessment,
    state: Progress,
    question: Question,
    form: Any,
    changes: list[service.Change],
    page: two_steps.Page | None = None,
) -> Any:
    """Another tab saved first: nothing was stored; show what changed and ask again."""
    rules = ruleset()
    listed = [c for c in changes if c.question_id in rules.questions]
    if not state.is_reached(question.id):
        for change in listed:
            flash(
                _(
                    "Changed in another tab or window: %(question)s",
                    question=_question_text(change),
                ),
                "conflict",
            )
        flash(
            _("Your answer was not saved: after those changes the question no longer applies."),
            "conflict",
        )
        return redirect(url_for("questionnaire.overview", public_id=assessment.public_id))
    form.version.data = assessment.version
    form.version.raw_data = [str(assessment.version)]
    return _render_question(
        assessment, state, question, form, status=409, changes=listed, page=page
    )


def _question_text(change: service.Change) -> str:
    return text_in(ruleset().questions[change.question_id].text, lang())


@bp.get("/check")
def check(public_id: str) -> str:
    """Check your answers: every question asked, its answer, and a Change link."""
    assessment = load_assessment(public_id, review=True)
    rules = ruleset()
    state = service.state(assessment, rules)
    groups = []
    for section in rules.sections:
        rows = [rules.questions[q] for q in state.section_questions(section)]
        if rows:
            groups.append({"section": section, "questions": rows})
    return render_template(
        "questionnaire/check.html",
        assessment=assessment,
        state=state,
        groups=groups,
        continue_url=continue_url(assessment, state),
        **feedback(assessment),
    )
