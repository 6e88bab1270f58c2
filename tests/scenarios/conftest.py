"""Collect tests/scenarios/*.yaml: each case is one pytest item with a readable failure."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from actcheck.rules.cases import Failure, check_case, scenario_cases
from actcheck.rules.loading import load_ruleset
from actcheck.rules.model import Case

HERE = Path(__file__).parent


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix == ".yaml" and file_path.parent == HERE:
        return ScenarioFile.from_parent(parent, path=file_path)
    return None


class ScenarioFailure(Exception):
    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.report())
        self.failure = failure


class ScenarioFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        for case in scenario_cases(self.path):
            yield ScenarioItem.from_parent(self, name=case.name, case=case)


class ScenarioItem(pytest.Item):
    def __init__(self, *, case: Case, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        failure = check_case(load_ruleset(), self.case)
        if failure is not None:
            raise ScenarioFailure(failure)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, ScenarioFailure):
            return excinfo.value.failure.report()
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        line = int(self.case.location.rpartition(":")[2] or 0)
        return self.path, line - 1, f"scenario: {self.case.name} [{self.case.decided_by}]"
