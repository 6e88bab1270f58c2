from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from actcheck.rules.loader import default_rules_dir, load_ruleset
from actcheck.rules.model import Ruleset


@pytest.fixture(scope="session")
def ruleset() -> Ruleset:
    return load_ruleset()


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    """A writable copy of rules/ to break on purpose."""
    target = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), target)
    return target


#: Answers that reach every always-asked question with the most common answer: a small,
#: in-scope provider of a minimal-risk system. Tests override what they examine.
BASE: dict[str, object] = {
    "org.size": "small",
    "org.established_in_eu": "yes",
    "org.public_body": "no",
    "org.public_service": "no",
    "system.is_ai_system": "yes",
    "system.roles": ["provider"],
    "system.eu_nexus": "yes",
    "scope.military": "no",
    "scope.research_only": "no",
    "scope.pre_market_rnd": "no",
    "scope.open_source": "no",
    "gpai.provides_model": "no",
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


def answers_file(**overrides: object) -> dict[str, object]:
    """A complete answers document: BASE with overrides (keys use __ for dots)."""
    answers = dict(BASE)
    for key, value in overrides.items():
        answers[key.replace("__", ".")] = value
    return {"actcheck": 1, "answers": answers}
