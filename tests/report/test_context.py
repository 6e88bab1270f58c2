"""What the report says, checked on its context: the law it cites and the answers it shows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from actcheck.rules import parse_document
from actcheck.rules.loader import ARTICLE
from actcheck.rules.model import Ruleset
from actcheck.services.report import (
    ReportMeta,
    article_href,
    build_context,
    load_report_law,
    render_html,
)
from actcheck.services.report.messages import MESSAGES, PLURALS
from actcheck.services.report.words import Words

from .conftest import FIXTURES, ROOT, assess_answers

#: Report messages whose French reads as the English ("Organisation", "Dates", "{n}
#: obligations"): a translation that equals its source is otherwise a missing one.
SAME_IN_FRENCH = {
    "cover.organisation",
    "cover.description",
    "howto.dates",
    "howto.articles",
    "timeline.date",
    "limits.dates",
    "ob.count",
}

META = ReportMeta(assessed_on=dt.date(2026, 11, 28), reference="R")


def _answers(path: Path = ROOT / "examples" / "cv-screening.yaml", **changes: Any) -> Any:
    answers = dict(parse_document(path.read_bytes())["answers"])
    answers.update({k.replace("__", "."): v for k, v in changes.items()})
    return answers


def _context(ruleset: Ruleset, **changes: Any) -> dict[str, Any]:
    return build_context(assess_answers(ruleset, _answers(**changes)), META)


def test_each_trace_step_shows_the_answer_that_triggered_it(ruleset: Ruleset) -> None:
    steps = {s.title: s for s in _context(ruleset)["trace"]}
    recruitment = next(
        s for s in steps.values() if "Annex III 4(a)" in [r.text for r in s.articles]
    )
    shown = {a.qid: a for a in recruitment.answers}
    assert "annex_iii.areas" in shown
    assert "Recruiting or selecting people" in shown["annex_iii.areas"].values[0]
    assert all(r.href.startswith("https://eur-lex.europa.eu/") for r in recruitment.articles)
    profiling = next(
        s for s in steps.values() if any(a.qid == "annex_iii.profiling" for a in s.answers)
    )
    answer = next(a for a in profiling.answers if a.qid == "annex_iii.profiling")
    assert answer.unsure
    assert answer.read_as == "Yes"
    # Only the branch that held is shown: the Art. 5 exceptions play no part here.
    assert not any(a.qid.startswith("prohibited.") for a in profiling.answers)


@pytest.mark.parametrize(
    ("size", "lower"),
    [("micro", True), ("small", True), ("medium", True), ("small_mid_cap", True), ("large", False)],
)
def test_the_operator_fine_cap_follows_the_size(ruleset: Ruleset, size: str, lower: bool) -> None:
    bands = {b.id: b for b in _context(ruleset, org__size=size)["bands"]}
    cap = bands["art_99_4"].cap
    assert "€15,000,000 or 3%" in cap
    assert cap.endswith("whichever is lower" if lower else "whichever is higher")
    expected = ["Art. 99(6a)"] if size == "small_mid_cap" else ["Art. 99(6)"]
    assert [r.text for r in bands["art_99_4"].size_refs] == (expected if lower else [])


def test_a_small_mid_cap_keeps_the_higher_cap_for_prohibited_practices(ruleset: Ruleset) -> None:
    context = _context(ruleset, org__size="small_mid_cap", prohibited__social_scoring="yes")
    bands = {b.id: b for b in context["bands"]}
    assert bands["art_99_3"].cap.endswith("whichever is higher")
    assert bands["art_99_4"].size_status == "reported"
    sme = _context(ruleset, org__size="small", prohibited__social_scoring="yes")
    assert {b.id: b for b in sme["bands"]}["art_99_3"].cap.endswith("whichever is lower")


def test_support_is_shown_to_smes_and_small_mid_caps_only(ruleset: Ruleset) -> None:
    small = _context(ruleset, org__size="small")
    titles = [s.title for s in small["support"]]
    assert "Priority access to regulatory sandboxes" in titles
    assert "Free access to sandboxes" in titles
    assert "Simplified technical documentation" in titles
    assert "Lower conformity assessment fees" in titles
    assert "Simplified quality management system for microenterprises" not in titles
    micro = [s.title for s in _context(ruleset, org__size="micro")["support"]]
    assert "Simplified quality management system for microenterprises" in micro
    smc = _context(ruleset, org__size="small_mid_cap")["support"]
    assert smc
    assert all(s.status == "reported" for s in smc)
    large = _context(ruleset, org__size="large")
    assert large["support"] == ()
    assert "support" not in large["section"]


def test_open_points_say_what_the_other_answer_would_change(ruleset: Ruleset) -> None:
    result = assess_answers(ruleset, _answers(FIXTURES / "largest.yaml"))
    points = {p.answer.qid: p for p in build_context(result, META)["open_points"]}
    assert set(result.uncertain) <= set(points)
    research = points["scope.research_only"]
    assert research.changes_result
    assert any("out of scope" in c for c in research.changes)
    assert any("would fall away" in c for c in research.changes)


def test_a_system_out_of_scope_has_no_obligation_section_entries(ruleset: Ruleset) -> None:
    context = _context(ruleset, system__eu_nexus="no")
    assert context["tier"] == "out_of_scope"
    assert context["groups"] == ()
    html = render_html(context)
    assert "no link to the Union" in html


def test_the_legal_data_cites_valid_articles_in_every_language(ruleset: Ruleset) -> None:
    law = load_report_law()
    texts = [b.title for b in law.bands.values()] + [b.covers for b in law.bands.values()]
    texts += [i.title for i in law.support] + [i.text for i in law.support]
    texts += [law.sme.text, law.small_mid_cap.text, law.factors.text]
    for text in texts:
        assert set(ruleset.languages) <= set(text), text
    refs = [a for b in law.bands.values() for a in b.articles]
    refs += [a for i in law.support for a in i.articles]
    assert all(ARTICLE.match(a) for a in refs)


def test_every_report_message_is_translated_in_every_language(ruleset: Ruleset) -> None:
    """Each message of `messages.py` has its own translation (by key) in each catalogue."""
    for lang in ruleset.languages:
        if lang == "en":
            continue
        words = Words(ruleset, lang)
        untranslated = [k for k, text in MESSAGES.items() if words.raw(k) == text]
        untranslated += [
            k for k, (one, other) in PLURALS.items() if words._plural(k, 5) in (one, other)
        ]
        # The few that read the same in French are names and symbols, said here.
        assert set(untranslated) <= SAME_IN_FRENCH, (lang, untranslated)


ACT = "https://eur-lex.europa.eu/legal-content/{}/TXT/HTML/?uri=CELEX:32024R1689"
AMENDING = "https://eur-lex.europa.eu/legal-content/{}/TXT/HTML/?uri=CELEX:32026R1744"


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(
    ("ref", "link"),
    [
        ("Art. 9", ACT + "#art_9"),
        ("Art. 16(a)", ACT + "#art_16"),
        ("Art. 99(6a)", ACT + "#art_99"),
        ("Art. 113, first paragraph", ACT + "#art_113"),
        ("Annex III 4(a)", ACT + "#anx_III"),
        ("Recital 18", ACT + "#rct_18"),
        ("Art. 4a", AMENDING),  # inserted in 2026: not in the 2024 text
        ("", ACT),
    ],
)
def test_article_links_point_into_the_official_journal_in_the_readers_language(
    ruleset: Ruleset, ref: str, link: str, lang: str
) -> None:
    expected = link.format(lang.upper())
    assert article_href(ruleset, ref, lang) == expected
    assert ruleset.link(ref, lang) == expected  # one function for the web and the report


def test_an_unknown_language_is_refused(ruleset: Ruleset) -> None:
    result = assess_answers(ruleset, _answers())
    with pytest.raises(ValueError, match="not available"):
        build_context(result, ReportMeta(META.assessed_on, "R", lang="xx"))


def test_a_trace_step_shows_only_the_choices_its_rule_looked_for(ruleset: Ruleset) -> None:
    result = assess_answers(ruleset, _answers(FIXTURES / "largest.yaml"))
    steps = build_context(result, META)["trace"]
    step = next(s for s in steps if "Annex III 4(b)" in [r.text for r in s.articles])
    areas = next(a for a in step.answers if a.qid == "annex_iii.areas")
    choice = next(
        c
        for c in ruleset.questions["annex_iii.areas"].choices
        if c.value.endswith("work_relationship")
    )
    assert areas.values == (" ".join(choice.label["en"].split()),)


def test_fines_for_the_value_chain_duties_added_in_2026_are_labelled_reported(
    ruleset: Ruleset,
) -> None:
    """Issue 13: Art. 99(4)(da) was inserted by Regulation (EU) 2026/1744 (reported), so the
    Art. 25(2) and (4) duties it makes fineable are not shown under a confirmed band."""
    bands = {b.id: b for b in _context(ruleset)["bands"]}
    added = bands["art_99_4_da"]
    assert added.status == "reported"
    assert [r.text for r in added.articles] == ["Art. 99(4)(da)"]
    assert "Written agreements with your suppliers" in added.obligations
    assert "Written agreements with your suppliers" not in bands["art_99_4"].obligations
    assert bands["art_99_4"].status == "confirmed"
    for obligation in ruleset.obligations.values():
        if any(a.startswith("Art. 25(") for a in obligation.articles):
            assert obligation.penalty.value == "art_99_4_da", obligation.id


def test_each_role_of_the_report_says_why_each_duty_binds_it(ruleset: Ruleset) -> None:
    context = _context(ruleset)
    provider = next(g for g in context["groups"] if g.role == "provider")
    assert any("binds you as provider because:" in d for d in provider.duties)
    assert context["duties_title"] == "Why each duty binds you, or not"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_report_words_every_rule_date_relative_to_its_own_date(
    ruleset: Ruleset, lang: str
) -> None:
    """Issue 13, principle 10: no placeholder reaches the PDF; 'since' a day the report's
    date has reached, 'from' one it has not."""
    result = assess_answers(ruleset, _answers(FIXTURES / "largest.yaml"))
    for day, word in ((dt.date(2025, 2, 1), "from"), (dt.date(2026, 12, 3), "since")):
        html = render_html(build_context(result, ReportMeta(day, "R", lang=lang)))
        assert "{when:" not in html
        assert "{date:" not in html
        phrase = {"from": "à partir du", "since": "depuis le"}[word] if lang == "fr" else word
        assert f"{phrase} 2 {'février' if lang == 'fr' else 'February'} 2025" in html
