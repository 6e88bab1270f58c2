"""Mail: through SMTP when `MAIL_SERVER` is set, else written to the log (development).

Pages send mail with `deliver`, off the request (a small pool of background threads,
`MAIL_IN_BACKGROUND`), and a failure is logged, never raised: a reset or sign-up page must
answer the same, in the same time, whether the address has an account (a message is sent)
or not (none is), and whether the SMTP server is slow, down or fine.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from email.message import EmailMessage
from typing import Any

log = logging.getLogger(__name__)


def send(config: Mapping[str, Any], *, to: str, subject: str, body: str) -> None:
    """Send one plain-text message; without an SMTP server, log it (links included)."""
    server = config.get("MAIL_SERVER")
    if not server:
        if config.get("ENV") == "production":
            # Never write sign-in links into production logs.
            log.warning("mail to %s not sent: set ACTCHECK_MAIL_SERVER to send mail", to)
            return
        log.info("mail to %s: %s\n%s", to, subject, body)
        return
    message = EmailMessage()
    message["From"] = config.get("MAIL_FROM") or "actcheck@localhost"
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    with smtplib.SMTP(server, int(config.get("MAIL_PORT") or 587), timeout=20) as smtp:
        if config.get("MAIL_USE_TLS", True):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
        smtp.send_message(message)
    log.info("mail sent to %s: %s", to, subject)


_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="actcheck-mail")


def _send_logged(config: Mapping[str, Any], to: str, subject: str, body: str) -> None:
    try:
        send(config, to=to, subject=subject, body=body)
    except (OSError, smtplib.SMTPException):
        log.exception("mail to %s could not be sent: %s", to, subject)


def deliver(config: Mapping[str, Any], *, to: str, subject: str, body: str) -> Future[None] | None:
    """Send one message without making the caller wait or fail: in a background thread
    when `MAIL_IN_BACKGROUND` (the default outside tests), else now; errors are logged.
    Returns the background job, for tests that wait for it."""
    settings = dict(config)  # the thread must not read the app's config after the request
    if settings.get("MAIL_IN_BACKGROUND", True):
        return _pool.submit(_send_logged, settings, to, subject, body)
    _send_logged(settings, to, subject, body)
    return None
