"""The rule files' JSON Schemas (src/actcheck/rules/schemas/): valid schemas, every shipped
file fits them, and each kind of file, broken, is refused with its file, entry and line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from actcheck.rules import shapes
from actcheck.rules.cases import scenario_cases
from actcheck.rules.loading import RulesetError
from actcheck.rules.model import (
    SCOPE_REASONS,
    AppliesTo,
    GpaiTrack,
    Kind,
    Penalty,
    Role,
    Status,
    Tier,
)
from actcheck.rules.yamlio import load_yaml

from .test_loader import edit, line_of, problems

ROOT = Path(__file__).resolve().parents[2]


def shipped() -> list[tuple[str, Path]]:
    files = [
        (name.removesuffix(".yaml"), ROOT / "rules" / name)
        for name in ("ruleset.yaml", "dates.yaml", "conditions.yaml")
    ]
    for kind in ("questions", "classification", "obligations"):
        files += [(kind, path) for path in sorted((ROOT / "rules" / kind).glob("*.yaml"))]
    files += [("scenarios", path) for path in sorted((ROOT / "tests/scenarios").glob("*.yaml"))]
    return files


def test_every_kind_has_a_schema_file_and_no_file_is_left_over() -> None:
    names = {entry.name for entry in shapes.SCHEMAS.iterdir() if entry.name.endswith(".json")}
    assert names == {f"{kind}.schema.json" for kind in (shapes.COMMON, *shapes.KINDS)}


@pytest.mark.parametrize("kind", [shapes.COMMON, *shapes.KINDS])
def test_each_schema_is_a_valid_draft_2020_12_schema(kind: str) -> None:
    Draft202012Validator.check_schema(shapes.schema(kind))
    assert shapes.schema(kind)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize(("kind", "path"), shipped(), ids=lambda v: str(v).rsplit("/", 1)[-1])
def test_every_shipped_rule_file_fits_its_schema(kind: str, path: Path) -> None:
    doc = load_yaml(path.read_bytes())
    assert shapes.shape_problems(doc, kind) == []
    # The fast verdict and the explaining validator agree on it, not only the first.
    assert list(shapes._explainer(kind).iter_errors(shapes._as_json(doc))) == []


def test_the_schemas_name_the_models_closed_sets() -> None:
    """One vocabulary: the schemas' enums are the model's (a new tier, role or status
    needs both, and this says so)."""
    common, rules = shapes.schema(shapes.COMMON)["$defs"], shapes.schema("classification")
    effect = rules["$defs"]["effect"]["properties"]
    question = shapes.schema("questions")["$defs"]["question"]["properties"]
    obligation = shapes.schema("obligations")["$defs"]["obligation"]["properties"]
    assert common["tier"]["enum"] == [t.value for t in Tier if t is not Tier.OUT_OF_SCOPE]
    assert common["status"]["enum"] == [s.value for s in Status]
    assert common["role"]["enum"] == [r.value for r in Role]
    assert question["kind"]["enum"] == [k.value for k in Kind]
    assert obligation["penalty"]["enum"] == [p.value for p in Penalty]
    assert effect["gpai"]["enum"] == [g.value for g in GpaiTrack]
    assert effect["out_of_scope"]["enum"] == list(SCOPE_REASONS)
    assert rules["$defs"]["rule"]["properties"]["applies_to"]["enum"] == [
        a.value for a in AppliesTo
    ]
    assert obligation["applies_to"]["enum"] == [a.value for a in AppliesTo]


# -- one broken file of each kind: refused with the file, the entry, the line, what to do --


def test_a_broken_ruleset_yaml(rules_copy: Path) -> None:
    path = rules_copy / "ruleset.yaml"
    edit(
        path,
        '  act: "https://eur-lex.europa.eu/legal-content/{LANG}/',
        '  act: "https://example.com/{LANG}/',
    )
    assert (
        f"rules/ruleset.yaml:{line_of(path, 'act:')}: ruleset: eur_lex act 'https://example.com/{{LANG}}/"
        "TXT/HTML/?uri=CELEX:32024R1689' must be an https://eur-lex.europa.eu/ address with {LANG} "
        "where the language goes"
    ) in problems(rules_copy)


def test_a_date_in_quotes_is_text_not_a_date(rules_copy: Path) -> None:
    path = rules_copy / "dates.yaml"
    edit(path, "    date: 2025-08-02\n", '    date: "2025-08-02"\n')
    assert (
        f"rules/dates.yaml:{line_of(path, 'id: gpai')}: date gpai: date '\"2025-08-02\"' is not a "
        "date like 2026-12-03 (write it without quotes or a time)"
    ) in problems(rules_copy)


def test_a_condition_with_two_forms(rules_copy: Path) -> None:
    path = rules_copy / "conditions.yaml"
    edit(
        path,
        '    not: {answer: system.is_ai_system, equals: "no"}\n',
        '    not: {answer: system.is_ai_system, equals: "no"}\n    fact: x\n',
    )
    assert (
        f"rules/conditions.yaml:{line_of(path, 'not: {answer: system.is_ai_system')}: condition "
        "is_possibly_ai_system: a condition has exactly one of all, any, not, answer, condition, "
        "fact, tier, tier_in or role"
    ) in problems(rules_copy)


def test_choices_on_a_yes_no_question(rules_copy: Path) -> None:
    path = rules_copy / "questions/03-scope.yaml"
    edit(
        path,
        "  - id: scope.military\n",
        "  - id: scope.military\n    choices: [{value: a, label: {en: A, fr: A}}]\n",
    )
    assert (
        f"rules/questions/03-scope.yaml:{line_of(path, 'id: scope.military')}: question "
        "scope.military choices: only one_of and any_of questions have choices"
    ) in problems(rules_copy)


def test_a_rule_that_decides_nothing_and_a_tier_that_is_not_one(rules_copy: Path) -> None:
    """Every shape problem of a file is listed, not only the first."""
    path = rules_copy / "classification/01-scope.yaml"
    edit(path, "then: {out_of_scope: not_ai_system}", "then: {}")
    edit(path, "then: {out_of_scope: no_eu_nexus}", "then: {tier: out_of_scope}")
    found = problems(rules_copy)
    assert (
        f"rules/classification/01-scope.yaml:{line_of(path, 'then: {}')}: rule "
        "not-an-ai-system then: decides nothing: give at least one of tier, out_of_scope, gpai, "
        "facts, roles, contradicts"
    ) in found
    assert (
        f"rules/classification/01-scope.yaml:{line_of(path, 'then: {tier: out_of_scope}')}: rule no-eu-nexus "
        "then tier: 'out_of_scope' is not one of prohibited, high_risk, limited_risk, minimal_risk"
    ) in found


def test_a_model_obligation_binding_a_deployer(rules_copy: Path) -> None:
    path = rules_copy / "obligations/06-gpai.yaml"
    edit(
        path,
        "roles: [provider]\n    kind: document\n    weight: 7\n",
        "roles: [deployer]\n    kind: document\n    weight: 7\n",
    )
    line = line_of(path, "id: gpai-technical-documentation")
    assert (
        f"rules/obligations/06-gpai.yaml:{line}: obligation gpai-technical-documentation roles: "
        "a model obligation binds the provider or, under Art. 54, its authorised representative: "
        "roles [provider] or [authorised_representative]"
    ) in problems(rules_copy)


def test_a_scenario_case_with_an_unknown_expectation(tmp_path: Path) -> None:
    path = tmp_path / "scenario.yaml"
    path.write_text(
        "cases:\n  - name: A case\n    decided_by: Art. 6\n    answers: {}\n"
        "    expect: {tier: high_risk, teir: high_risk}\n"
    )
    with pytest.raises(RulesetError) as refused:
        scenario_cases(path)
    assert refused.value.problems == [
        f"{path}:5: case 'A case' expect: unknown key 'teir'; allowed: applies_from, fires, gpai, "
        "needs_review, not_fires, notes, obligations_exclude, obligations_include, scope_reason, "
        "tier, uncertain, warnings_include"
    ]


def test_a_rule_set_read_from_the_document_cache_imports_no_validator(tmp_path: Path) -> None:
    """Only a cache miss pays for the schemas: a cached rule set passed them already."""
    code = (
        "import sys; from pathlib import Path; from actcheck.rules.loading import load_ruleset;"
        "from actcheck.rules_cache import FolderCache;"
        "load_ruleset(cache=FolderCache(Path(sys.argv[1])));"
        "print(sorted({'jsonschema', 'jsonschema_rs'} & set(sys.modules)))"
    )

    def imported() -> str:
        run = [sys.executable, "-c", code, str(tmp_path)]
        return subprocess.run(run, capture_output=True, text=True, check=True).stdout.strip()

    assert imported() == "['jsonschema_rs']"  # a miss: checked, and the cache written
    assert imported() == "[]"  # a hit
