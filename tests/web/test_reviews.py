"""The review workflow: invite → sign up → fill → submit → review with comments → changes
requested → resubmit → reviewed; frozen versions and what changed; the dashboard, its chart
and CSV; the advisor's note beside the computed tier; re-assessment when the rules change."""

from __future__ import annotations

import csv
import html
import io
import re
from typing import Any

import pytest
from sqlalchemy import select

from founders import FOUNDERS, Founder, csrf_token, stored
from people import Person, make_cohort, make_person, sign_up


def _status(app: Any, public_id: str) -> str:
    from actcheck.models import ReviewState

    row = stored(app, public_id)
    with app.extensions["actcheck.database"].sessions() as session:
        state = session.get(ReviewState, row.id)
        return state.status if state else "draft"


def _post_from(person: Person, page: str, url: str, data: dict[str, Any]) -> Any:
    html = person.client.get(page).text
    return person.client.post(url, data={"csrf_token": csrf_token(html), **data})


def test_the_whole_review_flow(app: Any) -> None:
    from actcheck.models import AuditEvent, Submission

    admin = make_person(app, "admin@example.eu", "admin")
    page = admin.client.get("/admin/cohorts")
    cohort = int(
        admin.client.post(
            "/admin/cohorts", data={"csrf_token": csrf_token(page.text), "name": "Spring"}
        )
        .headers["Location"]
        .rsplit("/", 1)[1]
    )

    def invite(role: str) -> str:
        response = _post_from(
            admin,
            f"/admin/cohorts/{cohort}",
            f"/admin/cohorts/{cohort}",
            {"role": role, "organisation": "Acme SAS"},
        )
        return (
            re.search(r"data-invitation-link>([^<]+)<", response.text)
            .group(1)
            .replace(  # type: ignore[union-attr]
                "http://localhost", ""
            )
        )

    def joined(link: str, email: str) -> Person:
        client, response = sign_up(app, link, email)
        assert response.status_code == 302, response.text[:1000]
        return Person(0, email, "", client)

    founder = joined(invite("founder"), "ada@example.eu")
    advisor = joined(invite("advisor"), "grace@example.eu")

    # fill and submit
    filler = Founder(founder.client)
    filler.fill(FOUNDERS["limited_risk"])
    result_url = f"{filler.base}/result"
    assert "Submit for review" in founder.client.get(result_url).text
    assert _post_from(founder, result_url, f"{filler.base}/submit", {}).status_code == 302
    assert _status(app, filler.public_id) == "submitted"
    assert "Submit for review" not in founder.client.get(result_url).text

    # the advisor sees it, opens it (a GET changes nothing), comments on the whole (now it
    # is in review) and on one question
    board = advisor.client.get("/review/?needs_review=1")
    assert filler.public_id in board.text
    review_url = f"/review/{filler.public_id}"
    page = advisor.client.get(review_url)
    assert page.status_code == 200
    assert _status(app, filler.public_id) == "submitted"
    assert "report.pdf" in page.text
    _post_from(
        advisor,
        review_url,
        f"{review_url}/comments",
        {"question": "", "body": "Looks good overall."},
    )
    assert _status(app, filler.public_id) == "in_review"
    _post_from(
        advisor,
        review_url,
        f"{review_url}/comments",
        {"question": "transparency.interaction_obvious", "body": "Is it really not obvious?"},
    )
    _post_from(advisor, review_url, f"{review_url}/decision", {"decision": "changes_requested"})
    assert _status(app, filler.public_id) == "changes_requested"

    # the founder sees the comments next to the question, changes an answer, resubmits
    check = founder.client.get(f"{filler.base}/check")
    assert "Is it really not obvious?" in check.text
    assert "Looks good overall." in founder.client.get(result_url).text
    response = filler.post_answer("transparency.interaction_obvious", "yes", query="?return=check")
    assert response.status_code == 302
    assert _post_from(founder, result_url, f"{filler.base}/submit", {}).status_code == 302
    assert _status(app, filler.public_id) == "submitted"

    # the advisor sees what changed between the versions, and marks it reviewed
    page = advisor.client.get(review_url)
    assert "What changed from version 1 to version 2" in page.text
    assert "transparency.interaction_obvious" in re.search(
        r"<ul data-diff>(.*?)</ul>", page.text, re.S
    ).group(1)  # type: ignore[union-attr]
    _post_from(advisor, review_url, f"{review_url}/decision", {"decision": "reviewed"})
    assert _status(app, filler.public_id) == "reviewed"

    with app.extensions["actcheck.database"].sessions() as session:
        snapshots = list(session.scalars(select(Submission).order_by(Submission.number)))
        assert [s.number for s in snapshots] == [1, 2]
        assert snapshots[0].answers["transparency.interaction_obvious"] == "no"  # frozen
        assert snapshots[1].answers["transparency.interaction_obvious"] == "yes"
        assert snapshots[0].ruleset_sha256
        assert snapshots[0].result["tier"] == "limited_risk"
        statuses = [
            e.detail
            for e in session.scalars(
                select(AuditEvent).where(AuditEvent.action == "status").order_by(AuditEvent.id)
            )
        ]
        assert [s.split(":")[0] for s in statuses] == [
            "draft → submitted",
            "submitted → in_review",
            "in_review → changes_requested",
            "changes_requested → submitted",
            "submitted → reviewed",  # a decision without a comment: straight from submitted
        ]
        assert all(
            e.actor_id
            for e in session.scalars(select(AuditEvent).where(AuditEvent.action == "status"))
        )


