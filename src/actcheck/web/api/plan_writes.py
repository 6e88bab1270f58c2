"""The compliance plan's writes through the API (issues 17, 18): update an item, attach a
link, attach a drafted document.

Only a founder's token made with `plan:write` writes, and only its own organisation's plan
(`api_access.writable_assessment`): another organisation's assessment is not found (404),
a read-only or an advisor's token is refused (403). The rules are the web's
(`services.plan.items.update_item`, `services.plan.evidence.add_link`): the same checks,
the same history entries, the holder as the one who made the change.

An update names the item's `version` it was prepared against (optimistic concurrency, as on
the item's page): an older one is refused with 409 and the item as it is saved now, so the
client can merge and send again. Fields left out keep their value.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from flask import Response

from actcheck.models import Assessment, PlanItem, User
from actcheck.services import api_access, tokens
from actcheck.services.api_access import Grant
from actcheck.services.plan import evidence as plan_evidence
from actcheck.services.plan import items as plan_items
from actcheck.web import db
from actcheck.web.api.errors import ApiError, json_response
from actcheck.web.api.schemas import ref
from actcheck.web.api.spec import Parameter, errors, json_body
from actcheck.web.api.views import PLAN_ID, api, bp, plan_item_json, read_body

ITEM_ID = Parameter("item_id", "path", {"type": "integer"})

#: The longest text of each field, as the item's form allows.
TEXT_LIMITS: Mapping[str, int] = {
    "target_note": 1000,
    "not_applicable_reason": 2000,
    "notes": 4000,
}
EDITABLE = ("status", "owner_email", "target_date", *TEXT_LIMITS)

#: What the service's refusals mean, for a program.
PROBLEMS: Mapping[str, str] = {
    "status": "status must be one of todo, in_progress, done, not_applicable.",
    "owner_id": "owner_email is not a member of the organisation.",
    "target_note": "A target_date later than applies_from needs a target_note saying why.",
    "not_applicable_reason": "status not_applicable needs a not_applicable_reason.",
}

#: Why the evidence service refused a draft's file, for a program.
FILE_PROBLEMS: Mapping[str, str] = {
    "duplicate": "This draft (the same file) is already attached to the item.",
    "quota": "The organisation's evidence storage is full: remove old files first.",
    "too_large": "The draft is larger than the limit for one file.",
}

LINK_PROBLEMS: Mapping[str, str] = {
    "link": "url must start with https:// or http://, name a host and be at most 2,000 characters.",
    "duplicate": "This link is already attached to the item.",
}


def _json_object() -> dict[str, Any]:
    data, kind = read_body()
    if kind != "json":
        raise ApiError(415, ["Send the change as application/json."])
    try:
        body = json.loads(data)
    except ValueError:
        raise ApiError(422, ["The body is not valid JSON."]) from None
    if not isinstance(body, dict):
        raise ApiError(422, ["The body must be a JSON object."])
    return body


def _writable(public_id: str, item_id: int, grant: Grant) -> tuple[Assessment, PlanItem]:
    session = db.session()
    try:
        found = api_access.writable_assessment(session, grant, public_id)
    except api_access.NotFound:
        raise ApiError(
            404, [f"This token can edit no assessment's plan with the id {public_id!r}."]
        ) from None
    try:
        return found, plan_items.get_item(session, found, item_id)
    except plan_items.ItemNotFound:
        raise ApiError(404, [f"The plan has no item {item_id}."]) from None


def _item_body(assessment: Assessment, item: PlanItem) -> dict[str, Any]:
    session = db.session()
    members = {m.id: m.name or m.email for m in plan_items.members_of(session, assessment)}
    attached = plan_evidence.of_items(session, [item.id])[item.id]
    return plan_item_json(item, members, attached)


def _edit(body: Mapping[str, Any], item: PlanItem, members: list[User]) -> plan_items.ItemEdit:
    """The item's values with the body's changes, or a 422 naming every bad field."""
    problems = [
        f"Unknown field {name!r}: an item takes version, {', '.join(EDITABLE)}."
        for name in body
        if name != "version" and name not in EDITABLE
    ]
    texts = {name: getattr(item, name) for name in TEXT_LIMITS}
    for name, limit in TEXT_LIMITS.items():
        if name in body:
            value = body[name]
            if not isinstance(value, str) or len(value) > limit:
                problems.append(f"{name} must be a text of at most {limit:,} characters.")
            else:
                texts[name] = value
    status = body.get("status", item.status)
    if not isinstance(status, str):
        problems.append(PROBLEMS["status"])
    owner_id = item.owner_id
    if "owner_email" in body:
        email = body["owner_email"]
        if email is None:
            owner_id = None
        else:
            match = next(
                (m for m in members if isinstance(email, str) and m.email == email.strip().lower()),
                None,
            )
            if match is None:
                problems.append(PROBLEMS["owner_id"])
            else:
                owner_id = match.id
    target = item.target_date
    if "target_date" in body:
        raw = body["target_date"]
        try:
            target = None if raw is None else dt.date.fromisoformat(str(raw))
        except ValueError:
            problems.append("target_date must be a date (YYYY-MM-DD) or null.")
    if problems:
        raise ApiError(422, problems)
    return plan_items.ItemEdit(
        status=str(status),
        owner_id=owner_id,
        target_date=target,
        target_note=texts["target_note"],
        not_applicable_reason=texts["not_applicable_reason"],
        notes=texts["notes"],
    )


@bp.patch("/assessments/<public_id>/plan/items/<int:item_id>")
@api(
    "updatePlanItem",
    summary="Change an item of your organisation's plan",
    description="Send the item's `version` as read and only the fields to change; the "
    "others keep their value. The rules are the item page's: not_applicable needs a "
    "reason, a target later than the legal date a note, the owner a member.",
    parameters=[PLAN_ID, ITEM_ID],
    request_body={
        "required": True,
        "content": {"application/json": {"schema": ref("PlanItemChange")}},
    },
    responses={
        "200": json_body("The item as saved now.", "PlanItem"),
        "404": errors("The token can edit no such assessment's plan, or it has no such item."),
        "409": json_body(
            "Someone saved the item after the version sent: nothing was stored; the item "
            "as it is now.",
            "PlanItemConflict",
        ),
        "413": errors("The body is too large."),
        "415": errors("The body is not JSON."),
        "422": errors("Every problem of the change (unknown field, bad value, a rule)."),
    },
    token=[tokens.WRITE_PLAN],
)
def update_plan_item(public_id: str, item_id: int, *, grant: Grant) -> Response:
    """Store a change of an item, with a history entry per field, by the token's holder."""
    found, item = _writable(public_id, item_id, grant)
    body = _json_object()
    version = body.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ApiError(422, ["version (the item's version as read) is required: an integer."])
    session = db.session()
    members = plan_items.members_of(session, found)
    change = _edit(body, item, members)
    try:
        plan_items.update_item(
            session, item, change, actor=grant.user, expected_version=version, members=members
        )
    except plan_items.StalePlanItem as stale:
        session.rollback()
        _found, item = _writable(public_id, item_id, grant)
        return json_response(
            {
                "errors": [
                    f"The item was saved by someone else since version {version}: it is at "
                    f"version {stale.version}. Nothing was stored; merge and send again."
                ],
                "item": _item_body(found, item),
            },
            409,
        )
    except plan_items.InvalidChange as refused:
        session.rollback()
        raise ApiError(422, [PROBLEMS.get(f, f) for f in refused.problems]) from None
    session.commit()
    return json_response(_item_body(found, item))


