"""Rate limits on the requests that cost work: each route that builds, reads or renders on
a person's behalf counts their requests, so that no one address (or account) can keep the
app busy (issue 12, finding 7).

The limits are settings (`ACTCHECK_*_RATE_LIMIT`, checked at start-up) and are counted
where the login limit is (`RATELIMIT_STORAGE_URI`: Redis shares them between workers).
A signed-in person is counted as themselves, not by address: an incubator's founders in
one workshop share an address, and must not share a limit.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from flask import current_app
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address

from actcheck.web.auth import current_account, limiter

#: The settings of this module, and what each limits.
LIMITS = {
    "API_ASSESS_RATE_LIMIT": "POST /api/v1/assess",
    "IMPORT_RATE_LIMIT": "POST /assessments/import",
    "NEW_ASSESSMENT_RATE_LIMIT": "POST /assessments, copies and imports",
    "EXPORT_RATE_LIMIT": "GET /account/export",
    "MAIL_RATE_LIMIT": "sign-up and reset mails to one address",
}


def person_or_address() -> str:
    """Who a request is counted for: the account when signed in, else the address."""
    account = current_account()
    return f"user:{account.id}" if account is not None else get_remote_address()


def _setting(key: str) -> Callable[[], str]:
    def value() -> str:
        return str(current_app.config[key])

    return value


def too_often() -> str:
    """The message of a refused web request (the API answers with its own JSON error)."""
    message: str = _(
        "You did this many times in a short while. Wait a few minutes, then try again: "
        "everything you saved so far is kept."
    )
    return message


api_assess = limiter.limit(_setting("API_ASSESS_RATE_LIMIT"), key_func=person_or_address)
import_file = limiter.limit(
    _setting("IMPORT_RATE_LIMIT"),
    methods=["POST"],
    key_func=person_or_address,
    error_message=too_often,
)
#: Starting, copying and importing count together: each adds an assessment.
new_assessment = limiter.shared_limit(
    _setting("NEW_ASSESSMENT_RATE_LIMIT"),
    scope="new-assessment",
    methods=["POST"],
    key_func=person_or_address,
    error_message=too_often,
)
export = limiter.limit(
    _setting("EXPORT_RATE_LIMIT"), key_func=person_or_address, error_message=too_often
)


def may_mail(address: str) -> bool:
    """Whether another sign-up or reset mail may go to this address now.

    The forms are limited per sender's address; this limits per recipient
    (`ACTCHECK_MAIL_RATE_LIMIT`), so that requests from many addresses cannot flood one
    inbox. The page answers the same either way: it never says whether a mail went out.
    """
    from limits import parse_many

    recipient = hashlib.sha256(address.casefold().encode("utf-8")).hexdigest()[:32]
    return all(
        limiter.limiter.hit(item, "mail-to", recipient)
        for item in parse_many(str(current_app.config["MAIL_RATE_LIMIT"]))
    )
