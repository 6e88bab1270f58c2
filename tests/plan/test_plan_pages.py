"""The plan's pages through the test client: start, edit, refusals, a stale edit, evidence
uploads (too large, empty, disguised, a path in the name, a duplicate), downloads as
attachments, the advisor's comment, and the result page's link."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import pytest
from plan_world import Startup

from founders import csrf_token
from people import make_person

ITEM = re.compile(r'href="(/assessments/[0-9a-f]+/plan/items/(\d+))"')


def _login(startup: Startup) -> Any:
    assert startup.founder.login().status_code == 302
    return startup.founder.client


def _started(startup: Startup) -> tuple[Any, str]:
    """The founder logged in, the plan started; returns the client and the plan's URL."""
    client = _login(startup)
    url = f"/assessments/{startup.public_id}/plan"
    page = client.get(url)
    assert page.status_code == 200
    assert "Start the plan" in page.text
    response = client.post(f"{url}/sync", data={"csrf_token": csrf_token(page.text)})
    assert response.status_code == 302
    return client, url


def _first_item(client: Any, url: str) -> tuple[str, str]:
    match = ITEM.search(client.get(url).text)
    assert match
    return match.group(1), match.group(2)


def _edit(client: Any, item_url: str, **values: Any) -> Any:
    page = client.get(item_url)
    version = re.search(r'name="version" value="(\d+)"', page.text)
    assert version
    data = {
        "csrf_token": csrf_token(page.text),
        "version": version.group(1),
        "status": "todo",
        "owner": "",
        "target_date": "",
        "target_note": "",
        "not_applicable_reason": "",
        "notes": "",
        **values,
    }
    return client.post(item_url, data=data)


def test_the_result_page_links_to_the_plan(startup: Startup) -> None:
    client = _login(startup)
    page = client.get(f"/assessments/{startup.public_id}/result")
    assert f'href="/assessments/{startup.public_id}/plan"' in page.text


def test_a_started_plan_shows_items_by_role_with_progress(startup: Startup) -> None:
    client, url = _started(startup)
    page = client.get(url).text
    assert 'id="role-provider"' in page
    assert 'id="role-deployer"' in page
    done = re.search(r'data-done="(\d+)" data-applicable="(\d+)"', page)
    assert done
    assert done.group(1) == "0"
    assert int(done.group(2)) > 5
    assert "Start the plan" not in page


def test_a_done_item_with_an_owner_counts_in_the_progress(startup: Startup) -> None:
    client, url = _started(startup)
    item_url, _id = _first_item(client, url)
    response = _edit(
        client, item_url, status="done", owner=str(startup.founder.id), notes="Signed <b>policy</b>"
    )
    assert response.status_code == 302
    page = client.get(url).text
    assert 'data-done="1"' in page
    item = client.get(item_url).text
    assert "Signed &lt;b&gt;policy&lt;/b&gt;" in item  # escaped
    assert 'data-event="status"' in item
    assert 'data-event="owner_id"' in item


def test_not_applicable_without_a_reason_is_refused_with_a_message(startup: Startup) -> None:
    client, url = _started(startup)
    item_url, _id = _first_item(client, url)
    response = _edit(client, item_url, status="not_applicable", notes="kept")
    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert "Say why this obligation does not apply to you." in response.text
    assert "\nkept</textarea>" in response.text  # what was typed stays in the form
    ok = _edit(
        client, item_url, status="not_applicable", not_applicable_reason="We do not deploy it"
    )
    assert ok.status_code == 302
    assert "We do not deploy it" in client.get(item_url).text


