"""The result page of each founder's story (issue 15), read in a real browser, in English
and French, with and without JavaScript: the headline speaks to the role held, a ban is a
"Stop" apart from the duties, the duties are grouped by what the founder does, and no
other role's duties are named in the headline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_accessibility import violations

from stories import STORIES

#: Per story and language: what the headline must say, what it must not, the groups
#: (`data-group`) in order, and whether a "Stop" is shown.
EXPECT: dict[str, dict[str, Any]] = {
    "provider": {
        "en": ("This system is high-risk. As the provider, you have 22 duties", "carries the rest"),
        "fr": (
            "Ce système est à haut risque. En tant que fournisseur, vous avez 22 obligations",
            "assume les autres",
        ),
        "groups": ["system-build", "system-document", "system-before_launch", "system-ongoing"],
        "stop": False,
    },
    "deployer": {
        "en": (
            "As a deployer, you have 10 duties; the provider carries the rest.",
            "As the provider",
        ),
        "fr": (
            "En tant que déployeur, vous avez 10 obligations ; le fournisseur assume les autres.",
            "En tant que fournisseur",
        ),
        "groups": ["system-document", "system-before_launch", "system-ongoing"],
        "stop": False,
    },
    "distributor": {
        "en": ("As a distributor, you have 2 duties; the provider carries the rest.", "conformity"),
        "fr": (
            "En tant que distributeur, vous avez 2 obligations ; le fournisseur assume les autres.",
            "conformité",
        ),
        "groups": ["system-before_launch", "system-ongoing"],
        "stop": False,
    },
    "model_and_system": {
        "en": (
            "Your general-purpose AI model has 4 duties of its own, listed apart.",
            "carries the rest",
        ),
        "fr": (
            "a 4 obligations propres, présentées à part.",
            "assume les autres",
        ),
        "groups": ["system-build", "system-ongoing", "model-document"],
        "stop": False,
    },
    "pre_launch": {
        "en": ("rules on AI systems do not apply to this system.", "duties"),
        "fr": (
            "applicables aux systèmes",
            "obligations",
        ),
        "groups": [],
        "stop": False,
    },
    "banned": {
        "en": (
            "Stop: this system, or one of the ways it is used, is banned in the EU. Besides the ban, as the provider, you have 1 duty.",
            "2 duties",
        ),
        "fr": (
            "Arrêtez : ce système, ou l"
            + "\N{RIGHT SINGLE QUOTATION MARK}un de ses usages, est interdit dans l"
            + "\N{RIGHT SINGLE QUOTATION MARK}UE. Outre l"
            + "\N{RIGHT SINGLE QUOTATION MARK}interdiction, en tant que fournisseur, vous avez 1 obligation.",
            "2 obligations",
        ),
        "groups": ["system-ongoing"],
        "stop": True,
    },
    "derogated": {
        "en": (
            "This system has minimal risk, but as the provider you still have 3 duties",
            "beyond AI literacy",
        ),
        "fr": (
            "Ce système présente un risque minimal, mais en tant que fournisseur, vous avez tout de même 3 obligations",
            "au-delà de la maîtrise",
        ),
        "groups": ["system-document", "system-before_launch", "system-ongoing"],
        "stop": False,
    },
}


def import_story(page: Any, story: str, tmp_path: Path) -> None:
    """Import the story's answers file as a founder does (only the questions its path
    asks, as an exported file holds), and land on its result."""
    from actcheck.rules import load_ruleset
    from actcheck.rules.progress import progress

    answers = STORIES[story]
    state = progress(load_ruleset(), answers)
    asked = {qid: value for qid, value in answers.items() if state.is_reached(qid)}
    path = tmp_path / f"{story}.json"
    path.write_text(json.dumps({"actcheck": 1, "answers": asked}), encoding="utf-8")
    page.goto("/assessments/import")
    page.set_input_files("#file", str(path))
    page.locator("form[enctype='multipart/form-data'] button[type='submit']").click()
    page.wait_for_selector("[data-headline]")


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("story", list(EXPECT))
def test_the_result_speaks_to_the_role_held(
    new_page: Any, tmp_path: Path, screenshots: Path, story: str, lang: str
) -> None:
    expected = EXPECT[story]
    says, never = expected[lang]
    page = new_page(
        viewport={"width": 1200, "height": 900},
        locale="fr-FR" if lang == "fr" else "en-GB",
        java_script_enabled=lang == "en",  # the French pages are read without JavaScript
    )
    import_story(page, story, tmp_path)
    assert page.locator("html").get_attribute("lang") == lang
    headline = page.locator("[data-headline]").inner_text()
    assert says in headline
    assert never not in headline
    groups = page.locator("[data-group]").evaluate_all("els => els.map(e => e.dataset.group)")
    assert groups == expected["groups"]
    assert (page.locator("[data-stop]").count() == 1) is expected["stop"]
    if expected["stop"]:
        # The ban sits in the Stop box, never among the duties.
        assert page.locator("[data-group] [data-duty^='prohibited-']").count() == 0
        assert page.locator("[data-stop] li").count() == 1
    page.screenshot(path=screenshots / f"result-{story}-{lang}.png", full_page=True)
    if lang == "en":
        # axe-core waits on timers a page without JavaScript never runs.
        assert violations(page) == []


def test_a_reported_badge_leads_to_its_legend(new_page: Any, tmp_path: Path) -> None:
    page = new_page(viewport={"width": 1200, "height": 900})
    import_story(page, "deployer", tmp_path)
    badge = page.locator("a.tag--yellow").first
    assert badge.get_attribute("href") == "#source-status"
    badge.click()
    legend = page.locator("#source-status").locator("xpath=..")
    assert "treat it as applying" in legend.inner_text()
    assert "was not read" not in page.locator("main").inner_text()
