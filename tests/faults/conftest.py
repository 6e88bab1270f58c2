"""Fixtures of the fault tests: real gunicorn servers on loopback, browsers that speak HTTP,
and a PostgreSQL cluster of their own to stop and start.

The PostgreSQL restart test never stops the server other test runs use: it creates a
throwaway cluster (`pg_createcluster`, trust auth, a free port), stops and starts that one,
and drops it at the end. Only where clusters cannot be created does it fall back to the
shared cluster of `.ci/run` (a database of its own, and the cluster always started again in
the teardown, whatever happened).
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from founders import SECRET

ROOT = Path(__file__).resolve().parents[2]
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')
QUESTION = re.compile(r'data-question="([^"]+)"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- browsers over HTTP ------------------------------------------------------------------------


@dataclass
class Reply:
    status: int
    location: str
    text: str


@dataclass
class HttpBrowser:
    """A founder's browser: a cookie jar and plain HTTP/1.1 on loopback."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    timeout: float = 15

    def request(
        self, method: str, path: str, form: list[tuple[str, str]] | None = None, port: int = 0
    ) -> Reply:
        headers = {"Accept": "text/html"}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPConnection(
            "127.0.0.1", port or self.port, timeout=self.timeout
        )
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        return Reply(response.status, response.getheader("Location") or "", text)

    def get(self, path: str, port: int = 0) -> Reply:
        return self.request("GET", path, port=port)

    def start(self, port: int = 0) -> str:
        """Start an assessment; its first question's path."""
        home = self.get("/", port)
        csrf = CSRF.search(home.text)
        assert csrf, home.text[:500]
        reply = self.request("POST", "/assessments", [("csrf_token", csrf.group(1))], port)
        assert reply.status == 302, reply.text[:500]
        return urllib.parse.urlsplit(reply.location).path

    @staticmethod
    def answer_form(page: str, value: Any) -> list[tuple[str, str]]:
        csrf, version = CSRF.search(page), VERSION.search(page)
        assert csrf, page[:500]
        assert version, page[:500]
        form = [("csrf_token", csrf.group(1)), ("version", version.group(1))]
        if isinstance(value, list):
            form += [("answer", v) for v in value or ["_none"]]
        elif value is not None:
            form.append(("answer", value))
        return form


def public_id_of(path: str) -> str:
    return path.split("/")[2]


# -- gunicorn --------------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces, so split after the last ")".
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


