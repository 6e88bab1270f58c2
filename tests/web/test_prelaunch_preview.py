"""The planned-launch preview of a pre-launch system (issue 15): from the Art. 2(8) result,
a preview that asks the skipped questions and lists what applies at launch."""

from __future__ import annotations

import re
from typing import Any

from founders import Founder, answers_of, csrf_token, stored
from stories import STORIES

PRE_LAUNCH = STORIES["pre_launch"]
# At launch, the same system turns out to be a provider's high-risk CV-scoring tool.
AT_LAUNCH = STORIES["provider"]
NOTE = "Preview of a planned launch"
# The French typographic apostrophe, escaped: ruff reads it as a confusable character.
APOS = "\u2019"
HINT = "Your product is not launched yet: answer as it will be when you launch."


def pre_launch_result(founder: Founder) -> Any:
    founder.fill(PRE_LAUNCH)
    return founder.page(f"{founder.base}/result")


def open_preview(founder: Founder, result_html: str) -> Any:
    return founder.client.post(
        f"{founder.base}/preview", data={"csrf_token": csrf_token(result_html)}
    )


def preview_id(location: str) -> str:
    return location.split("/")[2]


def test_a_pre_launch_result_offers_the_preview_as_a_form(founder: Founder) -> None:
    page = pre_launch_result(founder).text
    assert "See what will apply when you launch" in page
    assert f'action="{founder.base}/preview"' in page
    assert NOTE not in page


def test_the_preview_asks_the_skipped_questions_then_lists_what_applies_at_launch(
    app: Any, founder: Founder
) -> None:
    pre_launch_result(founder)
    original = founder.public_id
    original_answers = answers_of(app, original)[0]
    made = open_preview(founder, founder.page(f"{founder.base}/result").text)
    assert made.status_code == 302
    new_id = preview_id(made.headers["Location"])
    assert new_id != original
    # The original's answers are untouched; the preview reads the exclusion as "no".
    assert answers_of(app, original)[0] == original_answers
    row = stored(app, new_id)
    assert row.answers["scope.pre_market_rnd"] == "no"
    assert row.answers["system.name"] == "TalentMatch (at launch)"
    assert row.preview_of_id == stored(app, original).id

    question = founder.page(made.headers["Location"]).text
    assert NOTE in question
    assert HINT in question  # the first skipped question asks how the system is used
    founder.public_id = new_id
    asked = founder.fill(AT_LAUNCH, start=made.headers["Location"])
    assert "scope.pre_market_rnd" not in asked
    assert "annex_iii.areas" in asked

    result = founder.page(f"{founder.base}/result").text
    assert NOTE in result
    assert "See what will apply when you launch" not in result
    design = re.search(r"<ul data-design-now>(.*?)</ul>", result, re.S)
    assert design is not None
    assert "Risk management system" in design.group(1)
    assert "Technical documentation" in design.group(1)
    assert "Conformity assessment" not in design.group(1)  # before launch, not designed in
    assert "<ul data-at-launch>" in result
    assert f'href="/assessments/{original}/result"' in result


def test_a_second_click_reopens_the_same_preview_and_the_original_links_to_it(
    app: Any, founder: Founder
) -> None:
    page = pre_launch_result(founder).text
    first = preview_id(open_preview(founder, page).headers["Location"])
    page = founder.page(f"{founder.base}/result").text
    assert f'href="/assessments/{first}/result"' in page
    assert f'action="{founder.base}/preview"' not in page
    again = open_preview(founder, page)
    assert preview_id(again.headers["Location"]) == first
    from sqlalchemy import func, select

    from actcheck.models import Assessment

    with app.extensions["actcheck.database"].sessions() as session:
        assert session.scalar(select(func.count()).select_from(Assessment)) == 2


def test_no_preview_for_a_result_that_is_not_pre_launch(founder: Founder) -> None:
    founder.fill(STORIES["provider"])
    page = founder.page(f"{founder.base}/result").text
    assert "See what will apply when you launch" not in page
    refused = open_preview(founder, page)
    assert refused.headers["Location"].endswith(f"{founder.base}/result")
    assert "Only a system still in development" in founder.page(f"{founder.base}/result").text


