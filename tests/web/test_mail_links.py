"""Mails and logs (security issue 12, findings 4, 8, 9 and 10): links built from the public
URL whatever the Host header, unknown hosts refused, mail sent off the request with its
errors logged, tokens never in the request log, and the production configuration check."""

from __future__ import annotations

import json
import logging
import re
import smtplib
import threading
from pathlib import Path
from typing import Any

import pytest

from founders import SECRET, csrf_token
from people import mailed_link, make_person, quiet

ROOT = Path(__file__).resolve().parents[2]
PUBLIC = "https://actcheck.example.org"


def _reset(client: Any, email: str, **headers: str) -> Any:
    page = client.get("/password/reset", headers=headers)
    return client.post(
        "/password/reset",
        data={"csrf_token": csrf_token(page.text), "email": email},
        headers=headers,
    )


def test_a_reset_link_uses_the_public_url_whatever_the_host_header(
    app_factory: Any, caplog: Any
) -> None:
    """Finding 4: the link used to point wherever the Host header said."""
    app = app_factory(PUBLIC_URL=PUBLIC, TRUSTED_HOSTS=["actcheck.example.org", "localhost"])
    make_person(app, "ada@example.eu", "founder", login=False)
    quiet(caplog)
    client = app.test_client()
    assert _reset(client, "ada@example.eu").status_code == 200
    assert mailed_link(caplog).startswith(f"{PUBLIC}/password/reset/")


def test_an_unknown_host_gets_400(app_factory: Any) -> None:
    app = app_factory(PUBLIC_URL=PUBLIC)
    client = app.test_client()
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/login", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/", headers={"Host": "actcheck.example.org"}).status_code == 200


def test_no_view_builds_an_external_link_from_the_request() -> None:
    """The class of finding 4: every absolute link goes through `external_url`."""
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in (ROOT / "src" / "actcheck").rglob("*.py")
        if path.name != "links.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "_external" in line
    ]
    found += [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.html")
        if "_external" in path.read_text(encoding="utf-8")
    ]
    assert found == []


# -- finding 9: the same answer whatever the address and the mail server -------------------


class _BrokenSMTP:
    def __init__(self, *_args: Any, **_kwargs: Any) -> None:
        raise ConnectionRefusedError("the mail server is down")