def _cohort_with_submissions(app: Any) -> tuple[Person, Person, dict[str, str]]:
    cohort = make_cohort(app)
    advisor = make_person(app, "grace@example.eu", "advisor", cohort=cohort)
    ids = {}
    for tier in ("high_risk", "limited_risk", "minimal_risk"):
        person = make_person(
            app, f"{tier}@example.eu", "founder", cohort=cohort, organisation=f"Org {tier}"
        )
        founder = person.founder
        founder.fill(FOUNDERS[tier])
        _post_from(person, f"{founder.base}/result", f"{founder.base}/submit", {})
        ids[tier] = founder.public_id
    return advisor, person, ids


def test_the_dashboard_filters_counts_and_exports(app: Any) -> None:
    advisor, _founder, ids = _cohort_with_submissions(app)
    board = advisor.client.get("/review/")
    assert all(i in board.text for i in ids.values())
    assert re.search(r'data-count="high_risk">1<', board.text)
    assert re.search(r'data-count="prohibited">0<', board.text)
    only = advisor.client.get("/review/?tier=high_risk")
    assert ids["high_risk"] in only.text
    assert ids["minimal_risk"] not in only.text
    sorted_page = advisor.client.get("/review/?sort=tier")
    positions = [
        sorted_page.text.index(ids[t]) for t in ("high_risk", "limited_risk", "minimal_risk")
    ]
    assert positions == sorted(positions)
    review_url = f"/review/{ids['high_risk']}"
    _post_from(advisor, review_url, f"{review_url}/comments", {"question": "", "body": "Hm."})
    in_review = advisor.client.get("/review/?status=in_review")
    assert ids["high_risk"] in in_review.text
    assert ids["limited_risk"] not in in_review.text
    exported = advisor.client.get("/review/export.csv")
    assert exported.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert sorted(r["tier"] for r in rows) == ["high_risk", "limited_risk", "minimal_risk"]


def test_the_advisor_note_is_shown_beside_the_computed_tier(app: Any) -> None:
    advisor, _founder, ids = _cohort_with_submissions(app)
    public_id = ids["minimal_risk"]
    review_url = f"/review/{public_id}"
    response = _post_from(
        advisor,
        review_url,
        f"{review_url}/note",
        {"tier": "high_risk", "justification": "The ranking feeds hiring decisions."},
    )
    assert response.status_code == 302
    assert stored(app, public_id).result["tier"] == "minimal_risk"  # never replaced
    owner = Person(0, "minimal_risk@example.eu", "founder", app.test_client())
    assert owner.login().status_code == 302
    result = owner.client.get(f"/assessments/{public_id}/result")
    assert "The ranking feeds hiring decisions." in result.text
    assert "High-risk AI system" in result.text  # the advisor's tier, as a note
    assert "data-advisor-note" in result.text


def test_a_new_rule_set_re_assesses_and_says_what_changed(app: Any) -> None:
    from actcheck.models import Assessment, AuditEvent

    advisor, _founder, ids = _cohort_with_submissions(app)
    public_id = ids["high_risk"]
    with app.extensions["actcheck.database"].sessions() as session:
        row = session.scalars(select(Assessment).where(Assessment.public_id == public_id)).one()
        stale = dict(row.result)
        stale["tier"] = "minimal_risk"
        stale["obligations"] = []
        row.result = stale
        row.ruleset_sha256 = "0" * 64
        row.ruleset_version = "0.0-old"
        session.commit()
    review_url = f"/review/{public_id}"
    page = advisor.client.get(review_url)
    assert "data-rules-changed><p>The rules changed since the last assessment" in page.text
    assert stored(app, public_id).ruleset_sha256 == "0" * 64  # shown; a GET stores nothing
    _post_from(advisor, review_url, f"{review_url}/comments", {"question": "", "body": "See."})
    assert stored(app, public_id).ruleset_sha256 != "0" * 64  # acting on it stores it
    assert "minimal_risk → high_risk" in advisor.client.get(review_url).text  # the history
    with app.extensions["actcheck.database"].sessions() as session:
        events = list(session.scalars(select(AuditEvent).where(AuditEvent.action == "reassessed")))
        assert len(events) == 1


