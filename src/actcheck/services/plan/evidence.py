"""Evidence of a plan item: links, and files checked before a byte is stored.

A file is refused, with the reason and the limit, when it is empty, larger than the file
limit, would take the organisation past its quota, is not one of the accepted types *by
its content* (the `filetype` package reads the magic bytes; the three text types must be
UTF-8 text without control characters), when its content is not what its extension says
(a PNG named `.pdf`), or when the same bytes are already attached to the item. Its name
is cleaned (no folders, no control or reserved characters); its SHA-256 and size are
stored. The row and the bytes are written in one step (`storage`), or neither.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import filetype
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from actcheck.models import Assessment, Evidence, PlanItem, User, utcnow
from actcheck.services.plan.items import record_event
from actcheck.services.plan.storage import EvidenceStore, new_key
from actcheck.text import first_unsafe

log = logging.getLogger(__name__)

MB = 1_000_000
FILE_LIMIT = 20 * MB
ORGANISATION_LIMIT = 200 * MB

#: Extension -> the media type its content must have.
ACCEPTED: dict[str, str] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "txt": "text/plain",
    "md": "text/markdown",
    "csv": "text/csv",
}
TEXT_TYPES = {"txt", "md", "csv"}
#: How the refusal names the types a founder may send.
ACCEPTED_NAMES = "PDF, DOCX, XLSX, ODT, PNG, JPEG, TXT, MD, CSV"


@dataclass
class Refused(ValueError):
    """Nothing was stored. `reason` is one of: empty, too_large, quota, type, disguised,
    duplicate, name, link; `details` the values the message shows (limits, types)."""

    reason: str
    details: dict[str, str | int] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.reason} {self.details}"


_RESERVED = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')


def clean_name(name: str) -> str:
    """A file name safe to store and to send back in Content-Disposition: the last path
    part only (no folders, either separator), no control or reserved characters, no leading
    dots, at most 120 characters keeping the extension. Accents stay (werkzeug's
    `secure_filename` would drop them: "Évaluation.pdf" is a French founder's file).

    Raises:
        Refused: "name", when nothing usable is left.
    """
    base = re.split(r"[/\\]", name)[-1]
    base = unicodedata.normalize("NFC", base)
    base = _RESERVED.sub("_", base)
    base = "".join(c for c in base if first_unsafe(c) is None).strip().lstrip(".").strip()
    stem, dot, ext = base.rpartition(".")
    if not dot or not stem:
        raise Refused("name")
    if len(base) > 120:
        base = f"{stem[: 119 - len(ext)]}.{ext}"
    return base


def _is_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return first_unsafe(text.replace("\r\n", "\n").replace("\t", " ")) is None


def media_type(name: str, data: bytes) -> str:
    """The accepted media type of the file, read from its content and checked against its
    extension.

    Raises:
        Refused: "type" (an extension or content not accepted), "disguised" (content of
            another type than the extension says).
    """
    ext = name.rpartition(".")[2].lower()
    expected = ACCEPTED.get(ext)
    if expected is None:
        raise Refused("type", {"accepted": ACCEPTED_NAMES})
    kind = filetype.guess(data)
    if ext in TEXT_TYPES:
        if kind is not None or not _is_text(data):
            found = kind.extension.upper() if kind is not None else "binary"
            raise Refused("disguised", {"found": found, "extension": ext.upper()})
        return expected
    if kind is None or kind.mime != expected:
        found = kind.extension.upper() if kind is not None else "unknown"
        raise Refused("disguised", {"found": found, "extension": ext.upper()})
    return expected


def used_by(session: Session, owner_key: str) -> int:
    """Bytes of evidence the owner (an organisation) stores."""
    total = session.scalar(select(func.sum(Evidence.size)).where(Evidence.owner_key == owner_key))
    return int(total or 0)


def _new(item: PlanItem, assessment: Assessment, actor: User | None, **values: object) -> Evidence:
    return Evidence(
        public_id=secrets.token_hex(16),
        item_id=item.id,
        owner_key=assessment.owner_key,
        added_by=actor.id if actor is not None else None,
        created_at=utcnow(),
        **values,
    )


def add_file(
    session: Session,
    store: EvidenceStore,
    assessment: Assessment,
    item: PlanItem,
    *,
    name: str,
    data: bytes,
    actor: User | None,
    drafted_kind: str = "",
) -> Evidence:
    """Check and store one uploaded file as evidence of `item` (`drafted_kind`: the kind
    of drafted document it is, when actcheck drafted it).

    Raises:
        Refused: why, with the limit; nothing was stored.
    """
    if not data:
        raise Refused("empty")
    if len(data) > FILE_LIMIT:
        raise Refused("too_large", {"limit": FILE_LIMIT // MB})
    clean = clean_name(name)
    kind = media_type(clean, data)
    used = used_by(session, assessment.owner_key)
    if used + len(data) > ORGANISATION_LIMIT:
        raise Refused("quota", {"limit": ORGANISATION_LIMIT // MB, "used": used // MB})
    digest = hashlib.sha256(data).hexdigest()
    duplicate = session.scalar(
        select(Evidence.file_name).where(Evidence.item_id == item.id, Evidence.sha256 == digest)
    )
    if duplicate is not None:
        raise Refused("duplicate", {"name": duplicate})
    key = new_key()
    store.put(key, data)
    evidence = _new(
        item,
        assessment,
        actor,
        kind="file",
        file_name=clean,
        media_type=kind,
        size=len(data),
        sha256=digest,
        storage_key=key,
        url="",
        drafted_kind=drafted_kind,
    )
    session.add(evidence)
    record_event(session, item, actor, "evidence", new=clean)
    session.flush()
    log.info("plan item %d: file %s (%d bytes) added", item.id, evidence.public_id, len(data))
    return evidence


def add_link(
    session: Session, assessment: Assessment, item: PlanItem, *, url: str, actor: User | None
) -> Evidence:
    """Attach a link (http or https only: a `javascript:` link would run on our pages).

    Raises:
        Refused: "link" for another scheme, no host or over 2,000 characters; "duplicate".
    """
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or len(url) > 2000:
        raise Refused("link")
    if session.scalar(select(Evidence.id).where(Evidence.item_id == item.id, Evidence.url == url)):
        raise Refused("duplicate", {"name": url})
    evidence = _new(
        item,
        assessment,
        actor,
        kind="link",
        url=url,
        file_name="",
        media_type="",
        size=0,
        sha256="",
        storage_key="",
    )
    session.add(evidence)
    record_event(session, item, actor, "evidence", new=url)
    session.flush()
    return evidence


def of_items(session: Session, item_ids: list[int]) -> dict[int, list[Evidence]]:
    """Each item's evidence, oldest first."""
    out: dict[int, list[Evidence]] = {i: [] for i in item_ids}
    if item_ids:
        rows = session.scalars(
            select(Evidence).where(Evidence.item_id.in_(item_ids)).order_by(Evidence.id)
        )
        for row in rows:
            out[row.item_id].append(row)
    return out


def find(session: Session, assessment: Assessment, public_id: str) -> Evidence | None:
    """A piece of evidence of this assessment's plan (None for another's, or none)."""
    return session.scalar(
        select(Evidence)
        .join(PlanItem, PlanItem.id == Evidence.item_id)
        .where(Evidence.public_id == public_id, PlanItem.assessment_id == assessment.id)
    )


def read(store: EvidenceStore, evidence: Evidence) -> bytes:
    return store.get(evidence.storage_key)


def discard_files(session: Session, store: EvidenceStore, assessment_ids: Collection[int]) -> int:
    """Delete the evidence files of these assessments' plans with the rows the caller's
    transaction is about to delete (the database cascades the rows, not the bytes):
    call it before deleting the assessments. Returns how many files."""
    if not assessment_ids:
        return 0
    keys = list(
        session.scalars(
            select(Evidence.storage_key)
            .join(PlanItem, PlanItem.id == Evidence.item_id)
            .where(PlanItem.assessment_id.in_(list(assessment_ids)), Evidence.kind == "file")
        )
    )
    store.discard(keys)
    return len(keys)
