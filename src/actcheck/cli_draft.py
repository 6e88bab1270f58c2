"""`actcheck draft`: the documents drafted from an answers file (issue 18).

Kept apart from `cli.py` so that the `actcheck` command's start-up stays what it was: this
module imports only click at the top; the rule set, python-docx and WeasyPrint are imported
inside the command, when a draft is asked for.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

EXIT_BAD_INPUT = 2


@click.command("draft")
@click.argument("kind", required=False, metavar="KIND")
@click.argument("file", required=False, metavar="FILE")
@click.option(
    "--list",
    "list_only",
    is_flag=True,
    help="List the document kinds (with FILE: those its answers call for).",
)
@click.option(
    "-o",
    "--output",
    metavar="OUT",
    default=None,
    help="Where to write the draft (.docx, or .pdf; '-': standard output).",
)
@click.option("--pdf", "as_pdf", is_flag=True, help="Write a PDF rather than a Word file.")
@click.option("--lang", default="en", show_default=True, help="Language of the draft: en or fr.")
@click.option(
    "--date",
    "on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date printed on the draft (default: today).",
)
def draft_cmd(
    kind: str | None,
    file: str | None,
    list_only: bool,
    output: str | None,
    as_pdf: bool,
    lang: str,
    on: dt.datetime | None,
) -> None:
    """Draft a document the Act asks for from an answers file (or a PDF report):
    `actcheck draft KIND FILE -o OUT.docx`; `actcheck draft --list [FILE]`."""
    from actcheck.commands import assessed as _assessed
    from actcheck.commands import check_language as _language
    from actcheck.commands import ruleset as _ruleset
    from actcheck.services import drafts

    ruleset = _ruleset()
    _language(ruleset, lang)
    if list_only:
        source = file or kind
        if source is None:
            for k in drafts.KINDS:
                served = ", ".join(k.obligations) or "every assessed system"
                click.echo(f"{k.id}  ({served})")
            return
        result = _assessed(source, ruleset)
        for k in drafts.applicable(result):
            click.echo(f"{k.id}  {drafts.kind_title(k, result, lang)}")
        return
    if kind is None or file is None or output is None:
        click.echo("usage: actcheck draft KIND FILE -o OUT.docx (see --list)", err=True)
        sys.exit(EXIT_BAD_INPUT)
    result = _assessed(file, ruleset)
    try:
        draft = drafts.build_draft(
            result, kind, lang=lang, made_on=on.date() if on else dt.date.today()
        )
    except drafts.UnknownDraft as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    fmt: drafts.Format = "pdf" if as_pdf or output.lower().endswith(".pdf") else "docx"
    rendered = drafts.render_file(draft, fmt)
    if output == "-":
        sys.stdout.buffer.write(rendered.content)
        return
    try:
        Path(output).write_bytes(rendered.content)
    except OSError as exc:
        click.echo(f"error: cannot write {output}: {exc.strerror}", err=True)
        sys.exit(1)
    click.echo(
        f"{output}: {draft.title} ({fmt}, {len(rendered.content):,} bytes; "
        f"{draft.to_complete} fields to complete)",
        err=True,
    )
