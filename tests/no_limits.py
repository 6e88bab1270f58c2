"""Settings for tests that must reach the code, not the limiter."""

from __future__ import annotations

from actcheck.config import RATE_LIMITS

#: Settings that lift every rate limit, for tests whose generated requests must reach the
#: code rather than the limiter (tests/deploy/test_limits.py checks each limit).
NO_LIMITS = dict.fromkeys(RATE_LIMITS, "100000 per minute")
