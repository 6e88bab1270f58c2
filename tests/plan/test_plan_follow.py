"""The one hook on assessment changes (`web/assessment_changes`): each subscriber gets the
ids a request's commits changed, once, after the response is built; a failing subscriber
costs a log line, never the saved answers nor the next subscriber; a GET notes nothing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from plan_world import Startup


def test_a_failing_subscriber_never_fails_the_request_nor_the_next(
    startup: Startup, caplog: pytest.LogCaptureFixture
) -> None:
    from actcheck.models import Assessment
    from actcheck.web.assessment_changes import EXTENSION

    seen: list[list[int]] = []

    def boom(_ids: Sequence[int]) -> None:
        raise RuntimeError("down")

    subscribers: list[Any] = startup.app.extensions[EXTENSION]
    subscribers.insert(0, ("boom", boom))
    subscribers.append(("recorder", lambda ids: seen.append(list(ids))))
    assert startup.founder.login().status_code == 302
    founder = startup.founder.founder
    founder.public_id = startup.public_id

    founder.page(f"/assessments/{startup.public_id}/check")
    assert seen == []  # reading changes nothing
    response = founder.post_answer("system.roles", ["provider"], query="?return=check")

    assert response.status_code == 302
    with startup.session() as session:
        from sqlalchemy import select

        stored = session.scalars(
            select(Assessment).where(Assessment.public_id == startup.public_id)
        ).one()
        assert stored.answers["system.roles"] == ["provider"]
        assert seen == [[stored.id]]
    assert "boom after changes of assessments" in caplog.text
