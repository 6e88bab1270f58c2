"""The report in the web app: download from the result page, HTML preview, access checks."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from actcheck.cli import main as cli
from actcheck.services import report as report_module
from founders import Founder, csrf_token, stored

ROOT = Path(__file__).resolve().parents[2]


def imported(founder: Founder, path: Path = ROOT / "examples" / "cv-screening.yaml") -> str:
    page = founder.client.get("/assessments/import")
    boundary, body = encode_multipart(
        {
            "csrf_token": csrf_token(page.text),
            "file": FileStorage(io.BytesIO(path.read_bytes()), "answers.yaml"),
        }
    )
    response = founder.client.post(
        "/assessments/import", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert response.status_code == 302, response.text
    public_id: str = response.headers["Location"].split("/")[2]
    founder.public_id = public_id
    return public_id


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Count the real renders (the cache must spare the second one)."""
    calls: list[Any] = []
    real = report_module.render_pdf

    def counting(*args: Any, **kwargs: Any) -> bytes:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(report_module, "render_pdf", counting)
    return calls


def test_the_result_page_links_to_the_report(founder: Founder) -> None:
    public_id = imported(founder)
    page = founder.page(f"/assessments/{public_id}/result").text
    assert f'href="/assessments/{public_id}/report.pdf"' in page


def test_the_download_is_the_report_and_a_repeat_comes_from_the_cache(
    app: Any, founder: Founder, renders: list[Any], tmp_path: Path
) -> None:
    public_id = imported(founder)
    first = founder.client.get(f"/assessments/{public_id}/report.pdf")
    assert first.status_code == 200
    assert first.mimetype == "application/pdf"
    assert first.headers["Content-Disposition"].startswith("attachment; filename=")
    assert first.headers["Cache-Control"] == "no-store"
    second = founder.client.get(f"/assessments/{public_id}/report.pdf")
    assert second.data == first.data
    assert len(renders) == 1
    assert list((Path(app.instance_path) / "report-cache").glob("*.pdf"))

    path = tmp_path / "report.pdf"
    path.write_bytes(first.data)
    run = CliRunner().invoke(cli, ["assess", str(path), "--json"])
    assert run.exit_code == 0, run.output
    assert json.loads(run.stdout) == stored(app, public_id).result


def test_someone_else_cannot_download_or_preview(founder: Founder, other_founder: Founder) -> None:
    public_id = imported(founder)
    other_founder.start()
    for url in (f"/assessments/{public_id}/report.pdf", f"/assessments/{public_id}/report"):
        assert other_founder.client.get(url).status_code == 403
        assert founder.client.get(url.replace(public_id, "nope" * 4)).status_code == 404


def test_an_incomplete_assessment_is_sent_back_to_its_questions(founder: Founder) -> None:
    founder.start()
    response = founder.client.get(f"/assessments/{founder.public_id}/report.pdf")
    assert response.status_code == 302


def test_the_preview_is_the_same_template_with_only_its_own_style(founder: Founder) -> None:
    public_id = imported(founder)
    response = founder.client.get(f"/assessments/{public_id}/report")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    csp = response.headers["Content-Security-Policy"]
    assert "script-src" not in csp
    assert "default-src 'none'" in csp
    nonce = csp.split("'nonce-")[1].split("'")[0]
    assert f'<style nonce="{nonce}">' in response.text
    assert "Executive summary" in response.text
    assert "Ranks job applications against a job description." in response.text
    font = response.text.split('url("', 1)[1].split('"', 1)[0]
    assert font.startswith("/report-assets/fonts/")
    served = founder.client.get(font)
    assert served.status_code == 200
    served.close()


@pytest.mark.parametrize("name", ["LICENSE-Inter.txt", "..%2F..%2Fcli.py", "README.md"])
def test_the_font_route_serves_fonts_only(client: Any, name: str) -> None:
    assert client.get(f"/report-assets/fonts/{name}").status_code == 404
