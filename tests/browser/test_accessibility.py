"""axe-core on every page type: no serious or critical violation."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from helpers import (
    answer,
    fill,
    log_in,
    question_id,
    save_and_continue,
    start,
    submitted_cohort,
)

from founders import FOUNDERS
from stories import STORIES

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")


def violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core on the page (WCAG 2.2 A/AA and best practices); serious and critical only."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE)  # evaluated through the DevTools protocol: the page's CSP allows it
    found = page.evaluate(
        """async () => (await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',
                                             'wcag22aa', 'best-practice']},
            resultTypes: ['violations'],
        })).violations"""
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


def check(page: Any, name: str, screenshots: Path) -> None:
    page.screenshot(path=screenshots / f"axe-{name}.png", full_page=True)
    found = violations(page)
    assert found == [], f"{name}: {json.dumps(found, indent=2)}"


def go_to(page: Any, qid: str, answers: dict[str, Any]) -> None:
    for _ in range(60):
        current = question_id(page)
        if current == qid:
            return
        assert current is not None
        answer(page, current, answers.get(current))
        save_and_continue(page, current)
    raise AssertionError(qid)


@pytest.mark.parametrize("width", [1200, 375])
def test_every_page_type_passes_axe(page: Any, screenshots: Path, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    shots = screenshots / str(width)
    shots.mkdir(exist_ok=True)
    answers = FOUNDERS["high_risk"]

    page.goto("/")
    check(page, "home-empty", shots)
    page.goto("/assessments/import")
    check(page, "import", shots)
    page.locator("#file").set_input_files(
        files=[{"name": "bad.yaml", "mimeType": "text/plain", "buffer": b"actcheck: 7\n"}]
    )
    page.get_by_role("button", name="Import", exact=True).click()
    check(page, "import-error", shots)

    page.goto("/")
    start(page)
    check(page, "question-text", shots)
    go_to(page, "system.description", answers)
    check(page, "question-textarea", shots)
    go_to(page, "system.is_ai_system", answers)
    check(page, "question-tri-state", shots)
    page.get_by_role("button", name="Save and continue").click()
    check(page, "question-error", shots)
    go_to(page, "system.roles", answers)
    check(page, "question-checkboxes", shots)
    base = re.sub(r"/questions/.*$", "", page.url)
    page.goto(f"{base}/questions/org.size")
    check(page, "question-one-of", shots)
    page.goto(f"{base}/questions/org.established_in_eu")
    check(page, "question-yes-no", shots)
    page.goto(f"{base}/")
    check(page, "task-list-draft", shots)
    page.goto(f"{base}/check")
    check(page, "check-incomplete", shots)

    page.goto(f"{base}/continue")
    fill(page, answers)
    check(page, "check-complete", shots)
    page.goto(f"{base}/result")
    check(page, "result-high-risk", shots)
    page.goto(f"{base}/")
    check(page, "task-list-complete", shots)
    page.goto("/")
    check(page, "home-list", shots)
    page.goto(f"{base}/delete")
    check(page, "delete", shots)
    page.goto("/no/such/page")
    check(page, "not-found", shots)


def test_a_conflict_page_passes_axe(page: Any, screenshots: Path) -> None:
    page.goto("/")
    start(page)
    go_to(page, "org.size", FOUNDERS["minimal_risk"])
    other = page.context.new_page()
    other.goto(page.url)
    answer(other, "org.size", "small")
    other.get_by_role("button", name="Save and continue").click()
    # The other window's save must have landed (it moved on to the next question) before
    # this one posts: else there is no conflict to show, and closing a page whose
    # navigation is still in flight can leave Playwright waiting on it.
    other.wait_for_url(lambda url: not url.endswith("/questions/org.size"))
    other.close()
    answer(page, "org.size", "large")
    page.get_by_role("button", name="Save and continue").click()
    assert page.get_by_text("Your answers changed in another window").is_visible()
    check(page, "conflict", screenshots)


@pytest.mark.parametrize("tier", ["prohibited", "limited_risk", "minimal_risk", "out_of_scope"])
def test_every_result_passes_axe(page: Any, screenshots: Path, tier: str) -> None:
    page.goto("/")
    start(page)
    fill(page, FOUNDERS[tier])
    page.get_by_role("button", name="See your result").click()
    check(page, f"result-{tier}", screenshots)


def test_the_pages_of_accounts_pass_axe(new_page: Any, app_factory: Any, screenshots: Path) -> None:
    """The pages behind a login: the founder's, the advisor's and the admin's."""
    from people import make_person

    setup = app_factory()  # the same database as the live server
    cohort, public_id = submitted_cohort(setup)
    make_person(setup, "admin@example.eu", "admin", login=False)

    def logged_in(email: str) -> Any:
        page = new_page()
        page.goto("/login")
        check(page, "login", screenshots)
        log_in(page, email)
        return page

    advisor = logged_in("grace@example.eu")
    for name, url in (
        ("dashboard", "/review/"),
        ("review", f"/review/{public_id}"),
        ("account", "/account"),
        ("tokens", "/tokens/"),
    ):
        advisor.goto(url)
        check(advisor, f"advisor-{name}", screenshots)
    advisor.goto(f"/review/{public_id}")
    advisor.locator("textarea#body").fill("Please explain the chatbot disclosure.")
    advisor.get_by_role("button", name="Add the comment").click()
    advisor.wait_for_load_state()
    check(advisor, "advisor-commented", screenshots)

    admin = logged_in("admin@example.eu")
    for name, url in (("cohorts", "/admin/cohorts"), ("cohort", f"/admin/cohorts/{cohort}")):
        admin.goto(url)
        check(admin, f"admin-{name}", screenshots)

    member = logged_in("ada@example.eu")
    for name, url in (
        ("home", "/"),
        ("result-with-feedback", f"/assessments/{public_id}/result"),
        ("account", "/account"),
        ("forbidden", "/review/"),
    ):
        member.goto(url)
        check(member, f"founder-{name}", screenshots)
    member.goto("/account")
    member.get_by_role("button", name="Send the invitation").click()  # no address: an error
    member.wait_for_load_state()
    check(member, "founder-invite-error", screenshots)
    member.get_by_label("Your colleague's email address").fill("grace.hopper@example.eu")
    member.get_by_role("button", name="Send the invitation").click()
    member.wait_for_load_state()
    assert member.locator("[data-invitation-link]").is_visible()
    check(member, "founder-invited", screenshots)