def test_the_pdf_prints_the_advisor_note_beside_the_result(app: Any) -> None:
    from pypdf import PdfReader

    advisor, _founder, ids = _cohort_with_submissions(app)
    public_id = ids["minimal_risk"]
    review_url = f"/review/{public_id}"
    _post_from(
        advisor,
        review_url,
        f"{review_url}/note",
        {"tier": "high_risk", "justification": "The ranking feeds hiring decisions."},
    )
    response = advisor.client.get(f"/assessments/{public_id}/report.pdf")
    assert response.status_code == 200
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages[:2])
    assert "hiring decisions" in " ".join(text.split())


def test_advisors_comment_on_a_chosen_question_and_the_founder_replies(app: Any) -> None:
    advisor, _founder, ids = _cohort_with_submissions(app)
    public_id = ids["limited_risk"]
    review_url = f"/review/{public_id}"
    page = advisor.client.get(review_url).text
    # The question is chosen from the assessment's own questions, by their wording.
    assert '<option value="">The whole assessment</option>' in page
    assert re.search(
        r'<option value="transparency.interaction_obvious">Is it obvious to people[^<]*'
        r"\(transparency.interaction_obvious\)</option>",
        page,
    )
    assert 'value="prohibited.csam"' in page  # every question on its path
    assert 'autocomplete="None"' not in page
    assert 'value="annex_i.product_type"' not in page  # not one it never reached
    _post_from(
        advisor,
        review_url,
        f"{review_url}/comments",
        {"question": "transparency.interaction_obvious", "body": "Is it really not obvious?"},
    )
    member = make_person(
        app, "limited_risk-2@example.eu", "founder", login=False
    )  # someone of another organisation
    assert member.login().status_code == 302

    owner = Person(0, "limited_risk@example.eu", "founder", app.test_client())
    assert owner.login().status_code == 302
    result_url = f"/assessments/{public_id}/result"
    result = owner.client.get(result_url).text
    assert "Your reply to your advisors" in result
    response = _post_from(
        owner, result_url, f"/assessments/{public_id}/reply", {"body": "It <b>is</b> obvious."}
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{result_url}#review-title")
    page = owner.client.get(result_url).text
    assert "Your reply was sent to your advisors." in page
    assert "It &lt;b&gt;is&lt;/b&gt; obvious." in page  # escaped, never markup
    assert "It &lt;b&gt;is&lt;/b&gt; obvious." in advisor.client.get(review_url).text

    empty = _post_from(owner, result_url, f"/assessments/{public_id}/reply", {"body": "  "})
    assert empty.status_code == 302
    assert "Enter a reply." in owner.client.get(result_url).text
    stranger = _post_from(member, "/", f"/assessments/{public_id}/reply", {"body": "spam"})
    assert stranger.status_code == 403
    assert "spam" not in advisor.client.get(review_url).text


def test_an_advisors_home_is_the_review_dashboard(app: Any) -> None:
    advisor = make_person(app, "grace@example.eu", "advisor", cohort=make_cohort(app))
    response = advisor.client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/review/"
    board = advisor.client.get("/review/").text
    assert "Your assessments" not in board  # they own none: not in the menu
    assert "Start a new assessment" not in board


@pytest.mark.parametrize(
    "text",
    ["=1+1", ' =HYPERLINK("http://x")', "\u200b=1+1", "\ufeff+cmd", "\u00a0\u00a0@SUM(A1)", "\t-2"],
)
def test_the_csv_guard_sees_formulas_behind_spaces_and_invisible_characters(text: str) -> None:
    from actcheck.services.reviews import _cell

    assert _cell(text).startswith("'")


def test_plain_text_is_left_alone_in_the_csv() -> None:
    from actcheck.services.reviews import _cell

    assert _cell("Acme SAS") == "Acme SAS"
    assert _cell(" a - b") == " a - b"


def test_a_comment_too_long_says_so(app: Any) -> None:
    from actcheck.web.reviews.views import _too_long

    with app.test_request_context():
        assert _too_long("x" * 4000) is None
        message = _too_long("x" * 4321)
    assert message is not None
    assert "4,000" in message
    assert "4,321" in message


def test_the_review_page_gives_the_rules_that_applied_in_the_advisors_language(
    app: Any,
) -> None:
    """Each step is worded from the rule set in the page's language, with the stricter-reading
    prefix for an unsure answer, never read back from the English stored with the result."""
    advisor, _founder, ids = _cohort_with_submissions(app)
    english = advisor.client.get(f"/review/{ids['high_risk']}").text
    assert "annex-iii" in english
    assert "You were not sure (annex_iii.profiling), so this is the stricter reading:" in english
    french = html.unescape(
        advisor.client.get(f"/review/{ids['high_risk']}", headers={"Accept-Language": "fr"}).text
    )
    assert "Vous n'étiez pas sûr (annex_iii.profiling)" in french
    assert "lecture la plus stricte" in french
    assert "so this is the stricter reading" not in french
