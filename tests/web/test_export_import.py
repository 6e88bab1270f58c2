"""The answers file: export, `actcheck assess` on it, and import by upload."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from actcheck.cli import main as cli
from actcheck.rules.answers import MAX_FILE_BYTES
from founders import FOUNDERS, Founder, csrf_token, stored


def upload(founder: Founder, data: bytes, filename: str = "answers.yaml") -> Any:
    page = founder.client.get("/assessments/import")
    # Encoded here, in memory: the test client would spool a large body to a temporary
    # file that stays open when the app refuses it unread.
    boundary, body = encode_multipart(
        {"csrf_token": csrf_token(page.text), "file": FileStorage(io.BytesIO(data), filename)}
    )
    return founder.client.post(
        "/assessments/import",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )


def count(app: Any) -> int:
    from sqlalchemy import func, select

    from actcheck.models import Assessment

    with app.extensions["actcheck.database"].sessions() as session:
        return session.scalar(select(func.count()).select_from(Assessment)) or 0


@pytest.mark.parametrize("tier", list(FOUNDERS))
def test_the_export_assessed_by_the_cli_gives_the_web_result(
    app: Any, founder: Founder, tier: str, tmp_path: Path
) -> None:
    founder.fill(FOUNDERS[tier])
    response = founder.client.get(f"/assessments/{founder.public_id}/export")
    assert response.status_code == 200
    assert response.mimetype == "application/yaml"
    assert "attachment" in response.headers["Content-Disposition"]
    path = tmp_path / "answers.yaml"
    path.write_bytes(response.data)

    run = CliRunner().invoke(cli, ["assess", str(path), "--json"])

    assert run.exit_code == 0, run.output
    assert json.loads(run.output) == stored(app, founder.public_id).result


def test_importing_the_export_gives_the_same_assessment(app: Any, founder: Founder) -> None:
    founder.fill(FOUNDERS["high_risk"])
    exported = founder.client.get(f"/assessments/{founder.public_id}/export").data
    original = stored(app, founder.public_id)

    response = upload(founder, exported)

    assert response.status_code == 302
    assert response.headers["Location"].endswith("/result")
    new_id = response.headers["Location"].split("/")[2]
    assert new_id != founder.public_id
    copy = stored(app, new_id)
    assert copy.answers == {
        k: v for k, v in original.answers.items() if k in yaml.safe_load(exported)["answers"]
    }
    assert copy.result == original.result
    assert copy.owner_key == original.owner_key
    page = founder.client.get(response.headers["Location"]).text
    assert "Your answers file was imported." in page


def test_an_incomplete_file_becomes_a_draft_that_asks_the_rest(app: Any, founder: Founder) -> None:
    response = upload(
        founder, b"actcheck: 1\nanswers:\n  org.size: small\n  system.is_ai_system: 'no'\n"
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/")
    new_id = response.headers["Location"].split("/")[2]
    assert stored(app, new_id).result is None
    founder.public_id = new_id
    asked = founder.fill(FOUNDERS["out_of_scope"], start=f"{founder.base}/continue")
    assert asked[0] == "org.established_in_eu"
    assert "org.size" not in asked


def test_answers_off_the_path_are_ignored_with_a_note(app: Any, founder: Founder) -> None:
    document = {
        "actcheck": 1,
        "answers": dict(FOUNDERS["out_of_scope"], **{"scope.military": "no"}),
    }
    response = upload(founder, json.dumps(document).encode(), "answers.json")
    assert response.status_code == 302
    page = founder.client.get(response.headers["Location"]).text
    assert "scope.military (“Is your system used only for military" in page
    assert "so this answer does not count" in page
    row = stored(app, response.headers["Location"].split("/")[2])
    # Kept like any answer off the path (it counts again if the path comes back to it),
    # but neither assessed nor exported.
    assert row.answers["scope.military"] == "no"
    assert row.result is not None
    assert row.result["warnings"] == []
    exported = founder.client.get(f"/assessments/{row.public_id}/export").text
    assert "scope.military" not in exported


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"actcheck: 1\nanswers: [unclosed\n", "answers.yaml:"),
        (b"\xff\xfe not utf-8", "is not UTF-8 text"),
        (b"- just\n- a list\n", "must be a mapping"),
        (b"answers: {}\n", "the format version is missing"),
        (b"actcheck: 2\nanswers: {}\n", "format version 2 is not supported"),
        (b"actcheck: 1\nanswers:\n  org.sise: small\n", "Did you mean &#39;org.size&#39;?"),
        (b"actcheck: 1\nanswers:\n  org.size: huge\n", "use one of: micro, small"),
        (b"actcheck: 1\nanswers:\n  system.roles: provider\n", "takes a list"),
        (b"actcheck: 1\nanswers:\n  org.size: huge\n  org.sise: small\n", "2 problems"),
    ],
)
def test_a_bad_file_gets_a_clear_error_and_nothing_is_stored(
    app: Any, founder: Founder, data: bytes, message: str
) -> None:
    response = upload(founder, data)

    assert response.status_code == 422
    assert "There is a problem" in response.text
    assert "Nothing was saved" in response.text
    assert message in response.text
    assert "<title>Error:" in response.text
    assert count(app) == 0


def test_no_file_chosen(app: Any, founder: Founder) -> None:
    page = founder.client.get("/assessments/import")
    response = founder.client.post(
        "/assessments/import",
        data={"csrf_token": csrf_token(page.text)},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert '<a href="#file">Select an answers file</a>' in response.text
    assert count(app) == 0


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    app: Any, founder: Founder
) -> None:
    response = upload(founder, b"#" * (MAX_FILE_BYTES + 200_000))
    assert response.status_code == 413
    assert "larger than 1 MB" in response.text
    assert 'action="/assessments/import"' in response.text
    assert count(app) == 0


def test_a_file_just_over_the_format_limit_is_refused_by_the_format(
    app: Any, founder: Founder
) -> None:
    response = upload(founder, b"#" * (MAX_FILE_BYTES + 1))
    assert response.status_code == 422
    assert "an answers file is at most 1,000,000 bytes" in response.text
    assert count(app) == 0


def test_the_upload_name_is_shown_safely(founder: Founder) -> None:
    response = upload(founder, b"actcheck: 1\nanswers: [x\n", "<img src=x onerror=alert(1)>.yaml")
    assert "<img" not in response.text
    assert "_img src_x onerror_alert_1__.yaml" in response.text
