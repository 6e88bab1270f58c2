"""Forms shared by every area, and the base every form of the app derives from."""

from __future__ import annotations

from typing import Any

from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms import Field, TextAreaField
from wtforms.validators import ValidationError

from actcheck.text import first_unsafe, line_breaks


def _plain_text(form: Any, field: Field) -> None:
    """Refuse control characters and lone surrogates in what a person typed.

    Text areas get their browser line breaks (`\\r\\n`) as `\\n` first: a line break is
    text, a carriage return on its own is a control character.
    """
    if isinstance(field, TextAreaField) and isinstance(field.data, str):
        field.data = line_breaks(field.data)
    values = field.data if isinstance(field.data, list) else [field.data]
    for value in values:
        if not isinstance(value, str):
            continue
        unsafe = first_unsafe(value)
        if unsafe is None:
            continue
        raise ValidationError(
            _(
                "This text contains an invisible or invalid character (%(code)s) at "
                "position %(position)s; delete it and type the text again.",
                code=unsafe.code,
                position=format_decimal(unsafe.position),
            )
        )


class SafeForm(FlaskForm):
    """Base of every form: CSRF (from FlaskForm), and plain text in every field.

    PostgreSQL cannot store NUL, and a lone surrogate cannot be written into any page, CSV
    or PDF; so no field of any form accepts a character `actcheck.text` refuses, and the
    person is told which one and where. A test checks that every form derives from here.
    """

    def validate(self, extra_validators: Any = None) -> bool:
        extra: dict[str, list[Any]] = {name: [_plain_text] for name in self._fields}
        for name, validators in (extra_validators or {}).items():
            extra.setdefault(name, []).extend(validators)
        return bool(super().validate(extra_validators=extra))


class ButtonForm(SafeForm):
    """A form that is only a button (start, copy, delete): it carries the CSRF token."""
