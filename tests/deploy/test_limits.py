"""Protection of the server's time and connections: the unauthenticated report endpoint is
rate-limited per address, and rendering a report holds no database connection."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import g

from actcheck.config import ConfigError
from actcheck.services import report
from founders import FOUNDERS, Founder

ROOT = Path(__file__).resolve().parents[2]
CV_SCREENING = (ROOT / "examples/cv-screening.yaml").read_bytes()
TINY_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_reports_over_the_api_are_limited_per_address(
    app_factory: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(report, "render_pdf", lambda *_args, **_kwargs: TINY_PDF)
    app = app_factory(API_REPORT_RATE_LIMIT="2 per minute")
    client = app.test_client()

    def post(address: str) -> Any:
        return client.post(
            "/api/v1/report",
            data=CV_SCREENING,
            content_type="application/yaml",
            environ_base={"REMOTE_ADDR": address},
        )

    assert [post("192.0.2.1").status_code for _ in range(2)] == [200, 200]
    refused = post("192.0.2.1")
    assert refused.status_code == 429
    assert refused.mimetype == "application/json"
    assert refused.json == {"errors": ["Too many requests; wait a moment and try again."]}
    assert 0 < int(refused.headers["Retry-After"]) <= 60
    # Another address is counted on its own, and assessing is not limited by it.
    assert post("192.0.2.2").status_code == 200
    assessed = client.post(
        "/api/v1/assess",
        data=CV_SCREENING,
        content_type="application/yaml",
        environ_base={"REMOTE_ADDR": "192.0.2.1"},
    )
    assert assessed.status_code == 200


def test_a_limit_that_does_not_parse_stops_the_start(app_factory: Any) -> None:
    with pytest.raises(ConfigError, match="ACTCHECK_API_REPORT_RATE_LIMIT must be a rate limit"):
        app_factory(API_REPORT_RATE_LIMIT="lots")


def test_a_report_download_renders_without_holding_a_database_connection(
    app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    founder = Founder(app.test_client())
    founder.fill(FOUNDERS["high_risk"])
    seen: list[bool] = []

    def get_report(*_args: Any, **_kwargs: Any) -> bytes:
        seen.append("db_session" in g)
        return TINY_PDF

    monkeypatch.setattr(report, "get_report", get_report)
    response = founder.client.get(f"/assessments/{founder.public_id}/report.pdf")
    assert response.status_code == 200
    assert response.data == TINY_PDF
    assert seen == [False]