@bp.post("/assessments/<public_id>/plan/items/<int:item_id>/links")
@api(
    "addPlanItemLink",
    summary="Attach a link to an item of your organisation's plan, as evidence",
    parameters=[PLAN_ID, ITEM_ID],
    request_body={
        "required": True,
        "content": {"application/json": {"schema": ref("PlanItemLink")}},
    },
    responses={
        "201": json_body("The item, with the link among its evidence.", "PlanItem"),
        "404": errors("The token can edit no such assessment's plan, or it has no such item."),
        "413": errors("The body is too large."),
        "415": errors("The body is not JSON."),
        "422": errors("Not an http(s) link, or one already attached."),
    },
    token=[tokens.WRITE_PLAN],
)
def add_plan_item_link(public_id: str, item_id: int, *, grant: Grant) -> Response:
    """Attach a link, with its history entry, by the token's holder."""
    found, item = _writable(public_id, item_id, grant)
    body = _json_object()
    url = body.get("url")
    unknown = sorted(set(body) - {"url"})
    if not isinstance(url, str) or unknown:
        problems = [f"Unknown field {name!r}: a link takes url." for name in unknown]
        raise ApiError(422, problems or ["url (the link, https://...) is required."])
    session = db.session()
    try:
        plan_evidence.add_link(session, found, item, url=url, actor=grant.user)
    except plan_evidence.Refused as refused:
        session.rollback()
        raise ApiError(422, [LINK_PROBLEMS.get(refused.reason, refused.reason)]) from None
    session.commit()
    return json_response(_item_body(found, item), 201)


