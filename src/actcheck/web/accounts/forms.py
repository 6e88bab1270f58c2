"""One form per screen of the accounts area."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length, Optional, Regexp, ValidationError

from actcheck.models import AccountRole
from actcheck.web.forms import SafeForm


def _not_guessable(form: Any, field: Any) -> None:
    """Refuse the person's e-mail address and common or breached passwords."""
    from actcheck.services.passwords import weakness

    email = form.email.data if "email" in form else getattr(form, "account_email", "")
    name = form.name.data if "name" in form else ""
    found = weakness(field.data or "", email=email or "", name=name or "")
    if found == "email":
        raise ValidationError(_l("The password must not be your email address"))
    if found == "common":
        raise ValidationError(
            _l(
                "This password is too easy to guess: it is common, or found in lists of "
                "leaked passwords. Use a few unrelated words."
            )
        )


PASSWORD = [
    DataRequired(message=_l("Enter a password")),
    Length(min=10, max=200, message=_l("The password must be at least 10 characters long")),
    _not_guessable,
]


def email_field(label: Any, *, missing: Any) -> Any:
    """An email address field, with the same checks wherever an address is typed; `missing`
    is what to say when it is left empty."""
    return EmailField(
        label,
        validators=[
            DataRequired(message=missing),
            Regexp(
                r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
                message=_l("Enter an email address like name@example.com"),
            ),
            Length(max=254, message=_l("The email address must be at most 254 characters long")),
        ],
    )


class LoginForm(SafeForm):
    email = EmailField(
        _l("Email address"), validators=[DataRequired(message=_l("Enter your email address"))]
    )
    password = PasswordField(
        _l("Password"), validators=[DataRequired(message=_l("Enter your password"))]
    )


class EmailForm(SafeForm):
    """Sign-up (first step) and password reset: only the address."""

    email = email_field(_l("Email address"), missing=_l("Enter your email address"))


class ColleagueForm(SafeForm):
    """A founder invites a colleague into their organisation: their address."""

    email = email_field(
        _l("Your colleague's email address"), missing=_l("Enter your colleague's email address")
    )


class AccountForm(SafeForm):
    """Finishing sign-up, or accepting an invitation."""

    email = email_field(_l("Email address"), missing=_l("Enter your email address"))
    name = StringField(
        _l("Your name"), validators=[DataRequired(message=_l("Enter your name")), Length(max=200)]
    )
    organisation = StringField(
        _l("Your organisation (startup)"), validators=[Optional(), Length(max=200)]
    )
    password = PasswordField(_l("Password"), validators=PASSWORD)
    confirm = PasswordField(
        _l("Password again"),
        validators=[EqualTo("password", message=_l("The two passwords are not the same"))],
    )


class PasswordForm(SafeForm):
    #: The account's address, set by the view: a new password must not be it.
    account_email = ""

    password = PasswordField(_l("New password"), validators=PASSWORD)
    confirm = PasswordField(
        _l("New password again"),
        validators=[EqualTo("password", message=_l("The two passwords are not the same"))],
    )


class CohortForm(SafeForm):
    name = StringField(
        _l("Name of the cohort"),
        validators=[DataRequired(message=_l("Enter a name")), Length(max=200)],
    )


class InvitationForm(SafeForm):
    role = SelectField(
        _l("Invite"),
        choices=[
            SelectChoice(AccountRole.FOUNDER, _l("A founder")),
            SelectChoice(AccountRole.ADVISOR, _l("An advisor")),
        ],
    )
    organisation = StringField(
        _l("Organisation (founders)"), validators=[Optional(), Length(max=200)]
    )


class CommentForm(SafeForm):
    # Choices are the assessment's questions, set by the view; the service checks the id.
    question = SelectField(_l("About"), choices=[], validate_choice=False)
    body = TextAreaField(
        _l("Comment"), validators=[DataRequired(message=_l("Enter a comment")), Length(max=4000)]
    )


class ReplyForm(SafeForm):
    """A founder's reply to their advisors, on the whole assessment."""

    body = TextAreaField(
        _l("Your reply to your advisors"),
        validators=[DataRequired(message=_l("Enter a reply")), Length(max=4000)],
    )


class NoteForm(SafeForm):
    tier = SelectField(_l("The tier you think applies"), choices=[])
    justification = TextAreaField(
        _l("Why"), validators=[DataRequired(message=_l("Explain why")), Length(max=4000)]
    )
