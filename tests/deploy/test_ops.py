"""What production needs around the pages: request ids, JSON logs, security headers, the
health check, ProxyFix, the friendly 503 and the configuration that goes with them."""

from __future__ import annotations

import io
import json
import logging
import re
import runpy
import socket
from pathlib import Path
from typing import Any

import pytest

from actcheck import create_app
from actcheck.config import ConfigError
from actcheck.web.ops import JsonFormatter, make_handler
from founders import FOUNDERS, SECRET, Founder, csrf_token

ROOT = Path(__file__).resolve().parents[2]


def closed_port() -> int:
    """A loopback port nothing listens on (a database that is down)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def down_app(tmp_path: Path) -> Any:
    """An app whose PostgreSQL cannot be reached (nothing listens on its port)."""
    app = create_app(
        {
            "ENV": "testing",
            "SECRET_KEY": SECRET,
            "INSTANCE_PATH": str(tmp_path),
            "DATABASE_URL": f"postgresql+psycopg://postgres@127.0.0.1:{closed_port()}/x",
        }
    )
    yield app
    app.extensions["actcheck.database"].close()


# -- request ids and logs ------------------------------------------------------------------


def test_a_request_id_is_generated_and_echoed(client: Any) -> None:
    first = client.get("/")
    second = client.get("/")
    assert re.fullmatch(r"[0-9a-f]{32}", first.headers["X-Request-ID"])
    assert first.headers["X-Request-ID"] != second.headers["X-Request-ID"]


def test_a_request_id_from_the_proxy_is_kept_and_a_malformed_one_replaced(client: Any) -> None:
    given = client.get("/healthz", headers={"X-Request-ID": "lb-7f3a.2"})
    assert given.headers["X-Request-ID"] == "lb-7f3a.2"
    for bad in ("a b", "x" * 200, "\x1b[31mred", '"}{'):
        response = client.get("/healthz", headers={"X-Request-ID": bad})
        assert response.headers["X-Request-ID"] != bad
        assert re.fullmatch(r"[0-9a-f]{32}", response.headers["X-Request-ID"])


@pytest.fixture
def json_logs() -> Any:
    """The JSON lines the process logs (the handler production installs, on a buffer)."""
    buffer = io.StringIO()
    handler = make_handler("json", buffer)
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)

    def lines() -> list[dict[str, Any]]:
        return [json.loads(line) for line in buffer.getvalue().splitlines()]

    yield lines
    root.removeHandler(handler)
    root.setLevel(level)


def test_every_request_is_logged_as_one_json_line_with_its_request_id(
    client: Any, json_logs: Any
) -> None:
    client.get("/api/v1/ruleset?lang=hide-me", headers={"X-Request-ID": "req-42"})
    [line] = [entry for entry in json_logs() if entry["logger"] == "actcheck.requests"]
    assert line["request_id"] == "req-42"
    assert line["event"] == "request"
    assert line["method"] == "GET"
    assert line["route"] == "/api/v1/ruleset"
    assert line["status"] == 422  # the API takes no such parameter
    assert isinstance(line["duration_ms"], float)
    assert line["level"] == "info"
    assert "hide-me" not in json.dumps(line)  # query strings are never logged


def test_log_lines_of_the_app_carry_the_request_id(founder: Founder, json_logs: Any) -> None:
    home = founder.client.get("/", headers={"X-Request-ID": "start-1"})
    founder.client.post(
        "/assessments",
        data={"csrf_token": csrf_token(home.text)},
        headers={"X-Request-ID": "start-2"},
    )
    [created] = [entry for entry in json_logs() if "created" in entry["message"]]
    assert created["request_id"] == "start-2"
    assert created["logger"] == "actcheck.services.assessments"


def test_an_exception_is_logged_with_its_traceback_in_the_json() -> None:
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", None, None)
        import sys

        record.exc_info = sys.exc_info()
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "failed"
    assert "ValueError: boom" in line["exception"]


# -- security headers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["/", "/tokens/", "/api/v1/ruleset", "/api/v1/nothing", "/healthz", "/nothing", "/assessments"],
)
def test_every_response_carries_the_security_headers(client: Any, url: str) -> None:
    response = client.get(url)
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in response.headers  # plain http
    assert response.headers["X-Request-ID"]


def test_hsts_over_https_behind_a_proxy_fix(app_factory: Any) -> None:
    app = app_factory(PROXY_FIX=True)
    assert app.config["TRUSTED_PROXIES"] == 1
    client = app.test_client()
    response = client.get(
        "/", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
    )
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    # Without ProxyFix, the same header from the client is not believed.
    plain = app_factory().test_client().get("/", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in plain.headers


def test_proxy_fix_takes_a_number_of_proxies_and_refuses_nonsense(app_factory: Any) -> None:
    assert app_factory(PROXY_FIX=2).config["TRUSTED_PROXIES"] == 2
    assert app_factory(PROXY_FIX="true").config["TRUSTED_PROXIES"] == 1
    assert app_factory(PROXY_FIX=False).config["TRUSTED_PROXIES"] == 0
    with pytest.raises(ConfigError, match="ACTCHECK_PROXY_FIX"):
        app_factory(PROXY_FIX="sometimes")


def test_the_client_address_comes_from_the_proxy_only_with_proxy_fix(
    app_factory: Any, json_logs: Any
) -> None:
    headers = {"X-Forwarded-For": "203.0.113.9"}
    app_factory(PROXY_FIX=True).test_client().get("/healthz", headers=headers)
    app_factory().test_client().get("/healthz", headers=headers)
    lines = [entry for entry in json_logs() if entry["logger"] == "actcheck.requests"]
    assert [line["remote_addr"] for line in lines] == ["203.0.113.9", "127.0.0.1"]


def test_no_template_has_an_inline_script_style_or_event_handler() -> None:
    """The CSP allows scripts and styles from the site's own files only. The report is the
    exception: its print CSS is inline, allowed by a nonce on its preview page only; so are
    the drafted documents' (templates/drafts/draft.html), which only WeasyPrint reads: they
    are never served as HTML."""
    inline = re.compile(
        r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle\s*=|\son[a-z]+\s*=|javascript:",
        re.IGNORECASE,
    )
    found = []
    for path in (ROOT / "templates").rglob("*.html"):
        if path.parent.name == "report" or path.relative_to(ROOT).as_posix() == (
            "templates/drafts/draft.html"
        ):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if inline.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []


def test_pages_render_without_inline_script_or_style(founder: Founder) -> None:
    founder.fill(FOUNDERS["high_risk"])
    pages = ["/", f"{founder.base}/", f"{founder.base}/check", f"{founder.base}/result", "/tokens/"]
    for url in pages:
        html = founder.client.get(url).text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert "<style" not in html, url
        assert not re.search(r"\sstyle=", html), url


# -- health and the database being away ---------------------------------------------------


def test_healthz_is_200_when_the_database_answers(client: Any) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {
        "status": "ok",
        "database": "ok",
        "migrations": "current",
        "version": "0.1.0",
    }


def test_healthz_is_503_when_the_database_is_down(down_app: Any) -> None:
    response = down_app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["database"] == "unreachable"


def test_pages_are_a_friendly_503_when_the_database_is_down(down_app: Any) -> None:
    client = down_app.test_client()
    page = client.get("/assessments/abc/check")
    assert page.status_code == 503
    assert page.mimetype == "text/html"
    assert "Sorry, the service is unavailable for a moment" in page.text
    assert "Your answers saved before are safe" in page.text
    assert page.headers["Retry-After"] == "30"
    assert "Traceback" not in page.text
    api = client.get("/api/v1/assessments", headers={"Authorization": "Bearer act_" + "a" * 43})
    assert api.status_code == 503
    assert api.json["errors"][0].startswith("The service is unavailable for a moment")
    # What needs no database still works.
    assert client.get("/api/v1/questions").status_code == 200


def test_the_report_cache_is_configurable(app_factory: Any, tmp_path: Path) -> None:
    from actcheck.services.report import ReportCache
    from actcheck.services.report.store import DatabaseReportCache

    shared = tmp_path / "shared-reports"
    directory = app_factory(REPORT_CACHE_DIR=str(shared)).extensions["actcheck.report_cache"]
    assert isinstance(directory, ReportCache)
    assert directory.directory == shared
    database = app_factory(REPORT_CACHE="database").extensions["actcheck.report_cache"]
    assert isinstance(database, DatabaseReportCache)
    with pytest.raises(ConfigError, match="ACTCHECK_REPORT_CACHE"):
        app_factory(REPORT_CACHE="redis")


def test_the_database_cache_keeps_the_newest_reports(app: Any) -> None:
    from actcheck.services.report.store import DatabaseReportCache

    cache = DatabaseReportCache(app.extensions["actcheck.database"].sessions, max_entries=3)
    keys = [f"{i:064x}" for i in range(5)]
    for number, key in enumerate(keys):
        cache.put(key, b"%PDF " + bytes([number]))
    cache.put(keys[-1], b"%PDF again")  # a second writer of the same key is harmless
    assert cache.get(keys[0]) is None
    assert cache.get(keys[-1]) == b"%PDF \x04"
    assert sum(cache.get(k) is not None for k in keys) == 3
    with pytest.raises(ValueError, match="not a report key"):
        cache.get("../etc/passwd")


def test_the_gunicorn_settings_load_and_read_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("ACTCHECK_BIND", "0.0.0.0:9000")
    settings = runpy.run_path(str(ROOT / "src/actcheck/web/gunicorn_conf.py"))
    assert settings["workers"] == 3
    assert settings["bind"] == "0.0.0.0:9000"
    assert settings["worker_class"] == "gthread"
    assert settings["accesslog"] is None
    assert settings["control_socket_disable"] is True
    assert settings["logconfig_dict"]["handlers"]["actcheck"]["()"] == (
        "actcheck.web.ops.make_handler"
    )
