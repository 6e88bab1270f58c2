"""The compliance plan in a real browser (issue 17): a founder goes from the result to a
plan, gives an item an owner and marks it done with an uploaded file, marks another not
applicable with its reason, changes an answer that adds and archives items; the cohort's
advisor sees the readiness change on the dashboard. axe on the plan's pages, in English
and in French."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from helpers import fill, log_in, start
from test_accessibility import violations

from founders import FOUNDERS
from people import make_cohort, make_person


def _readiness(advisor: Any, public_id: str) -> str:
    advisor.goto("/review/")
    cell = advisor.locator(f"tr[data-row='{public_id}'] [data-readiness]")
    return str(cell.get_attribute("data-readiness"))


def _axe(page: Any, name: str, screenshots: Path) -> None:
    page.screenshot(path=screenshots / f"plan-{name}.png", full_page=True)
    assert violations(page) == [], name


def test_a_founder_plans_the_work_and_the_advisor_sees_readiness(
    new_page: Any, app_factory: Any, screenshots: Path
) -> None:
    setup = app_factory()  # the same database as the live server
    cohort = make_cohort(setup)
    make_person(setup, "ada@example.eu", "founder", cohort=cohort, login=False)
    make_person(setup, "grace@example.eu", "advisor", cohort=cohort, login=False)
    founder = new_page(viewport={"width": 1200, "height": 900})
    advisor = new_page(viewport={"width": 1200, "height": 900})

    log_in(founder, "ada@example.eu")
    founder.goto("/")
    start(founder)
    fill(founder, FOUNDERS["high_risk"])
    founder.get_by_role("button", name="See your result").click()
    founder.get_by_role("button", name="Submit for review").click()
    founder.wait_for_load_state()
    public_id = founder.url.split("/")[4]

    log_in(advisor, "grace@example.eu")
    assert _readiness(advisor, public_id) == "none"

    # From the result to the plan.
    founder.goto(f"/assessments/{public_id}/result")
    founder.get_by_role("button", name="Plan the work: owners, dates, evidence").click()
    founder.get_by_role("button", name="Start the plan").click()
    founder.wait_for_load_state()
    assert founder.get_by_text("The plan is up to date").is_visible()
    _axe(founder, "page-en", screenshots)

    # The drafted technical documentation becomes the evidence of its item.
    founder.locator("tr[data-item='hr-technical-documentation'] a").first.click()
    founder.wait_for_load_state()
    founder.locator("[data-draft='technical-documentation']").click()
    founder.wait_for_load_state()
    assert founder.locator("[data-evidence='file']").count() == 1
    assert founder.get_by_text("Evidence added: actcheck-technical-documentation").is_visible()
    _axe(founder, "item-draft-en", screenshots)
    founder.goto(f"/assessments/{public_id}/plan")

    # A provider's item: an owner, done, with a file.
    founder.locator("#role-provider + table tbody tr a").first.click()
    founder.wait_for_load_state()
    item_url = founder.url
    founder.get_by_label("Owner").select_option(label="ada")
    founder.get_by_label("Done").check()
    founder.get_by_label("Notes").fill("Policy signed by the board")
    founder.get_by_role("button", name="Save", exact=True).click()
    founder.wait_for_load_state()
    assert founder.get_by_text("The item was saved.").is_visible()
    founder.goto(item_url)
    founder.locator("input[name='file']").set_input_files(
        {"name": "policy.txt", "mimeType": "text/plain", "buffer": b"Our AI policy, v1\n"}
    )
    founder.get_by_role("button", name="Upload", exact=True).click()
    founder.wait_for_load_state()
    assert founder.get_by_text("policy.txt was added.").is_visible()
    _axe(founder, "item-en", screenshots)

    # A deployer's item: not applicable, which needs a reason.
    founder.goto(f"/assessments/{public_id}/plan")
    founder.locator("#role-deployer + table tbody tr a").first.click()
    founder.wait_for_load_state()
    founder.get_by_label("Not applicable").check()
    founder.get_by_role("button", name="Save", exact=True).click()
    founder.wait_for_load_state()
    assert founder.get_by_text("Say why this obligation does not apply to you.").first.is_visible()
    _axe(founder, "item-error-en", screenshots)
    founder.get_by_label("Why it does not apply").fill("Our staff never use the system")
    founder.get_by_role("button", name="Save", exact=True).click()
    founder.wait_for_load_state()

    first = _readiness(advisor, public_id)
    assert first.split("/")[0] == "1"  # the not-applicable item is not counted as applicable

    # A changed answer: importer instead of provider. Items are added and archived.
    founder.goto(f"/assessments/{public_id}/questions/system.roles?return=check")
    founder.locator("input[name='answer'][value='provider']").uncheck()
    founder.locator("input[name='answer'][value='importer']").check()
    founder.get_by_role("button", name="Save and continue").click()
    founder.wait_for_load_state()
    # The save itself reconciles the plan and says so; no button to press.
    assert founder.get_by_text("The compliance plan follows your answers").is_visible()
    founder.goto(f"/assessments/{public_id}/plan")
    assert founder.locator("[data-pending]").count() == 0
    assert founder.locator("tr[data-archived]").count() > 10
    assert founder.locator("[data-new]").count() >= 1
    # The done item is archived with its status and its file.
    archived_done = founder.locator(
        "tr[data-archived]", has=founder.locator("[data-plan-status='done']")
    )
    assert archived_done.count() == 1
    assert archived_done.locator("td").last.inner_text() == "1"
    _axe(founder, "page-after-change-en", screenshots)

    second = _readiness(advisor, public_id)
    assert second != first
    assert second.split("/")[0] == "0"  # the one done item no longer applies

    # French throughout.
    founder.goto(f"/assessments/{public_id}/plan")
    founder.get_by_role("button", name="Français").click()
    founder.wait_for_load_state()
    assert founder.get_by_role("heading", name="Plan de conformité").is_visible()
    assert founder.get_by_role("heading", name="Archivées").is_visible()
    _axe(founder, "page-fr", screenshots)
    founder.goto(item_url)
    assert re.search(r"Preuves", founder.content())
    _axe(founder, "item-fr", screenshots)
    advisor.goto("/review/")
    advisor.get_by_role("button", name="Français").click()
    advisor.wait_for_load_state()
    assert advisor.get_by_text("Avancement par start-up").is_visible()
    _axe(advisor, "dashboard-fr", screenshots)
