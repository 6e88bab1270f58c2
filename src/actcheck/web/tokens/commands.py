"""`flask --app actcheck tokens ...`: create, list and revoke API tokens from the server.

A token is normally held by an account (`--user EMAIL`): it then reads what the account
reads, by its role (see `actcheck.services.api_access`). `--owner KEY` makes a token for a
raw owner key instead (`org:<id>`: an organisation's assessments; `session:<hash>`: an
anonymous browser's), for scripts of the operators.
"""

from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy.orm import Session

from actcheck.services import tokens as service
from actcheck.services.accounts import get_user, user_by_email
from actcheck.services.owners import Owner
from actcheck.web.db import database

tokens_cli = AppGroup("tokens", help="Create, list and revoke personal API tokens.")


def _owner(key: str) -> Owner:
    kind, _, rest = key.partition(":")
    if kind not in ("session", "user", "org") or not rest:
        raise click.BadParameter("an owner key is 'session:<hash>', 'org:<id>' or 'user:<id>'.")
    return Owner(key=key)


def _holder(
    session: Session, email: str | None, owner_key: str | None
) -> tuple[Owner, str, str | None]:
    """The owner a command acts on, how to name it, and the role of its account (None for
    an organisation or a browser session), from `--user` or `--owner`."""
    if (email is None) == (owner_key is None):
        raise click.UsageError("give either --user EMAIL or --owner KEY.")
    if owner_key is not None:
        owner = _owner(owner_key)
        kind, _, rest = owner_key.partition(":")
        if kind != "user":
            return owner, owner_key, None
        user = get_user(session, int(rest)) if rest.isdigit() else None
    else:
        user = user_by_email(session, email or "")
    if user is None:
        raise click.ClickException(f"no account is {email or owner_key!r}.")
    return Owner.user(user.id), f"{user.email} ({user.role})", user.role


@tokens_cli.command("create")
@click.option("--user", "email", help="The email address of the account that holds it.")
@click.option("--owner", "owner_key", help="Or: the owner key the token acts for.")
@click.option("--name", required=True, help="What the token is for.")
@click.option("--days", type=click.IntRange(min=1), default=365, show_default=True)
def create(email: str | None, owner_key: str | None, name: str, days: int) -> None:
    """Create a token and print it (it is shown only once)."""
    with database().sessions() as session:
        owner, label, role = _holder(session, email, owner_key)
        try:
            new = service.create(
                session,
                owner=owner,
                name=name,
                days=days,
                scopes=service.scopes_for(role),
            )
        except ValueError as exc:
            raise click.ClickException(str(exc)) from None
        session.commit()
        click.echo(f"token {new.token.public_id} created for {label} ({new.token.scopes}):")
        click.echo(new.secret)


@tokens_cli.command("list")
@click.option("--user", "email", help="The email address of an account.")
@click.option("--owner", "owner_key", help="Or: an owner key.")
def list_tokens(email: str | None, owner_key: str | None) -> None:
    """List the tokens of an account or an owner key (never the tokens themselves)."""
    with database().sessions() as session:
        owner, _label, _role = _holder(session, email, owner_key)
        for token in service.for_owner(session, owner=owner):
            state = "active" if service.is_active(token) else "revoked or expired"
            click.echo(f"{token.public_id}  {token.prefix}…  {token.name}  ({state})")


@tokens_cli.command("revoke")
@click.argument("public_id")
def revoke(public_id: str) -> None:
    """Revoke the token PUBLIC_ID, whoever owns it."""
    with database().sessions() as session:
        try:
            token = service.revoke_any(session, public_id)
        except service.TokenNotFound:
            raise click.ClickException(f"no token has the id {public_id!r}") from None
        session.commit()
        click.echo(f"token {token.public_id} ({token.name}) revoked")
