"""Annex III in two steps (issue 15): the areas first, then each chosen area's uses on its
own page; the stored answer stays the one list of uses of the answers format."""

from __future__ import annotations

import re
from html import unescape
from typing import Any
from urllib.parse import parse_qs, urlsplit

from founders import FOUNDERS, VERSION, Founder, csrf_token, stored

QID = "annex_iii.areas"
ACTION = re.compile(r'<form method="post" action="([^"]+)"[^>]*\s+data-question=')
BACK = re.compile(r'<a href="([^"]+)" class="back-link">')
HINT = (
    "Tick it if your tool is used in this process at all, even for a small part: "
    "the next questions may take you out."
)


def _post(founder: Founder, url: str, answer: list[str], **extra: str) -> Any:
    """Send the page at `url` as the browser does, with the boxes in `answer` ticked."""
    html = founder.page(url).text
    version = VERSION.search(html)
    assert version, "no version on the page"
    data: dict[str, Any] = {
        "csrf_token": csrf_token(html),
        "version": version.group(1),
        "action": "continue",
        "answer": answer,
        **extra,
    }
    action = ACTION.search(html)
    assert action, "no question form on the page"
    return founder.client.post(unescape(action.group(1)), data=data)


def _areas(founder: Founder, answer: list[str], query: str = "", **extra: str) -> Any:
    return _post(founder, f"{founder.base}/questions/{QID}{query}", answer, step="areas", **extra)


def _back(html: str) -> str:
    link = BACK.search(html)
    assert link, "no back link"
    return unescape(link.group(1))


def _query(location: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(location).query)


def _uses(app: Any, founder: Founder) -> list[str]:
    return list(stored(app, founder.public_id).answers[QID])


def test_the_area_page_lists_the_areas_with_their_point_of_annex_iii(founder: Founder) -> None:
    founder.fill(FOUNDERS["high_risk"])
    page = founder.page(f"{founder.base}/questions/{QID}").text
    assert 'data-step="areas"' in page
    assert "Is your system used in any of these areas?" in page
    for label in ("Employment and work", "Credit and insurance", "Biometrics"):
        assert label in page
    assert "(Annex III, point 4)" in page
    assert "What counts is the intended purpose" in page
    # The stored use ticks its area; none of the uses themselves is on this page.
    assert 'value="employment" checked' in " ".join(page.split())
    assert 'value="employment.recruitment"' not in page


def test_area_then_each_area_s_uses_then_the_next_question(app: Any, founder: Founder) -> None:
    founder.fill(FOUNDERS["high_risk"])
    first = _areas(founder, ["education", "employment"])
    assert first.status_code == 302
    assert _query(first.headers["Location"]) == {
        "area": ["employment"],
        "chosen": ["employment,education"],
    }
    page = founder.page(first.headers["Location"]).text
    assert "How is your system used in employment and work?" in page
    assert HINT in unescape(page)
    assert "Area 1 of 2: Employment and work" in page
    assert 'value="education.admission"' not in page  # only this area's uses

    second = _post(
        founder,
        first.headers["Location"],
        ["employment.recruitment", "employment.work_relationship"],
    )
    assert second.status_code == 302
    assert _query(second.headers["Location"])["area"] == ["education"]
    # Saved as the founder goes: the first area's page is stored before the second's.
    assert _uses(app, founder) == ["employment.recruitment", "employment.work_relationship"]
    education = founder.page(second.headers["Location"]).text
    assert "Area 2 of 2: Education and training" in education
    assert _query(_back(education))["area"] == ["employment"]

    last = _post(founder, second.headers["Location"], ["education.admission"])
    assert last.status_code == 302
    assert last.headers["Location"].endswith("/questions/annex_iii.profiling")
    assert _uses(app, founder) == [
        "education.admission",
        "employment.recruitment",
        "employment.work_relationship",
    ]
    # The question after goes back to the last area's page.
    profiling = founder.page(last.headers["Location"]).text
    assert _query(_back(profiling)) == {"area": ["education"], "chosen": ["employment,education"]}


def test_none_of_these_areas_stores_no_use_and_skips_the_use_pages(
    app: Any, founder: Founder
) -> None:
    founder.fill(FOUNDERS["high_risk"])
    response = _areas(founder, ["_none"])
    assert response.status_code == 302
    assert "area=" not in response.headers["Location"]
    assert f"/questions/{QID}" not in response.headers["Location"]
    assert _uses(app, founder) == []


