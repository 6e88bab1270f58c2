"""The planned-launch preview in a real browser (issue 15), with and without JavaScript:
the pre-launch result, the preview's questions with their hint, its result and the way
back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import fill, start

from stories import STORIES


def pre_launch_result(page: Any) -> str:
    """A founder whose system is still in development, on their (out of scope) result;
    returns the assessment's base URL."""
    page.goto("/")
    start(page)
    fill(page, STORIES["pre_launch"])
    base = page.url.rsplit("/", 1)[0]
    page.goto(f"{base}/result")
    return base


def open_preview(page: Any) -> None:
    page.get_by_role("button", name="See what will apply when you launch").click()
    page.wait_for_selector("form[data-question]")


def finish_preview(page: Any) -> str:
    """Answer the preview's questions as the system will be at launch; land on its result."""
    fill(page, STORIES["provider"])
    base = page.url.rsplit("/", 1)[0]
    page.goto(f"{base}/result")
    return base


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_a_founder_previews_the_launch_and_comes_back(
    new_page: Any, screenshots: Path, js: bool
) -> None:
    page = new_page(viewport={"width": 1200, "height": 900}, java_script_enabled=js)
    original = pre_launch_result(page)
    assert page.locator("[data-launch-preview]").is_visible()
    assert page.locator("[data-preview-note]").count() == 0
    page.screenshot(path=screenshots / f"prelaunch-result-{js}.png", full_page=True)

    open_preview(page)
    assert page.locator("[data-preview-note]").is_visible()
    assert page.locator("[data-planned-hint]").is_visible()
    preview = finish_preview(page)
    assert preview != original
    assert page.locator("[data-preview-note]").is_visible()
    assert page.locator("[data-design-now] li").count() > 0
    assert page.locator("[data-at-launch] li").count() > 0
    page.screenshot(path=screenshots / f"preview-result-{js}.png", full_page=True)

    page.get_by_role("link", name="Back to the result before launch").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"{original}/result")
    # Once made, the offer is a link (styled as a button) to the same preview.
    page.get_by_role("button", name="See what will apply when you launch").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"{preview}/result")
