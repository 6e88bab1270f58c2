"""The `actcheck` command.

Start-up time matters (`actcheck assess` is run in scripts and CI): this module imports only
the pure core at the top; Flask, SQLAlchemy and WeasyPrint are imported inside the commands
that need them.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from actcheck.cli_draft import draft_cmd
from actcheck.rules.answers import AnswersError, assess_document, parse_document
from actcheck.rules.loader import RulesetError, load_ruleset
from actcheck.rules.model import Kind, Result, Ruleset, text_in

if TYPE_CHECKING:
    from actcheck.services.report_embed import ReportOrigin

EXIT_BAD_INPUT = 2


def _ruleset() -> Ruleset:
    from actcheck import rules_cache

    try:
        return load_ruleset(cache=rules_cache.for_command_line())
    except RulesetError as exc:
        click.echo("The rule set is invalid:\n" + "\n".join(exc.problems), err=True)
        sys.exit(1)


def _read_bytes(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        click.echo(f"error: cannot read {path}: {exc.strerror}", err=True)
        sys.exit(EXIT_BAD_INPUT)


def load_answers_document(path: str) -> Any:
    """Parse an answers file, or the answers embedded in an actcheck PDF report."""
    return read_answers_source(path)[0]


def read_answers_source(path: str) -> tuple[Any, ReportOrigin | None]:
    """Parse an answers file or a PDF report; for a report, also what it says it was made
    with (to warn when the rule set has changed since)."""
    data = _read_bytes(path)
    origin = None
    if data.startswith(b"%PDF"):
        from actcheck.services.report_embed import answers_from_pdf, origin_from_pdf

        try:
            origin = origin_from_pdf(data)
            data = answers_from_pdf(data)
        except ValueError as exc:
            raise AnswersError([f"{path}: {exc}"]) from exc
    return parse_document(data, name=path), origin


def _assessed(file: str, ruleset: Ruleset) -> Result:
    """Read, check and assess FILE; exit 2 with every problem when it cannot be assessed."""
    try:
        document, origin = read_answers_source(file)
        result = assess_document(document, ruleset, name=file)
    except AnswersError as exc:
        click.echo(f"{file}: cannot assess these answers:", err=True)
        for problem in exc.problems:
            click.echo(f"  - {problem}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    if origin is not None and origin.ruleset_sha256 != ruleset.sha256:
        made_with = origin.ruleset_version or "an unknown rule set"
        click.echo(
            f"warning: {file} was made with rule set {made_with} "
            f"(sha256 {origin.ruleset_sha256[:12] or 'not recorded'}); the rule set is now "
            f"{ruleset.version} (sha256 {ruleset.sha256[:12]}), so this result may differ "
            f"from the report.",
            err=True,
        )
    return result


def _language(ruleset: Ruleset, lang: str) -> None:
    if lang not in ruleset.languages:
        choices = ", ".join(ruleset.languages)
        click.echo(f"error: --lang {lang!r}: choose one of {choices}", err=True)
        sys.exit(EXIT_BAD_INPUT)


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
    ruleset = _ruleset()
    _language(ruleset, lang)
    result = _assessed(file, ruleset)
    if as_json:
        day = as_of.date() if as_of else None  # stored results and the API: "from <date>"
        click.echo(json.dumps(result.to_dict(lang, day), indent=2, ensure_ascii=False))
        return
    from actcheck.rules.summary import render_summary

    day = as_of.date() if as_of else dt.date.today()
    click.echo(render_summary(result, as_of=day, lang=lang), nl=False)


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
    ruleset = _ruleset()
    _language(ruleset, lang)
    result = _assessed(file, ruleset)
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
    ruleset = _ruleset()
    rows = [
        {
            "id": q.id,
            "kind": q.kind.value,
            "values": list(q.values),
            "optional": q.optional,
            "text": text_in(q.text, "en"),
            "articles": list(q.articles),
            "when": q.when.source if q.when else None,
        }
        for q in ruleset.questions.values()
    ]
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for section in ruleset.sections:
        click.echo(f"# {text_in(section.title, 'en')}")
        for q in section.questions:
            values = "free text" if q.kind is Kind.TEXT else ", ".join(q.values)
            many = " (a list)" if q.kind is Kind.ANY_OF else ""
            click.echo(f"{q.id}  [{q.kind.value}{many}: {values}]")
            click.echo(f"    {text_in(q.text, 'en')}")
        click.echo("")


@main.command("template")
def template_cmd() -> None:
    """Print an answers file to fill in (every question, commented)."""
    ruleset = _ruleset()
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
    ruleset = _ruleset()
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

    ruleset = _ruleset()
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
