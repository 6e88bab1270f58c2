"""An evidence file's bytes live exactly as long as its row: kept when the row commits,
gone when its transaction rolls back, gone with the assessment or the account that held
them, and swept by `purge` when a process died between the two (issue 17: nothing
half-stored; a deleted founder's files do not stay behind)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from plan_world import Startup
from sqlalchemy import func, select
from test_plan_pages import PDF, PNG, _first_item, _started, _upload

from founders import csrf_token


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _blobs(startup: Startup) -> int:
    from actcheck.models import EvidenceBlob

    with startup.session() as session:
        return int(session.scalar(select(func.count()).select_from(EvidenceBlob)) or 0)


def _item(startup: Startup) -> tuple[Any, Any, Any]:
    """A session, the assessment and its first plan item (the plan started)."""
    from actcheck.models import Assessment
    from actcheck.services.plan import items

    session = startup.session()
    assessment = session.scalars(
        select(Assessment).where(Assessment.public_id == startup.public_id)
    ).one()
    items.sync(session, assessment, ruleset=startup.ruleset, actor=None, today=dt.date.today())
    session.commit()
    return session, assessment, items.items_of(session, assessment)[0]


def test_a_file_whose_transaction_rolls_back_is_deleted_and_one_committed_kept(
    startup: Startup, tmp_path: Path
) -> None:
    from actcheck.services.plan import evidence
    from actcheck.services.plan.storage import open_store

    folder = tmp_path / "evidence"
    session, assessment, item = _item(startup)
    with session:
        store = open_store(str(folder), session)
        evidence.add_file(session, store, assessment, item, name="a.pdf", data=PDF, actor=None)
        assert len(_files(folder)) == 1  # written before the row, as the store promises
        session.rollback()
        assert _files(folder) == []

        evidence.add_file(session, store, assessment, item, name="a.pdf", data=PDF, actor=None)
        session.commit()
        (kept,) = _files(folder)
        assert kept.read_bytes() == PDF
        session.rollback()  # a later rollback does not touch a committed file
        assert _files(folder) == [kept]

        # A request that fails after the upload: its session is closed, never committed.
        evidence.add_file(session, store, assessment, item, name="b.png", data=PNG, actor=None)
        assert len(_files(folder)) == 2
    assert _files(folder) == [kept]


def test_a_commit_that_fails_leaves_no_file(startup: Startup, tmp_path: Path) -> None:
    from sqlalchemy.exc import IntegrityError

    from actcheck.models import PlanItem
    from actcheck.services.plan import evidence
    from actcheck.services.plan.storage import open_store

    folder = tmp_path / "evidence"
    session, assessment, item = _item(startup)
    with session:
        store = open_store(str(folder), session)
        evidence.add_file(session, store, assessment, item, name="a.png", data=PNG, actor=None)
        twin = PlanItem(
            assessment_id=item.assessment_id,
            obligation_id=item.obligation_id,
            role=item.role,
            title="the same item twice",
            articles=[],
            applies_from=item.applies_from,
            version=1,
        )
        session.add(twin)
        with pytest.raises(IntegrityError):
            session.commit()
        session.rollback()
    assert _files(folder) == []


def _one_file_uploaded(startup: Startup, folder: Path, where: str) -> Any:
    """The founder's client, after uploading one file to the plan's first item, kept in
    the database or in `folder`."""
    if where == "folder":
        startup.app.config["EVIDENCE_STORE"] = str(folder)
    client, url = _started(startup)
    item_url, _id = _first_item(client, url)
    assert "was added" in _upload(client, item_url, "policy.pdf", PDF).text
    assert (len(_files(folder)), _blobs(startup)) == ((1, 0) if where == "folder" else (0, 1))
    return client


@pytest.mark.parametrize("where", ["database", "folder"])
def test_deleting_the_assessment_deletes_its_evidence_files(
    startup: Startup, tmp_path: Path, where: str
) -> None:
    folder = tmp_path / "evidence"
    client = _one_file_uploaded(startup, folder, where)

    delete_url = f"/assessments/{startup.public_id}/delete"
    page = client.get(delete_url)
    response = client.post(delete_url, data={"csrf_token": csrf_token(page.text)})
    assert response.status_code == 302
    assert _files(folder) == []
    assert _blobs(startup) == 0


@pytest.mark.parametrize("where", ["database", "folder"])
def test_deleting_the_last_members_account_deletes_the_organisations_files(
    startup: Startup, tmp_path: Path, where: str
) -> None:
    folder = tmp_path / "evidence"
    client = _one_file_uploaded(startup, folder, where)
    page = client.get("/account/delete")
    response = client.post("/account/delete", data={"csrf_token": csrf_token(page.text)})
    assert response.status_code == 302
    assert _files(folder) == []
    assert _blobs(startup) == 0


def test_purge_sweeps_files_no_row_names_once_a_day_old(startup: Startup, tmp_path: Path) -> None:
    """A process killed between writing a file and committing its row leaves an orphan:
    the daily purge deletes it once it is a day old, and never a file a row names."""
    from actcheck.models import EvidenceBlob

    folder = tmp_path / "evidence"
    startup.app.config["EVIDENCE_STORE"] = str(folder)
    client, url = _started(startup)
    item_url, _id = _first_item(client, url)
    assert "was added" in _upload(client, item_url, "policy.pdf", PDF).text
    (named,) = _files(folder)
    old = folder / "ab" / ("ab" + "0" * 38)
    young = folder / "cd" / ("cd" + "0" * 38)
    for orphan in (old, young):
        orphan.parent.mkdir(parents=True, exist_ok=True)
        orphan.write_bytes(b"left by a crash")
    day_and_a_bit = (dt.datetime.now() - dt.timedelta(days=1, hours=1)).timestamp()
    os.utime(old, (day_and_a_bit, day_and_a_bit))
    os.utime(named, (day_and_a_bit, day_and_a_bit))
    with startup.session() as session:  # and a database blob no row names
        session.add(EvidenceBlob(key="ef" + "0" * 38, data=b"orphan"))
        session.commit()

    result = startup.app.test_cli_runner().invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    assert "1 evidence files no plan names" in result.output
    assert _files(folder) == sorted([named, young])
    startup.app.config["EVIDENCE_STORE"] = "database"
    result = startup.app.test_cli_runner().invoke(args=["purge"])
    assert "1 evidence files no plan names" in result.output
    assert _blobs(startup) == 0
