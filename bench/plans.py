"""The plan pages under load (issue 17), for `bench/web_load.py --plan`.

Before the server starts, `seed` gives each simulated founder an organisation, an account
and a complete assessment (the example's high-risk provider and deployer, on a
general-purpose model of its own, generating content: 45 obligations, so 45 plan items)
whose plan is started and moved along
as a founder would: an owner on every item, a share done with a link as evidence, some in
progress, one not applicable with its reason. Each founder logs in during the warm-up (not
measured: the logins' password hashing is not the plan's cost), then reads their plan as a
person would: the plan, a filter of it, an item, the plan again, with the think time
between pages.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import time
import urllib.parse
from dataclasses import dataclass
from typing import Any

import harness
import yaml

PASSWORD = "bench-password-1234"  # noqa: S105 - a throwaway account on a temporary database

#: The example's answers (a high-risk recruitment system, provider and deployer), built on a
#: general-purpose model of the founder's own with systemic risk, generating content: 45
#: obligations.
OVERRIDES: dict[str, Any] = {
    "gpai.provides_model": "yes",
    "gpai.compute_over_threshold": "yes",
    "gpai.open_weights": "no",
    "gpai.placed_before_2025_08_02": "no",
    "transparency.synthetic_content": "yes",
    "transparency.deep_fake": "yes",
    "transparency.public_interest_text": "yes",
    "transparency.emotion_or_biometric": "yes",
    "transparency.assistive_editing": "no",
    "transparency.editorial_control": "no",
}


def _document() -> dict[str, Any]:
    document = yaml.safe_load((harness.ROOT / "examples/cv-screening.yaml").read_text())
    document["answers"].update(OVERRIDES)
    return dict(document)


ITEM = re.compile(r'href="(/assessments/[^"]+/plan/items/\d+)"')


@dataclass(frozen=True)
class Seeded:
    email: str
    plan: str
    """The path of the founder's plan page."""
    items: int


def seed(url: str, founders: int) -> list[Seeded]:
    """Create `founders` organisations, each with a founder and a started plan."""
    from sqlalchemy.orm import Session

    from actcheck.database import make_engine
    from actcheck.models import AccountRole, PlanStatus
    from actcheck.rules import load_ruleset, read_answers
    from actcheck.services import accounts
    from actcheck.services import assessments as assessments_service
    from actcheck.services.owners import Owner
    from actcheck.services.plan import evidence, items

    ruleset = load_ruleset()
    checked = read_answers(_document(), ruleset)
    today = dt.date.today()
    engine = make_engine(url)
    seeded = []
    with Session(engine) as session:
        for n in range(founders):
            organisation = accounts.create_organisation(session, name=f"Bench Co {n}")
            founder = accounts.create_user(
                session,
                email=f"founder{n}@bench.test",
                password=PASSWORD,
                name=f"Founder {n}",
                role=AccountRole.FOUNDER,
                organisation=organisation,
            )
            assessment = assessments_service.create(
                session,
                owner=Owner.organisation(organisation.id),
                ruleset=ruleset,
                answers=checked.answers,
            )
            items.sync(session, assessment, ruleset=ruleset, actor=founder, today=today)
            stored = items.items_of(session, assessment)
            for k, item in enumerate(stored):
                status = (
                    PlanStatus.NOT_APPLICABLE
                    if k == 0
                    else PlanStatus.DONE
                    if k % 3 == 1
                    else PlanStatus.IN_PROGRESS
                    if k % 3 == 2
                    else PlanStatus.TODO
                )
                edit = items.ItemEdit(
                    status=status,
                    owner_id=founder.id,
                    target_date=None,
                    target_note="",
                    not_applicable_reason="Counsel's memo: not ours." if k == 0 else "",
                    notes="Signed off." if status == PlanStatus.DONE else "",
                )
                items.update_item(
                    session,
                    item,
                    edit,
                    actor=founder,
                    expected_version=item.version,
                    members=[founder],
                )
                if status == PlanStatus.DONE:
                    evidence.add_link(
                        session,
                        assessment,
                        item,
                        actor=founder,
                        url=f"https://example.com/evidence/{n}/{k}",
                    )
            seeded.append(
                Seeded(founder.email, f"/assessments/{assessment.public_id}/plan", len(stored))
            )
            session.commit()
    engine.dispose()
    return seeded


def log_in(browser: harness.Browser, who: Seeded) -> None:
    """Log `who` in (before the measured load: founders who read their plan are signed in)."""
    _, page = _get(browser, "login (GET)", "/login")
    form = {"csrf_token": _csrf(page), "email": who.email, "password": PASSWORD}
    response, _ = browser.send(
        "login (POST)",
        "POST",
        "/login",
        urllib.parse.urlencode(form),
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    if response.status != 302:
        browser.stats.error("login (POST)", f"expected a redirect, got {response.status}")


def reader(browser: harness.Browser, who: Seeded, deadline: float, think: float, seed: int) -> None:
    """One signed-in founder reading the plan, a filter of it and its items until the
    deadline."""
    rng = random.Random(seed)
    time.sleep(rng.uniform(0, think))
    try:
        while time.monotonic() < deadline:
            harness.pause(rng, think)
            _, plan = _get(browser, "plan", who.plan)
            harness.pause(rng, think)
            _get(browser, "plan (filtered)", f"{who.plan}?status=in_progress")
            links = ITEM.findall(plan)
            if links:
                harness.pause(rng, think)
                _get(browser, "plan item", rng.choice(links))
    except OSError:
        return


def _get(browser: harness.Browser, page: str, path: str) -> tuple[int, str]:
    response, data = browser.send(page, "GET", path, None, {"Accept": "text/html"})
    if response.status >= 400:
        browser.stats.error(page, f"HTTP {response.status} on GET {path}")
    return response.status, data.decode("utf-8")


def _csrf(page: str) -> str:
    match = harness.CSRF.search(page)
    if match is None:
        raise OSError("no CSRF token on the login page")
    return match.group(1)


PAGES = ("plan", "plan (filtered)", "plan item")
