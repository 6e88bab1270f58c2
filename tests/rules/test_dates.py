"""Dates are computed, not written (issue 13, principle 10): every date in a rule text comes
from dates.yaml, and a text, a summary and a to-do word each date relative to the day of
the assessment, on both sides of every date dates.yaml holds."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from actcheck.cli import main
from actcheck.rules.answers import check_answers
from actcheck.rules.cases import scenario_cases
from actcheck.rules.engine import assess
from actcheck.rules.loader import fill_dates
from actcheck.rules.model import Result, Ruleset, text_in
from actcheck.rules.summary import render_summary
from actcheck.rules.wording import MONTHS, format_date
from founders import FOUNDERS

from .test_loader import edit, problems

ROOT = Path(__file__).resolve().parents[2]
DAY = dt.timedelta(days=1)
SINCE = {
    lang: re.compile(rf"{word} (\d{{1,2}}(?:er)? (?:{'|'.join(MONTHS[lang])}) \d{{4}})")
    for lang, word in (("en", "since"), ("fr", "depuis le"))
}


@pytest.mark.parametrize(
    ("written", "refusal"),
    [
        ("from 2 August 2026", "the date '2 August 2026' is written out: write {date:ID}"),
        ("{when:some_day}", "{when:some_day} names no date of dates.yaml"),
    ],
)
def test_a_text_takes_its_dates_from_dates_yaml_only(
    rules_copy: Path, written: str, refusal: str
) -> None:
    edit(rules_copy / "questions/10-transparency.yaml", "{when:general_application}", written)
    assert refusal in problems(rules_copy)


def test_no_text_of_the_shipped_rules_writes_a_date_out() -> None:
    written = re.compile(
        r"\b\d{1,2}(?:er)? (?:January|February|March|April|May|June|July|August|September|"
        r"October|November|December|janvier|février|mars|avril|mai|juin|juillet|août|"
        r"septembre|octobre|novembre|décembre)\s+\d{4}"
    )
    found = []
    for path in (ROOT / "rules").rglob("*.yaml"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.lstrip().startswith("#") and written.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}")
    assert found == []


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_text_words_every_date_of_dates_yaml_relative_to_the_assessment(
    ruleset: Ruleset, lang: str
) -> None:
    days = {did: d.date for did, d in ruleset.dates.items()}
    for did, day in days.items():
        text = {lang: fill_dates(f"It applies {{when:{did}}}.", lang, days)}
        shown = format_date(day, lang)
        before = text_in(text, lang, day - DAY)
        on = text_in(text, lang, day)
        after = text_in(text, lang, day + DAY)
        if lang == "en":
            assert before == f"It applies from {shown}.", did
            assert on == after == f"It applies since {shown}.", did
        else:
            assert before == f"It applies à partir du {shown}.", did
            assert on == after == f"It applies depuis le {shown}.", did
        assert text_in(text, lang) == before  # no day: "from", true whenever it is read
        assert text_in({lang: fill_dates(f"{{date:{did}}}", lang, days)}, lang) == shown


def _cases(ruleset: Ruleset) -> list[Result]:
    """Every scenario case and founder of the tests, assessed."""
    results = []
    for path in sorted((ROOT / "tests" / "scenarios").glob("*.yaml")):
        for case in scenario_cases(path):
            checked = check_answers(dict(case.answers), ruleset, strict=False)
            results.append(assess(ruleset, checked.answers))
    for answers in FOUNDERS.values():
        results.append(assess(ruleset, check_answers(answers, ruleset, strict=False).answers))
    return results


def _never_since_a_later_day(text: str, lang: str, as_of: dt.date) -> None:
    months = {name: i for i, name in enumerate(MONTHS[lang], 1)}
    for match in SINCE[lang].finditer(text):
        number, month, year = match.group(1).replace("1er", "1").split()
        day = dt.date(int(year), months[month], int(number))
        assert day <= as_of, f"'{match.group()}' in a summary as of {as_of}"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_summary_on_both_sides_of_every_date_an_obligation_applies_from(
    ruleset: Ruleset, lang: str
) -> None:
    results = _cases(ruleset)
    used = {o.applies_from.id for r in results for o in r.obligations}
    catalogue = {c.date.id for o in ruleset.obligations.values() for c in o.applies_from}
    assert catalogue <= used, f"no test case reaches {sorted(catalogue - used)}"
    for did in sorted(catalogue):
        legal = ruleset.dates[did]
        result = next(r for r in results if any(o.applies_from.id == did for o in r.obligations))
        shown = format_date(legal.date, lang)
        before = render_summary(result, as_of=legal.date - DAY, lang=lang)
        on = render_summary(result, as_of=legal.date, lang=lang)
        coming = "from" if lang == "en" else "à partir du"
        since = "since" if lang == "en" else "depuis le"
        assert f"{coming} {shown}" in before, did
        assert f"{since} {shown}" not in before, did
        assert f"{since} {shown}" in on, did
        _never_since_a_later_day(before, lang, legal.date - DAY)
        _never_since_a_later_day(on, lang, legal.date)


def test_the_cli_as_of_on_both_sides_of_every_date(ruleset: Ruleset, tmp_path: Path) -> None:
    """`actcheck assess --as-of`: each founder's summary, the day before and the day of
    every date of dates.yaml, says "from" before and "since" from the day on."""
    runner = CliRunner()
    for name, answers in FOUNDERS.items():
        path = tmp_path / f"{name}.yaml"
        path.write_text(yaml.safe_dump({"actcheck": 1, "answers": answers}))
        for legal in ruleset.dates.values():
            for as_of in (legal.date - DAY, legal.date):
                out = runner.invoke(main, ["assess", str(path), "--as-of", as_of.isoformat()])
                assert out.exit_code == 0, out.output
                _never_since_a_later_day(out.output, "en", as_of)
                assert "{when:" not in out.output
                assert "{date:" not in out.output
