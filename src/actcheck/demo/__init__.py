"""The demo programme: an admin, an advisor, four founders and a dozen assessments across
every tier, from the answers files in `answers/`, so a first run shows a live dashboard.

Demo accounts have a known password: `load` refuses a database that already holds
accounts or assessments, and the `actcheck demo` command refuses production.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from actcheck.demo.plans import load_plans
from actcheck.models import AccountRole, Assessment, CohortAdvisor, ReviewStatus, User
from actcheck.rules.answers import parse_document, read_answers
from actcheck.rules.model import Ruleset
from actcheck.services import accounts, reviews
from actcheck.services import assessments as assessments_service
from actcheck.services.owners import Owner

log = logging.getLogger(__name__)

ANSWERS = Path(__file__).resolve().parent / "answers"
PASSWORD = "actcheck-demo"  # noqa: S105 - printed on purpose: the demo's logins
ORGANISATIONS = {
    "Acme Analytics SAS": "ada@acme.example",
    "Nordlicht GmbH": "jonas@nordlicht.example",
    "Tulipa BV": "sanne@tulipa.example",
    "Lumen Labs SRL": "ioana@lumen.example",
}
# What the advisor has done so far, by answers file: the dashboard shows every status.
PROGRESS = {
    "01-talentmatch": ReviewStatus.REVIEWED,
    "02-chatdesk": ReviewStatus.SUBMITTED,
    "04-civicscore": ReviewStatus.CHANGES_REQUESTED,
    "05-hirelens": ReviewStatus.IN_REVIEW,
    "06-helpbot": ReviewStatus.SUBMITTED,
    "07-spreadsheet": ReviewStatus.REVIEWED,
    "08-routeplan": ReviewStatus.SUBMITTED,
    "09-shortlist": ReviewStatus.CHANGES_REQUESTED,
    "10-socialrank": ReviewStatus.SUBMITTED,
    "11-faqassist": ReviewStatus.IN_REVIEW,
    "12-macrotool": ReviewStatus.SUBMITTED,
}


class NotEmpty(RuntimeError):
    """The database already has accounts or assessments: the demo is not loaded."""


#: The programme's staff: role, address and name of the admin and of the advisor.
STAFF = (
    (AccountRole.ADMIN, "admin@demo.example", "Demo admin"),
    (AccountRole.ADVISOR, "advisor@demo.example", "Grace (advisor)"),
)


@dataclass(frozen=True)
class Login:
    role: str
    email: str
    password: str


def is_empty(session: Session) -> bool:
    users = session.scalar(select(func.count()).select_from(User))
    items = session.scalar(select(func.count()).select_from(Assessment))
    return not users and not items


def load(session: Session, ruleset: Ruleset) -> list[Login]:
    """Create the demo programme; returns the logins to print. The caller commits.

    Raises:
        NotEmpty: the database is not empty.
    """
    if not is_empty(session):
        raise NotEmpty
    staff = {
        role: accounts.create_user(session, email=email, password=PASSWORD, name=name, role=role)
        for role, email, name in STAFF
    }
    admin, advisor = staff[AccountRole.ADMIN], staff[AccountRole.ADVISOR]
    cohort = accounts.create_cohort(session, name="Demo programme 2027", actor=admin)
    session.add(CohortAdvisor(cohort_id=cohort.id, user_id=advisor.id))
    founders: dict[str, User] = {}
    logins = [Login(role, user.email, PASSWORD) for role, user in staff.items()]
    for org_name, email in ORGANISATIONS.items():
        organisation = accounts.create_organisation(session, name=org_name, cohort=cohort)
        founders[org_name] = accounts.create_user(
            session,
            email=email,
            password=PASSWORD,
            name=email.split("@")[0].title(),
            role=AccountRole.FOUNDER,
            organisation=organisation,
        )
        logins.append(Login(AccountRole.FOUNDER, email, PASSWORD))
    systems: dict[str, Assessment] = {}
    for path in sorted(ANSWERS.glob("*.yaml")):
        document = parse_document(path.read_text(encoding="utf-8"), name=path.name)
        checked = read_answers(document, ruleset, strict=False, name=path.name)
        org_name = str(checked.answers.get("org.name"))
        founder = founders[org_name]
        assert founder.organisation_id is not None  # noqa: S101
        item = assessments_service.create(
            session,
            owner=Owner.organisation(founder.organisation_id),
            ruleset=ruleset,
            answers=checked.answers,
        )
        systems[path.stem] = item
        status = PROGRESS.get(path.stem)
        if status is None:
            continue
        reviews.submit(session, item, actor=founder)
        if status == ReviewStatus.SUBMITTED:
            continue
        reviews.start_review(session, item, actor=advisor)
        if status == ReviewStatus.CHANGES_REQUESTED:
            reviews.add_comment(
                session,
                item,
                actor=advisor,
                ruleset=ruleset,
                question_id="system.description",
                body="Describe who uses the output and what decisions it feeds.",
            )
            reviews.decide(session, item, ReviewStatus.CHANGES_REQUESTED, actor=advisor)
        elif status == ReviewStatus.REVIEWED:
            if path.stem == "07-spreadsheet":
                reviews.set_note(
                    session,
                    item,
                    actor=advisor,
                    tier="minimal_risk",
                    justification="The macros learn thresholds from past data: we read it as "
                    "an AI system (Art. 3(1)); check with counsel.",
                )
            reviews.decide(session, item, ReviewStatus.REVIEWED, actor=advisor)
    load_plans(
        session,
        ruleset,
        systems,
        {f.organisation_id: f for f in founders.values() if f.organisation_id is not None},
        today=dt.date.today(),
    )
    session.flush()
    log.info("demo programme loaded")
    return logins
