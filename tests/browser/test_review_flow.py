"""The review flow in a real browser: a founder submits, the advisor requests changes with
a comment on one question, the founder changes that answer, replies and resubmits, the
advisor reads the reply and marks it reviewed."""

from __future__ import annotations

from typing import Any

from helpers import fill, log_in, start

from founders import FOUNDERS
from people import make_cohort, make_person


def test_submit_review_change_resubmit_reviewed(new_page: Any, app_factory: Any) -> None:
    setup = app_factory()  # the same database as the live server
    cohort = make_cohort(setup)
    make_person(setup, "ada@example.eu", "founder", cohort=cohort, login=False)
    make_person(setup, "grace@example.eu", "advisor", cohort=cohort, login=False)
    founder = new_page()
    advisor = new_page()

    log_in(founder, "ada@example.eu")
    founder.goto("/")
    start(founder)
    fill(founder, FOUNDERS["limited_risk"])
    founder.get_by_role("button", name="See your result").click()
    founder.get_by_role("button", name="Submit for review").click()
    founder.wait_for_load_state()
    assert founder.locator("[data-status]").inner_text() == "Submitted"
    public_id = founder.url.split("/")[4]

    log_in(advisor, "grace@example.eu")
    advisor.get_by_role("link", name="TalentMatch").click()
    advisor.wait_for_load_state()
    advisor.get_by_label("About").select_option("transparency.interaction_obvious")
    advisor.get_by_label("Comment").fill("Is it really not obvious?")
    advisor.get_by_role("button", name="Add the comment").click()
    advisor.get_by_role("button", name="Request changes").click()
    advisor.wait_for_load_state()
    assert advisor.locator("[data-status]").inner_text() == "Changes requested"

    founder.goto(f"/assessments/{public_id}/check")
    assert "Is it really not obvious?" in founder.content()
    founder.goto(
        f"/assessments/{public_id}/questions/transparency.interaction_obvious?return=check"
    )
    founder.locator("input[value='yes']").check()
    founder.get_by_role("button", name="Save and continue").click()
    founder.goto(f"/assessments/{public_id}/result")
    founder.get_by_label("Your reply to your advisors").fill("Fair point: a banner now says so.")
    founder.get_by_role("button", name="Send the reply").click()
    founder.wait_for_load_state()
    assert founder.get_by_text("Your reply was sent to your advisors.").is_visible()
    founder.get_by_role("button", name="Submit for review").click()
    founder.wait_for_load_state()

    advisor.goto(f"/review/{public_id}")
    assert "What changed from version 1 to version 2" in advisor.content()
    assert "Fair point: a banner now says so." in advisor.content()
    advisor.get_by_role("button", name="Mark as reviewed").click()
    advisor.wait_for_load_state()
    assert advisor.locator("[data-status]").inner_text() == "Reviewed"
