"""What a result says to the founder first: the headline's facts for the roles they hold,
the bans apart, and their duties grouped by what they do about them.

One place, read by the result page and the PDF's summary alike, so the two never disagree:
the headline counts exactly the duties listed below it, a ban is a "Stop" and never a duty,
and the groups come from each obligation's declared `kind` and `weight` (rules/obligations/),
not from code. Pure: reads a `Result`, returns plain values; the words are the front ends'.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from actcheck.rules.model import (
    ROLES,
    AppliesTo,
    Context,
    DutyKind,
    LegalDate,
    Obligation,
    ObligationResult,
    Result,
    Role,
    Tier,
)

#: The groups in the order a founder works through them (bans are not a group: `Stop`).
GROUP_ORDER: tuple[DutyKind, ...] = (
    DutyKind.BUILD,
    DutyKind.DOCUMENT,
    DutyKind.BEFORE_LAUNCH,
    DutyKind.ONGOING,
)

#: Tiers where a role other than the provider's leaves most of the work to the provider.
_PROVIDER_CARRIES = frozenset({Tier.HIGH_RISK, Tier.LIMITED_RISK})


@dataclass(frozen=True)
class Duty:
    """One obligation the organisation holds, once, with every role it binds them in."""

    obligation: Obligation
    roles: tuple[Role, ...]
    applies_from: LegalDate

    def in_force(self, as_of: dt.date) -> bool:
        return self.applies_from.date <= as_of


@dataclass(frozen=True)
class DutyGroup:
    """The duties of one kind, heaviest first, then soonest, then in the catalogue's order."""

    kind: DutyKind
    duties: tuple[Duty, ...]


@dataclass(frozen=True)
class Briefing:
    """The facts of the headline and the grouped duties of one result."""

    tier: Tier
    roles: tuple[Role, ...]
    """The roles held that carry duties on the system, in the order of `ROLES`."""
    bans: tuple[Duty, ...]
    """Prohibited practices that apply: a "Stop", never counted among the duties."""
    system: tuple[DutyGroup, ...]
    """The AI system's duties by group (only groups that have some)."""
    model: tuple[DutyGroup, ...]
    """The general-purpose AI model's duties by group, apart from the system's."""
    customers: tuple[Obligation, ...]
    """For a provider of a high-risk system: what its deployers must do, to hand to buyers."""

    @property
    def duty_count(self) -> int:
        """The system's duties the headline counts: exactly those listed."""
        return sum(len(g.duties) for g in self.system)

    @property
    def model_duty_count(self) -> int:
        return sum(len(g.duties) for g in self.model)

    @property
    def provider_carries_rest(self) -> bool:
        """The system is high-risk or transparency-bound and the organisation is not its
        provider: the provider carries the duties not listed."""
        return (
            self.tier in _PROVIDER_CARRIES and bool(self.roles) and Role.PROVIDER not in self.roles
        )


def brief(result: Result) -> Briefing:
    """The briefing of `result`: bans apart, system and model duties grouped by kind."""
    duties = _merge(result.obligations)
    bans = tuple(d for d in duties if d.obligation.kind is DutyKind.BAN)
    system = [
        d
        for d in duties
        if d.obligation.kind is not DutyKind.BAN and d.obligation.applies_to is AppliesTo.SYSTEM
    ]
    model = [d for d in duties if d.obligation.applies_to is AppliesTo.MODEL]
    held = {role for d in system for role in d.roles}
    return Briefing(
        tier=result.tier,
        roles=tuple(r for r in ROLES if r in held),
        bans=bans,
        system=_groups(system),
        model=_groups(model),
        customers=_customers(result, held),
    )


def _merge(items: Iterable[ObligationResult]) -> list[Duty]:
    """One `Duty` per obligation, in the catalogue's order, with all its roles."""
    merged: dict[str, Duty] = {}
    for item in items:
        known = merged.get(item.obligation.id)
        if known is None:
            merged[item.obligation.id] = Duty(item.obligation, (item.role,), item.applies_from)
        else:
            soonest = min(known.applies_from, item.applies_from, key=lambda d: d.date)
            merged[item.obligation.id] = Duty(known.obligation, (*known.roles, item.role), soonest)
    return list(merged.values())


def _groups(duties: list[Duty]) -> tuple[DutyGroup, ...]:
    order = {d.obligation.id: i for i, d in enumerate(duties)}
    groups = []
    for kind in GROUP_ORDER:
        members = sorted(
            (d for d in duties if d.obligation.kind is kind),
            key=lambda d: (-d.obligation.weight, d.applies_from.date, order[d.obligation.id]),
        )
        if members:
            groups.append(DutyGroup(kind=kind, duties=tuple(members)))
    return tuple(groups)


def _customers(result: Result, held: set[Role]) -> tuple[Obligation, ...]:
    """The deployer duties of the catalogue whose conditions hold for this system, read as
    if the organisation were its deployer: what a provider of a high-risk system can hand to
    the businesses that use it. Conditions on the deployer's own situation (a public body,
    use at work) are read from the provider's answers, so the list says "may"."""
    if result.tier is not Tier.HIGH_RISK or Role.PROVIDER not in held:
        return ()
    ctx = Context(
        answers=dict(result.resolved),
        facts=set(result.facts),
        tier=result.tier,
        roles={Role.DEPLOYER.value},
    )
    return tuple(
        o
        for o in result.ruleset.obligations.values()
        if o.roles == (Role.DEPLOYER,)
        and o.kind is not DutyKind.BAN
        and o.applies_to is AppliesTo.SYSTEM
        and (o.when is None or o.when.test(ctx))
    )


#: The kinds a founder designs into a product before it launches (a planned-launch preview).
DESIGN_KINDS = frozenset({DutyKind.BUILD, DutyKind.DOCUMENT})


@dataclass(frozen=True)
class LaunchPlan:
    """What a planned-launch preview tells a founder whose system is not launched yet."""

    design_in_now: tuple[Duty, ...]
    """The duties of kind `build` and `document`: they shape the product, so they are
    designed in before launch, heaviest first."""
    at_launch: tuple[Duty, ...]
    """The duties already in force on the assessment's date: they apply from launch day."""
    later: tuple[Duty, ...]
    """The duties whose date comes after the assessment's: they apply from that date, or
    from launch if it comes later, soonest first."""


def launch_plan(briefing: Briefing, as_of: dt.date) -> LaunchPlan:
    """The briefing of a planned-launch preview, read on `as_of` (the assessment's date)."""
    groups = (*briefing.system, *briefing.model)
    duties = [d for g in groups for d in g.duties]
    return LaunchPlan(
        design_in_now=tuple(d for g in groups if g.kind in DESIGN_KINDS for d in g.duties),
        at_launch=tuple(d for d in duties if d.in_force(as_of)),
        later=tuple(
            sorted((d for d in duties if not d.in_force(as_of)), key=lambda d: d.applies_from.date)
        ),
    )
