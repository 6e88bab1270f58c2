"""The form of the API tokens page."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, Length

from actcheck.services.tokens import MAX_NAME
from actcheck.web.forms import SafeForm


class CreateTokenForm(SafeForm):
    """Name a new token."""

    name = StringField(
        _l("Name"),
        validators=[
            DataRequired(message=_l("Enter a name for the token")),
            Length(max=MAX_NAME, message=_l("The name must be 100 characters or fewer")),
        ],
    )
    plan_write = BooleanField(_l("Also edit the compliance plan"))
    """Founders only: the token may also change plan items and attach links (`plan:write`)."""
