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


def test_the_demo_has_plans_in_several_states_on_the_dashboard(app: Any) -> None:
    import re

    from actcheck.demo import PASSWORD, load

    with app.extensions["actcheck.database"].sessions() as session:
        logins = load(session, app.extensions["actcheck.ruleset"])
        session.commit()
    advisor = next(x for x in logins if x.role == "advisor")
    person = Person(0, advisor.email, "advisor", app.test_client())
    assert person.login(PASSWORD).status_code == 302
    board = person.client.get("/review/").text
    shares = {
        (int(done), int(total))
        for done, total in re.findall(r'data-readiness="(\d+)/(\d+)"', board)
    }
    # A plan far along, one started, one not started, and systems without a plan.
    assert len(shares) >= 3
    assert any(done == 0 for done, _ in shares)
    assert any(total and done / total > 0.7 for done, total in shares)
    assert 'data-readiness="none"' in board
    assert re.search(r'data-overdue="[1-9]', board)  # some items are late
