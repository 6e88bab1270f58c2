"""Forms of the assessments list: the upload of an answers file."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired

from actcheck.web.forms import SafeForm


class ImportForm(SafeForm):
    """Upload an answers file (YAML or JSON, the answers format)."""

    file = FileField(
        _l("Upload an answers file"),
        validators=[FileRequired(message=_l("Select an answers file"))],
    )