def test_the_questionnaire_pages_of_issue_15_pass_axe(page: Any, screenshots: Path) -> None:
    """The checkbox error, the line saying a system is banned and a step list saying why a
    section does not apply."""
    page.goto("/")
    start(page)
    go_to(page, "system.roles", FOUNDERS["prohibited"])
    page.get_by_role("button", name="Save and continue").click()
    assert page.title().startswith("Error:")
    check(page, "checkbox-error", screenshots)
    base = page.url.rsplit("/questions/", 1)[0]
    page.goto(f"{base}/continue")
    fill(page, FOUNDERS["prohibited"])
    page.goto(f"{base}/questions/annex_iii.areas")
    assert page.locator("[data-banned]").is_visible()
    check(page, "banned-line", screenshots)
    page.goto("/")
    start(page)
    fill(page, FOUNDERS["out_of_scope"])
    base = page.url.rsplit("/", 1)[0]
    page.goto(f"{base}/questions/gpai.provides_model")
    assert page.locator(".steps__why").first.is_visible()
    check(page, "does-not-apply", screenshots)


def test_the_two_steps_of_annex_iii_pass_axe(page: Any, screenshots: Path) -> None:
    """The area page (with its error and the warning that unticking removes uses) and an
    area's page of uses (issue 15)."""
    page.goto("/")
    start(page)
    go_to(page, "annex_iii.areas", FOUNDERS["high_risk"])
    check(page, "annex-iii-areas", screenshots)
    page.get_by_role("button", name="Save and continue").click()
    assert page.title().startswith("Error:")
    check(page, "annex-iii-areas-error", screenshots)
    page.locator("input[value='employment']").check()
    save_and_continue(page, "annex_iii.areas")
    assert page.locator("form[data-step='employment']").count() == 1
    check(page, "annex-iii-uses", screenshots)
    page.locator("input[value='employment.recruitment']").check()
    save_and_continue(page, "annex_iii.areas")
    page.get_by_role("link", name="Back").click()
    page.get_by_role("link", name="Back").click()
    page.locator("input[value='employment']").uncheck()
    page.locator("input[value='justice']").check()
    page.get_by_role("button", name="Save and continue").click()  # the same page again
    page.wait_for_selector("[data-removing]")
    check(page, "annex-iii-removing", screenshots)


def test_the_planned_launch_preview_passes_axe(page: Any, screenshots: Path) -> None:
    """The pre-launch result offering the preview, a preview question with its hint, the
    preview's result and the pre-launch result linking to it."""
    page.goto("/")
    start(page)
    fill(page, STORIES["pre_launch"])
    original = page.url.rsplit("/", 1)[0]
    page.goto(f"{original}/result")
    check(page, "prelaunch-offer", screenshots)
    page.get_by_role("button", name="See what will apply when you launch").click()
    page.wait_for_selector("[data-planned-hint]")
    check(page, "preview-question", screenshots)
    fill(page, STORIES["provider"])
    page.goto(page.url.rsplit("/", 1)[0] + "/result")
    assert page.locator("[data-design-now]").is_visible()
    check(page, "preview-result", screenshots)
    page.goto(f"{original}/result")
    check(page, "prelaunch-linked", screenshots)
