"""POST /api/v1/assess: the spec's result object, exactly what `actcheck assess --json` prints,
and every problem at once in a 422."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from actcheck.cli import main

from .conftest import CV_SCREENING, ROOT, document

SCHEMA = json.loads((ROOT / "src/actcheck/schemas/result-v1.json").read_text())


def cli_result(tmp_path: Path, text: str, *args: str) -> dict[str, Any]:
    path = tmp_path / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    out = CliRunner().invoke(main, ["assess", str(path), "--json", *args])
    assert out.exit_code == 0, out.output
    parsed: dict[str, Any] = json.loads(out.output)
    return parsed


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_yaml_answers_file_gives_the_result_the_cli_prints(
    client: Any, tmp_path: Path, lang: str
) -> None:
    response = client.post(
        f"/api/v1/assess?lang={lang}", data=CV_SCREENING, content_type="application/yaml"
    )
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.json == cli_result(tmp_path, CV_SCREENING, "--lang", lang)
    jsonschema.validate(response.json, SCHEMA)
    assert response.json["tier"] == "high_risk"
    # The keys come in the spec's order.
    assert list(response.json)[:3] == ["format", "ruleset", "tier"]


def test_french_titles_and_trace_sentences(client: Any) -> None:
    en = client.post("/api/v1/assess", data=CV_SCREENING, content_type="application/yaml").json
    fr = client.post(
        "/api/v1/assess?lang=fr", data=CV_SCREENING, content_type="application/yaml"
    ).json
    assert [o["id"] for o in en["obligations"]] == [o["id"] for o in fr["obligations"]]
    assert en["obligations"][0]["title"] != fr["obligations"][0]["title"]
    assert en["trace"][0]["because"] != fr["trace"][0]["because"]


@pytest.mark.parametrize("name", ["minimal_risk", "prohibited", "high_risk", "limited_risk"])
def test_a_json_document_is_assessed(client: Any, name: str) -> None:
    response = client.post("/api/v1/assess", json=document(name))
    assert response.status_code == 200, response.json
    assert response.json["tier"] == name
    jsonschema.validate(response.json, SCHEMA)


def test_json_with_a_charset_and_yaml_under_its_other_names_are_accepted(client: Any) -> None:
    body = json.dumps(document("minimal_risk"))
    for content_type in (
        "application/json; charset=utf-8",
        "application/x-yaml",
        "text/yaml",
        "application/vnd.actcheck+json",
    ):
        response = client.post("/api/v1/assess", data=body, content_type=content_type)
        assert response.status_code == 200, (content_type, response.json)


def test_every_problem_is_listed_at_once_in_a_422(client: Any) -> None:
    body = {"actcheck": 1, "answers": {"org.siez": "small", "system.is_ai_system": "maybe"}}
    response = client.post("/api/v1/assess", json=body)
    assert response.status_code == 422
    errors = response.json["errors"]
    assert errors[0] == "unknown question id 'org.siez'. Did you mean 'org.size'?"
    assert errors[1] == (
        "system.is_ai_system: 'maybe' is not allowed; use one of: yes, no, unsure."
    )
    assert errors[2].startswith("26 question(s) reached on this path have no answer: org.size, ")
    assert set(response.json) == {"errors"}


def test_strict_like_the_cli_an_incomplete_file_is_refused(client: Any) -> None:
    answers = dict(document("high_risk")["answers"])
    del answers["deployer.workplace"]
    response = client.post("/api/v1/assess", json={"actcheck": 1, "answers": answers})
    assert response.status_code == 422
    assert response.json["errors"] == [
        "1 question(s) reached on this path have no answer: deployer.workplace. Answer them "
        "(run 'actcheck questions' for the allowed values)."
    ]


def test_an_answer_off_the_path_is_a_warning(client: Any) -> None:
    body = document("minimal_risk")
    body["answers"]["deployer.workplace"] = "yes"
    response = client.post("/api/v1/assess", json=body)
    assert response.status_code == 200
    assert response.json["warnings"] == [
        "deployer.workplace: ignored, because the questionnaire does not ask this question on "
        "your path."
    ]


def test_yaml_booleans_read_as_yes_and_no(client: Any) -> None:
    text = CV_SCREENING.replace('"yes"', "yes").replace('"no"', "no")
    assert yaml.safe_load(text)["answers"]["scope.military"] is False
    plain = client.post("/api/v1/assess", data=CV_SCREENING, content_type="application/yaml")
    loose = client.post("/api/v1/assess", data=text, content_type="application/yaml")
    assert loose.status_code == 200
    assert loose.json == plain.json


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        ("{bad", "application/json", "the request body:1: not valid JSON: Expecting property"),
        ("[1, 2]", "application/json", "the request body is not a JSON object"),
        ("actcheck: 1\nanswers: [", "application/yaml", "the request body:3: not valid YAML"),
        ("- a\n- b\n", "application/yaml", "the request body must be a mapping"),
        ("", "application/json", "the request body is not a JSON object"),
        ("", "application/yaml", "the request body must be a mapping"),
        (
            '{"actcheck": 1, "actcheck": 1}',
            "application/json",
            "the request body: the key 'actcheck' appears twice",
        ),
        ("actcheck: 2\nanswers: {}\n", "application/yaml", "format version 2 is not supported"),
    ],
)
def test_malformed_bodies_are_refused_with_a_clear_422(
    client: Any, body: str, content_type: str, message: str
) -> None:
    response = client.post("/api/v1/assess", data=body, content_type=content_type)
    assert response.status_code == 422
    assert response.json["errors"][0].startswith(message), response.json


def test_bytes_that_are_not_utf8_are_refused(client: Any) -> None:
    response = client.post("/api/v1/assess", data=b"\xff\xfe\x00a", content_type="application/yaml")
    assert response.status_code == 422
    assert "is not UTF-8 text" in response.json["errors"][0]


@pytest.mark.parametrize(
    "content_type",
    ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain", None],
)
def test_bodies_a_cross_site_form_could_send_are_refused_with_415(
    client: Any, content_type: str | None
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    response = client.post("/api/v1/assess", data=CV_SCREENING, headers=headers)
    assert response.status_code == 415
    assert "send it as application/json or application/yaml" in response.json["errors"][0]


def test_an_oversized_body_is_refused_with_413(client: Any) -> None:
    big = "x" * 1_200_000
    response = client.post("/api/v1/assess", data=big, content_type="application/json")
    assert response.status_code == 413
    assert response.json == {
        "errors": ["The request body is too large: an answers file is at most 1,000,000 bytes."]
    }
    # Just over an answers file, under the request limit: 413 as well, with its size.
    body = "actcheck: 1\nanswers: {}\n#" + "x" * 1_000_000
    response = client.post("/api/v1/assess", data=body, content_type="application/yaml")
    assert response.status_code == 413
    assert response.json["errors"][0].startswith("The body is 1,000,025 bytes")


def test_an_unknown_language_is_refused(client: Any) -> None:
    response = client.post("/api/v1/assess?lang=de", json=document("minimal_risk"))
    assert response.status_code == 422
    assert response.json == {"errors": ["lang 'de' is not available: use one of en, fr."]}


@pytest.mark.parametrize("data", [b"%PDF-1.7\n garbage", b"", b"%PDF-1.4\n%%EOF\n" * 3])
def test_a_pdf_is_refused_with_the_way_to_read_it(client: Any, data: bytes) -> None:
    """pypdf can spend minutes on a damaged PDF: the API does not read PDFs at all; the
    command line reads one's own reports."""
    response = client.post("/api/v1/assess", data=data, content_type="application/pdf")
    assert response.status_code == 415
    assert "run 'actcheck assess report.pdf'" in response.json["errors"][0]


def test_the_api_is_stateless_and_sets_no_cookie(app: Any, client: Any) -> None:
    response = client.post("/api/v1/assess", data=CV_SCREENING, content_type="application/yaml")
    assert "Set-Cookie" not in response.headers
    from sqlalchemy import func, select

    from actcheck.models import Assessment

    with app.extensions["actcheck.database"].sessions() as session:
        assert session.scalar(select(func.count()).select_from(Assessment)) == 0


def test_the_api_needs_no_csrf_token(app_factory: Any) -> None:
    # CSRF protection is on (as in production) and the API still answers.
    app = app_factory(WTF_CSRF_ENABLED=True)
    response = app.test_client().post(
        "/api/v1/assess", data=CV_SCREENING, content_type="application/yaml"
    )
    assert response.status_code == 200
