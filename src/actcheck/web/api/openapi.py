"""The OpenAPI 3.1 document of the API, generated: its paths from the routes and the
operation each declares beside its view (`actcheck.web.api.spec`), its schemas from
`actcheck.web.api.schemas`, both for the rule set the app serves."""

from __future__ import annotations

from typing import Any

from werkzeug.routing import Map

from actcheck.rules.model import Ruleset
from actcheck.version import __version__
from actcheck.web.api.schemas import components
from actcheck.web.api.spec import Operations


def build(rules: Ruleset, operations: Operations, url_map: Map) -> dict[str, Any]:
    """The document for this rule set, of the routes of `url_map` that `operations` declares.

    Raises:
        LookupError: a route of the API has no declaration (`Operations.paths`).
    """
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "actcheck API",
            "version": __version__,
            "summary": "Where an AI system stands under the EU AI Act, with the articles.",
            "description": (
                "Assess answers files (the answers format, v1) and get the result object or "
                "the PDF report, read the questionnaire; with a personal API token, read "
                "your stored assessments (founders) or your cohorts' submissions (advisors). "
                "Rule set "
                f"{rules.version} (sha256 {rules.sha256}). Not legal advice."
            ),
            "license": {"name": "Apache-2.0", "identifier": "Apache-2.0"},
        },
        "servers": [{"url": operations.blueprint.url_prefix}],
        "paths": operations.paths(url_map, rules),
        "components": {
            "schemas": components(rules),
            "securitySchemes": {
                "token": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A personal API token (act_...), created on the API tokens "
                    "page (/tokens) or with `flask --app actcheck tokens create`.",
                }
            },
        },
        "security": [{"token": []}],
    }
