"""gunicorn settings for actcheck:

    gunicorn -c python:actcheck.web.gunicorn_conf 'actcheck:create_app()'

(or `wsgi:app` from a checkout). Every setting can be changed with an environment variable,
so one image serves a laptop and a cluster:

| variable | default | |
|---|---|---|
| `ACTCHECK_BIND` | `127.0.0.1:8000` | `0.0.0.0:8000` in a container behind a proxy |
| `WEB_CONCURRENCY` | 2 x CPUs + 1 | worker processes |
| `ACTCHECK_THREADS` | 16 | threads per worker (`gthread`) |
| `ACTCHECK_TIMEOUT` | 60 | seconds before a stuck worker is killed and replaced |
| `ACTCHECK_MAX_REQUESTS` | 2000 | a worker is replaced after this many requests |

Why these: pages take milliseconds but a PDF report takes seconds of CPU. A worker renders
one report at a time (`actcheck.services.report.get_report`) while its other threads serve
pages, so pages never queue behind reports; the threads mostly wait, so they are cheap.
Rendering is CPU-bound: the workers, not the threads, give the throughput (one to two per
CPU). bench/load.py measured the difference (README, "Load benchmark"). The
workers are replaced now and then (`max_requests`, with jitter so they do not all go at
once) to bound the memory that WeasyPrint and fontconfig keep. Logs are JSON lines on
standard error, with the request id (`actcheck.web.ops`); the app logs each request itself,
so gunicorn's access log is off.
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


bind = os.environ.get("ACTCHECK_BIND", "127.0.0.1:8000")
workers = _int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
# The app's configuration check needs the number of workers: with several, rate limits
# must be kept in a shared store (actcheck.config, "WORKERS"). gunicorn sets `raw_env` in
# the workers' environment, where the app is built.
raw_env = [f"ACTCHECK_WORKERS={workers}"]
worker_class = "gthread"
threads = _int("ACTCHECK_THREADS", 16)
timeout = _int("ACTCHECK_TIMEOUT", 60)
graceful_timeout = 30
keepalive = 5
max_requests = _int("ACTCHECK_MAX_REQUESTS", 2000)
max_requests_jitter = max(1, max_requests // 10)
# Each worker builds its own app, database pool included: nothing is shared across a fork.
preload_app = False
# Heartbeat files in memory: a container's overlay file system can stall the heartbeat.
if Path("/dev/shm").is_dir():  # noqa: S108 - the standard in-memory folder, not a temp file
    worker_tmp_dir = "/dev/shm"  # noqa: S108
# Requests a proxy can never legitimately send: refuse them before the app sees them.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# gunicorn 25+ opens a control socket in the home folder: several instances on one host
# would fight over it. ACTCHECK_CONTROL_SOCKET=/path turns it on for `gunicornc`.
control_socket_disable = not os.environ.get("ACTCHECK_CONTROL_SOCKET")
if os.environ.get("ACTCHECK_CONTROL_SOCKET"):
    control_socket = os.environ["ACTCHECK_CONTROL_SOCKET"]

accesslog = None
errorlog = "-"
loglevel = os.environ.get("ACTCHECK_LOG_LEVEL", "info").lower()
_format = os.environ.get("ACTCHECK_LOG_FORMAT", "json")
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {
        "actcheck": {"()": "actcheck.web.ops.make_handler", "fmt": _format},
    },
    "root": {"handlers": ["actcheck"], "level": loglevel.upper()},
    "loggers": {
        "gunicorn.error": {"handlers": [], "propagate": True, "level": loglevel.upper()},
        "gunicorn.access": {"handlers": [], "propagate": False},
        # WeasyPrint narrates every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
