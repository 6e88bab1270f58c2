"""Two tabs on one assessment never silently overwrite each other."""

from __future__ import annotations

from typing import Any

import pytest

from actcheck.services import assessments as service
from actcheck.services.owners import Owner
from founders import Founder, answers_of, csrf_token


def test_a_stale_tab_is_told_what_changed_and_nothing_is_overwritten(
    app: Any, founder: Founder
) -> None:
    founder.start()
    url = f"{founder.base}/questions/org.size"
    # Both tabs open the same page at version 1.
    tab_b = founder.client.get(url).text
    assert founder.post_answer("org.size", "small").status_code == 302  # tab A saves
    assert founder.post_answer("org.name", "Acme").status_code == 302  # and goes on

    response = founder.client.post(
        url, data={"csrf_token": csrf_token(tab_b), "version": "1", "answer": "large"}
    )

    assert response.status_code == 409
    html = response.text
    assert "Since you opened this page, these answers were changed in another tab or window" in html
    assert "How big is your company?</strong>:\n              no answer → Small" in html
    assert "What is your company&#39;s name?</strong>:\n              no answer → Acme" in html
    assert "has not been saved" in html
    assert answers_of(app, founder.public_id) == ({"org.size": "small", "org.name": "Acme"}, 3)
    # The page keeps tab B's choice and now carries the current version: saving again works.
    assert 'value="large"\n                       checked' in html
    assert 'name="version" value="3"' in html
    again = founder.client.post(
        url, data={"csrf_token": csrf_token(html), "version": "3", "answer": "large"}
    )
    assert again.status_code == 302
    assert answers_of(app, founder.public_id)[0]["org.size"] == "large"


def test_a_stale_save_on_a_question_that_no_longer_applies_goes_to_the_task_list(
    app: Any, founder: Founder
) -> None:
    founder.start()
    founder.post_answer("org.public_body", "no")
    url = f"{founder.base}/questions/org.public_service"
    tab_b = founder.client.get(url).text
    founder.post_answer("org.public_body", "yes")  # org.public_service is now off the path

    response = founder.client.post(
        url, data={"csrf_token": csrf_token(tab_b), "version": "2", "answer": "yes"}
    )

    assert response.status_code == 302
    page = founder.client.get(response.headers["Location"]).text
    assert "Changed in another tab or window" in page
    assert "no longer applies" in page
    assert "org.public_service" not in answers_of(app, founder.public_id)[0]


def test_two_saves_at_the_same_moment_the_database_refuses_the_second(
    app: Any, founder: Founder
) -> None:
    founder.start()
    rules = app.extensions["actcheck.ruleset"]
    database = app.extensions["actcheck.database"]
    key = None
    with database.sessions() as session:
        from sqlalchemy import select

        from actcheck.models import Assessment

        key = session.scalars(select(Assessment.owner_key)).one()
    owner = Owner(key=key)
    first, second = database.sessions(), database.sessions()
    try:
        a = service.get(first, founder.public_id, owner=owner)
        b = service.get(second, founder.public_id, owner=owner)
        # Both passed the version check (version 1); the first commits.
        service.save_answer(
            first,
            a,
            owner=owner,
            ruleset=rules,
            question_id="org.size",
            value="small",
            expected_version=1,
        )
        first.commit()
        with pytest.raises(service.StaleAssessment) as stale:
            service.save_answer(
                second,
                b,
                owner=owner,
                ruleset=rules,
                question_id="org.size",
                value="large",
                expected_version=1,
            )
        assert [c.question_id for c in stale.value.changes] == ["org.size"]
        assert stale.value.version == 2
    finally:
        first.close()
        second.close()
    assert answers_of(app, founder.public_id) == ({"org.size": "small"}, 2)
