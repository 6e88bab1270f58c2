"""The plan's forms: an item's edit, a comment, evidence (a file or a link), an AI
component. Every one derives from `SafeForm` (CSRF, plain text)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from actcheck.models import PlanStatus
from actcheck.web.forms import SafeForm


def status_choices() -> list[SelectChoice]:
    return [
        SelectChoice(PlanStatus.TODO.value, _l("To do")),
        SelectChoice(PlanStatus.IN_PROGRESS.value, _l("In progress")),
        SelectChoice(PlanStatus.DONE.value, _l("Done")),
        SelectChoice(PlanStatus.NOT_APPLICABLE.value, _l("Not applicable")),
    ]


class ItemForm(SafeForm):
    # The item's version the page was built from (optimistic concurrency).
    version = IntegerField(validators=[InputRequired()])
    status = RadioField(_l("Status"), choices=status_choices(), validators=[InputRequired()])
    # Choices are the organisation's members, set by the view ("" for nobody).
    owner = SelectField(_l("Owner"), choices=[], validate_choice=True)
    target_date = DateField(_l("Target date"), validators=[Optional()])
    target_note = TextAreaField(_l("Why a later date"), validators=[Length(max=1000)])
    not_applicable_reason = TextAreaField(
        _l("Why it does not apply"), validators=[Length(max=2000)]
    )
    notes = TextAreaField(_l("Notes"), validators=[Length(max=4000)])


class ItemCommentForm(SafeForm):
    body = TextAreaField(
        _l("Comment"), validators=[DataRequired(message=_l("Enter a comment")), Length(max=4000)]
    )


class FileEvidenceForm(SafeForm):
    file = FileField(_l("File"), validators=[FileRequired(message=_l("Choose a file"))])


class LinkEvidenceForm(SafeForm):
    url = StringField(
        _l("Link"), validators=[DataRequired(message=_l("Enter a link")), Length(max=2000)]
    )


class ComponentForm(SafeForm):
    name = StringField(
        _l("Model or service"),
        validators=[DataRequired(message=_l("Enter a name")), Length(max=200)],
    )
    provider = StringField(
        _l("Provider"), validators=[DataRequired(message=_l("Enter the provider")), Length(max=200)]
    )
    model_version = StringField(_l("Version"), validators=[Length(max=100)])
    documentation_received = BooleanField(_l("We received the provider's documentation"))