@bp.post("/assessments/<public_id>/plan/items/<int:item_id>/drafts")
@api(
    "addPlanItemDraft",
    summary="Attach a drafted document to an item of your organisation's plan, as evidence",
    description="The Word file of a draft that serves the item's obligation (listDrafts "
    "gives each draft's obligations), stored like an upload: the same limits, checksum and "
    "history entry, the same file twice refused. Drafts are rendered on the background "
    "queue: while this one is not ready the answer is 202 with `Retry-After`, and nothing "
    "is stored yet; send the same request again. Attaching changes none of the item's "
    "fields, so it takes no `version`.",
    parameters=[PLAN_ID, ITEM_ID],
    request_body={
        "required": True,
        "content": {"application/json": {"schema": ref("PlanItemDraft")}},
    },
    responses={
        "201": json_body("The item, with the draft among its evidence.", "PlanItem"),
        "202": {
            **json_body(
                "The draft is being prepared: nothing was stored; send the request again "
                "after Retry-After.",
                "DraftPreparing",
            ),
            "headers": {
                "Retry-After": {
                    "description": "Seconds to wait before sending it again.",
                    "schema": {"type": "integer"},
                },
            },
        },
        "404": errors("The token can edit no such assessment's plan, or it has no such item."),
        "409": errors("The assessment is not complete."),
        "413": errors("The body is too large."),
        "415": errors("The body is not JSON."),
        "422": errors(
            "No such draft, one that does not serve the item's obligation, or the evidence "
            "service refused the file (quota, the same file already attached)."
        ),
    },
    token=[tokens.WRITE_PLAN],
)
def add_plan_item_draft(public_id: str, item_id: int, *, grant: Grant) -> Response:
    """Attach a draft's Word file, with its history entry, by the token's holder."""
    from flask import current_app, url_for

    from actcheck.services import assessments, drafts
    from actcheck.services.plan.storage import open_store
    from actcheck.web.drafts.attaching import attach_draft
    from actcheck.web.i18n import ruleset
    from actcheck.web.report.scheduling import wait_words

    found, item = _writable(public_id, item_id, grant)
    body = _json_object()
    kind, fmt, lang = body.get("kind"), body.get("format", "docx"), body.get("lang", "en")
    problems = [
        f"Unknown field {name!r}: a draft takes kind, format, lang."
        for name in sorted(set(body) - {"kind", "format", "lang"})
    ]
    if not isinstance(kind, str) or not kind:
        problems.append("kind (a draft kind that serves the item's obligation) is required.")
        kind = ""
    if fmt != "docx":
        problems.append("format must be docx: a plan item keeps the editable Word file.")
    if not isinstance(lang, str) or lang not in ruleset().languages:
        problems.append(f"lang must be one of {', '.join(ruleset().languages)}.")
        lang = ""
    if problems:
        raise ApiError(422, problems)
    result = assessments.evaluate(found, ruleset())
    if result is None:
        raise ApiError(409, ["This assessment is not complete: answer its remaining questions."])
    session = db.session()
    store = open_store(str(current_app.config["EVIDENCE_STORE"]), session)
    try:
        attached = attach_draft(
            session, store, found, item, result, kind, lang=lang, actor=grant.user
        )
    except drafts.UnknownDraft as exc:
        raise ApiError(422, [f"{str(exc)[0].upper()}{str(exc)[1:]}."]) from None
    except plan_evidence.Refused as refused:
        session.rollback()
        raise ApiError(422, [FILE_PROBLEMS.get(refused.reason, str(refused))]) from None
    if attached.evidence is None:
        readiness = attached.readiness
        response = json_response(
            {
                "status": "preparing",
                "place": readiness.place,
                "seconds": readiness.seconds,
                "message": wait_words(readiness),
                "location": url_for(
                    "api.add_plan_item_draft", public_id=public_id, item_id=item_id
                ),
            },
            202,
        )
        response.headers["Retry-After"] = str(max(1, min(readiness.seconds, 60)))
        return response
    session.commit()
    return json_response(_item_body(found, item), 201)
