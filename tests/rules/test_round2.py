"""Issue 13 (legal round 2): what the CLI and the result say about roles, contradictions
and the questions added in rule set 2026.2."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from actcheck.cli import main
from actcheck.rules.answers import AnswersError, read_answers
from actcheck.rules.engine import ROLE_ALGEBRA, assess, bound_roles
from actcheck.rules.loading import load_ruleset

from .conftest import answers_file

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "src/actcheck/schemas/result-v1.json").read_text())


def _write(tmp_path: Path, doc: object) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(doc))
    return path


def test_rule_set_2026_2_added_four_questions() -> None:
    rules = load_ruleset()
    added = {q.id for q in rules.questions.values() if q.added_in == "2026.2"}
    assert added == {
        "system.placed_before_application",
        "gpai.authorised_representative",
        "deployer.post_rbi_investigation",
        "transparency.law_enforcement_authorised",
    }
    for qid in added:
        question = rules.questions[qid]
        assert question.kind.value == "yes_no"
        for text in (question.text, question.help, question.example):
            assert text is not None
            assert text.get("en")
            assert text.get("fr")
        assert question.sources
        assert all(s.checked_on for s in question.sources)
        assert all(
            s.href.startswith(
                "https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=CELEX:32024R1689#art_"
            )
            for s in question.sources
        )


def test_an_old_answers_file_is_told_which_questions_2026_2_added() -> None:
    rules = load_ruleset()
    doc = answers_file()
    del doc["answers"]["gpai.authorised_representative"]  # type: ignore[attr-defined]
    with pytest.raises(
        AnswersError, match=r"gpai\.authorised_representative \(missing, added in 2026\.2\)"
    ):
        read_answers(doc, rules, strict=True)


def test_no_role_is_said_out_loud_in_the_cli_in_both_languages(tmp_path: Path) -> None:
    path = _write(tmp_path, answers_file(system__roles=[]))
    run = CliRunner().invoke(main, ["assess", str(path)])
    assert run.exit_code == 0, run.output
    assert "No role named" in run.output
    assert "Art. 2(1)" in run.output
    run = CliRunner().invoke(main, ["assess", str(path), "--json"])
    result = json.loads(run.output)
    jsonschema.validate(result, SCHEMA)
    assert any("Art. 2(1)" in w for w in result["warnings"])
    run = CliRunner().invoke(main, ["assess", str(path), "--lang", "fr"])
    assert "Aucun rôle indiqué" in run.output


def test_a_contradiction_is_a_json_note_with_its_article(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        answers_file(
            annex_iii__areas=["law_enforcement.profiling"],
            annex_iii__profiling="no",
            annex_iii__derogation=["narrow_procedural_task"],
            system__placed_before_application="no",
        ),
    )
    run = CliRunner().invoke(main, ["assess", str(path), "--json"])
    result = json.loads(run.output)
    jsonschema.validate(result, SCHEMA)
    assert result["tier"] == "high_risk"
    [note] = result["notes"]
    assert note["question"] == "annex_iii.profiling"
    assert note["answer"] == "no"
    assert "Annex III 6(e)" in note["articles"]
    assert any(w.startswith("Open point: annex_iii.profiling") for w in result["warnings"])


def test_the_role_algebra_is_written_once_and_every_binding_follows_it() -> None:
    assert bound_roles({"importer", "distributor"})[0] == {"importer"}
    assert bound_roles({"provider", "importer", "distributor", "deployer"})[0] == {
        "provider",
        "deployer",
    }
    rules = load_ruleset()
    doc = answers_file(
        system__roles=["importer", "distributor"],
        annex_iii__areas=["employment.recruitment"],
        annex_iii__profiling="yes",
        value_chain__own_name="yes",
        value_chain__substantial_modification="no",
        value_chain__new_purpose="no",
        system__placed_before_application="no",
    )
    result = assess(rules, read_answers(doc, rules, strict=False).answers)
    assert {o.role for o in result.obligations} <= {by for _role, by in ROLE_ALGEBRA} | {
        "deployer",
        "authorised_representative",
        "product_manufacturer",
    }
    assert len(result.remarks_in("en")) == 2  # importer and distributor both set aside