@dataclass
class Server:
    """A gunicorn serving actcheck with the production settings (actcheck.web.gunicorn_conf)."""

    process: subprocess.Popen[bytes]
    port: int
    log: Path

    def workers(self) -> list[int]:
        return _children(self.process.pid)

    def healthy(self) -> bool:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
        try:
            connection.request("GET", "/healthz")
            return connection.getresponse().status == 200
        except (OSError, http.client.HTTPException):
            return False
        finally:
            connection.close()

    def wait_healthy(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"gunicorn exited:\n{self.log.read_text()[-3000:]}")
            if self.healthy():
                return
            time.sleep(0.1)
        raise AssertionError(f"gunicorn did not become healthy:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


@pytest.fixture
def gunicorn(test_database: Any, tmp_path: Path, app_factory: Any) -> Iterator[Any]:
    """Start gunicorn servers on the test database (several share it, like instances behind
    a proxy); every one is stopped at the end. `app_factory` empties the tables after."""
    servers: list[Server] = []

    def start(workers: int = 2, **env: str) -> Server:
        port = free_port()
        log = tmp_path / f"gunicorn-{port}.log"
        environment = dict(
            os.environ,
            ACTCHECK_ENV="production",
            ACTCHECK_SECRET_KEY=SECRET,
            ACTCHECK_SESSION_COOKIE_SECURE="false",
            ACTCHECK_DATABASE_URL=test_database.url,
            ACTCHECK_INSTANCE_PATH=str(tmp_path / "instance"),
            ACTCHECK_BIND=f"127.0.0.1:{port}",
            ACTCHECK_PUBLIC_URL=f"http://127.0.0.1:{port}",
            ACTCHECK_LOG_LEVEL="WARNING",
            WEB_CONCURRENCY=str(workers),
            PYTHONPATH=str(ROOT / "src"),
            **env,
        )
        if test_database.schema:
            environment["ACTCHECK_DATABASE_SCHEMA"] = test_database.schema
        if workers > 1 and "ACTCHECK_RATELIMIT_STORAGE_URI" not in environment:
            # Production refuses per-process limits with several workers.
            redis = os.environ.get("ACTCHECK_TEST_REDIS_URL")
            if not redis:
                pytest.skip("set ACTCHECK_TEST_REDIS_URL (as .ci/run does): several workers")
            environment["ACTCHECK_RATELIMIT_STORAGE_URI"] = redis
        command = [
            sys.executable, "-m", "gunicorn", "-c", "python:actcheck.web.gunicorn_conf",
            "wsgi:app",
        ]  # fmt: skip
        with log.open("wb") as out:
            process = subprocess.Popen(
                command, cwd=ROOT, env=environment, stdout=out, stderr=subprocess.STDOUT
            )
        server = Server(process, port, log)
        servers.append(server)
        server.wait_healthy()
        return server

    yield start
    for server in servers:
        server.stop()


# -- a PostgreSQL cluster to stop and start -------------------------------------------------


@dataclass
class Cluster:
    version: str
    name: str
    url: str
    owned: bool
    """True: a throwaway cluster of this test run; False: the shared one (do not drop)."""

    def ctl(self, action: str) -> None:
        command = ["pg_ctlcluster", "--skip-systemctl-redirect", self.version, self.name, action]
        if action == "stop":
            command += ["-m", "fast"]
        subprocess.run(command, check=True, capture_output=True, timeout=60)

    def port(self) -> int:
        return int(urllib.parse.urlsplit(self.url.replace("+psycopg", "")).port or 5432)

    def ready(self) -> bool:
        return (
            subprocess.run(
                ["pg_isready", "-h", "127.0.0.1", "-p", str(self.port()), "-q"],
                check=False,
                timeout=10,
            ).returncode
            == 0
        )

    def start(self) -> None:
        if not self.ready():
            self.ctl("start")
        deadline = time.monotonic() + 60
        while not self.ready():
            if time.monotonic() > deadline:
                raise AssertionError("PostgreSQL did not start again")
            time.sleep(0.2)

    def stop(self) -> None:
        self.ctl("stop")


def _version() -> str | None:
    folder = Path("/etc/postgresql")
    if not folder.is_dir():
        return None
    versions = sorted(p.name for p in folder.iterdir() if p.is_dir())
    return versions[0] if versions else None


def _drop_stale_clusters(version: str) -> None:
    """Clusters left by a run that was killed before its teardown (their pid is gone)."""
    for conf in Path(f"/etc/postgresql/{version}").glob("actcheck-faults-*"):
        pid = conf.name.rsplit("-", 2)[-2]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            subprocess.run(
                ["pg_dropcluster", "--stop", version, conf.name],
                check=False,
                capture_output=True,
                timeout=60,
            )


@pytest.fixture(scope="module")
def pg_cluster() -> Iterator[Cluster]:
    """A PostgreSQL cluster this module may stop and start (PostgreSQL runs only)."""
    url = os.environ.get("ACTCHECK_TEST_DATABASE_URL")
    version = _version()
    if not url or not url.startswith("postgresql"):
        pytest.skip("stopping the database is tested on PostgreSQL (ACTCHECK_TEST_DATABASE_URL)")
    if version is None or shutil.which("pg_ctlcluster") is None:
        pytest.skip("pg_ctlcluster is not installed")
    _drop_stale_clusters(version)
    name = f"actcheck-faults-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    port = free_port()
    created = subprocess.run(
        ["pg_createcluster", version, name, "-p", str(port), "--", "--auth=trust"],
        check=False,
        capture_output=True,
        timeout=120,
    )
    if created.returncode == 0:
        url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
        cluster = Cluster(version, name, url, owned=True)
        try:
            cluster.start()
            yield cluster
        finally:
            subprocess.run(
                ["pg_dropcluster", "--stop", version, name],
                check=False,
                capture_output=True,
                timeout=120,
            )
        return
    # No throwaway cluster (not root?): a database of our own on the shared cluster.
    from sqlalchemy import create_engine, text

    database = f"actcheck_faults_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{database}"'))
    base = url.rsplit("/", 1)[0]
    cluster = Cluster(version, "main", f"{base}/{database}", owned=False)
    try:
        yield cluster
    finally:
        cluster.start()  # whatever happened, the shared cluster runs again
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        admin.dispose()
