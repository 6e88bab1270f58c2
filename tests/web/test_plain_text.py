"""Text a person gives is plain text (issue 12, finding 6): control characters and lone
surrogates are refused with a message everywhere text enters (questionnaire, forms, API,
import), and text stored before that rule is shown escaped on every page, CSV, API answer
and PDF that shows it, never as a 500 that takes a whole cohort's dashboard down."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import text

from founders import FOUNDERS, Founder, answers_of, csrf_token, stored
from people import make_cohort, make_person


def _text_question(founder: Founder) -> str:
    founder.fill(FOUNDERS["limited_risk"])
    return f"{founder.base}/questions/system.name"


@pytest.mark.parametrize("bad", ["Acme\x00bot", "Acme\x07bot", "Acme\x9bbot"])
def test_the_questionnaire_refuses_control_characters_and_keeps_the_old_answer(
    founder: Founder, app: Any, bad: str
) -> None:
    url = _text_question(founder)
    before, version = answers_of(app, founder.public_id)
    response = founder.post_answer("system.name", bad)
    assert response.status_code == 422
    assert "invisible or invalid character (U+00" in response.text
    assert "position 5" in response.text
    assert answers_of(app, founder.public_id) == (before, version)
    assert founder.client.get(url).status_code == 200


def test_line_breaks_from_a_browser_are_kept_as_line_breaks(founder: Founder, app: Any) -> None:
    founder.fill(FOUNDERS["limited_risk"])
    response = founder.post_answer("system.description", "First line\r\nsecond line\rthird")
    assert response.status_code == 302, response.text[:500]
    answers, _ = answers_of(app, founder.public_id)
    assert answers["system.description"] == "First line\nsecond line\nthird"


def test_the_french_questionnaire_says_it_in_french(founder: Founder) -> None:
    founder.fill(FOUNDERS["limited_risk"])
    page = founder.client.get("/")
    founder.client.post("/language", data={"csrf_token": csrf_token(page.text), "lang": "fr"})
    response = founder.post_answer("system.name", "Acme\x00bot")
    assert response.status_code == 422
    assert "caractère invisible ou invalide (U+0000)" in response.text


def test_account_forms_refuse_control_characters(app: Any) -> None:
    admin = make_person(app, "admin@example.eu", "admin")
    response = admin.post("/admin/cohorts", {"name": "Spring\x00 2027"}, page="/admin/cohorts")
    assert response.status_code == 422
    assert "invisible or invalid character (U+0000)" in response.text
    from actcheck.models import Cohort

    with app.extensions["actcheck.database"].sessions() as session:
        assert session.query(Cohort).count() == 0


def test_the_api_refuses_a_lone_surrogate_and_nul(client: Any) -> None:
    answers = {**FOUNDERS["limited_risk"], "system.name": "Acme\ud800", "org.name": "a\x00b"}
    body = json.dumps({"actcheck": 1, "answers": answers})  # \ud800 and \u0000 as escapes
    response = client.post(
        "/api/v1/assess", data=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422
    problems = response.get_json()["errors"]
    assert any(
        "system.name: the text contains an invalid character (U+D800)" in p for p in problems
    )
    assert any("org.name: the text contains a control character (U+0000)" in p for p in problems)


def test_the_import_refuses_bad_dates_long_numbers_and_control_characters(
    founder: Founder,
) -> None:
    page = founder.client.get("/assessments/import")
    for content, expected in [
        (b"actcheck: 1\nanswers:\n  org.name: 2024-13-45\n", "is not a date"),
        (b"actcheck: 1\nanswers:\n  org.name: " + b"9" * 5000 + b"\n", "5,000 digits"),
        (b'{"actcheck": 1, "answers": {"org.name": "a\\u0000"}}', "control character"),
    ]:
        import io

        response = founder.client.post(
            "/assessments/import",
            data={"csrf_token": csrf_token(page.text), "file": (io.BytesIO(content), "a.yaml")},
            content_type="multipart/form-data",
        )
        assert response.status_code == 422, content
        assert expected in response.text


def _corrupt(app: Any, public_id: str, organisation_id: int) -> None:
    """Store what older versions let in: a lone surrogate and NUL in a text answer (JSON
    escapes), a control character in the organisation's name; written past the app."""
    row = stored(app, public_id)
    answers = {**row.answers, "system.name": "Bad\\ud800Bot\\u0000"}
    raw = json.dumps(answers).replace("\\\\ud800", "\\ud800").replace("\\\\u0000", "\\u0000")
    with app.extensions["actcheck.database"].sessions() as session:
        session.execute(
            text("UPDATE assessment SET answers = :a WHERE id = :id"), {"a": raw, "id": row.id}
        )
        session.execute(
            text("UPDATE organisation SET name = :n WHERE id = :id"),
            {"n": "Bad\x01Org", "id": organisation_id},
        )
        session.commit()


def test_stored_bad_text_is_shown_escaped_on_every_page_never_a_500(app: Any) -> None:
    cohort = make_cohort(app)
    founder = make_person(app, "ada@example.eu", "founder", cohort=cohort)
    advisor = make_person(app, "grace@example.eu", "advisor", cohort=cohort)
    filler = founder.founder
    filler.fill(FOUNDERS["limited_risk"])
    result = f"{filler.base}/result"
    assert founder.post(f"{filler.base}/submit", page=result).status_code == 302
    _corrupt(app, filler.public_id, founder.organisation_id or 0)

    pages = {
        founder.client: [result, f"{filler.base}/", f"{filler.base}/check", "/", "/account"],
        advisor.client: ["/review/", f"/review/{filler.public_id}", "/review/export.csv"],
    }
    for client, urls in pages.items():
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            assert "\ud800" not in response.text, url
            assert "\x00" not in response.text, url
    shown = advisor.client.get("/review/").text + advisor.client.get("/review/export.csv").text
    assert "Bad\\ud800Bot\\u0000" in founder.client.get(result).text
    assert "Bad\\u0001Org" in shown

    pdf = founder.client.get(f"{filler.base}/report.pdf")
    assert pdf.status_code == 200
    assert pdf.data.startswith(b"%PDF")
    export = founder.client.get(f"{filler.base}/export")
    assert export.status_code == 200
    assert "Bad\\\\ud800Bot" in export.text

    from api.conftest import bearer, create_token

    token = create_token(advisor)
    listing = advisor.client.get(f"/api/v1/cohorts/{cohort}/assessments", headers=bearer(token))
    assert listing.status_code == 200
    one = advisor.client.get(f"/api/v1/assessments/{filler.public_id}", headers=bearer(token))
    assert one.status_code == 200
    assert one.get_json()["answers"]["answers"]["system.name"] == "Bad\\ud800Bot\\u0000"

    # and the founder can still delete it from the UI
    delete = f"{filler.base}/delete"
    response = founder.post(delete, page=delete)
    assert response.status_code in (302, 303)
    with app.extensions["actcheck.database"].sessions() as session:
        count = session.execute(text("SELECT count(*) FROM assessment")).scalar_one()
    assert count == 0
