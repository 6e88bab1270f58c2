"""The evidence store of the configuration (`EVIDENCE_STORE`), on the request's session:
the plan's pages read and write files through it, and the pages that delete an assessment
or an account discard its files with it (`actcheck.services.plan.storage`)."""

from __future__ import annotations

from flask import current_app

from actcheck.services.plan.storage import EvidenceStore, open_store
from actcheck.web import db


def evidence_store() -> EvidenceStore:
    return open_store(str(current_app.config["EVIDENCE_STORE"]), db.session())
