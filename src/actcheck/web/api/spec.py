"""What each API route declares about itself, beside its view: one `Operation`.

The declaration is read twice, so the OpenAPI document cannot drift from what the routes do:

- `Operations.paths` turns the blueprint's routes, as Flask's url_map holds them, into the
  document's paths, each with its view's declaration (a route without one is an error, not
  a gap in the document);
- the declaration also acts: the query parameters it names are the only ones the route
  accepts (`Operations.query_parameters`), and its `token` scopes are what `require_token`
  checks, with the 401, 403 and 503 they can answer documented from the same scopes.

The shapes the operations answer with live in `actcheck.web.api.schemas`, by name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from flask import Blueprint
from werkzeug.routing import Map

from actcheck.rules.model import Ruleset
from actcheck.web.api.auth import require_token
from actcheck.web.api.schemas import Schema, ref

F = TypeVar("F", bound=Callable[..., Any])

#: A parameter's schema, or how to make it from the rule set (the languages it is in).
SchemaOf = Schema | Callable[[Ruleset], Schema]

_VARIABLE = re.compile(r"<(?:[^:<>]+:)?(\w+)>")
_IGNORED_METHODS = frozenset({"HEAD", "OPTIONS"})


def errors(description: str) -> Schema:
    """A response whose body is the API's error object (`actcheck.web.api.errors`)."""
    return {"description": description, "content": {"application/json": {"schema": ref("Errors")}}}


def json_body(description: str, schema: str) -> Schema:
    """A JSON response whose body is the component schema `schema`."""
    return {"description": description, "content": {"application/json": {"schema": ref(schema)}}}


#: Every operation refuses a query parameter it does not declare (`Operations.query_parameters`).
UNKNOWN_PARAMETER = errors("A query parameter this operation does not take.")
#: What `require_token` answers, besides 403 (declared by the scopes).
NO_TOKEN = errors("No API token, or one that is mistyped, revoked or expired.")
WRONG_TOKEN = errors(
    "The token cannot read this: a founder's token reads their assessments, an "
    "advisor's their cohorts."
)
UNAVAILABLE = errors("The database cannot be reached for a moment; try again.")
#: `token=ANY_TOKEN`: the operation reads any valid token, whatever its scopes.
ANY_TOKEN: tuple[str, ...] = ()


@dataclass(frozen=True)
class Parameter:
    """A query, path or header parameter. `variable` names the route's variable when the document
    calls it otherwise (`/assessments/<public_id>` is `/assessments/{id}`)."""

    name: str
    location: Literal["query", "path", "header"]
    schema: SchemaOf
    description: str | None = None
    variable: str | None = None

    def document(self, rules: Ruleset) -> Schema:
        item: Schema = {"name": self.name, "in": self.location}
        item["required"] = self.location == "path"
        if self.description is not None:
            item["description"] = self.description
        item["schema"] = self.schema(rules) if callable(self.schema) else self.schema
        return item


@dataclass(frozen=True)
class Operation:
    """One route's part of the document. `token`: None for a public operation (no
    credential read), else the scopes of which the token must allow one (none named: any
    valid token)."""

    operation_id: str
    summary: str
    responses: Mapping[str, Schema]
    description: str | None = None
    parameters: tuple[Parameter, ...] = ()
    request_body: Schema | None = None
    token: tuple[str, ...] | None = None

    @property
    def query_parameters(self) -> frozenset[str]:
        return frozenset(p.name for p in self.parameters if p.location == "query")

    def path(self, rule: str) -> str:
        """A Flask rule (`/assessments/<public_id>`) as a path of the document
        (`/assessments/{id}`).

        Raises:
            LookupError: a variable of the rule has no path parameter.
        """
        return _VARIABLE.sub(lambda match: "{" + self._path_parameter(match[1]) + "}", rule)

    def _path_parameter(self, variable: str) -> str:
        for parameter in self.parameters:
            if parameter.location == "path" and (parameter.variable or parameter.name) == variable:
                return parameter.name
        raise LookupError(f"{self.operation_id} declares no path parameter for <{variable}>.")

    def document(self, rules: Ruleset) -> Schema:
        item: Schema = {"operationId": self.operation_id, "summary": self.summary}
        if self.description is not None:
            item["description"] = self.description
        if self.parameters:
            item["parameters"] = [p.document(rules) for p in self.parameters]
        if self.request_body is not None:
            item["requestBody"] = self.request_body
        responses = {"422": UNKNOWN_PARAMETER}
        if self.token is not None:
            responses |= {"401": NO_TOKEN, "503": UNAVAILABLE}
            if self.token:
                responses["403"] = WRONG_TOKEN
        item["responses"] = responses | dict(self.responses)
        if self.token is None:
            item["security"] = []
        return item


@dataclass
class Operations:
    """The declarations of one blueprint's views, by endpoint."""

    blueprint: Blueprint
    declared: dict[str, Operation] = field(default_factory=dict)

    def __call__(
        self,
        operation_id: str,
        *,
        summary: str,
        responses: Mapping[str, Schema],
        description: str | None = None,
        parameters: Iterable[Parameter] = (),
        request_body: Schema | None = None,
        token: Iterable[str] | None = None,
    ) -> Callable[[F], F]:
        """Declare the view below (put it under the route): what it takes and answers. With
        `token`, the view also runs only for a valid token that allows one of its scopes."""
        scopes = None if token is None else tuple(token)
        operation = Operation(
            operation_id=operation_id,
            summary=summary,
            responses=responses,
            description=description,
            parameters=tuple(parameters),
            request_body=request_body,
            token=scopes,
        )

        def declare(view: F) -> F:
            self.declared[f"{self.blueprint.name}.{view.__name__}"] = operation
            return view if scopes is None else require_token(*scopes)(view)

        return declare

    def query_parameters(self, endpoint: str | None) -> frozenset[str]:
        """The query parameters the endpoint's operation reads (none for another endpoint)."""
        operation = self.declared.get(endpoint or "")
        return operation.query_parameters if operation is not None else frozenset()

    def paths(self, url_map: Map, rules: Ruleset) -> dict[str, Schema]:
        """The document's paths: every route of the blueprint, relative to its prefix.

        Raises:
            LookupError: a route of the blueprint has no declaration, or a variable of its
                URL no path parameter.
        """
        prefix = self.blueprint.url_prefix or ""
        paths: dict[str, Schema] = {}
        for route in url_map.iter_rules():
            if not route.endpoint.startswith(f"{self.blueprint.name}."):
                continue
            operation = self.declared.get(route.endpoint)
            if operation is None:
                raise LookupError(f"The API route {route.rule} has no declared operation.")
            item = paths.setdefault(operation.path(route.rule).removeprefix(prefix), {})
            for method in sorted((route.methods or set()) - _IGNORED_METHODS):
                item[method.lower()] = operation.document(rules)
        return paths
