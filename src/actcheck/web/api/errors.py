"""Errors of the JSON API: always `{"errors": [sentence, ...]}`, never an HTML page.

The answers format asks for every problem in one message: `errors` lists them all, each a
sentence that says what is wrong and how to put it right.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from flask import Response, request
from werkzeug.exceptions import HTTPException

PREFIX = "/api/"

#: What each status means to an API client, when the error carries nothing more useful.
MESSAGES: Mapping[int, str] = {
    400: "The request is malformed.",
    401: "This endpoint needs an API token: send 'Authorization: Bearer <token>'.",
    403: "This API token may not do that.",
    404: "There is nothing at this address. The API's operations are listed at "
    "/api/v1/openapi.json.",
    405: "This address does not accept that method; see the Allow header.",
    406: "The API answers in JSON (and PDF for reports).",
    413: "The request body is too large: an answers file is at most 1,000,000 bytes.",
    415: "Send the answers as application/json or application/yaml.",
    422: "The request cannot be processed.",
    429: "Too many requests; wait a moment and try again.",
    500: "Sorry, there is a problem with the service. Try again later.",
    503: "The service is unavailable for a moment (its database cannot be reached). "
    "Try again in a minute.",
}


class ApiError(Exception):
    """An error to answer with `status` and every problem in `errors`."""

    def __init__(
        self, status: int, errors: Iterable[str], headers: Mapping[str, str] | None = None
    ) -> None:
        self.status = status
        self.errors = list(errors)
        self.headers = dict(headers or {})
        super().__init__("; ".join(self.errors))


def is_api_request() -> bool:
    """Whether the request is for the API (its errors are JSON, whatever went wrong)."""
    return request.path == PREFIX.rstrip("/") or request.path.startswith(PREFIX)


def json_response(body: Any, status: int = 200) -> Response:
    """`body` as JSON, keys in the order written (the spec's order), UTF-8 as is."""
    return Response(
        json.dumps(body, ensure_ascii=False, separators=(",", ":")) + "\n",
        status=status,
        mimetype="application/json",
    )


def error_response(
    status: int, errors: Iterable[str] | None = None, headers: Mapping[str, str] | None = None
) -> Response:
    listed = list(errors or []) or [MESSAGES.get(status, "The request failed.")]
    response = json_response({"errors": listed}, status)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def from_api_error(error: ApiError) -> Response:
    return error_response(error.status, error.errors, error.headers)


def from_http_exception(error: HTTPException) -> Response:
    """A werkzeug error (404, 405, 413...) as JSON, keeping its headers (Allow on a 405)."""
    code = error.code or 500
    headers = {
        name: value
        for name, value in error.get_headers()
        if name.lower() not in ("content-type", "content-length")
    }
    message = MESSAGES.get(code, error.description or "The request failed.")
    return error_response(code, [message], headers)
