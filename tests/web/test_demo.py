"""`actcheck demo`: a live programme on a first run."""

from __future__ import annotations

from typing import Any

import pytest

from people import Person


def test_the_demo_fills_a_dashboard_across_every_tier(app: Any) -> None:
    from actcheck.demo import PASSWORD, NotEmpty, load

    with app.extensions["actcheck.database"].sessions() as session:
        logins = load(session, app.extensions["actcheck.ruleset"])
        session.commit()
        with pytest.raises(NotEmpty):
            load(session, app.extensions["actcheck.ruleset"])
    advisor = next(x for x in logins if x.role == "advisor")
    person = Person(0, advisor.email, "advisor", app.test_client())
    assert person.login(PASSWORD).status_code == 302
    board = person.client.get("/review/")
    for tier in ("prohibited", "high_risk", "limited_risk", "minimal_risk", "out_of_scope"):
        assert f'data-count="{tier}">0<' not in board.text, tier
    assert board.text.count("data-row=") == 11  # one draft is not submitted
