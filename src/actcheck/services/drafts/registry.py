"""Which drafts a result calls for: one entry per document kind, each offered exactly where
one of the obligations it serves binds this organisation (the classification record: for
every assessed system)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from actcheck.rules.model import Result
from actcheck.services.drafts import (
    classification,
    deployer,
    derogation,
    due_diligence,
    fria,
    gpai,
    literacy,
    registration,
    technical_documentation,
    transparency,
)
from actcheck.services.drafts.content import Draft
from actcheck.services.drafts.writer import Writer


@dataclass(frozen=True)
class DraftKind:
    """A kind of document: its id, the obligations it serves, and how it is worded."""

    id: str
    obligations: tuple[str, ...]
    title: Callable[[Writer], str]
    build: Callable[[Writer], Draft]

    def applies(self, result: Result) -> bool:
        """Whether the result binds one of the obligations this document serves (the
        classification record, serving none, applies to every result)."""
        if not self.obligations:
            return True
        present = {o.obligation.id for o in result.obligations}
        return not present.isdisjoint(self.obligations)


def _kind(module: ModuleType) -> DraftKind:
    return DraftKind(module.KIND, module.OBLIGATIONS, module.title, module.build)


#: In the order of the issue's priorities: the record every system needs first.
KINDS: tuple[DraftKind, ...] = tuple(
    _kind(m)
    for m in (
        classification,
        derogation,
        transparency,
        fria,
        technical_documentation,
        deployer,
        literacy,
        gpai,
        registration,
        due_diligence,
    )
)
BY_ID = {k.id: k for k in KINDS}


def applicable(result: Result) -> tuple[DraftKind, ...]:
    """The document kinds this result calls for, in `KINDS` order."""
    return tuple(k for k in KINDS if k.applies(result))