def test_another_founder_can_neither_make_nor_read_the_preview(
    founder: Founder, other_founder: Founder
) -> None:
    page = pre_launch_result(founder).text
    made = preview_id(open_preview(founder, page).headers["Location"])
    home = other_founder.page("/").text
    tried = other_founder.client.post(
        f"{founder.base}/preview", data={"csrf_token": csrf_token(home)}
    )
    assert tried.status_code in (403, 404)
    assert other_founder.client.get(f"/assessments/{made}/result").status_code in (403, 404)
    assert other_founder.client.get(
        f"/assessments/{made}/questions/scope.open_source"
    ).status_code in (
        403,
        404,
    )


def test_the_preview_needs_a_csrf_token_and_a_post(founder: Founder) -> None:
    pre_launch_result(founder)
    assert founder.client.post(f"{founder.base}/preview").status_code == 400
    assert founder.client.get(f"{founder.base}/preview").status_code == 405


def test_the_preview_in_french(founder: Founder) -> None:
    fr = {"Accept-Language": "fr"}
    founder.fill(PRE_LAUNCH)
    page = founder.client.get(f"{founder.base}/result", headers=fr).text
    assert f"Voir ce qui s{APOS}appliquera au lancement" in page
    made = founder.client.post(
        f"{founder.base}/preview", data={"csrf_token": csrf_token(page)}, headers=fr
    )
    location = made.headers["Location"]
    question = founder.client.get(location, headers=fr).text
    assert f"Aperçu d{APOS}un lancement prévu" in question
    assert f"Votre produit n{APOS}est pas encore lancé" in question
    founder.public_id = preview_id(location)
    assert stored(founder.client.application, founder.public_id).answers["system.name"] == (
        "TalentMatch (au lancement)"
    )
    founder.fill(AT_LAUNCH, start=location)
    result = founder.client.get(f"{founder.base}/result", headers=fr).text
    assert "À concevoir dès maintenant" in result
    assert f"Obligations qui s{APOS}appliquent au lancement" in result
    assert "Retour au résultat avant le lancement" in result


def first_page(pdf: bytes) -> str:
    import io

    from pypdf import PdfReader

    return " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())


def test_the_preview_pdf_says_so_on_its_first_page_and_the_original_does_not(
    founder: Founder,
) -> None:
    page = pre_launch_result(founder).text
    original = founder.base
    location = open_preview(founder, page).headers["Location"]
    founder.public_id = preview_id(location)
    founder.fill(AT_LAUNCH, start=location)
    preview_pdf = founder.client.get(f"{founder.base}/report.pdf")
    assert preview_pdf.status_code == 200
    assert "Preview of a planned launch: the system is still in development" in first_page(
        preview_pdf.data
    )
    original_pdf = founder.client.get(f"{original}/report.pdf")
    assert "Preview of a planned launch" not in first_page(original_pdf.data)


def test_deleting_the_original_leaves_the_preview_as_an_ordinary_assessment(
    app: Any, founder: Founder
) -> None:
    page = pre_launch_result(founder).text
    made = preview_id(open_preview(founder, page).headers["Location"])
    confirm = founder.page(f"{founder.base}/delete").text
    deleted = founder.client.post(
        f"{founder.base}/delete", data={"csrf_token": csrf_token(confirm)}
    )
    assert deleted.status_code == 302
    row = stored(app, made)
    assert row.preview_of_id is None
    assert row.answers["scope.pre_market_rnd"] == "no"


def test_a_double_click_that_races_reopens_the_preview_made_first(
    app: Any, founder: Founder, monkeypatch: Any
) -> None:
    from actcheck.services import previews

    page = pre_launch_result(founder).text
    first = preview_id(open_preview(founder, page).headers["Location"])
    real = previews.preview_of
    calls: list[int] = []

    def not_seen_yet(session: Any, original: Any) -> Any:
        # The racing request looked before the first one committed: it sees no preview.
        calls.append(1)
        return None if len(calls) == 1 else real(session, original)

    monkeypatch.setattr(previews, "preview_of", not_seen_yet)
    again = open_preview(founder, page)
    assert again.status_code == 302
    assert preview_id(again.headers["Location"]) == first
    assert len(calls) == 2
    from sqlalchemy import func, select

    from actcheck.models import Assessment

    with app.extensions["actcheck.database"].sessions() as session:
        assert session.scalar(select(func.count()).select_from(Assessment)) == 2