def test_a_stale_edit_is_refused_and_keeps_both_versions(startup: Startup) -> None:
    client, url = _started(startup)
    item_url, _id = _first_item(client, url)
    page = client.get(item_url)
    token = csrf_token(page.text)
    base = {
        "csrf_token": token,
        "version": "1",
        "status": "in_progress",
        "owner": "",
        "target_date": "",
        "target_note": "",
        "not_applicable_reason": "",
    }
    assert client.post(item_url, data={**base, "notes": "tab one"}).status_code == 302
    stale = client.post(item_url, data={**base, "notes": "tab two"})
    assert stale.status_code == 409
    assert "Someone else saved this item" in stale.text
    assert "\ntab two</textarea>" in stale.text  # the second tab's text is not lost
    assert "tab one" in stale.text  # and what is saved is shown
    assert 'name="version" value="2"' in stale.text


def _upload(client: Any, item_url: str, name: str, data: bytes) -> Any:
    from werkzeug.datastructures import FileStorage
    from werkzeug.test import encode_multipart

    page = client.get(item_url)
    # Encoded here, in memory: the test client would spool a large body to a temporary
    # file that stays open when the app refuses it unread (as tests/web's import does).
    boundary, body = encode_multipart(
        {"csrf_token": csrf_token(page.text), "file": FileStorage(io.BytesIO(data), name)}
    )
    return client.post(
        f"{item_url}/files",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
        follow_redirects=True,
    )


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("policy.pdf", PDF),
        ("Évaluation des risques.docx", _docx()),
        ("log.csv", b"a,b\n1,2\n"),
        ("notes.md", "# Revue\nPoint réglé\n".encode()),
    ],
)
def test_an_accepted_file_is_stored_with_its_checksum_and_served_as_a_download(
    startup: Startup, name: str, data: bytes
) -> None:
    import hashlib

    client, url = _started(startup)
    item_url, _id = _first_item(client, url)
    page = _upload(client, item_url, name, data)
    assert f"{name} was added." in page.text
    link = re.search(r'href="(/assessments/[^"]+/plan/evidence/[0-9a-f]+)"', page.text)
    assert link
    assert hashlib.sha256(data).hexdigest()[:12] in page.text
    download = client.get(link.group(1))
    assert download.status_code == 200
    assert download.data == data
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in download.headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.pdf", b"", "The file is empty."),
        ("big.txt", b"a" * (20_000_001), "larger than 20 MB"),
        ("image.pdf", PNG, "The file&#39;s content is PNG, not PDF"),
        ("policy.txt", PDF, "content is PDF, not TXT"),
        ("binary.csv", b"\x00\x01\x02\xff", "content is binary, not CSV"),
        ("tool.exe", b"MZ\x90\x00", "This type of file is not accepted."),
        ("../../etc", b"x", "needs a name with an extension"),
    ],
)
def test_a_refused_file_says_why_and_stores_nothing(
    startup: Startup, name: str, data: bytes, message: str
) -> None:
    from sqlalchemy import func, select

    from actcheck.models import Evidence, EvidenceBlob

    client, url = _started(startup)
    item_url, _id = _first_item(client, url)
    page = _upload(client, item_url, name, data)
    assert message in page.text
    with startup.session() as session:
        assert session.scalar(select(func.count()).select_from(Evidence)) == 0
        assert session.scalar(select(func.count()).select_from(EvidenceBlob)) == 0


def test_a_path_in_the_name_is_cleaned_and_a_duplicate_refused(startup: Startup) -> None:
    client, url = _started(startup)
    item_url, _id = _first_item(client, url)
    page = _upload(client, item_url, "../../../etc/policy.pdf", PDF)
    assert ">policy.pdf was added." in page.text
    assert "etc" not in re.search(r"plan/evidence/[^>]+>([^<]+)<", page.text).group(1)
    again = _upload(client, item_url, "copy.pdf", PDF)
    assert "already attached to this item (policy.pdf)" in again.text


def test_a_link_must_be_http(startup: Startup) -> None:
    client, url = _started(startup)
    item_url, _id = _first_item(client, url)
    page = client.get(item_url)
    bad = client.post(
        f"{item_url}/links",
        data={"csrf_token": csrf_token(page.text), "url": "javascript:alert(1)"},
        follow_redirects=True,
    )
    assert "starts with https://" in bad.text
    assert 'href="javascript:' not in bad.text
    good = client.post(
        f"{item_url}/links",
        data={"csrf_token": csrf_token(page.text), "url": "https://docs.example.eu/policy"},
        follow_redirects=True,
    )
    assert 'href="https://docs.example.eu/policy"' in good.text


