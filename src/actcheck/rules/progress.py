"""Where a founder stands in the questionnaire: what is reached, answered, missing and next.

The web flow asks one question per page. It needs to know which page comes next, where the
back link goes, how far each section is, and whether the answers are complete enough to
give a result. All of that follows from `walk` over the stored answers, so it lives here,
pure, next to the engine: the web layer only turns it into links.

Stored answers may hold answers to questions that are no longer reached (the founder changed
an earlier answer). They are kept, so that changing the answer back restores them, but they
never count: `walk` ignores them and `reached_answers` leaves them out of the assessment.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import Any

from actcheck.rules.answers import normalise
from actcheck.rules.engine import walk
from actcheck.rules.model import AnswerValue, Ruleset, Section


class SectionStatus(StrEnum):
    """A task-list status, as the GOV.UK task list pattern names them."""

    COMPLETED = "completed"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"
    CANNOT_START = "cannot_start"
    NOT_NEEDED = "not_needed"


def usable_answers(stored: Mapping[str, Any], ruleset: Ruleset) -> dict[str, AnswerValue]:
    """The stored answers this rule set can read, in canonical form.

    Answers saved under an older rule set may name a question that no longer exists or a
    value that is no longer allowed: they are dropped (the founder is asked again) rather
    than breaking the page. Empty answers (None) are no answers.

    Args:
        stored: question id to answer, as kept in the database (lists for "any of").
        ruleset: the rule set to read them with.

    Returns:
        Question id to canonical answer (tuples for "any of").
    """
    out: dict[str, AnswerValue] = {}
    for qid, value in stored.items():
        question = ruleset.questions.get(qid)
        if question is None or value is None:
            continue
        problems: list[str] = []
        normalised = normalise(question, value, problems)
        if normalised is not None:
            out[qid] = normalised
    return out


@dataclass(frozen=True)
class Progress:
    """The state of one questionnaire: build it with `progress`."""

    ruleset: Ruleset
    answers: Mapping[str, AnswerValue]
    """Usable answers, reached or not."""
    reached: tuple[str, ...]
    """Questions asked on this path, in questionnaire order."""
    missing: tuple[str, ...]
    """Reached questions that need an answer and have none (optional ones never do)."""

    @property
    def complete(self) -> bool:
        """Whether every reached question that needs an answer has one."""
        return not self.missing

    @property
    def may_grow(self) -> bool:
        """Whether the count of questions left is only an estimate: some question after the
        first one still to answer is not reached yet, and that answer may bring it on."""
        if not self.missing:
            return False
        first = self._order.index(self.missing[0])
        return any(q not in self._reached_set for q in self._order[first + 1 :])

    @property
    def answered(self) -> tuple[str, ...]:
        """Reached questions with an answer."""
        return tuple(q for q in self.reached if q in self.answers)

    def is_reached(self, qid: str) -> bool:
        return qid in self._reached_set

    @cached_property
    def _reached_set(self) -> frozenset[str]:
        return frozenset(self.reached)

    @cached_property
    def _order(self) -> tuple[str, ...]:
        return tuple(self.ruleset.questions)

    def reached_answers(self) -> dict[str, AnswerValue]:
        """The answers that count: those to reached questions (what an export holds)."""
        return {q: self.answers[q] for q in self.reached if q in self.answers}

    def first_missing(self) -> str | None:
        """The first question still to answer, or None when complete."""
        return self.missing[0] if self.missing else None

    def next_after(self, qid: str) -> str | None:
        """The reached question that follows `qid` in questionnaire order, if any."""
        position = self._order.index(qid)
        for candidate in self._order[position + 1 :]:
            if candidate in self._reached_set:
                return candidate
        return None

    def previous_before(self, qid: str) -> str | None:
        """The reached question that comes before `qid` in questionnaire order, if any."""
        position = self._order.index(qid)
        for candidate in reversed(self._order[:position]):
            if candidate in self._reached_set:
                return candidate
        return None

    def passed_by(self, qid: str) -> bool:
        """Whether the founder went past `qid` without answering it: it has no answer and a
        later reached question has one. For a question a later rule set added (`added_in`),
        this is how an assessment first answered under older rules shows; a brand-new one
        reaches the question before any later one."""
        if qid in self.answers:
            return False
        position = self._order.index(qid)
        return any(q in self.answers for q in self._order[position + 1 :] if self.is_reached(q))

    def section_questions(self, section: Section) -> tuple[str, ...]:
        """The questions of a section reached on this path."""
        return tuple(q.id for q in section.questions if q.id in self._reached_set)

    def section_status(self, section: Section) -> SectionStatus:
        """How far the founder is with one section of the questionnaire.

        A section none of whose questions is reached is *not needed* when every question
        before it is settled (its questions can only depend on earlier answers), and
        *cannot start yet* while an earlier question still has no answer.
        """
        reached = self.section_questions(section)
        if not reached:
            first = self._order.index(section.questions[0].id)
            earlier = set(self._order[:first])
            if any(q in earlier for q in self.missing):
                return SectionStatus.CANNOT_START
            return SectionStatus.NOT_NEEDED
        missing = [q for q in reached if q in self.missing]
        if not missing:
            return SectionStatus.COMPLETED
        if any(q in self.answers for q in reached):
            return SectionStatus.IN_PROGRESS
        return SectionStatus.NOT_STARTED

    def section_of(self, qid: str) -> Section:
        """The section that asks `qid`."""
        for section in self.ruleset.sections:
            if any(q.id == qid for q in section.questions):
                return section
        raise KeyError(qid)


def progress(ruleset: Ruleset, stored: Mapping[str, Any]) -> Progress:
    """Walk the questionnaire over stored answers.

    Args:
        ruleset: the questionnaire.
        stored: the answers as stored (unusable ones are dropped, see `usable_answers`).

    Returns:
        What is reached, answered and missing.
    """
    answers = usable_answers(stored, ruleset)
    path = walk(ruleset, answers)
    missing = tuple(
        q for q in path.reached if q not in answers and not ruleset.questions[q].optional
    )
    return Progress(ruleset=ruleset, answers=answers, reached=path.reached, missing=missing)
