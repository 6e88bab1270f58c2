"""Why each duty binds each role held, or not (issue 13): one sentence per duty and role,
naming the rules of the trace that decide it."""

from __future__ import annotations

from typing import Any

from click.testing import CliRunner

from actcheck.cli import main
from actcheck.rules.answers import check_answers
from actcheck.rules.duties import duty_reasons, duty_sentences
from actcheck.rules.engine import assess
from actcheck.rules.model import Result, Ruleset
from founders import FOUNDERS

RECRUITMENT = {
    "system.is_ai_system": "yes",
    "system.eu_nexus": "yes",
    "annex_iii.areas": ["employment.recruitment"],
    "annex_iii.profiling": "yes",
}


def _assess(ruleset: Ruleset, answers: dict[str, Any]) -> Result:
    return assess(ruleset, check_answers(answers, ruleset, strict=False).answers)


def test_every_duty_bound_says_which_rule_binds_it_in_which_role(ruleset: Ruleset) -> None:
    result = _assess(ruleset, {**RECRUITMENT, "system.roles": ["provider", "deployer"]})
    reasons = duty_reasons(result)
    assert set(reasons) == {"provider", "deployer"}
    bound = {(r.obligation.id, r.role) for rs in reasons.values() for r in rs if r.binds}
    assert bound == {(o.obligation.id, o.role) for o in result.obligations}
    risk = next(r for r in reasons["provider"] if r.obligation.id == "hr-risk-management")
    assert [rule.id for rule in risk.rules] == ["annex-iii-4a-recruitment"]
    sentences = duty_sentences(result, "en")
    assert (
        "Risk management system (Art. 9, Art. 16(a)) binds you as provider because: "
        "Recruitment and selection (Art. 6(2), Annex III 4(a))."
    ) in sentences["provider"]
    assert (
        "AI literacy of your staff (Art. 4) binds every deployer of an AI system in scope."
    ) in sentences["deployer"]
    assert any(s.startswith("Maîtrise de l'IA") for s in duty_sentences(result, "fr")["provider"])


def test_a_duty_the_facts_exclude_says_which_rule_excludes_it(ruleset: Ruleset) -> None:
    """Art. 25(2) binds the initial provider, not one that became provider under Art. 25(1)."""
    answers = {
        **RECRUITMENT,
        "system.roles": ["distributor"],
        "value_chain.own_name": "yes",
    }
    result = _assess(ruleset, answers)
    assert "provider" in result.roles
    provider = {r.obligation.id: r for r in duty_reasons(result)["provider"]}
    cooperation = provider["hr-cooperation-new-provider"]
    assert not cooperation.binds
    assert cooperation.rules
    assert all("provider_by_art25" in rule.then.facts for rule in cooperation.rules)
    sentence = next(
        s for s in duty_sentences(result, "en")["provider"] if s.startswith("Cooperate if")
    )
    assert "does not bind you as provider, because:" in sentence


def test_duties_no_fact_bears_on_are_left_out(ruleset: Ruleset) -> None:
    result = _assess(ruleset, {**RECRUITMENT, "system.roles": ["provider"]})
    listed = {r.obligation.id for r in duty_reasons(result)["provider"]}
    assert not any(oid.startswith("gpai-") for oid in listed)
    assert "annex-i-section-b-sectoral" not in listed


def test_the_cli_summary_says_why_for_each_role(tmp_path: Any) -> None:
    import yaml

    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump({"actcheck": 1, "answers": FOUNDERS["high_risk"]}))
    out = CliRunner().invoke(main, ["assess", str(path), "--as-of", "2026-12-03"])
    assert out.exit_code == 0, out.output
    assert "Why each duty binds you, or not" in out.output
    assert "binds you as provider because:" in out.output