def test_a_mail_failure_gives_the_same_page_for_a_real_and_an_unknown_address(
    app_factory: Any, monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    app = app_factory(MAIL_SERVER="smtp.invalid", MAIL_IN_BACKGROUND=False)
    make_person(app, "ada@example.eu", "founder", login=False)
    monkeypatch.setattr(smtplib, "SMTP", _BrokenSMTP)
    caplog.set_level(logging.ERROR, logger="actcheck.services.mail")
    real = _reset(app.test_client(), "ada@example.eu")
    unknown = _reset(app.test_client(), "nobody@example.eu")
    assert real.status_code == unknown.status_code == 200
    strip = re.compile(r'value="[^"]*"')  # the CSRF token differs, nothing else may
    assert strip.sub("", real.text.replace("ada@example.eu", "X")) == strip.sub(
        "", unknown.text.replace("nobody@example.eu", "X")
    )
    assert any("could not be sent" in r.getMessage() for r in caplog.records)


def test_mail_is_sent_off_the_request(
    app_factory: Any, monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    from actcheck.services import mail

    release = threading.Event()
    sent: list[str] = []

    class _SlowSMTP:
        def __init__(self, *_args: Any, **_kwargs: Any) -> None:
            assert release.wait(10)

        def __enter__(self) -> _SlowSMTP:
            return self

        def __exit__(self, *_exc: object) -> None:
            pass

        def starttls(self) -> None:
            pass

        def send_message(self, message: Any) -> None:
            sent.append(str(message["To"]))

    app = app_factory(MAIL_SERVER="smtp.example.org", MAIL_IN_BACKGROUND=True)
    make_person(app, "ada@example.eu", "founder", login=False)
    monkeypatch.setattr(smtplib, "SMTP", _SlowSMTP)
    jobs: list[Any] = []
    original = mail.deliver

    def _spy(*args: Any, **kwargs: Any) -> Any:
        job = original(*args, **kwargs)
        jobs.append(job)
        return job

    monkeypatch.setattr(mail, "deliver", _spy)
    response = _reset(app.test_client(), "ada@example.eu")
    assert response.status_code == 200  # answered while the SMTP server still hangs
    assert sent == []
    release.set()
    [job] = jobs
    job.result(timeout=10)
    assert sent == ["ada@example.eu"]


# -- finding 10: no token in the request log ------------------------------------------------


def test_the_request_log_names_the_route_never_the_token(app: Any, caplog: Any) -> None:
    caplog.set_level(logging.INFO, logger="actcheck.requests")
    client = app.test_client()
    token = "IjEyMyI.secret-token-value"  # noqa: S105 - a made-up token
    client.get(f"/password/reset/{token}")
    client.get(f"/invitations/{token}")
    client.get(f"/signup/{token}")
    lines = [r for r in caplog.records if r.name == "actcheck.requests"]
    assert len(lines) == 3
    for record in lines:
        assert token not in json.dumps(vars(record), default=str)
    assert {r.route for r in lines} >= {"/password/reset/<token>", "/invitations/<token>"}  # type: ignore[attr-defined]


# -- the production configuration check ------------------------------------------------------


def _production(tmp_path: Path, **overrides: Any) -> Any:
    from actcheck import create_app

    config = {
        "ENV": "production",
        "SECRET_KEY": SECRET,
        "INSTANCE_PATH": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'p.db'}",
        "PUBLIC_URL": PUBLIC,
        **overrides,
    }
    return create_app(config)


def test_production_needs_a_public_url(tmp_path: Path) -> None:
    from actcheck.config import ConfigError

    with pytest.raises(ConfigError, match="ACTCHECK_PUBLIC_URL is not set"):
        _production(tmp_path, PUBLIC_URL=None)
    with pytest.raises(ConfigError, match="ACTCHECK_PUBLIC_URL must be"):
        _production(tmp_path, PUBLIC_URL="actcheck.example.org")


def test_production_refuses_limits_in_memory_with_several_workers(tmp_path: Path) -> None:
    from actcheck.config import ConfigError

    with pytest.raises(ConfigError, match="cannot share rate limits kept in memory"):
        _production(tmp_path, WORKERS=3)
    app = _production(tmp_path, WORKERS=1)
    assert app.config["TRUSTED_HOSTS"] == ["actcheck.example.org"]
    app.extensions["actcheck.database"].close()
    shared = _production(tmp_path, WORKERS=3, RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379/0")
    shared.extensions["actcheck.database"].close()


def test_production_refuses_a_short_secret(tmp_path: Path) -> None:
    from actcheck.config import ConfigError

    with pytest.raises(ConfigError, match="too short"):
        _production(tmp_path, SECRET_KEY="short")  # noqa: S106


def test_gunicorn_tells_the_app_how_many_workers_it_runs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import runpy

    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    settings = runpy.run_path(str(ROOT / "src/actcheck/web/gunicorn_conf.py"))
    assert settings["raw_env"] == ["ACTCHECK_WORKERS=4"]


def _mails_to(caplog: Any, address: str) -> int:
    return sum(
        1
        for record in caplog.records
        if record.name == "actcheck.services.mail" and address in record.getMessage()
    )


def test_reset_and_sign_up_mails_are_limited_per_recipient(app_factory: Any, caplog: Any) -> None:
    """Finding 8: the forms' limit is per sender's address; many senders could still flood
    one inbox. The page is the same whether the mail went or not."""
    app = app_factory(MAIL_RATE_LIMIT="2 per hour", OPEN_SIGNUP=True)
    make_person(app, "ada@example.eu", "founder", login=False)
    quiet(caplog)
    pages = []
    for number in range(4):
        client = app.test_client()
        response = _reset(client, "ada@example.eu", **{"X-Forwarded-For": f"198.51.100.{number}"})
        assert response.status_code == 200
        pages.append(re.sub(r'value="[^"]{40,}"', "", response.text))  # CSRF tokens
    assert _mails_to(caplog, "ada@example.eu") == 2
    assert len(set(pages)) == 1
    for _ in range(3):
        client = app.test_client()
        page = client.get("/signup")
        sent = client.post(
            "/signup", data={"csrf_token": csrf_token(page.text), "email": "bo@example.eu"}
        )
        assert sent.status_code == 200
    assert _mails_to(caplog, "bo@example.eu") == 2
