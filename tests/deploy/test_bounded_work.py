"""Every request does bounded work (issue 12, finding 7): importing, starting and exporting
are rate-limited per person (assessing over the API: tests/deploy/test_limits.py), the data download renders at most a few reports,
and abandoned anonymous drafts are purged. Deleting removes every copy (finding 11)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, select, text, update

from actcheck.config import RATE_LIMITS, ConfigError
from actcheck.services import report
from actcheck.services.owners import Owner
from founders import FOUNDERS, Founder, csrf_token
from people import make_cohort, make_person

ROOT = Path(__file__).resolve().parents[2]
CV_SCREENING = (ROOT / "examples/cv-screening.yaml").read_bytes()
TINY_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_starting_copying_and_importing_count_together_per_person(app_factory: Any) -> None:
    app = app_factory(NEW_ASSESSMENT_RATE_LIMIT="3 per hour")
    ada = make_person(app, "ada@example.eu", "founder")
    grace = make_person(app, "grace@example.eu", "founder")
    first = ada.post("/assessments")
    assert first.status_code in (302, 303)
    public_id = first.headers["Location"].split("/assessments/")[1].split("/")[0]
    assert ada.post(f"/assessments/{public_id}/copy").status_code in (302, 303)
    page = ada.client.get("/assessments/import")
    imported = ada.client.post(
        "/assessments/import",
        data={"csrf_token": csrf_token(page.text), "file": (io.BytesIO(CV_SCREENING), "a.yaml")},
        content_type="multipart/form-data",
    )
    assert imported.status_code in (302, 303)
    refused = ada.post("/assessments")
    assert refused.status_code == 429
    assert "Too many requests" in refused.text
    assert "everything you saved so far is kept" in refused.text
    # The same address, another person: counted on their own.
    assert grace.post("/assessments").status_code in (302, 303)


def test_the_import_has_its_own_limit(app_factory: Any) -> None:
    founder = Founder(app_factory(IMPORT_RATE_LIMIT="1 per minute").test_client())
    page = founder.client.get("/assessments/import")

    def upload() -> Any:
        return founder.client.post(
            "/assessments/import",
            data={"csrf_token": csrf_token(page.text), "file": (io.BytesIO(b"x: ["), "a.yaml")},
            content_type="multipart/form-data",
        )

    assert upload().status_code == 422  # refused for its content, but counted
    assert upload().status_code == 429


@pytest.mark.parametrize("key", RATE_LIMITS)
def test_every_limit_is_checked_at_start(app_factory: Any, key: str) -> None:
    with pytest.raises(ConfigError, match=f"ACTCHECK_{key} must be a rate limit"):
        app_factory(**{key: "lots"})


def _export(person: Any) -> zipfile.ZipFile:
    response = person.client.get("/account/export")
    assert response.status_code == 200
    return zipfile.ZipFile(io.BytesIO(response.data))


def test_the_data_download_renders_at_most_three_reports(
    app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    rendered: list[str] = []

    def render(result: Any, meta: Any, **_kwargs: Any) -> bytes:
        rendered.append(meta.reference)
        return TINY_PDF

    monkeypatch.setattr(report, "render_pdf", render)
    person = make_person(app, "ada@example.eu", "founder")
    for _ in range(5):
        Founder(person.client).fill(FOUNDERS["limited_risk"])
    archive = _export(person)
    names = archive.namelist()
    assert len([n for n in names if n.endswith(".yaml")]) == 5
    assert len([n for n in names if n.endswith(".pdf")]) == 3
    assert len(rendered) == 3
    later = archive.read("reports-to-download.txt").decode().splitlines()
    assert len(later) == 3  # the sentence, then two links
    assert all(link.startswith("http://localhost/assessments/") for link in later[1:])
    # The rendered ones are kept: the next download renders the last two and lists none.
    again = _export(person)
    assert len([n for n in again.namelist() if n.endswith(".pdf")]) == 5
    assert "reports-to-download.txt" not in again.namelist()
    assert len(rendered) == 5


def test_the_data_download_is_limited(app_factory: Any) -> None:
    person = make_person(app_factory(EXPORT_RATE_LIMIT="1 per hour"), "ada@example.eu", "founder")
    assert person.client.get("/account/export").status_code == 200
    assert person.client.get("/account/export").status_code == 429


def _age(app: Any, public_id: str, days: int) -> None:
    from actcheck.models import Assessment, utcnow

    with app.extensions["actcheck.database"].sessions() as session:
        session.execute(
            update(Assessment)
            .where(Assessment.public_id == public_id)
            .values(updated_at=utcnow() - dt.timedelta(days=days))
        )
        session.commit()


def _public_ids(app: Any) -> set[str]:
    from actcheck.models import Assessment

    with app.extensions["actcheck.database"].sessions() as session:
        return set(session.scalars(select(Assessment.public_id)))


def test_purge_deletes_abandoned_anonymous_drafts_and_their_reports(
    app_factory: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(report, "render_pdf", lambda *_a, **_k: TINY_PDF)
    cache = tmp_path / "reports"
    app = app_factory(REPORT_CACHE_DIR=str(cache), ANONYMOUS_DRAFT_DAYS=30)
    old = Founder(app.test_client())
    old.fill(FOUNDERS["limited_risk"])
    assert old.client.get(f"{old.base}/report.pdf").status_code == 200
    recent = Founder(app.test_client())
    recent.start()
    member = make_person(app, "ada@example.eu", "founder").founder
    member.fill(FOUNDERS["minimal_risk"])
    _age(app, old.public_id, 31)
    _age(app, recent.public_id, 29)
    _age(app, member.public_id, 400)
    assert len(list(cache.glob("*.pdf"))) == 1

    from actcheck.models import ApiToken, Assessment
    from actcheck.services import tokens

    with app.extensions["actcheck.database"].sessions() as session:
        old_owner = session.scalars(
            select(Assessment.owner_key).where(Assessment.public_id == old.public_id)
        ).one()
        tokens.create(session, owner=Owner(old_owner), name="old browser")
        session.commit()

    out = app.test_cli_runner().invoke(args=["purge"])
    assert out.exit_code == 0, out.output
    with app.extensions["actcheck.database"].sessions() as session:
        assert session.query(ApiToken).filter_by(owner_key=old_owner).count() == 0
    assert "deleted 1 anonymous drafts untouched for 30 days (1 cached reports)" in out.output
    assert _public_ids(app) == {recent.public_id, member.public_id}
    assert list(cache.glob("*.pdf")) == []
    assert old.client.get(f"{old.base}/").status_code == 404

    out = app.test_cli_runner().invoke(args=["purge", "--days", "10"])
    assert "deleted 1 anonymous drafts untouched for 10 days" in out.output
    assert _public_ids(app) == {member.public_id}


def _every_stored_text(app: Any) -> str:
    """Every row of every table, as text: what a deletion must leave no name in."""
    from actcheck.models import Base

    parts = []
    with app.extensions["actcheck.database"].sessions() as session:
        names = inspect(session.get_bind()).get_table_names()
        assert {t.name for t in Base.metadata.sorted_tables} <= set(names)
        for table in Base.metadata.sorted_tables:
            for row in session.execute(text(f"SELECT * FROM {table.name}")):  # noqa: S608
                parts.append(repr(tuple(row)))
    return "\n".join(parts)


@pytest.mark.parametrize("cache_kind", ["directory", "database"])
def test_deleting_an_account_leaves_no_copy_of_its_names(
    app_factory: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cache_kind: str
) -> None:
    from actcheck.models import Invitation, StoredReport, utcnow

    monkeypatch.setattr(report, "render_pdf", lambda *_a, **_k: TINY_PDF)
    cache = tmp_path / "reports"
    app = app_factory(REPORT_CACHE=cache_kind, REPORT_CACHE_DIR=str(cache))
    cohort = make_cohort(app)
    with app.extensions["actcheck.database"].sessions() as session:
        # The admin's invitation the organisation was created from, used.
        session.add(
            Invitation(
                token_hash="0" * 64,
                cohort_id=cohort,
                role="founder",
                organisation_name="Zebulon Robotics SAS",
                expires_at=utcnow() + dt.timedelta(days=1),
                used_at=utcnow(),
            )
        )
        session.commit()
    person = make_person(
        app, "ada@example.eu", "founder", cohort=cohort, organisation="Zebulon Robotics SAS"
    )
    founder = person.founder
    founder.fill({**FOUNDERS["limited_risk"], "system.name": "Quokka Vision"})
    for lang in ("en", "fr"):
        assert founder.client.get(f"{founder.base}/report.pdf?lang={lang}").status_code == 200
    stored = _every_stored_text(app)
    assert "Quokka Vision" in stored
    assert "Zebulon Robotics SAS" in stored
    with app.extensions["actcheck.database"].sessions() as session:
        in_table = session.query(StoredReport).count()
    assert len(list(cache.glob("*.pdf"))) + in_table == 2

    response = person.post("/account/delete", page="/account/delete")
    assert response.status_code in (302, 303)

    stored = _every_stored_text(app)
    assert "Quokka Vision" not in stored
    assert "Zebulon Robotics SAS" not in stored
    assert "ada@example.eu" not in stored
    assert list(cache.glob("*.pdf")) == []
    with app.extensions["actcheck.database"].sessions() as session:
        assert session.query(StoredReport).count() == 0
