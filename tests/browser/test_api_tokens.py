"""An advisor finds the API tokens page in the menu, makes a token, and a program reads the
cohort with it; the page passes axe before and after, in English and in French."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any

from helpers import log_in, submitted_cohort
from test_accessibility import check


def test_an_advisor_makes_a_token_and_a_program_reads_the_cohort(
    new_page: Any, live_server: str, app_factory: Any, screenshots: Path
) -> None:
    setup = app_factory()  # the same database as the live server
    cohort, public_id = submitted_cohort(setup, "high_risk")
    page = new_page()
    log_in(page, "grace@example.eu")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="API tokens").click()
    page.wait_for_load_state()
    check(page, "tokens-empty", screenshots)
    assert "“Authorization: Bearer <token>”" in page.locator("main").inner_text()

    page.get_by_role("button", name="Create a token").click()  # no name: an error
    page.wait_for_load_state()
    assert page.get_by_text("Enter a name for the token").first.is_visible()
    check(page, "tokens-error", screenshots)
    page.get_by_label("What is it for?").fill("Cohort dashboard")
    page.get_by_role("button", name="Create a token").click()
    page.wait_for_load_state()
    token = page.locator("[data-token]").inner_text()
    assert token.startswith("act_")
    check(page, "tokens-created", screenshots)

    request = urllib.request.Request(  # noqa: S310 - the live server, on loopback
        f"{live_server}/api/v1/cohorts/{cohort}/assessments",
        headers={"Authorization": f"Bearer {token}"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
        body = json.load(response)
    assert [row["id"] for row in body["assessments"]] == [public_id]
    assert body["assessments"][0]["organisation"]["name"] == "Ada SAS"

    page.get_by_role("button", name="Français").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Jetons d'API").is_visible()
    check(page, "tokens-fr", screenshots)
    page.get_by_role("button", name="Révoquer Cohort dashboard").click()
    page.wait_for_load_state()
    assert page.get_by_text("Révoqué").first.is_visible()
