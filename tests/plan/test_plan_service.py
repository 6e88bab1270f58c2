"""The plan's service on the database: starting a plan, reconciling it after a changed
answer (new, archived, restored, unchanged), edits with their rules and history, and
concurrent edits."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from plan_world import TODAY, Startup
from sqlalchemy import select


def _load(session: Any, startup: Startup) -> Any:
    from actcheck.models import Assessment

    return session.scalars(
        select(Assessment).where(Assessment.public_id == startup.public_id)
    ).one()


def _founder(session: Any, startup: Startup) -> Any:
    from actcheck.models import User

    return session.get(User, startup.founder.id)


def _start(startup: Startup) -> list[tuple[str, str]]:
    from actcheck.services.plan import items

    with startup.session() as session:
        assessment = _load(session, startup)
        change = items.sync(
            session,
            assessment,
            ruleset=startup.ruleset,
            actor=_founder(session, startup),
            today=TODAY,
        )
        session.commit()
        return [d.key for d in change.new]


def _answer(startup: Startup, question: str, value: Any) -> None:
    from actcheck.services import assessments
    from actcheck.services.owners import Owner

    with startup.session() as session:
        assessment = _load(session, startup)
        assessments.save_answer(
            session,
            assessment,
            owner=Owner(key=assessment.owner_key),
            ruleset=startup.ruleset,
            question_id=question,
            value=value,
            expected_version=assessment.version,
        )
        session.commit()


def test_starting_a_plan_makes_one_item_per_obligation_and_role(startup: Startup) -> None:
    from actcheck.services.plan import items

    keys = _start(startup)
    with startup.session() as session:
        assessment = _load(session, startup)
        expected = {(o["id"], o["role"]) for o in assessment.result["obligations"]}
        stored = items.items_of(session, assessment)
    assert set(keys) == expected
    assert len(keys) == len(expected) > 5
    assert {"provider", "deployer"} <= {role for _, role in keys}
    # The first plan has nothing "new since": it is all new.
    assert all(i.new_since is None and i.archived_at is None for i in stored)
    assert _start(startup) == []  # a second sync changes nothing


def test_a_changed_answer_archives_adds_and_restores_keeping_status_and_evidence(
    startup: Startup,
) -> None:
    from actcheck.models import PlanStatus
    from actcheck.services.plan import evidence, items
    from actcheck.services.plan.storage import DatabaseStore

    _start(startup)
    with startup.session() as session:
        assessment = _load(session, startup)
        deployer = next(i for i in items.items_of(session, assessment) if i.role == "deployer")
        deployer_key = (deployer.obligation_id, deployer.role)
        items.update_item(
            session,
            deployer,
            items.ItemEdit(
                status=PlanStatus.DONE,
                owner_id=startup.founder.id,
                target_date=None,
                target_note="",
                not_applicable_reason="",
                notes="Done in May",
            ),
            actor=_founder(session, startup),
            expected_version=deployer.version,
            members=items.members_of(session, assessment),
        )
        evidence.add_file(
            session,
            DatabaseStore(session),
            assessment,
            deployer,
            name="policy.txt",
            data=b"Our log-keeping policy\n",
            actor=None,
        )
        session.commit()
        before = {(i.obligation_id, i.role) for i in items.items_of(session, assessment)}

    # No longer a deployer: the deployer's duties are archived, the provider's stay.
    _answer(startup, "system.roles", ["provider"])
    with startup.session() as session:
        assessment = _load(session, startup)
        change = items.sync(session, assessment, ruleset=startup.ruleset, actor=None, today=TODAY)
        session.commit()
        archived = {a.key for a in change.archived}
        assert deployer_key in archived
        assert {a.reason for a in change.archived} == {"answers"}
        stored = {(i.obligation_id, i.role): i for i in items.items_of(session, assessment)}
        assert set(stored) == before  # nothing deleted
        kept = stored[deployer_key]
        assert kept.archived_at is not None
        assert kept.status == PlanStatus.DONE
        assert kept.notes == "Done in May"
        assert kept.owner_id == startup.founder.id
        assert items.evidence_counts(session, [kept]) == {kept.id: 1}
        assert all(stored[k].archived_at is None for k in change.unchanged)

    # A deployer again: the same items come back, as they were; nothing is duplicated.
    _answer(startup, "system.roles", ["provider", "deployer"])
    with startup.session() as session:
        assessment = _load(session, startup)
        change = items.sync(session, assessment, ruleset=startup.ruleset, actor=None, today=TODAY)
        session.commit()
        assert deployer_key in {d.key for d in change.restored}
        assert not change.new
        back = next(
            i
            for i in items.items_of(session, assessment)
            if (i.obligation_id, i.role) == deployer_key
        )
        assert back.archived_at is None
        assert back.status == PlanStatus.DONE
        actions = [e.action for e, _ in items.history(session, back)]
        assert actions[:2] == ["restored", "archived"]


def test_a_new_obligation_arrives_new_since_the_day_of_the_change(startup: Startup) -> None:
    from actcheck.services.plan import items

    _answer(startup, "system.roles", ["provider"])
    _start(startup)
    _answer(startup, "system.roles", ["provider", "deployer"])
    with startup.session() as session:
        assessment = _load(session, startup)
        change = items.sync(session, assessment, ruleset=startup.ruleset, actor=None, today=TODAY)
        session.commit()
        assert change.new
        assert {d.role for d in change.new} == {"deployer"}
        new = [i for i in items.items_of(session, assessment) if i.role == "deployer"]
        assert new
        assert all(i.new_since == TODAY for i in new)


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        ({"status": "not_applicable"}, "not_applicable_reason"),
        ({"status": "finished"}, "status"),
        ({"owner_id": -1}, "owner_id"),
        ({"target_date": dt.date(2099, 1, 1)}, "target_note"),
    ],
)
def test_an_edit_that_breaks_a_rule_is_refused_and_stores_nothing(
    startup: Startup, edit: dict[str, Any], field: str
) -> None:
    from actcheck.services.plan import items

    _start(startup)
    with startup.session() as session:
        assessment = _load(session, startup)
        item = items.items_of(session, assessment)[0]
        values: dict[str, Any] = {
            "status": "todo",
            "owner_id": None,
            "target_date": None,
            "target_note": "",
            "not_applicable_reason": "",
            "notes": "",
            **edit,
        }
        with pytest.raises(items.InvalidChange) as refused:
            items.update_item(
                session,
                item,
                items.ItemEdit(**values),
                actor=None,
                expected_version=item.version,
                members=items.members_of(session, assessment),
            )
        assert set(refused.value.problems) == {field}
        session.rollback()
        assert items.history(session, item)[0][0].action == "created"


def test_a_later_target_with_a_note_and_an_earlier_one_are_allowed(startup: Startup) -> None:
    from actcheck.services.plan import items

    _start(startup)
    with startup.session() as session:
        assessment = _load(session, startup)
        first, second = items.items_of(session, assessment)[:2]
        later = first.applies_from + dt.timedelta(days=30)
        edit = items.ItemEdit(
            status="in_progress",
            owner_id=None,
            target_date=later,
            target_note="Waiting for the notified body",
            not_applicable_reason="",
            notes="",
        )
        assert items.update_item(
            session, first, edit, actor=None, expected_version=1, members=[]
        ) == ["status", "target_date", "target_note"]
        earlier = items.ItemEdit(
            status="todo",
            owner_id=None,
            target_date=second.applies_from - dt.timedelta(days=90),
            target_note="",
            not_applicable_reason="",
            notes="",
        )
        assert items.update_item(
            session, second, earlier, actor=None, expected_version=1, members=[]
        ) == ["target_date"]
        session.commit()
        assert items.due_date(second) == second.applies_from - dt.timedelta(days=90)


def test_an_edit_prepared_against_an_older_version_is_refused(startup: Startup) -> None:
    from actcheck.services.plan import items

    _start(startup)
    edit = items.ItemEdit(
        status="done",
        owner_id=None,
        target_date=None,
        target_note="",
        not_applicable_reason="",
        notes="first",
    )
    with startup.session() as session:
        item = items.items_of(session, _load(session, startup))[0]
        items.update_item(session, item, edit, actor=None, expected_version=1, members=[])
        session.commit()
        with pytest.raises(items.StalePlanItem) as stale:
            items.update_item(
                session,
                item,
                items.ItemEdit(**{**edit.__dict__, "notes": "second"}),
                actor=None,
                expected_version=1,
                members=[],
            )
        assert stale.value.version == 2
        session.rollback()
        assert item.notes == "first"


def test_two_edits_at_the_same_moment_lose_nothing(startup: Startup) -> None:
    """Both load version 1; the database refuses the second write (version_id_col)."""
    from actcheck.models import PlanItem
    from actcheck.services.plan import items

    _start(startup)
    with startup.session() as one, startup.session() as two:
        first = items.items_of(one, _load(one, startup))[0]
        second = two.get(PlanItem, first.id)
        edit = items.ItemEdit(
            status="done",
            owner_id=None,
            target_date=None,
            target_note="",
            not_applicable_reason="",
            notes="one",
        )
        items.update_item(one, first, edit, actor=None, expected_version=1, members=[])
        one.commit()
        with pytest.raises(items.StalePlanItem):
            items.update_item(
                two,
                second,
                items.ItemEdit(**{**edit.__dict__, "notes": "two"}),
                actor=None,
                expected_version=1,
                members=[],
            )
    with startup.session() as session:
        assert session.get(PlanItem, first.id).notes == "one"


def test_following_the_answers_never_starts_a_plan_nor_empties_one_without_a_result(
    startup: Startup,
) -> None:
    from actcheck.services.plan import items

    with startup.session() as session:
        assessment = _load(session, startup)
        assert (
            items.follow(session, assessment, ruleset=startup.ruleset, actor=None, today=TODAY)
            is None
        )
        assert items.items_of(session, assessment) == []
    started = _start(startup)
    _answer(startup, "system.roles", ["provider"])
    with startup.session() as session:
        assessment = _load(session, startup)
        # An incomplete questionnaire has no result: the plan waits, nothing is archived.
        assessment.result = None
        assert (
            items.follow(session, assessment, ruleset=startup.ruleset, actor=None, today=TODAY)
            is None
        )
        assert all(i.archived_at is None for i in items.items_of(session, assessment))
        session.rollback()
        assessment = _load(session, startup)
        change = items.follow(session, assessment, ruleset=startup.ruleset, actor=None, today=TODAY)
        assert change is not None
        assert change.archived
        assert {a.key for a in change.archived} <= set(started)
