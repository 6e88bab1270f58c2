"""Bearer tokens on the API: the only credential it reads.

The API never looks at the session cookie: a browser that visits a page of another site
cannot make it act with the founder's session, and a token leaked in a log cannot be used
on the web pages. `require_token(scope, ...)` loads the token (401 without a valid one, 403
when it may use none of the scopes) and hands the view its `Grant`: what it may read.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import g, request

from actcheck.services import api_access, tokens
from actcheck.services.api_access import Grant
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


#: What a token lacking a scope is told: which token would do.
MISSING_SCOPE = {
    tokens.READ_ASSESSMENTS: "This API token does not read assessments of its own: it is an "
    "advisor's or an admin's, which reads cohorts. Use /api/v1/cohorts, or a founder's token.",
    tokens.READ_COHORTS: "This API token does not read cohorts: only a token made by an "
    "advisor or an admin does. A founder's token reads their assessments at "
    "/api/v1/assessments.",
    tokens.WRITE_PLAN: "This API token only reads. A founder edits their plan with a token "
    "made with 'Also edit the compliance plan' ticked, on the API tokens page (/tokens); "
    "advisors' tokens never edit a plan.",
}


def current_grant(*scopes: str) -> Grant:
    """What the request's token may read, when it may use one of `scopes`.

    Raises:
        ApiError: 401 for a missing, unknown, revoked or expired token (or one whose account
            was deleted); 403 when the token may use none of `scopes`.
    """
    secret = bearer_secret()
    session = db.session()
    token = tokens.authenticate(session, secret)
    grant = api_access.grant_for(session, token) if token is not None else None
    if grant is None:
        raise _unauthorised(
            "This API token is not valid: it is mistyped, revoked or expired. "
            "Create a new one on the API tokens page (/tokens).",
            invalid=True,
        )
    session.commit()  # when it was last used
    if scopes and not any(grant.has_scope(scope) for scope in scopes):
        scope = scopes[0]
        raise ApiError(
            403,
            [MISSING_SCOPE.get(scope, f"This API token does not allow {scope!r}.")],
            {"WWW-Authenticate": f'{REALM}, error="insufficient_scope", scope="{scope}"'},
        )
    g.api_token_id = grant.token.public_id
    return grant


def require_token(*scopes: str) -> Callable[[F], F]:
    """Decorate a view: it runs only with a valid token that may use one of `scopes` (any
    valid token when none is named), and receives its `Grant` as the keyword argument
    `grant`."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            kwargs["grant"] = current_grant(*scopes)
            return view(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate
