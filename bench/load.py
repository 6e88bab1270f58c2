"""Load benchmark of a production-like deployment: gunicorn with the production settings
(`actcheck.web.gunicorn_conf`, 2 workers) on PostgreSQL, and 50 simulated founders who each
fill in a questionnaire, open their result and download their PDF report, again and again,
for a bounded time. Loopback only: the server listens on 127.0.0.1 and nothing else is
contacted.

    .venv/bin/python bench/load.py [--seconds 60] [--founders 50] [--workers 2] [--think 2]
                                   [--database postgresql+psycopg://postgres@127.0.0.1:5432/test]

The benchmark creates a database of its own on that server (`actcheck_bench_<random>`),
migrates it, and drops it at the end. Reports are cached in the database
(`ACTCHECK_REPORT_CACHE=database`), as several instances would share them.

A founder's loop: the home page; their first assessment is resumed where they left it (an
answers file with their first k answers, k at random, is imported, then "continue"), so that
founders are spread over the questionnaire and reach their reports at a steady rate, as on a
real site; later assessments start from the first question. For each question: load the
page, think, post the answer (the browser follows the redirect at once). Then check your
answers, the result, the PDF report (rendered: each assessment's report is new) and the same
report again (from the cache). `--think` is the mean pause before each answer and page,
drawn between 0.5 and 1.5 times it. The default, 2 s, is about ten times faster than a
person reads a question and its help, so 50 simulated founders stand for several hundred
real ones.

Prints, per page and for the reports, the number of requests, errors, p50 / p95 / max in
milliseconds, and exits 1 if any request failed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

import harness
from harness import CSRF, QUESTION, ROOT, Stats, answer_form, default_answer, percentile

DEFAULT_DATABASE = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
TEXT_ANSWER = "A short description."

PAGES = (
    "home",
    "start (POST)",
    "import (POST)",
    "continue",
    "question (GET)",
    "answer (POST)",
    "check answers",
    "result",
    "report (new)",
    "report (again)",
)

BASE: dict[str, Any] = {
    **harness.BASE,
    "org.name": "Bench Analytics SAS",
    "system.name": "BenchMatch",
}
PROFILES = harness.profiles(BASE)


def questionnaire_path(rules: Any, profile: dict[str, Any]) -> list[tuple[str, Any]]:
    """The questions the web questionnaire asks this profile, in order, with its answers."""
    from actcheck.rules.progress import progress

    answers: dict[str, Any] = {}
    order: list[tuple[str, Any]] = []
    while True:
        state = progress(rules, answers)
        todo = [q for q in state.reached if q not in answers]
        if not todo:
            return order
        qid = todo[0]
        value = profile.get(qid, default_answer(rules.questions[qid].kind.value, TEXT_ANSWER))
        answers[qid] = value if value is not None else ""
        order.append((qid, value))


def answers_file(pairs: list[tuple[str, Any]]) -> bytes:
    lines = ["actcheck: 1", "answers:" if pairs else "answers: {}"]
    lines += [f"  {qid}: {json.dumps(value)}" for qid, value in pairs if value is not None]
    return ("\n".join(lines) + "\n").encode()


class Browser(harness.Browser):
    """One founder's browser: a cookie jar; every request timed and checked."""

    def request(
        self,
        page: str,
        method: str,
        path: str,
        form: list[tuple[str, str]] | None = None,
        expect: tuple[int, ...] = (200,),
        upload: bytes | None = None,
    ) -> tuple[int, str, bytes]:
        headers = {"Accept": "text/html,application/pdf"}
        body: str | bytes | None = None
        if upload is not None:  # an answers file, as a browser uploads it
            parts = [
                f'--b\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
                for k, v in form or []
            ]
            parts.append(
                b'--b\r\nContent-Disposition: form-data; name="file"; filename="answers.yaml"\r\n'
                b"Content-Type: application/yaml\r\n\r\n" + upload + b"\r\n--b--\r\n"
            )
            body = b"".join(parts)
            headers["Content-Type"] = "multipart/form-data; boundary=b"
        elif form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        response, data = self.send(page, method, path, body, headers)
        if response.status not in expect:
            self.stats.error(page, f"HTTP {response.status} on {method} {path}")
        return response.status, response.getheader("Location") or "", data


