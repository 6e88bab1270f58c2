"""GET /api/v1/questions and /ruleset, and POST /api/v1/report."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from actcheck.rules.loading import load_ruleset
from actcheck.rules.model import Kind

from .conftest import CV_SCREENING, document


def _mentioned(condition: Any, out: set[str], names: set[str]) -> None:
    if isinstance(condition, dict):
        if "answer" in condition:
            out.add(condition["answer"])
        if "condition" in condition:
            names.add(condition["condition"])
        for value in condition.values():
            _mentioned(value, out, names)
    elif isinstance(condition, list):
        for value in condition:
            _mentioned(value, out, names)


def test_the_questionnaire_lists_every_question_in_order_in_both_languages(client: Any) -> None:
    rules = load_ruleset()
    body = client.get("/api/v1/questions").json
    assert [q["id"] for q in body["questions"]] == list(rules.questions)
    assert body["ruleset"] == {"version": rules.version, "sha256": rules.sha256}
    assert body["languages"] == ["en", "fr"]
    assert body["labels"]["unsure"] == {"en": "I'm not sure", "fr": "Je ne sais pas"}
    for question in body["questions"]:
        model = rules.questions[question["id"]]
        assert question["kind"] == model.kind.value
        assert question["values"] == list(model.values)
        assert set(question["text"]) == {"en", "fr"}, question["id"]
        assert question["multiple"] is (model.kind is Kind.ANY_OF)
        for choice in question["choices"]:
            assert set(choice["label"]) == {"en", "fr"}
    sections = [q for s in body["sections"] for q in s["questions"]]
    assert sections == list(rules.questions)


def test_conditions_are_data_that_name_real_questions_and_conditions(client: Any) -> None:
    body = client.get("/api/v1/questions").json
    by_id = {q["id"]: q for q in body["questions"]}
    assert by_id["org.size"]["when"] is None
    assert by_id["org.public_service"]["when"] == {"answer": "org.public_body", "equals": "no"}
    questions: set[str] = set()
    names: set[str] = set()
    for question in body["questions"]:
        _mentioned(question["when"], questions, names)
    for condition in body["conditions"].values():
        _mentioned(condition, questions, names)
    assert questions <= set(by_id)
    assert names <= set(body["conditions"])
    assert "in_scope_so_far" in names


def test_the_ruleset_gives_its_version_and_hash(client: Any) -> None:
    rules = load_ruleset()
    body = client.get("/api/v1/ruleset").json
    assert body["version"] == rules.version
    assert body["sha256"] == rules.sha256
    assert body["answers_format"] == 1
    assert body["counts"]["questions"] == len(rules.questions)


@pytest.fixture(scope="module")
def report_pdf() -> bytes:
    """One report rendered through the API for the module (rendering takes a second)."""
    import tempfile

    from actcheck import create_app
    from founders import SECRET

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            {
                "ENV": "testing",
                "SECRET_KEY": SECRET,
                "INSTANCE_PATH": tmp,
                "DATABASE_URL": f"sqlite:///{tmp}/r.db",
            }
        )
        response = app.test_client().post(
            "/api/v1/report?lang=fr&date=2026-11-28",
            data=CV_SCREENING,
            content_type="application/yaml",
        )
        app.extensions["actcheck.database"].close()
    assert response.status_code == 200, response.data[:500]
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith(
        'attachment; filename="actcheck-report-ac-20261128-'
    )
    return bytes(response.data)


def test_the_report_is_the_pdf_of_the_answers_in_the_language_asked(report_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(report_pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "haut risque" in " ".join(text.split())
    assert "actcheck-answers.yaml" in reader.attachments


def test_the_report_refuses_what_assess_refuses(client: Any) -> None:
    bad = client.post("/api/v1/report", json={"actcheck": 1, "answers": {"org.siez": 1}})
    assert bad.status_code == 422
    assert bad.json["errors"][0] == "unknown question id 'org.siez'. Did you mean 'org.size'?"
    date = client.post(
        "/api/v1/report?date=2026-13-01", data=CV_SCREENING, content_type="application/yaml"
    )
    assert date.status_code == 422
    assert date.json == {
        "errors": ["date '2026-13-01' is not a date: write it as YYYY-MM-DD, e.g. 2027-01-31."]
    }
    form = client.post("/api/v1/report", data={"a": "b"})
    assert form.status_code == 415


def test_a_repeat_report_comes_from_the_database_cache(app_factory: Any) -> None:
    app = app_factory(REPORT_CACHE="database")
    client = app.test_client()
    url = "/api/v1/report?date=2026-11-28"
    first = client.post(url, data=CV_SCREENING, content_type="application/yaml")
    cache = app.extensions["actcheck.report_cache"]
    # The request looks (a miss), the worker looks before it renders (a miss), then the
    # request finds the file the worker rendered (a hit).
    assert (cache.hits, cache.misses) == (1, 2)
    # Another instance on the same database serves it from the cache.
    other = app_factory(REPORT_CACHE="database")
    second = other.test_client().post(url, data=CV_SCREENING, content_type="application/yaml")
    assert second.data == first.data
    assert other.extensions["actcheck.report_cache"].hits == 1


def test_an_unknown_query_parameter_is_refused_not_ignored(client: Any) -> None:
    typo = client.post("/api/v1/assess?lnag=fr", json=document("minimal_risk"))
    assert typo.status_code == 422
    assert typo.json == {
        "errors": [
            "Unknown query parameter 'lnag': this operation takes lang (see /api/v1/openapi.json)."
        ]
    }
    assert client.get("/api/v1/questions?x=1").status_code == 422
    assert client.get("/api/v1/questions").status_code == 200


def test_no_api_answer_carries_a_date_placeholder(client: Any) -> None:
    """Rule texts keep their dates as {when:...} until a front end words them: the API
    words them "from <date>", which is true on any day (issue 13, principle 10)."""
    for url in ("/api/v1/questions", "/api/v1/ruleset", "/api/v1/openapi.json"):
        body = client.get(url).get_data(as_text=True)
        assert "{when:" not in body, url
        assert "{date:" not in body, url
    assert "The bans apply from 2 February 2025" in client.get("/api/v1/questions").get_data(
        as_text=True
    )
