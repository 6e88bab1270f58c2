"""The compliance plan in the PDF (issue 17): each obligation's card says its status, owner,
target and evidence count; an evidence index (appendix B) lists each piece of evidence;
both "as of" the plan's latest change. What founders typed comes out as plain text; the
key follows the plan; a report without a plan has none of it."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from actcheck.rules.model import Result, Ruleset
from actcheck.services.report import ReportMeta, render_html, render_pdf, report_key
from actcheck.services.report.context import build_context
from actcheck.services.report.plan_status import EvidenceEntry, PlanEntry, PlanSnapshot

from .conftest import ON, ROOT, Rendered, assess_file

AS_OF = dt.datetime(2026, 12, 7, 14, 3, tzinfo=dt.UTC)
HOSTILE = "<script>alert(1)</script>{{ 7*7 }}<b>Bob</b>"
SHA = "0123456789abcdef" * 4


@pytest.fixture(scope="module")
def result(ruleset: Ruleset) -> Result:
    return assess_file(ruleset, ROOT / "examples" / "cv-screening.yaml")


def _plan(result: Result) -> PlanSnapshot:
    """A done item with an uploaded file, a link and a draft; one to do; a not-applicable
    one with its reason; one in progress with a target note; founders' text that tries
    markup."""
    keys = [(o.obligation.id, o.role) for o in result.obligations]
    done, todo, not_applicable, in_progress = keys[0], keys[1], keys[2], keys[3]
    evidence = (
        EvidenceEntry(1, "file", f"policy-{HOSTILE}.pdf", 123_456, SHA, "Alice Martin", AS_OF),
        EvidenceEntry(2, "link", "https://example.eu/a?x=1&y=<z>", 0, "", HOSTILE, AS_OF),
        EvidenceEntry(
            3, "draft", "actcheck-fria-talentia-2026-12-07-en.docx", 45_678, SHA, "", AS_OF
        ),
    )
    return PlanSnapshot(
        as_of=AS_OF,
        entries=(
            PlanEntry(*done, "done", "", "Alice Martin", dt.date(2027, 3, 1), "", evidence),
            PlanEntry(*todo, "todo", "", "", None, "", ()),
            PlanEntry(
                *not_applicable, "not_applicable", f"No staff {HOSTILE}", HOSTILE, None, "", ()
            ),
            PlanEntry(*in_progress, "in_progress", "", "", None, f"Supplier {HOSTILE}", ()),
        ),
    )


def _meta(plan: PlanSnapshot | None, lang: str = "en") -> ReportMeta:
    return ReportMeta(assessed_on=ON, reference="AC-TEST-0001", lang=lang, plan=plan)


def _render(result: Result, meta: ReportMeta) -> Rendered:
    return Rendered(result=result, pdf=render_pdf(result, meta), fetched=(), refused=(), logs=())


@pytest.fixture(scope="module")
def planned(result: Result) -> Rendered:
    return _render(result, _meta(_plan(result)))


def test_each_card_says_the_status_owner_target_and_evidence_count(planned: Rendered) -> None:
    text = planned.text
    assert "Plan status as of 7 Dec 2026, 14:03 UTC." in text
    assert "Done · Owner: Alice Martin · Target: 1 Mar 2027 · 3 pieces of evidence" in text
    assert "Not applicable · Owner:" in text
    assert "WHY IT DOES NOT APPLY: No staff" in text
    assert "In progress · Owner: no owner yet · 0 pieces of evidence" in text
    assert "WHY THIS TARGET: Supplier" in text


def test_the_summary_says_where_the_plan_stands_on_each_duty(planned: Rendered) -> None:
    text = planned.text
    summary = text[text.index("What you do, by kind") : text.index("The three most urgent")]
    assert "What you do, by kind Plan status as of 7 Dec 2026, 14:03 UTC." in summary
    # AI literacy binds both roles: the provider's item is done, the deployer's is to do.
    assert "AI literacy of your staff Provider: Done; Deployer: To do Now" in summary


def test_the_evidence_index_lists_each_piece_with_its_facts(planned: Rendered) -> None:
    text = planned.text
    index = text[text.rindex("B Evidence index") :]
    assert "Plan status as of 7 Dec 2026, 14:03 UTC." in index
    assert "EVIDENCE KIND SIZE AND SHA-256 ADDED BY, ON" in index
    assert "File 123.5 kB" in index
    assert SHA in index.replace(" ", "")
    assert "https://example.eu/a?x=1&y=<z>" in index.replace(" ", "")
    assert "Link \u2013" in index
    assert "Drafted document 45.7 kB" in index
    assert "not known 7 Dec 2026, 14:03 UTC" in index  # the drafted one: no one recorded
    assert "Alice Martin 7 Dec 2026, 14:03 UTC" in index
    assert "3 obligations of the plan have no evidence yet." in index


def test_founders_text_comes_out_as_plain_text(result: Result, planned: Rendered) -> None:
    flat = planned.text.replace(" ", "")
    assert HOSTILE.replace(" ", "") in flat  # printed as typed: no markup, no template ran
    html = render_html(build_context(result, _meta(_plan(result))))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;{{ 7*7 }}&lt;b&gt;Bob&lt;/b&gt;" in html
    assert 'href="https://example.eu' not in html  # a link is text, never followed


def test_the_index_is_bookmarked_and_the_pdf_stays_tagged(planned: Rendered) -> None:
    reader = planned.reader
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert titles[-2:] == ["A Appendix: your answers", "B Evidence index"]
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    contents = " ".join(reader.pages[1].extract_text().split())
    assert "B Evidence index" in contents


def test_a_french_report_says_the_plan_in_french(result: Result) -> None:
    text = _render(result, _meta(_plan(result), "fr")).text
    assert "État du plan au 7 déc. 2026 à 14:03 UTC." in text
    assert "Fait · Responsable : Alice Martin · Date visée : 1 mars 2027 · 3 preuves" in text
    assert "B Index des preuves" in text
    assert "Document rédigé 45,7 ko" in text
    assert "3 obligations du plan n\u2019ont pas encore de preuve." in text


def test_a_report_without_a_plan_has_no_plan_in_it(cv_report: Rendered) -> None:
    text = cv_report.text
    assert "Plan status as of" not in text
    assert "Evidence index" not in text
    assert "pieces of evidence" not in text
    titles = [o.title for o in cv_report.reader.outline if not isinstance(o, list)]
    assert titles[-1] == "A Appendix: your answers"


def test_the_key_follows_the_plan_and_stays_the_same_without_one(result: Result) -> None:
    plan = _plan(result)
    without = report_key(result, _meta(None))
    assert report_key(result, ReportMeta(assessed_on=ON, reference="AC-TEST-0001")) == without
    keyed = report_key(result, _meta(plan))
    assert keyed != without
    assert report_key(result, _meta(_plan(result))) == keyed  # the same plan, the same key
    first = plan.entries[0]
    changes = [
        dataclasses.replace(first, status="in_progress"),
        dataclasses.replace(first, owner="Someone else"),
        dataclasses.replace(first, target_date=None),
        dataclasses.replace(first, evidence=first.evidence[:2]),  # evidence removed
    ]
    keys = {keyed}
    for entry in changes:
        changed = dataclasses.replace(plan, entries=(entry, *plan.entries[1:]))
        keys.add(report_key(result, _meta(changed)))
    keys.add(report_key(result, _meta(dataclasses.replace(plan, as_of=AS_OF + dt.timedelta(1)))))
    assert len(keys) == 6


def test_the_box_of_an_obligation_the_plan_says_is_done_is_ticked(result: Result) -> None:
    html = render_html(build_context(result, _meta(_plan(result))))
    assert html.count('class="box box--done"') == 1  # the one done item of `_plan`
    assert 'class="box box--done"' not in render_html(build_context(result, _meta(None)))