def test_the_organisation_quota_refuses_the_file_that_would_pass_it(
    startup: Startup, monkeypatch: pytest.MonkeyPatch
) -> None:
    from actcheck.services.plan import evidence

    monkeypatch.setattr(evidence, "ORGANISATION_LIMIT", len(PDF) + 10)
    client, url = _started(startup)
    item_url, _id = _first_item(client, url)
    assert "was added" in _upload(client, item_url, "a.pdf", PDF).text
    refused = _upload(client, item_url, "b.txt", b"more than ten bytes of text")
    assert "would take it past the limit" in refused.text


def test_the_folder_store_keeps_files_outside_the_database(startup: Startup, tmp_path: Any) -> None:
    startup.app.config["EVIDENCE_STORE"] = str(tmp_path / "evidence")
    client, url = _started(startup)
    item_url, _id = _first_item(client, url)
    page = _upload(client, item_url, "policy.pdf", PDF)
    files = [p for p in (tmp_path / "evidence").rglob("*") if p.is_file()]
    assert [f.read_bytes() for f in files] == [PDF]
    link = re.search(r'href="(/assessments/[^"]+/plan/evidence/[0-9a-f]+)"', page.text)
    assert client.get(link.group(1)).data == PDF


def test_an_advisor_reads_and_comments_but_does_not_edit(startup: Startup) -> None:
    from people import make_person

    client, url = _started(startup)
    item_url, _id = _first_item(client, url)
    result = client.get(f"/assessments/{startup.public_id}/result")
    assert (
        client.post(
            f"/assessments/{startup.public_id}/submit", data={"csrf_token": csrf_token(result.text)}
        ).status_code
        == 302
    )
    with startup.session() as session:
        from actcheck.models import Organisation

        cohort = session.get(Organisation, startup.founder.organisation_id).cohort_id
    advisor = make_person(startup.app, "a@example.eu", "advisor", cohort=cohort)
    page = advisor.client.get(item_url)
    assert page.status_code == 200
    assert 'data-action="save-item"' not in page.text
    assert 'data-action="comment"' in page.text
    response = advisor.client.post(
        f"{item_url}/comments", data={"csrf_token": csrf_token(page.text), "body": "Add the DPIA"}
    )
    assert response.status_code == 302
    assert "Add the DPIA" in client.get(item_url).text
    edit = advisor.client.post(
        item_url, data={"csrf_token": csrf_token(page.text), "version": "1", "status": "done"}
    )
    assert edit.status_code == 403


