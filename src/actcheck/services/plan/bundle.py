"""The evidence bundle: one ZIP for a founder's lawyer, auditor or investor, holding the
PDF report, every evidence file of the plan and `manifest.json`, which maps each
obligation (for each role) to its status and evidence, files by their path in the ZIP with
their SHA-256, so that the reader can check each file is the one that was uploaded.

Written to a spooled temporary file: up to the organisation's 200 MB of evidence, it must
not sit in memory whole.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import zipfile
from collections.abc import Callable, Mapping, Sequence
from typing import IO, Any

from actcheck.models import Evidence, PlanItem
from actcheck.services.plan.items import due_date
from actcheck.services.plan.storage import EvidenceStore
from actcheck.version import __version__


def _entry(item: PlanItem, found: Evidence) -> tuple[dict[str, Any], str | None]:
    if found.kind == "link":
        return {"kind": "link", "url": found.url, "added_at": found.created_at.isoformat()}, None
    path = f"evidence/{item.obligation_id}-{item.role}/{found.public_id[:8]}-{found.file_name}"
    return {
        "kind": "file",
        "path": path,
        "name": found.file_name,
        "media_type": found.media_type,
        "size": found.size,
        "sha256": found.sha256,
        "added_at": found.created_at.isoformat(),
    }, path


def build_bundle(
    *,
    system: str,
    public_id: str,
    report_name: str,
    report_pdf: bytes,
    items: Sequence[PlanItem],
    evidence: Mapping[int, Sequence[Evidence]],
    store: EvidenceStore,
    title: Callable[[PlanItem], str],
    now: dt.datetime,
) -> IO[bytes]:
    """The ZIP, rewound, ready to send.

    Args:
        title: the obligation's title in the reader's language.
    """
    out = tempfile.SpooledTemporaryFile(max_size=8_000_000)  # noqa: SIM115 - returned open
    obligations = []
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(report_name, report_pdf)
        for item in items:
            entries = []
            for found in evidence.get(item.id, ()):
                entry, path = _entry(item, found)
                if path is not None:
                    archive.writestr(path, store.get(found.storage_key))
                entries.append(entry)
            obligations.append(
                {
                    "obligation": item.obligation_id,
                    "role": item.role,
                    "title": title(item),
                    "articles": list(item.articles),
                    "applies_from": item.applies_from.isoformat(),
                    "due": due_date(item).isoformat(),
                    "status": item.status,
                    "not_applicable_reason": item.not_applicable_reason or None,
                    "archived": item.archived_at is not None,
                    "archived_because": item.archived_reason or None,
                    "evidence": entries,
                }
            )
        manifest = {
            "format": 1,
            "generated_at": now.isoformat(),
            "generator": f"actcheck {__version__}",
            "system": system,
            "assessment": public_id,
            "report": report_name,
            "obligations": obligations,
        }
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    out.seek(0)
    return out