def founder(
    port: int,
    stats: Stats,
    paths: dict[str, list[tuple[str, Any]]],
    deadline: float,
    think: float,
    seed: int,
    rounds: int | None = None,
    reports: bool = True,
) -> None:
    """One founder, until the deadline. The first assessment is resumed where the founder
    left it (an answers file with the first k answers is imported, k at random), so that
    the founders are spread over the questionnaire and reach their reports at a steady
    rate, as on a real site; later ones start from the first question."""
    rng = random.Random(seed)
    browser = Browser(port, stats)

    def pause() -> None:
        harness.pause(rng, think)

    def path_of(location: str) -> str:
        return urllib.parse.urlsplit(location).path

    def csrf(page: bytes) -> str:
        match = CSRF.search(page.decode())
        if match is None:
            raise LookupError("no CSRF token on the page")
        return match.group(1)

    time.sleep(rng.uniform(0, think))  # founders arrive over the first pause
    done = 0
    resume = rounds is None
    try:
        while time.monotonic() < deadline and (rounds is None or done < rounds):
            name = rng.choice(sorted(PROFILES))
            answers = dict(paths[name])
            _, _, home = browser.request("home", "GET", "/")
            if resume:
                resume = False
                known = paths[name][: rng.randrange(len(paths[name]))]
                _, _, form_page = browser.request("home", "GET", "/assessments/import")
                _, location, _ = browser.request(
                    "import (POST)",
                    "POST",
                    "/assessments/import",
                    [("csrf_token", csrf(form_page))],
                    (302,),
                    upload=answers_file(known),
                )
                base = "/".join(path_of(location).split("/")[:3])
                _, location, _ = browser.request(
                    "continue", "GET", f"{base}/continue", None, (302,)
                )
            else:
                _, location, _ = browser.request(
                    "start (POST)", "POST", "/assessments", [("csrf_token", csrf(home))], (302,)
                )
            url = path_of(location)
            base = "/".join(url.split("/")[:3])
            while not url.endswith("/check") and time.monotonic() < deadline:
                _, _, raw = browser.request("question (GET)", "GET", url)
                page = raw.decode()
                match = QUESTION.search(page)
                if match is None:
                    stats.error("question (GET)", f"no question on {url}")
                    return
                qid = match.group(1)
                value = answers.get(qid)
                form = answer_form(csrf(raw), page, value)
                pause()
                status, location, _ = browser.request("answer (POST)", "POST", url, form, (302,))
                if status != 302:
                    return
                url = path_of(location)
            if time.monotonic() >= deadline:
                return  # time is up in the middle of a questionnaire
            browser.request("check answers", "GET", url)
            pause()
            browser.request("result", "GET", f"{base}/result")
            if reports:
                pause()
                _, _, pdf = browser.request("report (new)", "GET", f"{base}/report.pdf")
                if not pdf.startswith(b"%PDF"):
                    stats.error("report (new)", "the report is not a PDF")
                browser.request("report (again)", "GET", f"{base}/report.pdf")
            with stats.lock:
                stats.finished[name] += 1
            done += 1
            pause()
    except (OSError, http.client.HTTPException, LookupError):
        return


