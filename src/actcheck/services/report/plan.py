"""The summary's plan: the headline, the bans as a "Stop", and the duties grouped by what
the founder does, each with its date, as the result page shows them (`rules.briefing`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from actcheck.rules.briefing import Briefing, Duty, DutyGroup
from actcheck.rules.wording import colon
from actcheck.services.report.builder import ReportParts
from actcheck.services.report.plan_status import status_words
from actcheck.services.report.views import Ref


@dataclass(frozen=True)
class PlanItem:
    title: str
    anchor: str
    """The obligation's card in the report's obligations chapter."""
    date: dt.date
    in_force: bool
    status: str = ""
    """Where the compliance plan stands on it, for each role it binds ("" without a plan)."""


@dataclass(frozen=True)
class PlanGroup:
    title: str
    items: tuple[PlanItem, ...]


@dataclass(frozen=True)
class StopItem:
    title: str
    first_step: str
    articles: tuple[Ref, ...]


def _status(parts: ReportParts, duty: Duty) -> str:
    """The plan's status of a duty: one word when its roles' items agree, else each role's."""
    plan = parts.meta.plan
    if plan is None:
        return ""
    found = [(r, plan.entry(duty.obligation.id, r)) for r in duty.roles]
    statuses = [(r, e.status) for r, e in found if e is not None]
    if len({s for _r, s in statuses}) == 1:
        return status_words(parts.w, statuses[0][1])
    return "; ".join(
        f"{parts.w.label(f'role.{r}')}{colon(parts.w.lang)} {status_words(parts.w, s)}"
        for r, s in statuses
    )


def _item(parts: ReportParts, duty: Duty) -> PlanItem:
    return PlanItem(
        title=parts.w.text(duty.obligation.title),
        anchor=f"ob-{duty.roles[0]}-{duty.obligation.id}",
        date=duty.applies_from.date,
        in_force=duty.in_force(parts.on),
        status=_status(parts, duty),
    )


def _group(parts: ReportParts, group: DutyGroup, about: str = "") -> PlanGroup:
    title = parts.w.t(f"group.{group.kind.value}")
    if about:
        title = f"{about}{colon(parts.w.lang)} {title}"
    return PlanGroup(title=title, items=tuple(_item(parts, d) for d in group.duties))


def plan(parts: ReportParts, briefing: Briefing) -> tuple[PlanGroup, ...]:
    """The system's groups, then the model's, each named as such."""
    model = parts.w.t("group.model")
    return tuple(_group(parts, g) for g in briefing.system) + tuple(
        _group(parts, g, model) for g in briefing.model
    )


def stops(parts: ReportParts, briefing: Briefing) -> tuple[StopItem, ...]:
    """The bans that apply: what to stop, never counted among the duties."""
    return tuple(
        StopItem(
            title=parts.w.text(d.obligation.title),
            first_step=parts.w.text(d.obligation.todo),
            articles=parts.refs(d.obligation.articles),
        )
        for d in briefing.bans
    )