def test_the_evidence_bundle_holds_the_report_every_file_and_a_manifest(
    startup: Startup,
) -> None:
    import hashlib
    import json

    client, url = _started(startup)
    item_url, _item_id = _first_item(client, url)
    _upload(client, item_url, "policy.pdf", PDF)
    page = client.get(item_url)
    client.post(
        f"{item_url}/links",
        data={"csrf_token": csrf_token(page.text), "url": "https://docs.example.eu/p"},
    )
    response = client.get(f"{url}/bundle.zip")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    manifest = json.loads(archive.read("manifest.json"))
    assert archive.read(manifest["report"]).startswith(b"%PDF")
    with_evidence = [o for o in manifest["obligations"] if o["evidence"]]
    assert len(with_evidence) == 1
    kinds = {e["kind"]: e for e in with_evidence[0]["evidence"]}
    assert kinds["link"]["url"] == "https://docs.example.eu/p"
    file = kinds["file"]
    assert archive.read(file["path"]) == PDF
    assert file["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert len(manifest["obligations"]) == len(re.findall(r'data-item="', client.get(url).text))


def test_a_file_far_over_the_limit_is_refused_before_it_is_read(startup: Startup) -> None:
    client, url = _started(startup)
    item_url, _id = _first_item(client, url)
    response = _upload(client, item_url, "huge.pdf", b"%PDF" + b"0" * 22_000_000)
    assert response.status_code == 413
    assert "An evidence file can be at most 20 MB." in response.text


def _rows(client: Any, url: str) -> tuple[int, int]:
    """(active item links, archived rows) on the plan page."""
    page = client.get(url).text
    return len(set(ITEM.findall(page))) - page.count("data-archived"), page.count("data-archived")


def test_a_changed_answer_reconciles_the_plan_without_a_button(startup: Startup) -> None:
    from actcheck.models import PlanEvent
    from actcheck.services.plan import items

    client, url = _started(startup)
    active_before, archived_before = _rows(client, url)
    assert archived_before == 0
    founder = startup.founder.founder
    founder.public_id = startup.public_id

    # No longer a deployer: the deployer's items are archived by the save itself.
    response = founder.post_answer("system.roles", ["provider"], query="?return=check")
    assert response.status_code == 302
    followed = client.get(response.headers["Location"]).text
    assert "The compliance plan follows your answers: 0 new," in followed
    page = client.get(url).text
    assert "data-pending" not in page  # nothing left to update by hand
    assert 'data-action="update-plan"' not in page
    assert page.count("data-archived") > 0
    with startup.session() as session:
        from sqlalchemy import select

        from actcheck.models import Assessment

        assessment = session.scalars(
            select(Assessment).where(Assessment.public_id == startup.public_id)
        ).one()
        stored = items.items_of(session, assessment)
        archived = [i for i in stored if i.archived_at is not None]
        assert archived
        assert {i.role for i in archived} == {"deployer"}
        assert {i.archived_reason for i in archived} == {"answers"}
        events = session.scalars(
            select(PlanEvent).where(
                PlanEvent.action == "archived", PlanEvent.item_id == archived[0].id
            )
        ).all()
        assert [e.actor_id for e in events] == [startup.founder.id]  # who, in the history

    # A deployer again: the same items come back, marked as they were, none new.
    founder.post_answer("system.roles", ["provider", "deployer"], query="?return=check")
    active_after, archived_after = _rows(client, url)
    assert (active_after, archived_after) == (active_before, 0)
    assert "data-new" not in client.get(url).text


def test_an_unstarted_plan_stays_unstarted_when_answers_change(startup: Startup) -> None:
    client = _login(startup)
    founder = startup.founder.founder
    founder.public_id = startup.public_id
    founder.post_answer("system.roles", ["provider"], query="?return=check")
    assert "Start the plan" in client.get(f"/assessments/{startup.public_id}/plan").text


def _item_ids(startup: Startup) -> dict[str, int]:
    """Item id by obligation id (the first role's)."""
    from sqlalchemy import select

    from actcheck.models import Assessment
    from actcheck.services.plan import items

    with startup.session() as session:
        assessment = session.scalars(
            select(Assessment).where(Assessment.public_id == startup.public_id)
        ).one()
        found: dict[str, int] = {}
        for item in items.items_of(session, assessment):
            found.setdefault(item.obligation_id, item.id)
        return found


def test_a_draft_that_serves_the_item_is_attached_as_its_docx_evidence(startup: Startup) -> None:
    from actcheck.models import Evidence, PlanEvent

    client, url = _started(startup)
    ids = _item_ids(startup)
    item_url = f"{url}/items/{ids['hr-technical-documentation']}"
    page = client.get(item_url).text
    assert 'data-draft="technical-documentation"' in page
    assert page.count('data-action="attach-draft"') == 1  # only the kinds serving this one
    response = client.post(
        f"{item_url}/drafts/technical-documentation", data={"csrf_token": csrf_token(page)}
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith("#evidence")
    after = client.get(item_url).text
    assert re.search(r"actcheck-technical-documentation-[\w-]+\.docx was added", after)
    assert "Evidence added: actcheck-technical-documentation" in after
    with startup.session() as session:
        from sqlalchemy import select

        stored = session.scalars(
            select(Evidence).where(Evidence.item_id == ids["hr-technical-documentation"])
        ).one()
        assert stored.kind == "file"
        assert stored.drafted_kind == "technical-documentation"  # the report's index says so
        assert stored.file_name.endswith(".docx")
        assert stored.media_type.endswith("wordprocessingml.document")
        assert len(stored.sha256) == 64
        assert stored.size > 5000
        assert stored.added_by == startup.founder.id
        events = session.scalars(
            select(PlanEvent.action).where(PlanEvent.item_id == stored.item_id)
        ).all()
        assert "evidence" in events
    # A founder's own upload under a draft's file name is their file, not a drafted one.
    other_url = f"{url}/items/{ids['hr-risk-management']}"
    name = "actcheck-technical-documentation-talentmatch-2026-12-07-en.docx"
    assert "was added" in _upload(client, other_url, name, _docx()).text
    with startup.session() as session:
        from sqlalchemy import select

        mine = session.scalars(
            select(Evidence).where(Evidence.item_id == ids["hr-risk-management"])
        ).one()
        assert mine.file_name == name
        assert mine.drafted_kind == ""
    # The same draft again is the same file: refused as a duplicate, nothing stored twice.
    again = client.post(
        f"{item_url}/drafts/technical-documentation", data={"csrf_token": csrf_token(after)}
    )
    assert "is already attached to this item" in client.get(again.headers["Location"]).text
    # It downloads like any upload, as a Word file python-docx reads.
    link = re.search(r'href="(/assessments/[^"]+/plan/evidence/[0-9a-f]+)"', after)
    assert link
    download = client.get(link.group(1))
    assert download.headers["Content-Disposition"].startswith("attachment")
    import docx

    document = docx.Document(io.BytesIO(download.data))
    assert any("Annex IV" in p.text for p in document.paragraphs)


def test_a_draft_is_offered_only_where_it_serves_and_only_to_members(startup: Startup) -> None:
    from actcheck.models import Organisation
    from actcheck.services import drafts

    client, url = _started(startup)
    ids = _item_ids(startup)
    served = {o for k in drafts.KINDS for o in k.obligations}
    other = next(i for o, i in ids.items() if o not in served)
    page = client.get(f"{url}/items/{other}").text
    assert 'data-action="attach-draft"' not in page
    # A kind that does not serve the item's obligation cannot be attached to it by hand.
    refused = client.post(
        f"{url}/items/{other}/drafts/technical-documentation",
        data={"csrf_token": csrf_token(page)},
    )
    assert refused.status_code == 404
    unknown = client.post(
        f"{url}/items/{ids['hr-technical-documentation']}/drafts/nonsense",
        data={"csrf_token": csrf_token(page)},
    )
    assert unknown.status_code == 404
    no_token = client.post(
        f"{url}/items/{ids['hr-technical-documentation']}/drafts/technical-documentation"
    )
    assert no_token.status_code == 400
    # The cohort's advisor reads the item once submitted, and is offered nothing to attach.
    result = client.get(f"/assessments/{startup.public_id}/result")
    client.post(
        f"/assessments/{startup.public_id}/submit", data={"csrf_token": csrf_token(result.text)}
    )
    with startup.session() as session:
        cohort = session.get(Organisation, startup.founder.organisation_id).cohort_id
    advisor = make_person(startup.app, "adv@example.eu", "advisor", cohort=cohort)
    item_url = f"{url}/items/{ids['hr-technical-documentation']}"
    seen = advisor.client.get(item_url)
    assert seen.status_code == 200
    assert 'data-action="attach-draft"' not in seen.text
    attempt = advisor.client.post(
        f"{item_url}/drafts/technical-documentation", data={"csrf_token": csrf_token(seen.text)}
    )
    assert attempt.status_code in (403, 404)
