"""Everything of a founder's organisation in one zip: the account, each assessment's
answers file and its PDF report (the right of access, GDPR Art. 15 and 20).

The work is bounded: at most `EXPORT_RENDERS` reports are rendered for one archive; the
others must already be rendered (the result page's download renders and keeps them), else
the archive lists where to download them (`reports-to-download.txt`; issue 12, finding 7).
A founder has a few systems; an account with hundreds must not cost minutes of CPU.

How a PDF is had and where it is linked belong to the caller (the web app's report cache,
the request's language), so they come in as functions.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable

from sqlalchemy.orm import Session

from actcheck.models import Assessment, User
from actcheck.rules.model import Ruleset
from actcheck.services import assessments
from actcheck.services.accounts import owner_of

#: Reports one archive renders itself.
EXPORT_RENDERS = 3

#: The PDF of an assessment (None while incomplete); `render=False`: only if kept already.
PdfOf = Callable[[Assessment, bool], bytes | None]


def account_archive(
    session: Session,
    user: User,
    ruleset: Ruleset,
    *,
    today: dt.date,
    pdf: PdfOf,
    link: Callable[[Assessment], str],
    later_note: str,
) -> bytes:
    """The zip of the account and its organisation's assessments.

    Args:
        pdf: how to get an assessment's report (see `PdfOf`).
        link: the download address of a report left out.
        later_note: the first line of `reports-to-download.txt`, in the reader's language.
    """
    owner = owner_of(user)
    buffer = io.BytesIO()
    renders = 0
    later: list[str] = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "account.txt",
            f"email: {user.email}\nname: {user.name}\nrole: {user.role}\n",
        )
        items = assessments.for_owner(session, owner=owner) if owner else []
        for index, item in enumerate(items, 1):
            stem = f"{index:02d}-{item.public_id}"
            archive.writestr(f"{stem}.yaml", assessments.export_answers(item, ruleset, today=today))
            if item.result is None:
                continue
            data = pdf(item, False)
            if data is None and renders < EXPORT_RENDERS:
                data = pdf(item, True)
                renders += 1
            if data is None:
                later.append(link(item))
                continue
            archive.writestr(f"{stem}.pdf", data)
        if later:
            archive.writestr("reports-to-download.txt", "\n".join([later_note, *later]) + "\n")
    return buffer.getvalue()
