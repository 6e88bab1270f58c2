"""What the plan tests share: the day they run "on", and a start-up with one system."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from people import Person

TODAY = dt.date(2026, 12, 7)


def as_answers(raw: dict[str, Any]) -> dict[str, Any]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()}


@dataclass
class Startup:
    app: Any
    founder: Person
    public_id: str

    def session(self) -> Any:
        return self.app.extensions["actcheck.database"].sessions()

    @property
    def ruleset(self) -> Any:
        return self.app.extensions["actcheck.ruleset"]
