"""Clicking through the questionnaire the way a founder does."""

from __future__ import annotations

from typing import Any


def question_id(page: Any) -> str | None:
    form = page.locator("form[data-question]")
    if form.count() == 0:
        return None
    return str(form.get_attribute("data-question"))


def answer(page: Any, qid: str, value: Any) -> None:
    """Give one answer on the current page by clicking or typing."""
    if isinstance(value, list | tuple):
        for box in value or ["_none"]:
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
        asked.append(qid)
        answer(page, qid, answers.get(qid))
        if shots is not None:
            shots(qid)
        page.get_by_role("button", name="Save and continue").click()
        page.wait_for_load_state()
    return asked
