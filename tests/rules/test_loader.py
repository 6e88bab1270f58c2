"""The loader refuses a bad rule set with `file:line: what is wrong`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from actcheck.rules.loader import _Loader, ruleset_sha256
from actcheck.rules.loading import RulesetError
from actcheck.rules.model import Ruleset


def load(root: Path) -> Ruleset:
    return _Loader(root).load()


def problems(root: Path) -> str:
    with pytest.raises(RulesetError) as caught:
        load(root)
    return "\n".join(caught.value.problems)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_the_shipped_rule_set_is_valid(ruleset: Ruleset) -> None:
    assert len(ruleset.questions) == 56
    assert ruleset.rules
    assert ruleset.obligations
    assert len(ruleset.sha256) == 64


def test_unknown_key_in_a_question(rules_copy: Path) -> None:
    path = rules_copy / "questions/01-organisation.yaml"
    edit(path, "  - id: org.size\n", "  - id: org.size\n    colour: blue\n")
    assert (
        f"rules/questions/01-organisation.yaml:{line_of(path, 'id: org.size')}: question org.size: unknown key 'colour'"
        in problems(rules_copy)
    )


def test_condition_naming_an_unknown_question(rules_copy: Path) -> None:
    path = rules_copy / "classification/07-transparency.yaml"
    edit(
        path,
        '{answer: transparency.deep_fake, equals: "yes"}',
        '{answer: transparency.deepfake, equals: "yes"}',
    )
    out = problems(rules_copy)
    assert (
        f"rules/classification/07-transparency.yaml:{line_of(path, 'transparency.deepfake')}: rule art50-4-deep-fake when: unknown question 'transparency.deepfake'"
        in out
    )


def test_condition_naming_an_unknown_value(rules_copy: Path) -> None:
    path = rules_copy / "classification/01-scope.yaml"
    edit(
        path, '{answer: scope.military, equals: "yes"}', '{answer: scope.military, equals: "maybe"}'
    )
    assert "'maybe' is not a value of 'scope.military'; allowed: yes, no" in problems(rules_copy)


def test_condition_with_an_unknown_form_is_not_evaluated(rules_copy: Path) -> None:
    path = rules_copy / "classification/01-scope.yaml"
    edit(
        path,
        'when: {answer: scope.military, equals: "yes"}',
        "when: {python: \"__import__('os').system('true')\"}",
    )
    assert "rule military-exclusion when: unknown key 'python'; allowed: all, answer," in problems(
        rules_copy
    )


def test_obligation_without_articles(rules_copy: Path) -> None:
    path = rules_copy / "obligations/01-general.yaml"
    text = path.read_text()
    start = text.index("    articles:")
    end = text.index("\n", start)
    path.write_text(text[:start] + text[end + 1 :])
    assert "obligation ai-literacy: 'articles' is required" in problems(rules_copy)


def test_obligation_with_an_unknown_date(rules_copy: Path) -> None:
    path = rules_copy / "obligations/01-general.yaml"
    edit(path, "applies_from: prohibitions", "applies_from: someday")
    assert "obligation ai-literacy: unknown date 'someday'" in problems(rules_copy)


def test_obligation_without_a_date(rules_copy: Path) -> None:
    path = rules_copy / "obligations/01-general.yaml"
    edit(path, "    applies_from: prohibitions\n", "")
    assert "obligation ai-literacy: 'applies_from' is required" in problems(rules_copy)


def test_a_question_no_path_reaches(rules_copy: Path) -> None:
    path = rules_copy / "questions/01-organisation.yaml"
    edit(
        path,
        'when: {answer: org.public_body, equals: "no"}',
        'when: {all: [{answer: org.public_body, equals: "yes"}, {answer: org.public_body, equals: "no"}]}',
    )
    assert "question org.public_service: no path of the questionnaire reaches it" in problems(
        rules_copy
    )


def test_a_question_condition_naming_a_later_question(rules_copy: Path) -> None:
    path = rules_copy / "questions/01-organisation.yaml"
    edit(
        path,
        "  - id: org.size\n",
        '  - id: org.size\n    when: {answer: system.is_ai_system, equals: "yes"}\n',
    )
    assert "question 'system.is_ai_system' is not asked before this one" in problems(rules_copy)


def test_duplicate_ids(rules_copy: Path) -> None:
    path = rules_copy / "classification/01-scope.yaml"
    edit(path, "id: no-eu-nexus", "id: not-an-ai-system")
    assert "id 'not-an-ai-system' is used twice" in problems(rules_copy)


def test_malformed_article_reference(rules_copy: Path) -> None:
    path = rules_copy / "classification/01-scope.yaml"
    edit(path, 'articles: ["Art. 2(3)"]', 'articles: ["article 2, paragraph 3"]')
    assert "article reference 'article 2, paragraph 3' is not written like 'Art. 6(2)'" in problems(
        rules_copy
    )


def test_missing_language(rules_copy: Path) -> None:
    path = rules_copy / "ruleset.yaml"
    edit(path, "languages: [en, fr]", "languages: [en, fr, de]")
    assert "has no 'de' text" in problems(rules_copy)


def test_fact_used_before_any_rule_sets_it(rules_copy: Path) -> None:
    path = rules_copy / "classification/01-scope.yaml"
    edit(path, 'when: {answer: scope.military, equals: "yes"}', "when: {fact: high_risk_full}")
    assert "fact 'high_risk_full' is not set by any earlier classification rule" in problems(
        rules_copy
    )


def test_yaml_syntax_error_gives_file_and_line(rules_copy: Path) -> None:
    path = rules_copy / "dates.yaml"
    edit(path, "  - id: gpai\n", "  - id: gpai\n   bad: [indent\n")
    assert "rules/dates.yaml:" in problems(rules_copy)
    assert "not valid YAML" in problems(rules_copy)


def test_unsure_means_is_required_on_tri_state(rules_copy: Path) -> None:
    path = rules_copy / "questions/03-scope.yaml"
    text = path.read_text()
    path.write_text(text.replace('unsure_means: "no"', "", 1))
    assert "a tri_state question needs unsure_means" in problems(rules_copy)


def test_the_hash_changes_with_any_rule_file(rules_copy: Path) -> None:
    before = ruleset_sha256(rules_copy)
    edit(rules_copy / "dates.yaml", "2027-12-02", "2027-12-03")
    assert ruleset_sha256(rules_copy) != before


# Issue 13: every rule, obligation, question and date is sourced, with EUR-Lex deep links.

ART_4 = (
    '    sources: [{title: "Regulation (EU) 2024/1689, Article 4", href: '
    '"https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=CELEX:32024R1689#art_4", '
    "status: reported, checked_on: 2026-12-03}]\n"
)


@pytest.mark.parametrize(
    ("file", "what"),
    [
        ("obligations/01-general.yaml", "obligation"),
        ("classification/01-scope.yaml", "rule"),
        ("questions/01-organisation.yaml", "question"),
        ("dates.yaml", "date"),
    ],
)
def test_an_entry_without_sources_is_refused(rules_copy: Path, file: str, what: str) -> None:
    path = rules_copy / file
    text = path.read_text()
    start = text.index("    sources:")
    end = text.index("\n", start)
    path.write_text(text[:start] + text[end + 1 :])
    assert f"rules/{file}:" in problems(rules_copy)
    assert re.search(f"{what} [^:]+: 'sources' is required", problems(rules_copy))


def test_a_source_off_eur_lex_or_without_its_date_is_refused(rules_copy: Path) -> None:
    path = rules_copy / "obligations/01-general.yaml"
    edit(path, ART_4, ART_4.replace("https://eur-lex.europa.eu/", "https://example.com/"))
    found = problems(rules_copy)
    assert "obligation ai-literacy: source 1 href 'https://example.com/legal-content" in found
    assert "is not an https://eur-lex.europa.eu/ address" in found
    edit(path, "https://example.com/", "https://eur-lex.europa.eu/")
    edit(path, ", checked_on: 2026-12-03}]\n", "}]\n")
    assert "'checked_on' is required" in problems(rules_copy)


def test_every_article_cited_needs_a_source_linking_to_it(rules_copy: Path) -> None:
    path = rules_copy / "obligations/01-general.yaml"
    edit(path, 'articles: ["Art. 4"]', 'articles: ["Art. 4", "Art. 26(2)"]')
    assert (
        "obligation ai-literacy: no source links to Art. 26(2): add one with href "
        "https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=CELEX:32024R1689#art_26"
    ) in problems(rules_copy)


def test_a_range_of_paragraphs_is_not_a_reference(rules_copy: Path) -> None:
    path = rules_copy / "obligations/01-general.yaml"
    edit(path, 'articles: ["Art. 4"]', 'articles: ["Art. 5(2)-(7)"]')
    assert "article reference 'Art. 5(2)-(7)' is not written like" in problems(rules_copy)


def test_the_shipped_rules_cite_no_range_anywhere(ruleset: Ruleset) -> None:
    root = Path(__file__).resolve().parents[2] / "rules"
    ranges = [
        f"{p.relative_to(root)}:{n}"
        for p in root.rglob("*.yaml")
        for n, line in enumerate(p.read_text().splitlines(), 1)
        if re.search(r"\)-\(", line)
    ]
    assert ranges == []


def test_a_rule_set_read_from_the_cache_is_the_one_parsed(tmp_path: Path) -> None:
    """The cached path skips the checks (the cache holds only checked rule sets): it must
    give back the same texts, dates and sources."""
    from actcheck.rules import loading
    from actcheck.rules_cache import FolderCache

    cache = FolderCache(tmp_path)
    loading.forget_loaded()
    parsed = loading.load_ruleset(cache=cache)
    assert list(tmp_path.glob("ruleset-*.pickle")), "the cache was not written"
    loading.forget_loaded()
    cached = loading.load_ruleset(cache=cache)
    loading.forget_loaded()
    assert cached is not parsed  # thawed from the file, not this process's copy

    def srcs(entry: object) -> list[tuple[object, ...]]:
        return [(s.title, s.href, s.status, s.checked_on) for s in entry.sources]  # type: ignore[attr-defined]

    def view(rs: Ruleset) -> list[object]:
        entries = [*rs.rules, *rs.obligations.values(), *rs.questions.values()]
        out: list[object] = [(d.id, d.date, d.label, srcs(d)) for d in rs.dates.values()]
        out += [
            (e.id, getattr(e, "summary", None), getattr(e, "note", None), srcs(e)) for e in entries
        ]
        out += [(r.id, r.because) for r in rs.rules]
        return out

    assert view(cached) == view(parsed)
    assert any(
        "{when:" in (o.summary or {}).get("en", "") or "{when:" in str(o.note)
        for o in cached.obligations.values()
    )


def test_obligation_without_a_kind(rules_copy: Path) -> None:
    edit(rules_copy / "obligations/01-general.yaml", "    kind: ongoing\n", "")
    assert "obligation ai-literacy: 'kind' is required" in problems(rules_copy)


def test_obligation_with_an_unknown_kind_or_weight(rules_copy: Path) -> None:
    path = rules_copy / "obligations/01-general.yaml"
    edit(path, "    kind: ongoing\n", "    kind: someday\n    weight: 12\n")
    found = problems(rules_copy)
    assert "obligation ai-literacy kind" in found
    assert "obligation ai-literacy: weight 12 must be a whole number from 0 to 9" in found


def test_every_choice_of_a_two_step_question_is_the_use_of_exactly_one_area(
    rules_copy: Path,
) -> None:
    path = rules_copy / "questions/07-annex-iii.yaml"
    edit(
        path, "uses: [justice.judicial_assistance]", "uses: [justice.judge, employment.recruitment]"
    )
    found = problems(rules_copy)
    assert "area justice lists 'justice.judge', not a choice" in found
    assert "'employment.recruitment' is in areas employment and justice" in found
    assert "choice 'justice.judicial_assistance' is in no area" in found


def test_areas_are_for_any_of_questions_only(rules_copy: Path) -> None:
    path = rules_copy / "questions/07-annex-iii.yaml"
    areas = path.read_text().split("    areas:\n", 1)[1].split("    choices:\n", 1)[0]
    edit(path, '    unsure_means: "yes"\n', '    unsure_means: "yes"\n    areas:\n' + areas)
    assert "is for any_of questions only" in problems(rules_copy)