def test_none_of_these_on_an_area_s_page_removes_that_area_s_uses(
    app: Any, founder: Founder
) -> None:
    founder.fill(FOUNDERS["high_risk"])
    response = _post(founder, f"{founder.base}/questions/{QID}?area=employment", ["_none"])
    assert response.status_code == 302
    assert _uses(app, founder) == []


def test_unticking_an_area_says_which_uses_go_before_removing_them(
    app: Any, founder: Founder
) -> None:
    founder.fill(FOUNDERS["high_risk"])
    warned = _areas(founder, ["credit_insurance"])
    assert warned.status_code == 200
    assert "data-removing" in warned.text
    assert "Recruiting or selecting people" in warned.text
    assert _uses(app, founder) == ["employment.recruitment"]  # nothing removed yet

    confirmed = _areas(founder, ["credit_insurance"], confirm="employment.recruitment")
    assert confirmed.status_code == 302
    assert _query(confirmed.headers["Location"])["area"] == ["credit_insurance"]
    assert _uses(app, founder) == []


def test_going_back_keeps_what_was_ticked(app: Any, founder: Founder) -> None:
    founder.fill(FOUNDERS["high_risk"])
    first = _areas(founder, ["employment", "justice"])
    employment = founder.page(first.headers["Location"]).text
    area_page = " ".join(founder.page(_back(employment)).text.split())
    assert 'value="employment" checked' in area_page
    assert 'value="justice" checked' in area_page
    again = " ".join(founder.page(first.headers["Location"]).text.split())
    assert 'value="employment.recruitment" checked' in again


def test_change_from_check_your_answers_goes_through_the_areas_and_back(
    app: Any, founder: Founder
) -> None:
    founder.fill(FOUNDERS["high_risk"])
    check = founder.page(f"{founder.base}/check").text
    assert f"/questions/{QID}?return=check" in check
    first = _areas(founder, ["employment"], "?return=check")
    assert _query(first.headers["Location"])["return"] == ["check"]
    done = _post(founder, first.headers["Location"], ["employment.work_relationship"])
    assert done.status_code == 302
    assert done.headers["Location"].endswith("/check")
    assert _uses(app, founder) == ["employment.work_relationship"]


def test_the_two_steps_refuse_an_empty_page_and_a_use_of_another_area(founder: Founder) -> None:
    founder.fill(FOUNDERS["high_risk"])
    empty = _areas(founder, [])
    assert empty.status_code == 422
    assert "Select the areas that apply, or select “None of these”" in empty.text
    url = f"{founder.base}/questions/{QID}?area=employment"
    assert _post(founder, url, []).status_code == 422
    other = _post(founder, url, ["education.admission"])
    assert other.status_code == 422
    assert "Select only the options shown" in other.text
    assert founder.client.get(f"{founder.base}/questions/{QID}?area=astrology").status_code == 404


def test_the_whole_list_of_uses_posted_at_once_is_still_an_answer(
    app: Any, founder: Founder
) -> None:
    founder.fill(FOUNDERS["high_risk"])
    response = founder.post_answer(QID, ["migration.polygraph", "employment.recruitment"])
    assert response.status_code == 302
    assert _uses(app, founder) == ["employment.recruitment", "migration.polygraph"]


def test_the_two_steps_in_french(founder: Founder) -> None:
    founder.fill(FOUNDERS["high_risk"])
    french = {"Accept-Language": "fr"}
    areas = unescape(founder.client.get(f"{founder.base}/questions/{QID}", headers=french).text)
    assert "Votre système est-il utilisé dans l'un de ces domaines ?" in areas
    assert "Emploi et travail" in areas
    assert "(Annexe III, point 4)" in areas
    assert "Aucune de ces réponses" in areas
    uses = unescape(
        founder.client.get(f"{founder.base}/questions/{QID}?area=employment", headers=french).text
    )
    assert "Comment votre système est-il utilisé dans l'emploi et le travail ?" in uses
    assert "Cochez-le si votre outil intervient dans ce processus" in uses
    assert "Domaine 1 sur 1 : Emploi et travail" in uses
