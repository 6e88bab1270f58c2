"""A founder fills in the questionnaire in a real browser, by clicking."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from helpers import answer, fill, question_id, save_and_continue, start

from founders import FOUNDERS


def test_a_whole_questionnaire_by_clicking_to_the_result(page: Any, screenshots: Path) -> None:
    page.goto("/")
    page.screenshot(path=screenshots / "01-home.png", full_page=True)
    start(page)

    seen: set[str] = set()

    def shot(qid: str) -> None:
        kind = page.locator("form[data-question] input, form[data-question] textarea").nth(2)
        key = str(kind.get_attribute("type") or "textarea")
        if key not in seen:
            seen.add(key)
            page.screenshot(path=screenshots / f"02-question-{qid}.png", full_page=True)

    asked = fill(page, FOUNDERS["high_risk"], shots=shot)

    assert "annex_iii.profiling" in asked
    assert "scope.military" in asked
    assert page.url.endswith("/check")
    page.screenshot(path=screenshots / "03-check.png", full_page=True)
    page.get_by_role("button", name="See your result").click()
    assert page.locator("h1").inner_text() == "High-risk AI system"
    page.screenshot(path=screenshots / "04-result.png", full_page=True)
    # The headline speaks to both roles held; the duties are grouped by what is done.
    assert page.get_by_text("As the provider and as a deployer, you have").is_visible()
    assert page.get_by_role("heading", name=re.compile(r"^Build into the product")).is_visible()
    assert page.get_by_role("heading", name="Open points").is_visible()
    assert page.get_by_text("This result may change").is_visible()
    # The task list knows it is done.
    page.goto(re.sub(r"/result$", "/", page.url))
    page.screenshot(path=screenshots / "05-task-list.png", full_page=True)
    assert page.get_by_role("link", name="Your result").is_visible()


def test_the_back_link_goes_to_the_previous_question_with_its_answer(page: Any) -> None:
    page.goto("/")
    start(page)
    fill_until(page, "org.established_in_eu", FOUNDERS["minimal_risk"])

    page.get_by_role("link", name="Back").click()

    assert question_id(page) == "org.size"
    assert page.locator("input[value='small']").is_checked()
    page.get_by_role("link", name="Back").click()
    assert question_id(page) == "org.name"
    assert page.locator("#answer").input_value() == "Acme Analytics SAS"


def test_an_error_is_announced_focused_and_corrected(page: Any, screenshots: Path) -> None:
    page.goto("/")
    start(page)
    fill_until(page, "org.size", FOUNDERS["minimal_risk"])

    page.get_by_role("button", name="Save and continue").click()

    assert page.title().startswith("Error:")
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    page.screenshot(path=screenshots / "06-error.png", full_page=True)
    summary.get_by_role("link", name="Select one option").click()
    assert page.evaluate("document.activeElement.id") == "answer"
    answer(page, "org.size", "medium")
    page.get_by_role("button", name="Save and continue").click()
    assert question_id(page) == "org.established_in_eu"
    assert page.locator(".error-summary").count() == 0


def test_none_of_these_unticks_the_others_when_javascript_runs(page: Any) -> None:
    page.goto("/")
    start(page)
    fill_until(page, "system.roles", FOUNDERS["minimal_risk"])
    page.locator("input[value='provider']").check()
    page.locator("input[value='_none']").check()
    assert not page.locator("input[value='provider']").is_checked()
    page.locator("input[value='deployer']").check()
    assert not page.locator("input[value='_none']").is_checked()


def test_a_checkbox_list_needs_a_choice_and_none_of_these_alone_without_javascript(
    new_page: Any,
) -> None:
    page = new_page(java_script_enabled=False)
    page.goto("/")
    start(page)
    fill_until(page, "system.roles", FOUNDERS["minimal_risk"])

    page.get_by_role("button", name="Save and continue").click()  # nothing ticked
    assert page.title().startswith("Error:")
    summary = page.locator(".error-summary")
    assert "Select the roles your company holds, or select “None of these”" in summary.inner_text()

    page.locator("input[value='provider']").check()
    page.locator("input[value='_none']").check()
    assert page.locator("input[value='provider']").is_checked()  # no script to untick it
    page.get_by_role("button", name="Save and continue").click()
    assert (
        "You selected “None of these” and another option"
        in page.locator(".error-summary").inner_text()
    )
    assert page.locator("input[value='provider']").is_checked()  # what was ticked stays

    page.locator("input[value='_none']").uncheck()
    save_and_continue(page, "system.roles")
    assert question_id(page) == "system.eu_nexus"


def test_none_of_these_is_saved_as_none_with_javascript(page: Any) -> None:
    page.goto("/")
    start(page)
    fill_until(page, "system.affected_persons", FOUNDERS["minimal_risk"])
    page.locator("input[value='consumers']").check()
    page.locator("input[value='_none']").check()
    assert not page.locator("input[value='consumers']").is_checked()
    save_and_continue(page, "system.affected_persons")
    page.goto(page.url.rsplit("/questions/", 1)[0] + "/questions/system.affected_persons")
    assert page.locator("input[value='_none']").is_checked()
    assert not page.locator("input[value='consumers']").is_checked()


def test_everything_works_without_javascript(new_page: Any, screenshots: Path) -> None:
    page = new_page(java_script_enabled=False)
    page.goto("/")
    start(page)
    asked = fill(page, FOUNDERS["out_of_scope"])
    # gpai.provides_model "no" asks whether they represent a provider (rule set 2026.2)
    assert asked[-2:] == ["gpai.provides_model", "gpai.authorised_representative"]
    page.get_by_role("button", name="See your result").click()
    assert "Outside the AI Act" in page.locator("h1").inner_text()
    page.screenshot(path=screenshots / "07-no-js-result.png", full_page=True)


def fill_until(page: Any, stop: str, answers: dict[str, Any]) -> None:
    for _ in range(60):
        qid = question_id(page)
        assert qid is not None
        if qid == stop:
            return
        answer(page, qid, answers.get(qid))
        save_and_continue(page, qid)
    raise AssertionError(f"never reached {stop}")


@pytest.mark.parametrize("js", [True, False], ids=["with-js", "without-js"])
def test_annex_iii_in_two_steps_area_then_its_uses(
    new_page: Any, screenshots: Path, js: bool
) -> None:
    page = new_page(java_script_enabled=js, viewport={"width": 1200, "height": 900})
    page.goto("/")
    start(page)
    fill_until(page, "annex_iii.areas", FOUNDERS["high_risk"])
    assert page.locator("form[data-step='areas']").count() == 1
    page.locator("input[value='employment']").check()
    page.locator("input[value='_none']").check()
    # The script unticks the other boxes at once; without it the server refuses both.
    assert page.locator("input[value='employment']").is_checked() is not js
    page.locator("input[value='_none']").uncheck()
    page.locator("input[value='employment']").check()
    page.locator("input[value='education']").check()
    page.screenshot(path=screenshots / f"annex-iii-areas-{js}.png", full_page=True)
    save_and_continue(page, "annex_iii.areas")

    assert page.locator("h1").inner_text() == "How is your system used in employment and work?"
    assert page.get_by_text("Tick it if your tool is used in this process at all").is_visible()
    assert page.get_by_text("Area 1 of 2: Employment and work").is_visible()
    page.locator("input[value='employment.recruitment']").check()
    page.screenshot(path=screenshots / f"annex-iii-uses-{js}.png", full_page=True)
    save_and_continue(page, "annex_iii.areas")

    assert page.get_by_text("Area 2 of 2: Education and training").is_visible()
    page.locator("input[value='_none']").check()
    save_and_continue(page, "annex_iii.areas")
    assert question_id(page) == "annex_iii.profiling"

    # Back: to the last area holding a use. Education, answered "None of these", holds
    # none: the answer is what it would be had it not been ticked, so it is not ticked.
    page.get_by_role("link", name="Back").click()
    assert page.get_by_text("Area 1 of 1: Employment and work").is_visible()
    assert page.locator("input[value='employment.recruitment']").is_checked()
    page.get_by_role("link", name="Back").click()
    assert page.locator("form[data-step='areas']").count() == 1
    assert page.locator("input[value='employment']").is_checked()
    assert not page.locator("input[value='education']").is_checked()
