"""A draft is offered exactly where its obligation applies to this organisation: for each
kind, one system where it must be offered and one where it must not."""

from __future__ import annotations

import datetime as dt

import pytest

from actcheck.rules import Result
from actcheck.services import drafts
from actcheck.services.drafts.registry import BY_ID

CASES = [
    # kind, a system that calls for it, one that does not
    ("derogation-record", "derogation", "cv"),
    ("transparency", "generator", "minimal"),
    ("fria", "public_deployer", "cv"),
    ("fria", "credit", "derogation"),
    ("technical-documentation", "cv", "public_deployer"),
    ("deployer-texts", "cv", "derogation"),
    ("ai-literacy", "minimal", "not_ai"),
    ("gpai", "gpai", "cv"),
    ("registration", "cv", "credit"),
    ("due-diligence", "cv", "public_deployer"),
]


@pytest.mark.parametrize(("kind", "must", "must_not"), CASES)
def test_a_draft_is_offered_exactly_where_its_obligation_binds(
    results: dict[str, Result], kind: str, must: str, must_not: str
) -> None:
    offered = [k.id for k in drafts.applicable(results[must])]
    assert kind in offered, (must, offered)
    assert kind not in [k.id for k in drafts.applicable(results[must_not])], must_not
    # And the reason is the obligation: the draft serves one the result binds.
    bound = {o.obligation.id for o in results[must].obligations}
    assert bound & set(BY_ID[kind].obligations)
    assert not {o.obligation.id for o in results[must_not].obligations} & set(
        BY_ID[kind].obligations
    )


@pytest.mark.parametrize("system", ["cv", "minimal", "not_ai", "generator"])
def test_every_assessed_system_gets_its_classification_record(
    results: dict[str, Result], system: str
) -> None:
    assert drafts.applicable(results[system])[0].id == "classification"


def test_every_kind_is_tested_here() -> None:
    assert {k for k, _, _ in CASES} | {"classification"} == set(BY_ID)


def test_a_draft_that_does_not_apply_is_refused(results: dict[str, Result]) -> None:
    with pytest.raises(drafts.UnknownDraft, match="does not apply"):
        drafts.build_draft(results["cv"], "fria", lang="en", made_on=dt.date(2026, 12, 7))
    with pytest.raises(drafts.UnknownDraft, match="no document kind"):
        drafts.build_draft(results["cv"], "../etc", lang="en", made_on=dt.date(2026, 12, 7))


def test_a_draft_names_only_the_obligations_it_serves_here(results: dict[str, Result]) -> None:
    draft = drafts.build_draft(
        results["derogation"], "registration", lang="en", made_on=dt.date(2026, 12, 7)
    )
    assert draft.obligations == ("derogation-registration",)
    file = drafts.render_file(draft, "docx")
    assert file.obligations == ("derogation-registration",)
    assert file.filename == "actcheck-registration-talentia-match-2026-12-07-en.docx"
