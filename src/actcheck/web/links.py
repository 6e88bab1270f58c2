"""Links that leave the site (in mails): built from `PUBLIC_URL`, never from the request.

Why: `url_for(..., _external=True)` takes the host from the request's Host header, which
the sender chooses; a password-reset link built that way can point to an attacker's site
(reset-link poisoning). In development and tests, without `PUBLIC_URL`, the request's host
is used, which is what someone clicking around on their own machine expects.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, url_for


def external_url(endpoint: str, **values: Any) -> str:
    """The absolute address of `endpoint`, on the configured public URL."""
    base = current_app.config.get("PUBLIC_URL")
    if not base:
        return url_for(endpoint, _external=True, **values)
    return f"{base}{url_for(endpoint, **values)}"
