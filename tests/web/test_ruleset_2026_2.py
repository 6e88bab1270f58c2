"""An assessment stored under rule set 2026.1, reopened under 2026.2, asks the new
questions its path reaches and says that they are new (issue 13)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from actcheck.models import Assessment
from founders import FOUNDERS, Founder, stored


def _as_if_made_under_2026_1(app: Any, public_id: str, drop: list[str]) -> None:
    with app.extensions["actcheck.database"].sessions() as session:
        row = session.scalars(select(Assessment).where(Assessment.public_id == public_id)).one()
        row.answers = {k: v for k, v in row.answers.items() if k not in drop}
        row.ruleset_version = "2026.1"
        row.ruleset_sha256 = "0" * 64
        session.commit()


def test_a_2026_1_assessment_asks_the_questions_2026_2_added(app: Any, founder: Founder) -> None:
    founder.fill(FOUNDERS["high_risk"])
    _as_if_made_under_2026_1(
        app,
        founder.public_id,
        ["system.placed_before_application", "gpai.authorised_representative"],
    )
    result = founder.client.get(f"{founder.base}/result")
    assert result.status_code == 302  # incomplete under the new rules: asked, not guessed
    asked = founder.fill(FOUNDERS["high_risk"], start=result.headers["Location"])
    assert asked[0] == "gpai.authorised_representative"
    assert "system.placed_before_application" in asked
    # The banner names only the current rule set's additions (tests/web/test_ruleset_2026_3.py).
    assert stored(app, founder.public_id).ruleset_version == "2026.3"


def test_no_role_is_said_out_loud_on_the_web_result(app: Any, founder: Founder) -> None:
    founder.fill({**FOUNDERS["minimal_risk"], "system.roles": []})
    page = founder.page(f"{founder.base}/result").text
    assert "No role named" in page
    assert "Art. 3(8)" in page
