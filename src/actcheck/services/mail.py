"""Mail: through SMTP when `MAIL_SERVER` is set, else written to the log (development)."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Mapping
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
