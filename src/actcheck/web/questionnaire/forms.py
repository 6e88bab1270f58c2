"""WTForms forms built from the question definitions of `rules/`: one form class per
question kind, its field made from the question's text, choices and limits.

The rule set is the one source of truth: adding a question to `rules/questions/` adds its
page, with no change here. The form checks what a person can get wrong on the page (nothing
chosen, too long); the service checks the value again against the rule set.
"""

from __future__ import annotations

from typing import Any

from flask_babel import format_decimal
from flask_babel import gettext as _
from wtforms import Field, IntegerField, RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.widgets import HiddenInput

from actcheck.rules.answers import MAX_TEXT_CHARS
from actcheck.rules.model import UNSURE, Area, Areas, Kind, Question, Ruleset, text_in
from actcheck.web.forms import SafeForm

#: The "None of these" box of an "any of" question. Question values are lower-case ids
#: (the loader checks), so a leading underscore can never collide with one.
NONE_OF_THESE = "_none"

#: Short answers get a one-line box; everything else a text area.
SHORT_TEXT_SUFFIXES = (".name",)


class QuestionForm(SafeForm):
    """Base of every question page: the answer field is added per question."""

    # Bounded: a forged version beyond a database integer must be a stale page, not a 500.
    version = IntegerField(
        widget=HiddenInput(), validators=[InputRequired(), NumberRange(min=1, max=2**31 - 1)]
    )

    answer: Field
    question: Question

    def answer_value(self) -> Any:
        """The answer in the answers format: a value, a list for "any of", None for a blank
        optional text."""
        data = self.answer.data
        kind = self.question.kind
        if kind is Kind.ANY_OF:
            return [v for v in data or [] if v != NONE_OF_THESE]
        if kind is Kind.TEXT:
            text = (data or "").strip()
            return text or None
        return data


def _choice_check(message: str) -> Any:
    def check(form: QuestionForm, field: Field) -> None:
        allowed = {choice.value for choice in field.choices}
        values = field.data if isinstance(field.data, list) else [field.data]
        if any(v not in allowed for v in values):
            raise ValidationError(message)

    return check


def _none_alone(form: QuestionForm, field: Field) -> None:
    if NONE_OF_THESE in (field.data or []) and len(field.data) > 1:
        raise ValidationError(
            _("You selected “None of these” and another option: select one or the other")
        )


def _labels(ruleset: Ruleset, lang: str) -> dict[str, str]:
    return {key: text_in(ruleset.labels.get(key), lang) for key in ("yes", "no", UNSURE)}


def _nothing_chosen(question: Question, lang: str) -> str:
    return text_in(question.choose_error, lang) or _(
        "Select the options that apply, or select “None of these”"
    )


def _radios(label: str, choices: list[SelectChoice], nothing: str) -> Field:
    # One choice required, and only one of those shown (a forged value gets the same error).
    return RadioField(
        label,
        choices=choices,
        validate_choice=False,
        validators=[InputRequired(message=nothing), _choice_check(nothing)],
    )


def _checkboxes(label: str, choices: list[SelectChoice], nothing: str) -> Field:
    # GOV.UK's exclusive "None of these": an empty page is a slip, not an answer, so a
    # choice is required; "None of these" is stored as `[]`, as the answers format says.
    return SelectMultipleField(
        label,
        choices=[*choices, SelectChoice(NONE_OF_THESE, _("None of these"))],
        validate_choice=False,
        validators=[
            InputRequired(message=nothing),
            _choice_check(_("Select only the options shown")),
            _none_alone,
        ],
    )


def areas_field(areas: Areas, lang: str) -> Field:
    """The area page of a question asked in two steps: a box per area (its id the value)."""
    choices = [SelectChoice(a.id, text_in(a.label, lang)) for a in areas.areas]
    return _checkboxes(text_in(areas.text, lang), choices, text_in(areas.choose_error, lang))


def uses_field(question: Question, area: Area, lang: str) -> Field:
    """One area's page of a question asked in two steps: a box per use of that area."""
    labels = {c.value: c.label for c in question.choices}
    choices = [SelectChoice(v, text_in(labels[v], lang)) for v in area.uses]
    return _checkboxes(text_in(area.heading, lang), choices, _nothing_chosen(question, lang))


def build_field(question: Question, ruleset: Ruleset, lang: str) -> Field:
    """The WTForms field for one question."""
    label = text_in(question.text, lang)
    if question.kind in (Kind.TRI_STATE, Kind.YES_NO):
        words = _labels(ruleset, lang)
        choices = [SelectChoice(v, words[v]) for v in question.values]
        message = (
            _("Select yes, no or “I'm not sure”")
            if question.kind is Kind.TRI_STATE
            else _("Select yes or no")
        )
        return _radios(label, choices, message)
    if question.kind is Kind.ONE_OF:
        choices = [SelectChoice(c.value, text_in(c.label, lang)) for c in question.choices]
        return _radios(label, choices, _("Select one option"))
    if question.kind is Kind.ANY_OF:
        choices = [SelectChoice(c.value, text_in(c.label, lang)) for c in question.choices]
        return _checkboxes(label, choices, _nothing_chosen(question, lang))
    length = Length(
        max=MAX_TEXT_CHARS,
        message=_(
            "Your answer must be %(max)s characters or fewer", max=format_decimal(MAX_TEXT_CHARS)
        ),
    )
    required = Optional() if question.optional else DataRequired(message=_("Enter your answer"))
    kind = StringField if question.id.endswith(SHORT_TEXT_SUFFIXES) else TextAreaField
    return kind(label, validators=[required, length])


def question_form(
    question: Question,
    ruleset: Ruleset,
    lang: str,
    *,
    stored: Any = None,
    version: int,
    formdata: Any = None,
    field: Field | None = None,
) -> QuestionForm:
    """The form of one question page, filled with the stored answer on GET or with the
    submitted data on POST; `field` replaces the question's own (the pages of a question
    asked in two steps), `stored` then in that field's values."""
    form_class = type(
        "Form_" + question.id.replace(".", "_"),
        (QuestionForm,),
        {"answer": field or build_field(question, ruleset, lang)},
    )
    data: dict[str, Any] = {"version": version}
    if stored is not None:
        if question.kind is Kind.ANY_OF:
            data["answer"] = list(stored) or [NONE_OF_THESE]
        else:
            data["answer"] = stored
    form: QuestionForm = form_class(formdata=formdata, data=data)
    form.question = question
    if formdata is None:
        form.version.data = version
    return form
