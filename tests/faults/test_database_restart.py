"""PostgreSQL stopped and started again in the middle of a founder's questionnaire: while it is
down, every page is a friendly 503 and nothing is half saved; when it is back, the same app
(no restart) serves again at once, and every answer saved before is still there."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from actcheck import create_app
from actcheck.database import upgrade
from founders import FOUNDERS, SECRET, Founder, answers_of, csrf_token

from .conftest import Cluster

pytestmark = pytest.mark.faults


@pytest.fixture
def app_on_cluster(pg_cluster: Cluster, tmp_path: Path) -> Iterator[Any]:
    app = create_app(
        {
            "ENV": "testing",
            "SECRET_KEY": SECRET,
            "INSTANCE_PATH": str(tmp_path),
            "DATABASE_URL": pg_cluster.url,
        }
    )
    upgrade(app.extensions["actcheck.database"].engine)
    yield app
    app.extensions["actcheck.database"].close()


def test_the_app_survives_a_database_restart_and_loses_no_saved_answer(
    app_on_cluster: Any, pg_cluster: Cluster
) -> None:
    app = app_on_cluster
    founder = Founder(app.test_client())
    answers = FOUNDERS["high_risk"]
    founder.start()
    saved = ["org.name", "org.size", "org.established_in_eu", "org.public_body"]
    for qid in saved:
        assert founder.post_answer(qid, answers[qid]).status_code == 302
    before = answers_of(app, founder.public_id)
    question = f"{founder.base}/questions/org.public_service"
    page = founder.client.get(question).text  # the founder is on the next page

    try:
        pg_cluster.stop()

        # Reading: a friendly page, not a traceback.
        down = founder.client.get(question)
        assert down.status_code == 503
        assert "Sorry, the service is unavailable for a moment" in down.text
        assert "Your answers saved before are safe" in down.text
        assert down.headers["Retry-After"]
        # Saving: refused the same way, and so not confirmed to the founder.
        posted = founder.client.post(
            question, data={"csrf_token": csrf_token(page), "version": "5", "answer": "no"}
        )
        assert posted.status_code == 503
        assert founder.client.get("/").status_code == 503
        assert founder.client.get("/healthz").status_code == 503
        token_api = founder.client.get(
            "/api/v1/assessments", headers={"Authorization": "Bearer act_" + "x" * 43}
        )
        assert token_api.status_code == 503
        assert token_api.json["errors"]
        # What needs no database keeps working.
        assert founder.client.get("/api/v1/questions").status_code == 200
    finally:
        pg_cluster.start()

    # Back by itself: the pool replaces its dead connections (pool_pre_ping).
    assert founder.client.get("/healthz").status_code == 200
    assert founder.client.get(question).status_code == 200
    assert answers_of(app, founder.public_id) == before
    # The founder goes on where they were.
    assert founder.post_answer("org.public_service", "no").status_code == 302
    stored, version = answers_of(app, founder.public_id)
    assert stored == {**before[0], "org.public_service": "no"}
    assert version == before[1] + 1
