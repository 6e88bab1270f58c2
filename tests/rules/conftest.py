from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from actcheck.rules.loading import default_rules_dir, load_ruleset
from actcheck.rules.model import Ruleset
from founders import COMMON


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
#: in-scope provider of a minimal-risk system (the web tests' founder, without its free
#: text). Tests override what they examine.
BASE: dict[str, object] = {
    qid: value
    for qid, value in COMMON.items()
    if qid not in ("org.name", "system.name", "system.description")
}


def answers_file(**overrides: object) -> dict[str, object]:
    """A complete answers document: BASE with overrides (keys use __ for dots)."""
    answers = dict(BASE)
    for key, value in overrides.items():
        answers[key.replace("__", ".")] = value
    return {"actcheck": 1, "answers": answers}
