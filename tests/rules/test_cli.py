"""The actcheck command, as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from actcheck.cli import main

from .conftest import answers_file

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "src/actcheck/schemas/result-v1.json").read_text())


def write(tmp_path: Path, doc: object, name: str = "answers.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(doc))
    return path


def test_assess_prints_a_readable_summary() -> None:
    result = CliRunner().invoke(
        main, ["assess", str(ROOT / "examples/cv-screening.yaml"), "--as-of", "2026-11-28"]
    )
    assert result.exit_code == 0, result.output
    assert "HIGH-RISK" in result.output
    assert "Annex III point 4(a)" in result.output
    assert "As provider:" in result.output
    assert "As deployer:" in result.output
    assert "In force now:" in result.output
    assert "Coming:" in result.output
    assert "Risk management system (Art. 9" in result.output
    assert "from 2 December 2027, in 369 days" in result.output
    assert "since 2 February 2025" in result.output


def test_assess_speaks_french_with_the_official_terms() -> None:
    result = CliRunner().invoke(
        main,
        [
            "assess",
            str(ROOT / "examples/cv-screening.yaml"),
            "--as-of",
            "2026-11-28",
            "--lang",
            "fr",
        ],
    )
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "À HAUT RISQUE :" in out
    assert "En tant que fournisseur :" in out
    assert "En tant que déployeur :" in out
    assert "annexe III, point 4 a)" in out
    assert "à partir du 2 décembre 2027, dans 369 jours" in out
    assert "Système de gestion des risques" in out
    assert "ne constitue pas un conseil juridique" in out


def test_assess_json_in_french_keeps_the_ids() -> None:
    result = CliRunner().invoke(
        main, ["assess", str(ROOT / "examples/cv-screening.yaml"), "--json", "--lang", "fr"]
    )
    data = json.loads(result.output)
    jsonschema.validate(data, SCHEMA)
    risk = next(o for o in data["obligations"] if o["id"] == "hr-risk-management")
    assert risk["title"] == "Système de gestion des risques"
    assert data["tier"] == "high_risk"


def test_an_unknown_language_is_refused() -> None:
    result = CliRunner().invoke(
        main, ["assess", str(ROOT / "examples/cv-screening.yaml"), "--lang", "de"]
    )
    assert result.exit_code == 2
    assert "choose one of en, fr" in result.stderr


def test_assess_json_is_the_spec_result(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        answers_file(
            annex_iii__areas=["employment.recruitment"],
            annex_iii__profiling="yes",
            system__placed_before_application="no",
        ),
    )
    result = CliRunner().invoke(main, ["assess", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    jsonschema.validate(data, SCHEMA)
    assert data["tier"] == "high_risk"
    assert {
        "id": "hr-risk-management",
        "title": "Risk management system",
        "role": "provider",
        "articles": ["Art. 9", "Art. 16(a)"],
        "applies_from": "2027-12-02",
    } in data["obligations"]
    assert data["trace"][-1]["rule"] == "annex-iii-4a-recruitment"


def test_bad_answers_exit_2_with_every_problem(tmp_path: Path) -> None:
    doc = answers_file(org__size="tiny", system__rolez=["provider"])
    result = CliRunner().invoke(main, ["assess", str(write(tmp_path, doc))])
    assert result.exit_code == 2
    assert "org.size: 'tiny' is not allowed" in result.stderr
    assert "unknown question id 'system.rolez'. Did you mean 'system.roles'?" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_missing_file_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["assess", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "cannot read" in result.stderr


def test_stdin_is_read_with_a_dash() -> None:
    text = yaml.safe_dump(answers_file())
    result = CliRunner().invoke(main, ["assess", "-", "--json"], input=text)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["tier"] == "minimal_risk"


def test_questions_lists_every_id_kind_and_value() -> None:
    result = CliRunner().invoke(main, ["questions", "--json"])
    rows = json.loads(result.output)
    assert len(rows) == 56
    size = next(r for r in rows if r["id"] == "org.size")
    assert size["kind"] == "one_of"
    assert size["values"] == ["micro", "small", "medium", "small_mid_cap", "large"]
    text = CliRunner().invoke(main, ["questions"]).output
    assert "annex_iii.areas  [any_of (a list): biometrics.remote_identification" in text


def test_template_is_an_answers_file_that_names_what_is_missing(tmp_path: Path) -> None:
    template = CliRunner().invoke(main, ["template"]).output
    doc = yaml.safe_load(template)
    assert doc["actcheck"] == 1
    assert len(doc["answers"]) == 56
    result = CliRunner().invoke(main, ["assess", str(write(tmp_path, doc))])
    assert result.exit_code == 2
    assert "have no answer" in result.stderr


def test_rules_check_and_test_pass() -> None:
    check = CliRunner().invoke(main, ["rules", "check"])
    assert check.exit_code == 0
    assert "is valid" in check.output
    run = CliRunner().invoke(main, ["rules", "test"])
    assert run.exit_code == 0, run.output
    assert run.output.strip().endswith("0 failed")


def test_rules_test_reports_a_failing_case_readably(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(
        "cases:\n"
        "  - name: A recruiter tool wrongly expected minimal\n"
        "    decided_by: Art. 6(2)\n"
        "    answers: {system.is_ai_system: 'yes', system.roles: [provider], system.eu_nexus: 'yes', annex_iii.areas: [employment.recruitment], annex_iii.profiling: 'yes'}\n"
        "    expect: {tier: minimal_risk, obligations_include: [transparency-marking@provider]}\n"
    )
    run = CliRunner().invoke(main, ["rules", "test", "--scenarios", str(tmp_path)])
    assert run.exit_code == 1
    assert "bad.yaml:2: A recruiter tool wrongly expected minimal" in run.output
    assert "tier: expected minimal_risk, got high_risk" in run.output
    assert "expected obligation transparency-marking@provider (Art. 50(2)" in run.output
    assert "1 failed" in run.output


def test_the_installed_command_runs_as_a_process() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "actcheck",
            "assess",
            str(ROOT / "examples/cv-screening.yaml"),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["tier"] == "high_risk"


def _alias_bomb() -> str:
    lines = ["actcheck: 1", 'l0: &l0 ["x","x","x","x","x","x","x","x","x"]']
    for level in range(1, 9):
        lines.append(f"l{level}: &l{level} [" + ",".join([f"*l{level - 1}"] * 9) + "]")
    return "\n".join([*lines, "answers:", "  org.size: *l8"]) + "\n"


ALIASES = "uses YAML aliases (*name): write each answer out in full"
TOO_DEEP = "is nested more than 50 levels deep, so it cannot be an answers file"


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bomb.yaml", _alias_bomb(), ALIASES),
        ("deep.json", '{"a":' * 100_000, TOO_DEEP),
        ("deep-lists.json", '{"a":' + "[" * 100_000, TOO_DEEP),
        ("deep.yaml", "a: " + "[" * 10_000 + "]" * 10_000, TOO_DEEP),
        ("deep-block.yaml", "".join(" " * i + "a:\n" for i in range(400)), TOO_DEEP),
    ],
    ids=["alias-bomb", "json-mappings", "json-lists", "yaml-flow", "yaml-block"],
)
@pytest.mark.parametrize("command", ["assess", "report"])
def test_a_hostile_file_is_refused_quickly_without_a_traceback(
    tmp_path: Path, command: str, name: str, text: str, message: str
) -> None:
    """The CLI reads answers through the same guarded parser as the web upload."""
    path = tmp_path / name
    path.write_text(text)
    out = tmp_path / "out.pdf"
    args = [command, str(path), *(["-o", str(out)] if command == "report" else [])]
    started = time.monotonic()
    result = CliRunner().invoke(main, args)
    assert time.monotonic() - started < 5
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert result.stderr.startswith(f"{path}: cannot assess these answers:\n  - {path} ")
    assert message in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert len(result.stderr) < 1_000
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "quick"),
    [
        (["assess", "f.yaml", "--json"], True),
        (["assess", "--json", "f.yaml"], True),
        (["assess", "f.yaml", "--lang", "fr", "--json"], True),
        (["assess", "f.yaml", "--lang=fr"], True),
        (["assess", "-", "--json"], True),
        (["questions"], True),
        (["questions", "--json"], True),
        (["assess", "f.yaml", "--as-of", "2026-11-28"], False),
        (["assess", "f.yaml", "--lang"], False),
        (["assess", "--json"], False),
        (["assess", "a.yaml", "b.yaml"], False),
        (["assess", "f.yaml", "--help"], False),
        (["assess", "f.yaml", "--", "g"], False),
        (["questions", "--lang", "fr"], False),
        (["questions", "extra"], False),
        (["report", "f.yaml", "-o", "x.pdf"], False),
        (["--help"], False),
        ([], False),
    ],
)
def test_only_the_common_forms_skip_click(args: list[str], quick: bool) -> None:
    from actcheck.__main__ import quick_command

    assert (quick_command(args) is not None) is quick


@pytest.mark.parametrize(
    "args",
    [
        ["assess", str(ROOT / "examples/cv-screening.yaml"), "--json"],
        ["assess", str(ROOT / "examples/cv-screening.yaml"), "--lang=fr"],
        ["assess", str(ROOT / "examples/cv-screening.yaml"), "--lang", "de"],
        ["assess", str(ROOT / "nope.yaml"), "--json"],
        ["questions"],
    ],
    ids=["json", "summary-fr", "bad-language", "missing-file", "questions"],
)
def test_a_quick_form_prints_what_click_prints(args: list[str]) -> None:
    """The quick forms and the click commands run the same code: same bytes, same status."""
    via_click = CliRunner().invoke(main, args)
    quick = subprocess.run(
        [sys.executable, "-m", "actcheck", *args], capture_output=True, text=True, check=False
    )
    assert (quick.returncode, quick.stdout, quick.stderr) == (
        via_click.exit_code,
        via_click.stdout,
        via_click.stderr,
    )