class BenchDatabase:
    """A database of the benchmark's own on the PostgreSQL server, dropped at the end."""

    def __init__(self, admin_url: str) -> None:
        from sqlalchemy import create_engine, text

        self.name = f"actcheck_bench_{secrets.token_hex(6)}"
        self.admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with self.admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{self.name}"'))
        self.url = f"{admin_url.rsplit('/', 1)[0]}/{self.name}"

    def drop(self) -> None:
        from sqlalchemy import text

        with self.admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
        self.admin.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--founders", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=16, help="threads per gunicorn worker")
    parser.add_argument("--think", type=float, default=2.0, help="mean pause before an answer")
    parser.add_argument(
        "--no-reports",
        dest="reports",
        action="store_false",
        help="questionnaires only: what the pages cost without PDF rendering beside them",
    )
    parser.add_argument(
        "--database",
        default=os.environ.get("ACTCHECK_TEST_DATABASE_URL", DEFAULT_DATABASE),
        help="PostgreSQL server (the benchmark creates and drops a database on it)",
    )
    args = parser.parse_args(argv)
    host = urllib.parse.urlsplit(args.database.replace("+psycopg", "")).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        parser.error("the benchmark runs on loopback only: give a PostgreSQL on 127.0.0.1")

    sys.path.insert(0, str(ROOT / "src"))
    from actcheck.database import make_engine, upgrade
    from actcheck.rules.loading import load_ruleset

    rules = load_ruleset()
    paths = {name: questionnaire_path(rules, profile) for name, profile in PROFILES.items()}
    database = BenchDatabase(args.database)
    try:
        engine = make_engine(database.url)
        upgrade(engine)
        engine.dispose()
        with tempfile.TemporaryDirectory(prefix="actcheck-bench-") as tmp:
            stats, elapsed = run(args, database.url, Path(tmp), paths)
    finally:
        database.drop()
    return report(stats, elapsed, args)


def run(
    args: argparse.Namespace, url: str, tmp: Path, paths: dict[str, list[tuple[str, Any]]]
) -> tuple[Stats, float]:
    port = harness.free_port()
    env = harness.production_env(
        url,
        tmp,
        ACTCHECK_REPORT_CACHE="database",
        ACTCHECK_BIND=f"127.0.0.1:{port}",
        ACTCHECK_LOG_LEVEL="WARNING",
        ACTCHECK_THREADS=str(args.threads),
        WEB_CONCURRENCY=str(args.workers),
    )
    command = [
        sys.executable, "-m", "gunicorn", "-c", "python:actcheck.web.gunicorn_conf", "wsgi:app",
    ]  # fmt: skip
    log = (tmp / "gunicorn.log").open("wb")
    process = harness.start_server(command, env, log)
    stats = Stats()
    try:
        harness.wait_until_up(port, process, "/healthz")
        print(
            f"gunicorn: {args.workers} workers x {args.threads} threads on PostgreSQL; "
            f"{args.founders} founders for {args.seconds:.0f} s, think time {args.think} s"
            + ("" if args.reports else ", no reports"),
            flush=True,
        )
        # Warm-up, not measured: each worker loads its templates, fonts and rule set once,
        # as it would before a deployment takes traffic.
        warm = [
            threading.Thread(
                target=founder,
                args=(port, Stats(), paths, time.monotonic() + 90, 0.0, seed, 1),
            )
            for seed in range(args.workers * 2)
        ]
        harness.start_and_join(warm, lambda: 90)
        deadline = time.monotonic() + args.seconds
        threads = [
            threading.Thread(
                target=founder,
                args=(port, stats, paths, deadline, args.think, 1000 + seed, None, args.reports),
                daemon=True,
            )
            for seed in range(args.founders)
        ]
        elapsed = harness.start_and_join(
            threads, lambda: max(0.0, deadline - time.monotonic()) + 90
        )
    finally:
        harness.stop(process, timeout=30)
        log.close()
        if stats.errors:
            tail = (tmp / "gunicorn.log").read_text(errors="replace")[-2000:]
            print(f"gunicorn log (end):\n{tail}")
    return stats, elapsed


def report(stats: Stats, elapsed: float, args: argparse.Namespace) -> int:
    total = sum(len(v) for v in stats.times.values())
    errors = sum(len(v) for v in stats.errors.values())
    print(
        f"\n{total} requests in {elapsed:.1f} s ({total / elapsed:.0f}/s), {errors} errors; "
        f"questionnaires completed: {sum(stats.finished.values())} "
        f"{dict(sorted(stats.finished.items()))}"
    )
    print(f"{'page':<16} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for page in PAGES:
        times = sorted(stats.times.get(page, []))
        count = len(stats.errors.get(page, []))
        if not times:
            print(f"{page:<16} {0:>9} {count:>7} {'-':>8} {'-':>8} {'-':>8}")
            continue
        p50, p95 = percentile(times, 50), percentile(times, 95)
        print(f"{page:<16} {len(times):>9} {count:>7} {p50:>8.1f} {p95:>8.1f} {times[-1]:>8.1f}")
    harness.print_errors(stats)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
