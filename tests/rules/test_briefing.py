"""The headline's facts (rules.briefing): bans apart and never counted, each duty once
with all its roles, groups in the founder's order with the heaviest first."""

from __future__ import annotations

import datetime as dt

from actcheck.rules import Ruleset, assess, check_answers
from actcheck.rules.briefing import DESIGN_KINDS, GROUP_ORDER, Briefing, brief, launch_plan
from actcheck.rules.model import DutyKind, Role, Tier
from stories import STORIES


def briefing_of(ruleset: Ruleset, story: str) -> Briefing:
    return brief(assess(ruleset, check_answers(STORIES[story], ruleset, strict=True).answers))


def test_a_ban_is_a_stop_and_never_a_duty(ruleset: Ruleset) -> None:
    briefing = briefing_of(ruleset, "banned")
    assert briefing.tier is Tier.PROHIBITED
    assert [d.obligation.id for d in briefing.bans] == ["prohibited-social-scoring"]
    listed = [d for g in briefing.system for d in g.duties]
    assert all(d.obligation.kind is not DutyKind.BAN for d in listed)
    assert briefing.duty_count == len(listed) == 1


def test_a_distributor_is_told_the_provider_carries_the_rest(ruleset: Ruleset) -> None:
    briefing = briefing_of(ruleset, "distributor")
    assert briefing.roles == (Role.DISTRIBUTOR,)
    assert briefing.provider_carries_rest
    ids = {d.obligation.id for g in briefing.system for d in g.duties}
    assert ids == {"distributor-checks", "distributor-duties"}
    assert briefing.customers == ()


def test_a_provider_gets_its_duties_grouped_heaviest_first_and_its_customers_list(
    ruleset: Ruleset,
) -> None:
    briefing = briefing_of(ruleset, "provider")
    assert not briefing.provider_carries_rest
    kinds = [g.kind for g in briefing.system]
    assert kinds == [k for k in GROUP_ORDER if k in kinds]
    before_launch = next(g for g in briefing.system if g.kind is DutyKind.BEFORE_LAUNCH)
    assert before_launch.duties[0].obligation.id == "hr-conformity-assessment"
    for group in briefing.system:
        weights = [d.obligation.weight for d in group.duties]
        assert weights == sorted(weights, reverse=True)
    assert "deployer-human-oversight" in {o.id for o in briefing.customers}


def test_the_model_duties_stay_apart_from_the_system(ruleset: Ruleset) -> None:
    briefing = briefing_of(ruleset, "model_and_system")
    assert briefing.model_duty_count > 0
    assert all(d.obligation.id.startswith("gpai-") for g in briefing.model for d in g.duties)
    assert not any(d.obligation.id.startswith("gpai-") for g in briefing.system for d in g.duties)


def test_a_duty_held_in_two_roles_is_listed_once(ruleset: Ruleset) -> None:
    answers = {**STORIES["provider"], "system.roles": ["provider", "deployer"]}
    result = assess(ruleset, check_answers(answers, ruleset, strict=True).answers)
    briefing = brief(result)
    literacy = [d for g in briefing.system for d in g.duties if d.obligation.id == "ai-literacy"]
    assert len(literacy) == 1
    assert literacy[0].roles == (Role.PROVIDER, Role.DEPLOYER)
    assert briefing.duty_count == len({o.obligation.id for o in result.obligations})


def test_a_launch_plan_designs_in_the_build_and_document_duties_and_dates_the_rest(
    ruleset: Ruleset,
) -> None:
    briefing = briefing_of(ruleset, "provider")
    duties = [d for g in briefing.system for d in g.duties]
    dates = sorted({d.applies_from.date for d in duties})
    between = dates[0]  # on the first duty date: that one is in force, any later one not
    plan = launch_plan(briefing, between)
    assert plan.design_in_now
    assert {d.obligation.kind for d in plan.design_in_now} <= DESIGN_KINDS
    assert {d.obligation.id for d in plan.design_in_now} == {
        d.obligation.id for d in duties if d.obligation.kind in DESIGN_KINDS
    }
    assert all(d.applies_from.date <= between for d in plan.at_launch)
    assert all(d.applies_from.date > between for d in plan.later)
    assert len(plan.at_launch) + len(plan.later) == len(duties)
    assert [d.applies_from.date for d in plan.later] == sorted(
        d.applies_from.date for d in plan.later
    )
    # Read before every date, nothing is in force yet: all of it comes later.
    early = launch_plan(briefing, dates[0] - dt.timedelta(days=1))
    assert early.at_launch == ()
    assert len(early.later) == len(duties)
