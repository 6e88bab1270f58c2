"""Property-based fuzzing of everything a stranger can send: every form post of the web app,
the import upload and the API. Never a 500: always a 4xx (or a success) with a message in
plain words; bodies over the limit are refused with 413; malformed YAML, JSON and PDF
uploads are refused cleanly."""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actcheck.rules.loading import load_ruleset
from founders import FOUNDERS, Founder, csrf_token
from no_limits import NO_LIMITS

RULES = load_ruleset()
QUESTION_IDS = list(RULES.questions)
VALUES = [*sorted({v for q in RULES.questions.values() for v in q.values}), "_none"]

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

texts = st.text(max_size=60) | st.sampled_from(
    ["", " ", "0", "-1", "1e9", "999999999999999", "99999999999999999999999", "-9" * 20]
)
field_values = texts | st.sampled_from(VALUES)
forms = st.dictionaries(
    st.sampled_from(["answer", "version", "action", "return", "csrf_token", "name", "file"])
    | st.text(max_size=10),
    st.lists(field_values, max_size=4),
    max_size=6,
)
headers_text = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=80)


def assert_clean(response: Any) -> None:
    """Not a server error, and a refusal says why in words."""
    assert response.status_code < 500, (response.status_code, response.text[:1000])
    if response.status_code >= 400:
        if response.mimetype == "application/json":
            errors = response.json["errors"]
            assert errors
            assert all(isinstance(e, str) and e.strip() for e in errors)
        else:
            assert re.search(r"<h1[^>]*>\s*\S", response.text), response.text[:1000]
        assert "Traceback" not in response.text


@pytest.fixture
def app(app_factory: Any) -> Any:
    """The app with no limit on reports: the fuzzing must reach the code, not the limiter
    (tests/deploy/test_limits.py checks the limit)."""
    return app_factory(**NO_LIMITS)


@pytest.fixture
def loose_app(app_factory: Any) -> Any:
    """CSRF off and no login rate limit, so that the fuzzed data reaches the form handling
    (CSRF and the limits have their own tests); open sign-up, so that its form is there."""
    return app_factory(WTF_CSRF_ENABLED=False, OPEN_SIGNUP=True, **NO_LIMITS)


@pytest.fixture
def started(app: Any, loose_app: Any) -> Founder:
    """A founder with a complete assessment, whose browser then talks to `loose_app`."""
    founder = Founder(app.test_client())
    founder.fill(FOUNDERS["high_risk"])
    cookie = founder.client.get_cookie("actcheck_session")
    loose = loose_app.test_client()
    loose.set_cookie("actcheck_session", cookie.value)
    founder.client = loose
    return founder


# -- web forms ---------------------------------------------------------------------------------


@FUZZ
@given(qid=st.sampled_from([*QUESTION_IDS, "nope", "org.size/../x"]), form=forms, query=texts)
def test_question_pages_never_fail_whatever_is_posted(
    started: Founder, qid: str, form: dict[str, list[str]], query: str
) -> None:
    url = f"{started.base}/questions/{qid}"
    response = started.client.post(url, data=form, query_string={"return": query})
    assert_clean(response)


@FUZZ
@given(
    endpoint=st.sampled_from(["/assessments", "copy", "delete", "/tokens/", "revoke"]),
    form=forms,
)
def test_every_other_form_post_never_fails(
    started: Founder, endpoint: str, form: dict[str, list[str]]
) -> None:
    url = {
        "copy": f"{started.base}/copy",
        "delete": f"{started.base}/delete",
        "revoke": "/tokens/abc/revoke",
    }.get(endpoint, endpoint)
    assert_clean(started.client.post(url, data=form))


account_forms = st.dictionaries(
    st.sampled_from(
        [
            "body", "question", "decision", "tier", "justification", "name", "role",
            "organisation", "email", "password", "confirm", "csrf_token",
        ]
    )
    | st.text(max_size=10),
    st.lists(field_values | st.sampled_from(QUESTION_IDS), max_size=3),
    max_size=6,
)  # fmt: skip


@pytest.fixture
def programme(app: Any, loose_app: Any) -> dict[str, Any]:
    """A cohort with a submitted assessment; its founder, advisor and admin logged in, their
    browsers then talking to `loose_app` (CSRF off)."""
    from people import make_cohort, make_person

    cohort = make_cohort(app)
    people = {
        role: make_person(app, f"{role}@example.eu", role, cohort=cohort)
        for role in ("founder", "advisor", "admin")
    }
    founder = Founder(people["founder"].client)
    founder.fill(FOUNDERS["limited_risk"])
    page = people["founder"].client.get(f"{founder.base}/result").text
    people["founder"].client.post(f"{founder.base}/submit", data={"csrf_token": csrf_token(page)})
    clients = {}
    for role, person in people.items():
        loose = loose_app.test_client()
        loose.set_cookie("actcheck_session", person.client.get_cookie("actcheck_session").value)
        clients[role] = loose
    return {"clients": clients, "id": founder.public_id, "cohort": cohort}


@FUZZ
@given(
    target=st.sampled_from(
        [
            ("advisor", "/review/{id}/comments"),
            ("advisor", "/review/{id}/decision"),
            ("advisor", "/review/{id}/note"),
            ("founder", "/assessments/{id}/reply"),
            ("founder", "/assessments/{id}/submit"),
            ("admin", "/admin/cohorts"),
            ("admin", "/admin/cohorts/{cohort}"),
            ("founder", "/tokens/"),
            ("advisor", "/tokens/"),
        ]
    ),
    form=account_forms,
)
def test_the_forms_of_accounts_never_fail_whatever_is_posted(
    programme: dict[str, Any], target: tuple[str, str], form: dict[str, list[str]]
) -> None:
    role, url = target
    client = programme["clients"][role]
    response = client.post(url.format(id=programme["id"], cohort=programme["cohort"]), data=form)
    assert_clean(response)


