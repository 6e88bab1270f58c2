"""The drafted documents through the API: listed for an assessment the token may read,
downloaded as DOCX or PDF; another account's token finds nothing."""

from __future__ import annotations

import io

from docx import Document
from tests.api.conftest import bearer, create_token
from tests.report.test_web import imported

from founders import Founder


def test_a_token_lists_and_downloads_the_drafts_of_its_assessment(founder: Founder) -> None:
    public_id = imported(founder)
    headers = bearer(create_token(founder))
    listed = founder.client.get(f"/api/v1/assessments/{public_id}/drafts?lang=fr", headers=headers)
    assert listed.status_code == 200, listed.text
    kinds = {d["kind"]: d for d in listed.json["drafts"]}
    assert "technical-documentation" in kinds
    assert "fria" not in kinds
    assert kinds["technical-documentation"]["obligations"] == ["hr-technical-documentation"]
    assert kinds["technical-documentation"]["title"].startswith("Documentation technique")
    url = kinds["technical-documentation"]["downloads"]["docx"]
    file = founder.client.get(url, headers=headers)
    assert file.status_code == 200
    assert file.headers["Content-Disposition"].startswith("attachment; ")
    text = "\n".join(p.text for p in Document(io.BytesIO(file.data)).paragraphs)
    assert "Documentation technique (Art. 11, annexe IV)" in text
    missing = f"/api/v1/assessments/{public_id}/drafts/fria.docx"
    assert founder.client.get(missing, headers=headers).status_code == 404


def test_another_accounts_token_finds_no_drafts(founder: Founder, other_founder: Founder) -> None:
    public_id = imported(founder)
    headers = bearer(create_token(other_founder))
    for url in (
        f"/api/v1/assessments/{public_id}/drafts",
        f"/api/v1/assessments/{public_id}/drafts/classification.pdf",
    ):
        assert other_founder.client.get(url, headers=headers).status_code == 404
