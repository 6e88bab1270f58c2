"""The organisation's AI inventory (page and CSV) and the readiness on the advisors'
dashboard: per start-up and per system, sorted, filtered to overdue plans."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any

from plan_world import TODAY, Startup, as_answers
from sqlalchemy import select

from founders import FOUNDERS, csrf_token
from people import make_person


def _plan(startup: Startup, public_id: str, *, done: int = 0, overdue: int = 0) -> None:
    """Start the plan of `public_id`; mark `done` items done and give `overdue` others a
    target in the past."""
    from actcheck.models import Assessment
    from actcheck.services.plan import items

    with startup.session() as session:
        assessment = session.scalars(
            select(Assessment).where(Assessment.public_id == public_id)
        ).one()
        items.sync(session, assessment, ruleset=startup.ruleset, actor=None, today=TODAY)
        stored = items.items_of(session, assessment)
        for n, item in enumerate(stored[: done + overdue]):
            past = dt.date.today() - dt.timedelta(days=10)
            edit = items.ItemEdit(
                status="done" if n < done else "in_progress",
                owner_id=None,
                target_date=None if n < done else min(past, item.applies_from),
                target_note="",
                not_applicable_reason="",
                notes="",
            )
            items.update_item(
                session, item, edit, actor=None, expected_version=item.version, members=[]
            )
        session.commit()


def _second_system(startup: Startup, name: str) -> str:
    from actcheck.services import assessments
    from actcheck.services.owners import Owner

    with startup.session() as session:
        made = assessments.create(
            session,
            owner=Owner.organisation(startup.founder.organisation_id),
            ruleset=startup.ruleset,
            answers=as_answers({**FOUNDERS["limited_risk"], "system.name": name}),
        )
        session.commit()
        return made.public_id


def test_the_inventory_lists_each_system_with_its_plan_and_exports_safe_csv(
    startup: Startup,
) -> None:
    _plan(startup, startup.public_id, done=2, overdue=1)
    other = _second_system(startup, '=HYPERLINK("http://evil")')
    assert startup.founder.login().status_code == 302
    page = startup.founder.client.get("/inventory")
    assert page.status_code == 200
    assert f'data-system="{startup.public_id}"' in page.text
    assert f'data-system="{other}"' in page.text
    assert "No plan yet" in page.text
    rows = list(csv.DictReader(io.StringIO(startup.founder.client.get("/inventory.csv").text)))
    by_id = {r["assessment"]: r for r in rows}
    mine = by_id[startup.public_id]
    assert mine["tier"] == "high_risk"
    assert mine["roles"] == "provider deployer"
    assert (mine["done"], mine["overdue"]) == ("2", "1")
    assert mine["organisation"] == "f@example.eu SAS"
    assert by_id[other]["system"].startswith("'=")  # never a formula in a spreadsheet
    assert by_id[other]["done"] == ""


def _advisor(startup: Startup) -> Any:
    from actcheck.models import Organisation

    with startup.session() as session:
        cohort = session.get(Organisation, startup.founder.organisation_id).cohort_id
    return make_person(startup.app, "a@example.eu", "advisor", cohort=cohort)


def _submit(startup: Startup, public_id: str) -> None:
    client = startup.founder.client
    result = client.get(f"/assessments/{public_id}/result")
    response = client.post(
        f"/assessments/{public_id}/submit", data={"csrf_token": csrf_token(result.text)}
    )
    assert response.status_code == 302


def test_the_dashboard_shows_readiness_sorts_and_filters_overdue(startup: Startup) -> None:
    other = _second_system(startup, "HelpBot")
    assert startup.founder.login().status_code == 302
    _submit(startup, startup.public_id)
    _submit(startup, other)
    advisor = _advisor(startup)
    page = advisor.client.get("/review/").text
    assert page.count('data-readiness="none"') == 2  # no plan yet, said in words

    _plan(startup, startup.public_id, done=1, overdue=2)
    _plan(startup, other, done=100)  # every item of the chatbot done: nothing overdue
    page = advisor.client.get("/review/").text
    assert "Readiness per start-up" in page
    start_up = re.search(r'data-start-up="\d+">.*?data-readiness="(\d+)/(\d+)"', page, re.S)
    assert start_up
    systems = re.findall(r'data-row="[0-9a-f]+">.*?data-readiness="(\d+)/(\d+)"', page, re.S)
    assert len(systems) == 2
    # The start-up's readiness is its systems' together.
    assert int(start_up.group(1)) == sum(int(done) for done, _ in systems)
    assert int(start_up.group(2)) == sum(int(total) for _, total in systems)
    overdue = advisor.client.get("/review/?overdue=1").text
    assert f'data-row="{startup.public_id}"' in overdue
    assert f'data-row="{other}"' not in overdue
    by_overdue = advisor.client.get("/review/?sort=overdue").text
    assert by_overdue.index(f'data-row="{startup.public_id}"') < by_overdue.index(
        f'data-row="{other}"'
    )
    by_readiness = advisor.client.get("/review/?sort=readiness").text
    first = re.search(r'data-row="([0-9a-f]+)"', by_readiness)
    assert first
    # The high-risk system has many more items: one done of them is the least ready.
    assert first.group(1) == startup.public_id
