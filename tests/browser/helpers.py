"""Clicking through the questionnaire the way a founder does."""

from __future__ import annotations

from typing import Any


def question_id(page: Any) -> str | None:
    form = page.locator("form[data-question]")
    if form.count() == 0:
        return None
    return str(form.get_attribute("data-question"))


def _step(page: Any) -> str | None:
    """The page of a question asked in two steps: `areas`, an area's id, or None."""
    step = page.locator("form[data-question]").get_attribute("data-step")
    return None if step is None else str(step)


def _boxes(page: Any, value: list[str] | tuple[str, ...]) -> list[str]:
    """The boxes that give the answer `value` on this page: on an area page the areas
    holding its uses, on an area's page its uses there; "None of these" for none."""
    step = _step(page)
    if step == "areas":
        areas = page.locator("input[data-uses]")
        boxes = [
            str(areas.nth(i).get_attribute("value"))
            for i in range(areas.count())
            if set(str(areas.nth(i).get_attribute("data-uses")).split()) & set(value)
        ]
    elif step is not None:
        boxes = [v for v in value if page.locator(f"input[value='{v}']").count()]
    else:
        boxes = list(value)
    return boxes or ["_none"]


def answer(page: Any, qid: str, value: Any) -> None:
    """Give one answer on the current page by clicking or typing (for a question asked in
    two steps, the part of it this page asks)."""
    if isinstance(value, list | tuple):
        for box in _boxes(page, value):
            page.locator(f"input[name='answer'][value='{box}']").check()
    elif page.locator("input[type='radio'][name='answer']").count():
        page.locator(f"label[for='{_radio_id(page, value)}']").click()
    elif value is not None:
        page.locator("#answer").fill(str(value))


def _radio_id(page: Any, value: str) -> str:
    return str(page.locator(f"input[name='answer'][value='{value}']").get_attribute("id"))


def fill(page: Any, answers: dict[str, Any], *, shots: Any = None) -> list[str]:
    """Answer every page until check your answers; return the question ids asked."""
    asked: list[str] = []
    for _ in range(100):
        qid = question_id(page)
        if qid is None:
            break
        if not asked or asked[-1] != qid:  # a question in two steps is asked once
            asked.append(qid)
        answer(page, qid, answers.get(qid))
        if shots is not None:
            shots(qid)
        save_and_continue(page, qid)
    return asked


def save_and_continue(page: Any, qid: str) -> None:
    """Press "Save and continue" on question `qid` and wait for the next page: a click does
    not wait for the page it leads to (works without JavaScript too)."""
    step = _step(page)
    this = f"[data-step='{step}']" if step else ":not([data-step])"
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_selector(f"form[data-question='{qid}']{this}", state="detached")
    page.wait_for_load_state()


def start(page: Any) -> None:
    """Start a new assessment from the home page, and wait for its first question."""
    page.get_by_role("button", name="Start a new assessment").click()
    page.wait_for_selector("form[data-question]")


def submitted_cohort(setup: Any, answers: str = "limited_risk") -> tuple[int, str]:
    """A cohort "Spring 2027" whose founder (ada@example.eu, of "Ada SAS") submitted an
    assessment, and its advisor (grace@example.eu), made through `setup`, an app on the
    live server's database. Returns the cohort id and the assessment's public id."""
    from founders import FOUNDERS, Founder, csrf_token
    from people import make_cohort, make_person

    cohort = make_cohort(setup, "Spring 2027")
    ada = make_person(setup, "ada@example.eu", "founder", cohort=cohort, organisation="Ada SAS")
    founder = Founder(ada.client)
    founder.fill(FOUNDERS[answers])
    result = ada.client.get(f"{founder.base}/result").text
    ada.client.post(f"{founder.base}/submit", data={"csrf_token": csrf_token(result)})
    make_person(setup, "grace@example.eu", "advisor", cohort=cohort, login=False)
    return cohort, founder.public_id


def log_in(page: Any, email: str) -> None:
    """Log in on the login page, as a person does."""
    from people import PASSWORD

    page.goto("/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
