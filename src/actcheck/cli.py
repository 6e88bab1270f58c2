"""The `actcheck` command.

Start-up time matters (`actcheck assess` is run in scripts and CI): the common forms of
`assess` and `questions` do not even come here (`actcheck.__main__` runs them from
`actcheck.commands` without click); this module imports only the pure core at the top, and
Flask, SQLAlchemy and WeasyPrint inside the commands that need them.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from actcheck import commands
from actcheck.cli_draft import draft_cmd
from actcheck.commands import (
    EXIT_BAD_INPUT,
    load_answers_document,
    read_answers_source,
)
from actcheck.rules.loading import RulesetError
from actcheck.rules.model import Kind, text_in

__all__ = ["EXIT_BAD_INPUT", "load_answers_document", "main", "read_answers_source"]


@click.group()
@click.version_option(package_name="actcheck")
def main() -> None:
    """actcheck: where your AI system stands under the EU AI Act."""


main.add_command(draft_cmd)


@main.command("assess")
@click.argument("file", metavar="FILE")
@click.option(
    "--json", "as_json", is_flag=True, help="Print the result object (answers format v1)."
)
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date to split obligations into in force / coming (default: today).",
)
@click.option("--lang", default="en", show_default=True, help="Language of the output: en or fr.")
def assess_cmd(file: str, as_json: bool, as_of: dt.datetime | None, lang: str) -> None:
    """Assess an answers file (YAML or JSON; '-' reads standard input) or a PDF report."""
    commands.assess(file, as_json=as_json, as_of=as_of.date() if as_of else None, lang=lang)


@main.command("report")
@click.argument("file", metavar="FILE")
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="PDF",
    help="Where to write the PDF ('-': standard output).",
)
@click.option("--lang", default="en", show_default=True, help="Language of the report: en or fr.")
@click.option(
    "--date",
    "on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date of assessment printed on the report; dates count from it (default: today).",
)
@click.option("--reference", default=None, help="Assessment reference (default: from the answers).")
@click.option("--no-cache", is_flag=True, help="Render again even when a cached copy exists.")
def report_cmd(
    file: str, output: str, lang: str, on: dt.datetime | None, reference: str | None, no_cache: bool
) -> None:
    """Write the PDF report for an answers file (or re-issue one from a PDF report).

    Finished reports are cached in $ACTCHECK_REPORT_CACHE_DIR (default: a per-user folder
    in the temporary directory), keyed by the answers, rule set, language and template.
    """
    ruleset = commands.ruleset()
    commands.check_language(ruleset, lang)
    result = commands.assessed(file, ruleset)
    # WeasyPrint is imported here only: `actcheck assess` must stay fast.
    from actcheck.services.report import ReportCache, ReportMeta, default_reference, get_report

    day = on.date() if on else dt.date.today()
    meta = ReportMeta(
        assessed_on=day, reference=reference or default_reference(result, day), lang=lang
    )
    pdf = get_report(result, meta, cache=None if no_cache else ReportCache.from_env())
    if output == "-":
        sys.stdout.buffer.write(pdf)
        return
    try:
        Path(output).write_bytes(pdf)
    except OSError as exc:
        click.echo(f"error: cannot write {output}: {exc.strerror}", err=True)
        sys.exit(1)
    click.echo(f"{output}: report {meta.reference} ({len(pdf):,} bytes)", err=True)


@main.command("questions")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable list.")
def questions_cmd(as_json: bool) -> None:
    """List every question id with its kind and allowed values."""
    commands.questions(as_json=as_json)


@main.command("template")
def template_cmd() -> None:
    """Print an answers file to fill in (every question, commented)."""
    ruleset = commands.ruleset()
    lines = [
        "# actcheck answers file. Fill in the answers, delete the questions that do not apply",
        "# to you (actcheck tells you which ones it needs), then run: actcheck assess FILE",
        "actcheck: 1",
        "answers:",
    ]
    for section in ruleset.sections:
        lines.append(f"  # --- {text_in(section.title, 'en')}")
        for q in section.questions:
            lines.append(f"  # {text_in(q.text, 'en')}")
            if q.kind is Kind.TEXT:
                lines.append(f'  {q.id}: ""')
            elif q.kind is Kind.ANY_OF:
                lines.append(f"  # any of: {', '.join(q.values)}")
                lines.append(f"  {q.id}: []")
            else:
                lines.append(f"  # one of: {', '.join(q.values)}")
                lines.append(f"  {q.id}: ")
    click.echo("\n".join(lines))


@main.group("rules")
def rules_group() -> None:
    """Check and test the rule set."""


@rules_group.command("check")
def rules_check() -> None:
    """Validate the rule files; print every problem as file:line."""
    ruleset = commands.ruleset()
    click.echo(
        f"rule set {ruleset.version} is valid: {len(ruleset.questions)} questions, "
        f"{len(ruleset.rules)} rules, {len(ruleset.obligations)} obligations "
        f"(sha256 {ruleset.sha256[:12]})"
    )


def default_scenarios_dir() -> Path | None:
    here = Path(__file__).resolve().parents[2] / "tests" / "scenarios"
    return here if here.is_dir() else None


@rules_group.command("test")
@click.option(
    "--scenarios",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Folder of scenario files (default: tests/scenarios of a checkout).",
)
def rules_test(scenarios: Path | None) -> None:
    """Run every YAML case: the tests in the rules and the scenario files."""
    from actcheck.rules.cases import check_case, rule_cases, scenario_cases

    ruleset = commands.ruleset()
    cases = list(rule_cases(ruleset))
    folder = scenarios or default_scenarios_dir()
    if folder is not None:
        try:
            for file in sorted(folder.glob("*.yaml")):
                cases += scenario_cases(file)
        except RulesetError as exc:
            click.echo("\n".join(exc.problems), err=True)
            sys.exit(1)
    failures = [f for f in (check_case(ruleset, c) for c in cases) if f is not None]
    for failure in failures:
        click.echo(failure.report())
        click.echo("")
    passed = len(cases) - len(failures)
    click.echo(f"{passed} passed, {len(failures)} failed")
    if failures:
        sys.exit(1)


@main.command("worker")
@click.option(
    "--threads",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Reports rendered at once by this process (one per core is the useful size).",
)
def worker_cmd(threads: int) -> None:
    """Render reports in the background, beside the web server (same settings)."""
    from actcheck.web.report.worker import main as run_worker

    sys.exit(run_worker(threads))


@main.command("demo")
@click.option(
    "--if-empty", is_flag=True, help="Do nothing (and succeed) when the database is not empty."
)
def demo_cmd(if_empty: bool) -> None:
    """Load the demo programme (admin, advisor, founders, a dozen assessments) into the
    web app's database, and print its logins. Development only: the passwords are known."""
    import os

    # The web app is imported here only: `actcheck assess` must stay quick to start.
    os.environ.setdefault("ACTCHECK_ENV", "development")
    from actcheck.config import ConfigError
    from actcheck.database import upgrade
    from actcheck.demo import NotEmpty, load
    from actcheck.web.app import create_app
    from actcheck.web.db import database

    try:
        app = create_app()
    except ConfigError as exc:
        click.echo(f"actcheck: {exc}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    if app.config["ENV"] == "production":
        click.echo("actcheck demo: refused in production (its passwords are public).", err=True)
        sys.exit(EXIT_BAD_INPUT)
    with app.app_context():
        db = database()
        upgrade(db.engine)
        with db.sessions() as session:
            try:
                logins = load(session, app.extensions["actcheck.ruleset"])
            except NotEmpty:
                if if_empty:
                    click.echo("The database is not empty: the demo was not loaded.")
                    return
                click.echo("actcheck demo: the database is not empty; nothing loaded.", err=True)
                sys.exit(1)
            session.commit()
    click.echo("Demo programme loaded. Log in with:")
    for login in logins:
        click.echo(f"  {login.role:<8} {login.email:<28} password: {login.password}")
