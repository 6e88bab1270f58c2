"""What the two load benchmarks share (`bench/load.py` on PostgreSQL, `bench/web_load.py` on
SQLite): the simulated founders' profiles and browser, the timing, the gunicorn process's
start and stop, and the figures printed at the end.

Imported as `harness`: both scripts run as `python bench/NAME.py`, which puts `bench/`
first on the import path.
"""

from __future__ import annotations

import http.client
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

ROOT = Path(__file__).resolve().parents[1]

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')
QUESTION = re.compile(r'data-question="([^"]+)"')

#: The answers of every profile unless it says otherwise.
BASE: dict[str, Any] = {
    "org.size": "small",
    "org.established_in_eu": "yes",
    "system.is_ai_system": "yes",
    "system.roles": ["provider"],
    "system.eu_nexus": "yes",
    "system.automated_decisions": "no",
    "system.affected_persons": ["consumers"],
}


def profiles(base: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The founders' profiles, one for each outcome, on top of `base`."""
    return {
        "prohibited": {**base, "prohibited.social_scoring": "yes"},
        "high_risk": {
            **base,
            "system.roles": ["provider", "deployer"],
            "annex_iii.areas": ["employment.recruitment"],
            "annex_iii.profiling": "unsure",
            "deployer.workplace": "yes",
            "transparency.interacts": "yes",
        },
        "limited_risk": {**base, "transparency.interacts": "yes"},
        "minimal_risk": dict(base),
        "out_of_scope": {**base, "system.is_ai_system": "no", "system.affected_persons": []},
    }


def default_answer(kind: str, text: str) -> Any:
    """What a founder answers when the profile does not say: the common case (`text` for a
    text question)."""
    return {"tri_state": "no", "yes_no": "no", "any_of": [], "text": text}.get(kind)


def answer_form(csrf_token: str, page: str, value: Any) -> list[tuple[str, str]]:
    """The form a question page posts for `value` (a list: the ticked choices)."""
    form = [
        ("csrf_token", csrf_token),
        ("version", VERSION.search(page).group(1)),  # type: ignore[union-attr]
        ("action", "continue"),
    ]
    if isinstance(value, list):
        form += [("answer", v) for v in value or ["_none"]]
    elif value is not None:
        form.append(("answer", value))
    return form


def pause(rng: random.Random, think: float) -> None:
    """A founder's pause: between 0.5 and 1.5 times `think` seconds."""
    if think:
        time.sleep(rng.uniform(0.5, 1.5) * think)


class Stats:
    """Every request's time and every error, per page; questionnaires finished, per profile."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, list[str]] = defaultdict(list)
        self.finished: dict[str, int] = defaultdict(int)

    def record(self, page: str, ms: float) -> None:
        with self.lock:
            self.times[page].append(ms)

    def error(self, page: str, message: str) -> None:
        with self.lock:
            self.errors[page].append(message)


class Browser:
    """One founder's browser: a cookie jar; every request timed."""

    #: Seconds before a request gives up.
    TIMEOUT = 60.0
    #: What a request that fails raises: recorded as an error of its page, then raised.
    FAILURES: tuple[type[Exception], ...] = (OSError, http.client.HTTPException)

    def __init__(self, port: int, stats: Stats) -> None:
        self.port = port
        self.stats = stats
        self.cookies: dict[str, str] = {}

    def send(
        self,
        page: str,
        method: str,
        path: str,
        body: str | bytes | None,
        headers: dict[str, str],
    ) -> tuple[http.client.HTTPResponse, bytes]:
        """Send one request with the cookies, time it, keep the cookies it sets."""
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.TIMEOUT)
        start = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
        except self.FAILURES as exc:
            self.stats.error(page, f"{type(exc).__name__}: {exc}")
            raise
        finally:
            connection.close()
        self.stats.record(page, (time.perf_counter() - start) * 1000)
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response, data


def start_and_join(threads: list[threading.Thread], timeout: Callable[[], float]) -> float:
    """Start the threads, wait for each at most `timeout()` seconds; the seconds it took."""
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout())
    return time.monotonic() - started


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def production_env(database_url: str, instance_path: Path | str, **extra: str) -> dict[str, str]:
    """The environment of an app that runs as in production (a fresh secret key), on
    `database_url`, with `extra` settings."""
    return dict(
        os.environ,
        ACTCHECK_ENV="production",
        ACTCHECK_SECRET_KEY=secrets.token_hex(32),
        ACTCHECK_DATABASE_URL=database_url,
        ACTCHECK_INSTANCE_PATH=str(instance_path),
        ACTCHECK_PUBLIC_URL=extra.pop("ACTCHECK_PUBLIC_URL", "http://127.0.0.1"),
        # Several workers need shared rate limits (actcheck.config): a local Redis.
        ACTCHECK_RATELIMIT_STORAGE_URI=os.environ.get(
            "ACTCHECK_BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"
        ),
        # The load comes from one address, where real founders have one each: lift the
        # limits on work per person (issue 12), and the login limit (a bench logs 50
        # founders in at once from that one address).
        ACTCHECK_LOGIN_RATE_LIMIT="1000000 per minute",
        ACTCHECK_API_ASSESS_RATE_LIMIT="1000000 per minute",
        ACTCHECK_NEW_ASSESSMENT_RATE_LIMIT="1000000 per minute",
        ACTCHECK_IMPORT_RATE_LIMIT="1000000 per minute",
        **extra,
    )


def start_server(command: list[str], env: dict[str, str], log: BinaryIO) -> subprocess.Popen[bytes]:
    """Start gunicorn in the checkout, its output (stdout and stderr) to `log`."""
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_until_up(
    port: int, process: subprocess.Popen[bytes], path: str, timeout: float = 60
) -> None:
    """Wait until gunicorn answers `path` with a 200; exit when it does not in time."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn exited during start-up")
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            connection.request("GET", path)
            if connection.getresponse().status == 200:
                return
        except (OSError, http.client.HTTPException):
            time.sleep(0.2)
        finally:
            connection.close()
    raise SystemExit("gunicorn did not answer in time")


def stop(process: subprocess.Popen[bytes], timeout: float) -> None:
    """Stop gunicorn: SIGTERM, then SIGKILL when it has not exited after `timeout` seconds."""
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()


def percentile(values: list[float], q: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def print_errors(stats: Stats) -> None:
    """Up to five distinct error messages per page."""
    for page, messages in stats.errors.items():
        for message in sorted(set(messages))[:5]:
            print(f"  error on {page}: {message}")
