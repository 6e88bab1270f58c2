"""The plan's pure parts, without a database: each case of "nothing changes silently"
(issue 17), that reconciling never drops an item, and evidence file names."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from actcheck.services.plan.evidence import Refused, clean_name
from actcheck.services.plan.reconcile import (
    ANSWERS,
    RULESET,
    Duty,
    Stored,
    duties_of,
    reconcile,
)

AUG_2026, DEC_2027 = dt.date(2026, 8, 2), dt.date(2027, 12, 2)


def duty(oid: str, role: str = "provider", day: dt.date = DEC_2027) -> Duty:
    return Duty(obligation_id=oid, role=role, title=oid, articles=("Art. 9",), applies_from=day)


def stored(
    oid: str, role: str = "provider", archived: bool = False, day: dt.date = DEC_2027
) -> Stored:
    return Stored(key=(oid, role), archived=archived, applies_from=day)


def test_a_first_plan_is_every_obligation_new() -> None:
    change = reconcile([], [duty("risk-management"), duty("logs", "deployer")])
    assert [d.key for d in change.new] == [("risk-management", "provider"), ("logs", "deployer")]
    assert not change.archived
    assert not change.restored
    assert not change.unchanged


def test_an_unchanged_obligation_keeps_its_item() -> None:
    change = reconcile([stored("risk-management")], [duty("risk-management")])
    assert change.empty
    assert change.unchanged == (("risk-management", "provider"),)


def test_an_obligation_that_no_longer_applies_is_archived_for_the_answers() -> None:
    change = reconcile([stored("risk-management"), stored("logs")], [duty("logs")])
    assert [(a.key, a.reason) for a in change.archived] == [
        (("risk-management", "provider"), ANSWERS)
    ]


def test_an_obligation_the_new_rule_set_drops_is_archived_for_the_rule_set() -> None:
    change = reconcile(
        [stored("old-duty"), stored("logs")], [duty("logs")], catalogue={"logs", "risk-management"}
    )
    assert [(a.key, a.reason) for a in change.archived] == [(("old-duty", "provider"), RULESET)]


def test_the_same_duty_for_another_role_is_another_item() -> None:
    change = reconcile([stored("ai-literacy", "provider")], [duty("ai-literacy", "deployer")])
    assert [d.key for d in change.new] == [("ai-literacy", "deployer")]
    assert [a.key for a in change.archived] == [("ai-literacy", "provider")]


def test_an_archived_item_whose_obligation_returns_is_restored_not_duplicated() -> None:
    change = reconcile([stored("logs", archived=True)], [duty("logs")])
    assert [d.key for d in change.restored] == [("logs", "provider")]
    assert not change.new


def test_an_archived_item_stays_archived_without_a_second_archive() -> None:
    assert reconcile([stored("logs", archived=True)], []).empty


def test_a_new_date_moves_the_item_and_keeps_it() -> None:
    change = reconcile([stored("transparency", day=AUG_2026)], [duty("transparency", day=DEC_2027)])
    assert [d.applies_from for d in change.moved] == [DEC_2027]
    assert not change.new
    assert not change.archived


def test_duties_of_reads_the_result_format_once_per_obligation_and_role() -> None:
    result = {
        "obligations": [
            {
                "id": "logs",
                "title": "Logs",
                "role": "provider",
                "articles": ["Art. 12"],
                "applies_from": "2027-12-02",
            },
            {
                "id": "logs",
                "title": "Logs",
                "role": "provider",
                "articles": ["Art. 12"],
                "applies_from": "2027-12-02",
            },
        ]
    }
    assert duties_of(result) == (Duty("logs", "provider", "Logs", ("Art. 12",), DEC_2027),)
    assert duties_of(None) == ()
    assert duties_of({"obligations": []}) == ()


keys = st.tuples(st.sampled_from(["a", "b", "c", "d"]), st.sampled_from(["provider", "deployer"]))


@given(st.dictionaries(keys, st.booleans()), st.sets(keys))
def test_every_stored_item_is_accounted_for_and_none_is_dropped(
    items: dict[tuple[str, str], bool], current: set[tuple[str, str]]
) -> None:
    change = reconcile(
        [Stored(key=k, archived=a, applies_from=DEC_2027) for k, a in items.items()],
        [duty(o, r) for o, r in current],
    )
    touched = (
        {a.key for a in change.archived}
        | {d.key for d in change.restored}
        | {d.key for d in change.moved}
        | set(change.unchanged)
    )
    # An item is archived, restored, kept, or already archived and left alone: never lost.
    assert touched | {k for k, a in items.items() if a} >= set(items)
    assert {d.key for d in change.new} == current - set(items)


@pytest.mark.parametrize(
    ("name", "clean"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("C:\\Users\\ada\\Évaluation.pdf", "Évaluation.pdf"),
        ('a<b>:"c|d?.pdf', "a_b___c_d_.pdf"),
        ("..hidden.md", "hidden.md"),
        ("x" * 300 + ".pdf", "x" * 116 + ".pdf"),
        ("bell\x07.csv", "bell_.csv"),
    ],
)
def test_a_file_name_keeps_only_its_last_part_and_safe_characters(name: str, clean: str) -> None:
    assert clean_name(name) == clean


@pytest.mark.parametrize("name", ["", "..", "noextension", "../", ".pdf"])
def test_a_name_with_nothing_usable_is_refused(name: str) -> None:
    with pytest.raises(Refused):
        clean_name(name)
