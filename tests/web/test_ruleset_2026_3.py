"""An assessment stored under rule set 2026.2, reopened under 2026.3, keeps every answer,
asks the two new questions its path reaches and says that they are new (issue 15)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from actcheck.models import Assessment
from founders import FOUNDERS, QUESTION, Founder, stored

NEW = ["system.automated_decisions", "system.affected_persons"]


def _as_if_made_under_2026_2(app: Any, public_id: str) -> dict[str, Any]:
    with app.extensions["actcheck.database"].sessions() as session:
        row = session.scalars(select(Assessment).where(Assessment.public_id == public_id)).one()
        row.answers = {k: v for k, v in row.answers.items() if k not in NEW}
        row.ruleset_version = "2026.2"
        row.ruleset_sha256 = "0" * 64
        session.commit()
        return dict(row.answers)


def test_a_2026_2_assessment_asks_the_new_questions_and_keeps_its_answers(
    app: Any, founder: Founder
) -> None:
    founder.fill(FOUNDERS["limited_risk"])
    before = _as_if_made_under_2026_2(app, founder.public_id)
    assert before["transparency.interaction_obvious"] == "no"  # a yes/no answer of 2026.2
    result = founder.client.get(f"{founder.base}/result")
    assert result.status_code == 302  # incomplete under the new rules: asked, not guessed
    page = founder.page(result.headers["Location"]).text
    assert 'data-question="system.automated_decisions"' in page
    assert "data-new-question" in page
    assert "New in rule set 2026.3" in page
    french = founder.client.get(
        f"{founder.base}/questions/system.affected_persons", headers={"Accept-Language": "fr"}
    ).text
    assert "data-new-question" in french
    assert "Nouveau dans les règles 2026.3" in french
    asked = founder.fill(FOUNDERS["limited_risk"], start=result.headers["Location"])
    assert asked[:2] == NEW
    after = stored(app, founder.public_id)
    assert after.ruleset_version == "2026.3"
    assert {k: v for k, v in after.answers.items() if k not in NEW} == before
    widened = founder.page(f"{founder.base}/questions/transparency.interaction_obvious").text
    assert 'value="unsure"' in widened
    assert (
        'value="no"\n                       checked' in widened or 'value="no" checked' in widened
    )


def test_a_tool_that_is_not_ai_used_on_job_applicants_is_told_what_would_make_it_high_risk(
    founder: Founder,
) -> None:
    """The forward-looking note (rules/classification/00-forward.yaml) reaches the result
    page in both languages; a tool used on consumers only gets none."""
    founder.fill(
        {**FOUNDERS["out_of_scope"], "system.affected_persons": ["job_applicants_or_workers"]}
    )
    page = founder.page(f"{founder.base}/result").text
    assert "Looking ahead: your tool is not an AI system" in page
    assert "high-risk under Art. 6(2)" in page
    french = founder.client.get(f"{founder.base}/result", headers={"Accept-Language": "fr"}).text
    assert "Pour la suite : votre outil n&#39;est pas un système d&#39;IA" in french


def test_a_tool_that_is_not_ai_used_on_consumers_gets_no_forward_note(founder: Founder) -> None:
    founder.fill({**FOUNDERS["out_of_scope"], "system.affected_persons": ["consumers"]})
    page = founder.page(f"{founder.base}/result").text
    assert "Outside the AI Act" in page
    assert "Looking ahead" not in page


def test_a_brand_new_assessment_is_not_told_its_questions_are_new(founder: Founder) -> None:
    answers = FOUNDERS["limited_risk"]
    url = founder.start()
    seen: list[str] = []
    while len(seen) < 60:
        page = founder.page(url).text
        match = QUESTION.search(page)
        assert match, url
        qid = match.group(1)
        seen.append(qid)
        if qid in NEW:
            assert "data-new-question" not in page, qid
        if all(q in seen for q in NEW):
            break
        url = founder.post_answer(qid, answers.get(qid)).headers["Location"]
    assert all(q in seen for q in NEW)
