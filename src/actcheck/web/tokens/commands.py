"""`flask --app actcheck tokens ...`: create, list and revoke API tokens from the server.

An owner is the key `Assessment.owner_key` holds (see `actcheck.services.owners`):
`session:<hash>` for an anonymous browser, `org:<id>` for a founder's organisation.
"""

from __future__ import annotations

import click
from flask.cli import AppGroup

from actcheck.services import tokens as service
from actcheck.services.owners import Owner
from actcheck.web.db import database

tokens_cli = AppGroup("tokens", help="Create, list and revoke personal API tokens.")


def _owner(key: str) -> Owner:
    kind, _, rest = key.partition(":")
    if kind not in ("session", "user", "org") or not rest:
        raise click.BadParameter("an owner key is 'session:<hash>', 'org:<id>' or 'user:<id>'.")
    return Owner(key=key)


@tokens_cli.command("create")
@click.option("--owner", "owner_key", required=True, help="The owner key the token acts for.")
@click.option("--name", required=True, help="What the token is for.")
@click.option("--days", type=click.IntRange(min=1), default=365, show_default=True)
def create(owner_key: str, name: str, days: int) -> None:
    """Create a token and print it (it is shown only once)."""
    with database().sessions() as session:
        try:
            new = service.create(session, owner=_owner(owner_key), name=name, days=days)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from None
        session.commit()
        click.echo(f"token {new.token.public_id} created for {owner_key}:")
        click.echo(new.secret)


@tokens_cli.command("list")
@click.option("--owner", "owner_key", required=True, help="The owner key.")
def list_tokens(owner_key: str) -> None:
    """List an owner's tokens (never the tokens themselves)."""
    with database().sessions() as session:
        for token in service.for_owner(session, owner=_owner(owner_key)):
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
