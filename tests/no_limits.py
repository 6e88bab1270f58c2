"""Settings for tests that must reach the code, not the limiter."""

from __future__ import annotations

#: Settings that lift every rate limit, for tests whose generated requests must reach the
#: code rather than the limiter (tests/deploy/test_limits.py checks each limit).
NO_LIMITS = {
    key: "100000 per minute"
    for key in (
        "LOGIN_RATE_LIMIT",
        "API_REPORT_RATE_LIMIT",
        "API_ASSESS_RATE_LIMIT",
        "IMPORT_RATE_LIMIT",
        "NEW_ASSESSMENT_RATE_LIMIT",
        "EXPORT_RATE_LIMIT",
        "MAIL_RATE_LIMIT",
    )
}
