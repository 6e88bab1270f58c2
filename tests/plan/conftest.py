"""Fixtures of the plan tests: an organisation with a high-risk assessment."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from argon2 import PasswordHasher
from plan_world import Startup, as_answers

from founders import FOUNDERS
from people import make_cohort, make_person


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 with its smallest costs, as in tests/web."""
    from actcheck.services import accounts

    monkeypatch.setattr(
        accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )


@pytest.fixture
def startup(app: Any) -> Iterator[Startup]:
    """A founder (not logged in) whose organisation, in a cohort, has a high-risk system,
    provider and deployer, with no plan yet."""
    from actcheck.services import assessments
    from actcheck.services.owners import Owner

    cohort = make_cohort(app, "A")
    founder = make_person(app, "f@example.eu", "founder", cohort=cohort, login=False)
    with app.extensions["actcheck.database"].sessions() as session:
        item = assessments.create(
            session,
            owner=Owner.organisation(founder.organisation_id),
            ruleset=app.extensions["actcheck.ruleset"],
            answers=as_answers(FOUNDERS["high_risk"]),
        )
        session.commit()
        public_id = item.public_id
    return Startup(app=app, founder=founder, public_id=public_id)
