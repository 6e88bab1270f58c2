"""Founders who fill in the questionnaire through the Flask test client, the answer sets
they give (one per tier of the Act) and small readers of the database; shared by
tests/web and tests/browser."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

SECRET = "test-secret-key-0123456789abcdef0123456789abcdef"  # noqa: S105 - tests only

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')
QUESTION = re.compile(r'data-question="([^"]+)"')


def csrf_token(html: str) -> str:
    match = CSRF.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def form_value(value: Any) -> Any:
    """An answer as the browser sends it: a list of boxes, "_none" for none of these."""
    if isinstance(value, list | tuple):
        return list(value) or ["_none"]
    return value


@dataclass
class Founder:
    """A founder with a browser (a test client) filling in the questionnaire."""

    client: Any
    public_id: str = ""
    asked: list[str] = field(default_factory=list)

    def page(self, url: str) -> Any:
        response = self.client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    def start(self) -> str:
        home = self.page("/")
        response = self.client.post("/assessments", data={"csrf_token": csrf_token(home.text)})
        assert response.status_code == 302, response.text
        location = response.headers["Location"]
        self.public_id = location.split("/")[2]
        return location

    @property
    def base(self) -> str:
        return f"/assessments/{self.public_id}"

    def post_answer(
        self,
        qid: str,
        value: Any,
        *,
        version: int | None = None,
        action: str = "continue",
        query: str = "",
    ) -> Any:
        url = f"{self.base}/questions/{qid}{query}"
        page = self.client.get(url)
        html = page.text
        if version is None:
            version = int(VERSION.search(html).group(1))  # type: ignore[union-attr]
        data: dict[str, Any] = {
            "csrf_token": csrf_token(html),
            "version": str(version),
            "action": action,
        }
        if value is not None:
            data["answer"] = form_value(value)
        return self.client.post(url, data=data)

    def fill(self, answers: Mapping[str, Any], start: str | None = None) -> list[str]:
        """Answer every page the questionnaire shows, from `start` (or the first question)
        until check your answers; return the question ids asked, in order."""
        url = start or self.start()
        asked: list[str] = []
        for _ in range(200):
            response = self.client.get(url)
            if response.status_code == 302:
                url = response.headers["Location"]
                continue
            assert response.status_code == 200, (url, response.status_code)
            match = QUESTION.search(response.text)
            if match is None:
                assert url.endswith("/check"), url
                break
            qid = match.group(1)
            assert qid in answers or qid.endswith((".name", ".description")), (
                f"the questionnaire asked {qid}, which this founder has no answer for"
            )
            asked.append(qid)
            data = {
                "csrf_token": csrf_token(response.text),
                "version": VERSION.search(response.text).group(1),  # type: ignore[union-attr]
                "action": "continue",
            }
            if answers.get(qid) is not None:
                data["answer"] = form_value(answers[qid])
            posted = self.client.post(url, data=data)
            assert posted.status_code == 302, (qid, posted.status_code, posted.text[:2000])
            url = posted.headers["Location"]
        self.asked = asked
        return asked


# -- answer sets, one per tier --------------------------------------------------------------

COMMON: dict[str, Any] = {
    "org.name": "Acme Analytics SAS",
    "org.size": "small",
    "org.established_in_eu": "yes",
    "org.public_body": "no",
    "org.public_service": "no",
    "system.name": "TalentMatch",
    "system.description": "Ranks job applicants <b>& friends</b>",
    "system.is_ai_system": "yes",
    "system.roles": ["provider"],
    "system.eu_nexus": "yes",
    "system.automated_decisions": "no",
    "system.affected_persons": ["consumers"],
    "scope.military": "no",
    "scope.research_only": "no",
    "scope.pre_market_rnd": "no",
    "scope.open_source": "no",
    "gpai.provides_model": "no",
    "gpai.authorised_representative": "no",
    "prohibited.manipulation": "no",
    "prohibited.vulnerabilities": "no",
    "prohibited.social_scoring": "no",
    "prohibited.crime_prediction": "no",
    "prohibited.facial_scraping": "no",
    "prohibited.emotion_workplace": "no",
    "prohibited.biometric_categorisation": "no",
    "prohibited.realtime_rbi": "no",
    "prohibited.intimate_imagery": "no",
    "prohibited.csam": "no",
    "annex_i.legislation": [],
    "annex_iii.areas": [],
    "transparency.interacts": "no",
    "transparency.synthetic_content": "no",
}

FOUNDERS: dict[str, dict[str, Any]] = {
    "minimal_risk": dict(COMMON),
    "prohibited": {**COMMON, "prohibited.social_scoring": "yes"},
    "high_risk": {
        **COMMON,
        "system.roles": ["provider", "deployer"],
        "annex_iii.areas": ["employment.recruitment"],
        "annex_iii.profiling": "unsure",
        "value_chain.own_name": "no",
        "value_chain.substantial_modification": "no",
        "value_chain.new_purpose": "no",
        "deployer.workplace": "yes",
        "transparency.interacts": "yes",
        "transparency.interaction_obvious": "no",
        "transparency.emotion_or_biometric": "no",
        "transparency.deep_fake": "no",
        "transparency.public_interest_text": "no",
        "transparency.law_enforcement_authorised": "no",
        "system.placed_before_application": "no",
    },
    "limited_risk": {
        **COMMON,
        "transparency.interacts": "yes",
        "transparency.interaction_obvious": "no",
        "transparency.law_enforcement_authorised": "no",
    },
    "out_of_scope": {
        "org.size": "micro",
        "org.established_in_eu": "no",
        "org.public_body": "no",
        "org.public_service": "no",
        "system.is_ai_system": "no",
        "system.affected_persons": [],
        "gpai.provides_model": "no",
        "gpai.authorised_representative": "no",
    },
}


def stored(app: Any, public_id: str) -> Any:
    """The stored assessment behind a public id (read in its own session)."""
    from sqlalchemy import select

    from actcheck.models import Assessment

    with app.extensions["actcheck.database"].sessions() as session:
        return session.scalars(select(Assessment).where(Assessment.public_id == public_id)).one()


def answers_of(app: Any, public_id: str) -> tuple[dict[str, Any], int]:
    """The stored answers and version of an assessment."""
    row = stored(app, public_id)
    return dict(row.answers), row.version