@FUZZ
@given(
    url=st.sampled_from(["/login", "/signup", "/password/reset", "/invitations/nope"]),
    form=account_forms,
)
def test_the_forms_before_a_login_never_fail_whatever_is_posted(
    loose_app: Any, url: str, form: dict[str, list[str]]
) -> None:
    client = loose_app.test_client()
    response = client.post(url, data=form)
    assert_clean(response)


@FUZZ
@given(
    content=st.binary(max_size=4000)
    | st.sampled_from(
        [
            b"actcheck: 1\nanswers: [",
            b'{"actcheck": 1, "answers": {',
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\n%%EOF",
            b"\xff\xd8\xff\xe0 JFIF",
            b'{"a":' * 50_000,
            b"a: &a [1]\nb: [*a, *a]\n",
        ]
    ),
    filename=st.text(max_size=300) | st.sampled_from(["../../etc/passwd", "a.yaml", "é.json"]),
)
def test_the_import_upload_refuses_any_bad_file_cleanly(
    loose_app: Any, content: bytes, filename: str
) -> None:
    client = loose_app.test_client()
    response = client.post(
        "/assessments/import",
        data={"file": (io.BytesIO(content), filename)},
        content_type="multipart/form-data",
    )
    assert_clean(response)
    if response.status_code == 422 and content:
        assert "There is a problem" in response.text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"actcheck: 1\nanswers: [", "not valid YAML"),
        (b'{"actcheck": 1, "answers": {', "not valid JSON"),
        (b"%PDF-1.7\n\xe2\xe3\xcf\xd3 binary", "is not UTF-8 text"),
        (b"a: &a [x]\nactcheck: 1\nanswers: {org.size: *a}\n", "uses YAML aliases"),
    ],
)
def test_malformed_yaml_json_and_pdf_uploads_are_refused_with_a_reason(
    loose_app: Any, content: bytes, message: str
) -> None:
    response = loose_app.test_client().post(
        "/assessments/import",
        data={"file": (io.BytesIO(content), "answers.yaml")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert message in response.text


# -- the API -----------------------------------------------------------------------------------

API_TYPES = [
    "application/json", "application/yaml", "application/pdf", "text/yaml",
    "application/x-www-form-urlencoded", "text/plain", "", "application/json; charset=latin-1",
    "multipart/form-data", "application/vnd.x+json", "image/png",
]  # fmt: skip


@FUZZ
@given(
    path=st.sampled_from(["/api/v1/assess", "/api/v1/report"]),
    body=st.binary(max_size=3000)
    | st.builds(lambda d: json.dumps(d).encode(), st.dictionaries(st.text(max_size=20), texts)),
    content_type=st.sampled_from(API_TYPES),
    lang=texts,
    date=texts,
)
def test_the_api_never_fails_whatever_the_body(
    client: Any, path: str, body: bytes, content_type: str, lang: str, date: str
) -> None:
    response = client.post(
        path,
        data=body,
        headers={"Content-Type": content_type} if content_type else {},
        query_string={"lang": lang, "date": date},
    )
    assert_clean(response)
    assert response.mimetype in ("application/json", "application/pdf")


@FUZZ
@given(
    authorization=headers_text | st.builds(lambda t: f"Bearer {t}", headers_text),
    public_id=st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="/?#"),
        min_size=1,
        max_size=60,
    ),
)
def test_the_token_endpoints_never_fail_whatever_the_credentials(
    client: Any, authorization: str, public_id: str
) -> None:
    headers = {"Authorization": authorization}
    for url in (
        "/api/v1/assessments",
        f"/api/v1/assessments/{public_id}",
        "/api/v1/cohorts",
        "/api/v1/cohorts/1/assessments",
        "/api/v1/token",
    ):
        response = client.get(url, headers=headers)
        assert_clean(response)
        assert response.status_code in (401, 404), response.status_code


@pytest.mark.parametrize(
    ("url", "form"),
    [
        ("/api/v1/assess", False),
        ("/api/v1/report", False),
        ("/assessments/import", True),
        ("/assessments", True),
        ("/tokens/", True),
    ],
)
def test_oversized_bodies_are_refused_with_413(client: Any, url: str, form: bool) -> None:
    big = b"x" * 1_200_000
    if form:
        # A browser's multipart upload of a large file (the limit is checked on its length).
        body = (
            b'--b\r\nContent-Disposition: form-data; name="file"; filename="big.yaml"\r\n'
            b"Content-Type: application/yaml\r\n\r\n" + big + b"\r\n--b--\r\n"
        )
        response = client.post(url, data=body, content_type="multipart/form-data; boundary=b")
    else:
        response = client.post(url, data=big, content_type="application/yaml")
    assert response.status_code == 413
    assert_clean(response)


def test_a_real_csrf_failure_is_a_clear_400(founder: Founder) -> None:
    founder.start()
    response = founder.client.post(
        f"{founder.base}/questions/org.size", data={"version": "1", "answer": "small"}
    )
    assert response.status_code == 400
    assert "This page has expired" in response.text
    page = founder.client.get(f"{founder.base}/questions/org.size")
    assert csrf_token(page.text)
