"""What the plan's pages share with the result page and the dashboard: words for
statuses and refusals, and the plan's progress per assessment."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from actcheck.models import PlanItem, PlanStatus
from actcheck.services.plan.evidence import Refused
from actcheck.web.i18n import rule_text, ruleset

#: Lazy: a plan page words one status per item, and translates only that one.
_STATUS_WORDS = {
    PlanStatus.TODO: _l("To do"),
    PlanStatus.IN_PROGRESS: _l("In progress"),
    PlanStatus.DONE: _l("Done"),
    PlanStatus.NOT_APPLICABLE: _l("Not applicable"),
}


def status_words(status: str) -> str:
    words = _STATUS_WORDS.get(status)  # type: ignore[call-overload]
    return str(words) if words is not None else status


def role_words(role: str) -> str:
    label = ruleset().labels.get(f"role.{role}")
    return rule_text(label) if label is not None else role


def item_title(item: PlanItem) -> str:
    """The obligation's title in the page's language; the stored one when the rule set in
    force no longer has the obligation (an archived item)."""
    obligation = ruleset().obligations.get(item.obligation_id)
    return rule_text(obligation.title) if obligation is not None else item.title


def refusal(error: Refused) -> str:
    """Why a file or a link was refused, with the limit, in the page's language."""
    d = error.details
    messages: dict[str, str] = {
        "empty": _("The file is empty. Choose the file again."),
        "too_large": _(
            "The file is larger than %(limit)s MB, the limit for one file.", limit=d.get("limit")
        ),
        "quota": _(
            "Your organisation stores %(used)s MB of evidence; this file would take it past "
            "the limit of %(limit)s MB. Remove old files or link to them instead.",
            used=d.get("used"),
            limit=d.get("limit"),
        ),
        "type": _(
            "This type of file is not accepted. Accepted: %(accepted)s.", accepted=d.get("accepted")
        ),
        "disguised": _(
            "The file's content is %(found)s, not %(extension)s as its name says. Send it "
            "under its own extension.",
            found=d.get("found"),
            extension=d.get("extension"),
        ),
        "duplicate": _(
            "The same file or link is already attached to this item (%(name)s).", name=d.get("name")
        ),
        "name": _("The file needs a name with an extension, such as policy.pdf."),
        "link": _("Enter a link that starts with https:// or http://."),
    }
    return messages.get(error.reason, error.reason)
