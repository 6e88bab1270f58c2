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


def _post(client: Any, url: str, address: str) -> Any:
    return client.post(
        url,
        data=CV_SCREENING,
        content_type="application/yaml",
        environ_base={"REMOTE_ADDR": address},
    )


@pytest.mark.parametrize(
    ("setting", "url", "other"),
    [
        ("API_REPORT_RATE_LIMIT", "/api/v1/report", "/api/v1/assess"),
        ("API_ASSESS_RATE_LIMIT", "/api/v1/assess", "/api/v1/report"),
    ],
)
def test_the_api_limits_reports_and_assessments_per_address(
    app_factory: Any, monkeypatch: pytest.MonkeyPatch, setting: str, url: str, other: str
) -> None:
    monkeypatch.setattr(report, "render_pdf", lambda *_args, **_kwargs: TINY_PDF)
    client = app_factory(**{setting: "2 per minute"}).test_client()
    assert [_post(client, url, "192.0.2.1").status_code for _ in range(2)] == [200, 200]
    refused = _post(client, url, "192.0.2.1")
    assert refused.status_code == 429
    assert refused.mimetype == "application/json"
    assert refused.json == {"errors": ["Too many requests; wait a moment and try again."]}
    assert 0 < int(refused.headers["Retry-After"]) <= 60
    # Another address is counted on its own, and the other endpoint is not limited by it.
    assert _post(client, url, "192.0.2.2").status_code == 200
    assert _post(client, other, "192.0.2.1").status_code == 200


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


# One instance, in a process of its own: it asks for one report and prints the status.
INSTANCE = """
import sys
from actcheck import create_app
from actcheck.services import report
report.render_pdf = lambda *args, **kwargs: b"%PDF-1.4 tiny"
app = create_app({"ENV": "testing", "SECRET_KEY": "x" * 32, "INSTANCE_PATH": sys.argv[1]})
response = app.test_client().post(
    "/api/v1/report", data=sys.stdin.buffer.read(), content_type="application/yaml",
    environ_base={"REMOTE_ADDR": "192.0.2.9"},
)
print(response.status_code)
"""


def test_instances_sharing_redis_count_one_limit(tmp_path: Path) -> None:
    """Instances (separate processes, as on separate machines) pointed at one Redis with
    ACTCHECK_RATELIMIT_STORAGE_URI count a client's reports together: the limit holds
    however many instances there are. With the default memory:// each counts alone."""
    import os
    import secrets
    import subprocess
    import sys

    url = os.environ.get("ACTCHECK_TEST_REDIS_URL")
    if not url:
        pytest.skip("set ACTCHECK_TEST_REDIS_URL (as .ci/run does) to test shared limits")

    def statuses(storage: str) -> list[int]:
        env = {
            **os.environ,
            "ACTCHECK_API_REPORT_RATE_LIMIT": "2 per minute",
            "ACTCHECK_RATELIMIT_STORAGE_URI": storage,
            "ACTCHECK_RATELIMIT_KEY_PREFIX": f"actcheck-test-{secrets.token_hex(6)}",
        }
        return [
            int(
                subprocess.run(
                    [sys.executable, "-c", INSTANCE, str(tmp_path / f"instance-{n % 2}")],
                    input=CV_SCREENING,
                    env=env,
                    capture_output=True,
                    check=True,
                    timeout=120,
                ).stdout.split()[-1]
            )
            for n in range(3)
        ]

    assert statuses(url) == [200, 200, 429]
    assert statuses("memory://") == [200, 200, 200]
