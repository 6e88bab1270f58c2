"""The application factory, configuration, security headers and migrations."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from actcheck import create_app
from actcheck.config import ConfigError
from actcheck.database import current_revision, downgrade, head_revision, make_engine, upgrade
from actcheck.models import Base
from actcheck.web.app import templates_dir
from founders import FOUNDERS, SECRET, Founder, csrf_token

ROOT = Path(__file__).resolve().parents[2]


def test_production_refuses_to_start_without_a_secret(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="ACTCHECK_SECRET_KEY is not set"):
        create_app({"ENV": "production", "INSTANCE_PATH": str(tmp_path)})


def test_production_refuses_a_short_secret(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="too short"):
        create_app({"ENV": "production", "SECRET_KEY": "abc", "INSTANCE_PATH": str(tmp_path)})


def test_an_unknown_environment_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="ACTCHECK_ENV"):
        create_app({"ENV": "staging", "SECRET_KEY": SECRET, "INSTANCE_PATH": str(tmp_path)})


def test_the_secret_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ACTCHECK_SECRET_KEY", SECRET)
    monkeypatch.setenv("ACTCHECK_PUBLIC_URL", "https://actcheck.example.org")
    monkeypatch.setenv("ACTCHECK_DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert app.config["SECRET_KEY"] == SECRET
    assert app.config["ENV"] == "production"
    assert app.config["SESSION_COOKIE_SECURE"] is True
    app.extensions["actcheck.database"].close()


def test_development_generates_a_secret_once_and_keeps_it(tmp_path: Path) -> None:
    config = {"ENV": "development", "INSTANCE_PATH": str(tmp_path / "instance")}
    first = create_app(config)
    second = create_app(config)
    key = tmp_path / "instance" / "secret_key"
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"] == key.read_text().strip()
    assert len(first.config["SECRET_KEY"]) == 64
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    # SQLite in the instance folder by default.
    assert first.config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'instance' / 'actcheck.db'}"
    for app in (first, second):
        app.extensions["actcheck.database"].close()


def test_templates_are_found_relative_to_the_package() -> None:
    assert (templates_dir() / "base.html").is_file()
    assert (templates_dir() / "questionnaire" / "question.html").is_file()


def test_wsgi_builds_the_app_from_the_environment(tmp_path: Path) -> None:
    env = dict(
        os.environ,
        ACTCHECK_SECRET_KEY=SECRET,
        ACTCHECK_PUBLIC_URL="https://actcheck.example.org",
        ACTCHECK_DATABASE_URL=f"sqlite:///{tmp_path / 'w.db'}",
        ACTCHECK_INSTANCE_PATH=str(tmp_path),
    )
    code = "import wsgi; print(wsgi.app.name, wsgi.app.config['ENV'])"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "actcheck.web.app production"


def test_migrations_build_the_schema_of_the_models_and_go_back_down(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    downgrade(engine, "base")
    assert not inspect(engine).has_table("assessment")
    engine.dispose()


def test_the_db_command_migrates(tmp_path: Path) -> None:
    app = create_app(
        {
            "ENV": "testing",
            "SECRET_KEY": SECRET,
            "INSTANCE_PATH": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'c.db'}",
        }
    )
    runner = app.test_cli_runner()
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert f"revision {head_revision()}" in result.output
    result = runner.invoke(args=["db", "current"])
    assert f"current: {head_revision()}" in result.output
    app.extensions["actcheck.database"].close()


def test_every_page_carries_the_security_headers(client: Any) -> None:
    response = client.get("/")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cache-Control"] == "no-store"
    assert "<script>" not in response.text  # no inline script: the CSP forbids it


def test_a_request_over_the_size_limit_is_refused(founder: Founder) -> None:
    founder.start()
    page = founder.page(f"{founder.base}/questions/system.description")
    response = founder.client.post(
        f"{founder.base}/questions/system.description",
        data={"csrf_token": csrf_token(page.text), "version": "1", "answer": "x" * 1_200_000},
    )
    assert response.status_code == 413
    assert "too large" in response.text


def test_an_unknown_page_is_not_found_in_plain_words(client: Any) -> None:
    response = client.get("/nothing/here")
    assert response.status_code == 404
    assert "Page not found" in response.text


def test_the_language_is_the_browsers_when_the_rules_and_the_interface_speak_it(
    client: Any,
) -> None:
    """French once both the rule set and the interface catalog have it (tests/i18n covers
    the rest); a language neither speaks falls back on English."""
    response = client.get("/", headers={"Accept-Language": "fr-FR,fr;q=0.9"})
    assert '<html lang="fr">' in response.text
    response = client.get("/", headers={"Accept-Language": "de-DE,de;q=0.9"})
    assert '<html lang="en">' in response.text


def test_copy_makes_a_second_assessment_with_the_same_answers(founder: Founder) -> None:
    founder.fill(FOUNDERS["limited_risk"])
    home = founder.page("/").text
    response = founder.client.post(f"{founder.base}/copy", data={"csrf_token": csrf_token(home)})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.endswith("/questions/system.name?return=overview")
    new_id = location.split("/")[2]
    assert new_id != founder.public_id
    page = founder.page(location).text
    assert "This is a copy of “TalentMatch”" in page
    founder.public_id = new_id
    founder.post_answer("system.name", "Second system", query="?return=overview")
    home = founder.page("/").text
    assert "TalentMatch" in home
    assert "Second system" in home
    assert "Limited risk" in founder.page(f"/assessments/{new_id}/result").text


def test_delete_asks_first_then_deletes(founder: Founder) -> None:
    founder.fill(FOUNDERS["minimal_risk"])
    confirm = founder.page(f"{founder.base}/delete").text
    assert "Are you sure you want to delete “TalentMatch”?" in confirm
    response = founder.client.post(
        f"{founder.base}/delete", data={"csrf_token": csrf_token(confirm)}
    )
    assert response.status_code == 302
    home = founder.client.get("/").text
    assert "“TalentMatch” was deleted." in home
    assert "You have no assessments in this browser yet." in home
    assert founder.client.get(f"{founder.base}/").status_code == 404


def test_one_locale_chooses_the_interface_and_the_rule_texts(
    app_factory: Any, tmp_path: Path
) -> None:
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    folder = tmp_path / "translations" / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    catalog = Catalog(locale="fr")
    catalog.add("Your assessments", "Vos évaluations")
    with (folder / "messages.mo").open("wb") as file:
        write_mo(file, catalog)
    app = app_factory(BABEL_TRANSLATION_DIRECTORIES=str(tmp_path / "translations"))
    rules = app.extensions["actcheck.ruleset"]
    if "fr" not in rules.languages:
        pytest.skip("the rule set has no French texts yet")
    founder = Founder(app.test_client())
    founder.client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr-FR,fr;q=0.9,en;q=0.5"

    home = founder.page("/").text
    assert '<html lang="fr">' in home
    assert "Vos évaluations" in home
    founder.start()
    page = founder.page(f"{founder.base}/questions/org.established_in_eu").text
    assert rules.questions["org.established_in_eu"].text["fr"].replace("'", "&#39;") in page
    assert ">Oui</label>" in page


def test_behind_a_trusted_proxy_https_is_recognised(app_factory: Any) -> None:
    app = app_factory(TRUSTED_PROXIES=1)
    response = app.test_client().get("/", headers={"X-Forwarded-Proto": "https"})
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    plain = app_factory().test_client().get("/", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in plain.headers
