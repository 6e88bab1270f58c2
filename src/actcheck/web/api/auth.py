"""Bearer tokens on the API: the only credential it reads.

The API never looks at the session cookie: a browser that visits a page of another site
cannot make it act with the founder's session, and a token leaked in a log cannot be used
on the web pages. `require_token(scope)` loads the token (401 without a valid one, 403 when
it lacks the scope) and hands the view the `Owner` it acts for.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import g, request

from actcheck.services import tokens
from actcheck.services.owners import Owner
from actcheck.web import db
from actcheck.web.api.errors import ApiError

F = TypeVar("F", bound=Callable[..., Any])

REALM = 'Bearer realm="actcheck"'


def _unauthorised(message: str, *, invalid: bool) -> ApiError:
    challenge = REALM + (', error="invalid_token"' if invalid else "")
    return ApiError(401, [message], {"WWW-Authenticate": challenge})


def bearer_secret() -> str:
    """The token of the Authorization header.

    Raises:
        ApiError: 401 when the header is missing or is not a bearer token.
    """
    header = request.headers.get("Authorization", "")
    if not header.strip():
        raise _unauthorised(
            "This endpoint needs an API token: send the header 'Authorization: Bearer <token>'. "
            "Create a token on the API tokens page (/tokens).",
            invalid=False,
        )
    scheme, _, secret = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise _unauthorised(
            "The Authorization header must be 'Bearer <token>'.",
            invalid=True,
        )
    return secret.strip()


def current_token_owner(scope: str) -> Owner:
    """The owner the request's token acts for.

    Raises:
        ApiError: 401 for a missing, unknown, revoked or expired token; 403 when the token
            does not carry `scope`.
    """
    secret = bearer_secret()
    session = db.session()
    token = tokens.authenticate(session, secret)
    if token is None:
        raise _unauthorised(
            "This API token is not valid: it is mistyped, revoked or expired. "
            "Create a new one on the API tokens page (/tokens).",
            invalid=True,
        )
    session.commit()  # when it was last used
    if not tokens.has_scope(token, scope):
        raise ApiError(
            403,
            [f"This API token does not allow {scope!r}."],
            {"WWW-Authenticate": f'{REALM}, error="insufficient_scope", scope="{scope}"'},
        )
    g.api_token_id = token.public_id
    return tokens.owner_of(token)


def require_token(scope: str) -> Callable[[F], F]:
    """Decorate a view: it runs only with a valid token carrying `scope`, and receives the
    token's owner as the keyword argument `owner`."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            kwargs["owner"] = current_token_owner(scope)
            return view(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate
