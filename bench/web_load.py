"""Load benchmark of the web questionnaire: gunicorn with 2 workers on SQLite, 20 simulated
founders answering pages at once over loopback, for a bounded time.

    .venv/bin/python bench/web_load.py [--founders 20] [--duration 60] [--think 0.5]
    .venv/bin/python bench/web_load.py --reports [--founders 50] [--read 20] [--report-workers N]
    .venv/bin/python bench/web_load.py --plan [--founders 50] [--think 3]

Each founder starts an assessment, loads every question page and posts its answer (one of
five profiles: prohibited, high-risk, limited-risk, minimal-risk, out of scope), loads
check your answers and the result, and starts again until the time is up. Every request
is timed; the script prints p50 / p95 / max per page and the errors, and exits 1 when a
target is missed (no errors, p95 under 50 ms on every page).

The app runs as in production: `wsgi:app`, ENV=production, a SECRET_KEY, Secure session
cookies (the simulated browsers keep cookies themselves, so plain http on loopback works).
`--think` is the mean pause between two pages (each pause is drawn between 0.5 and 1.5
times it). The default, 0.5 s, is already many times faster than a person reading a
question and its help. `--think 0` is a stress test, not a founder: every simulated browser
clicks the moment the previous page arrives, so with 20 browsers and 2 single-threaded
workers most of the time measured is the queue in front of the workers.

`--reports` (issue 16): `actcheck worker` processes render the PDF reports beside gunicorn
(the SQLite queue file), and each founder, after the result, reads it for `--read` seconds
(default 20) and clicks "Download": the file at once when it is ready, else the waiting
page, polled as its JavaScript does, until it is. Printed: the download's p50/p95 from the
click to the file (target: p95 under 300 ms), the pages' p95 while reports render (under
50 ms), and the errors (none). With `--read 0 --think 0` every founder asks at once: the
download's p95 is then compared with the CPU limit, reports x CPU seconds per report /
report workers, plus 20 %; the CPU seconds per report are measured in the same run, by
rendering each profile's report once in this process after the load (the baseline).
The report workers default to one per core, as docs/deployment.md sizes them.

`--plan` (issue 17): each founder has an account and a system whose compliance plan has 45
items (`bench/plans.py`), logs in, and reads the plan, a filter of it and its items, with
the think time between pages (default 3 s). Target: p95 under 50 ms on every page, no errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

import harness
import plans
from harness import CSRF, QUESTION, ROOT, answer_form, default_answer, percentile

TARGET_P95_MS = 50.0
TARGET_DOWNLOAD_P95_MS = 300.0
#: --plan: seconds between two pages of a founder reading a plan of some 45 rows (a person
#: takes longer; the questionnaire's 0.5 s would be a click a second on every plan).
PLAN_THINK = 3.0
TEXT_ANSWER = "Bench Co"
PROFILES = harness.profiles(harness.BASE)


class Browser(harness.Browser):
    """A founder's browser: one cookie jar, timed requests."""

    TIMEOUT = 10.0
    FAILURES = (OSError,)

    def request(
        self, page: str, method: str, path: str, form: list[tuple[str, str]] | None = None
    ) -> tuple[int, str, str]:
        body = urllib.parse.urlencode(form or []) if form is not None else None
        headers = {"Accept": "text/html"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        response, data = self.send(page, method, path, body, headers)
        text = data.decode("utf-8")
        if response.status >= 400:
            self.stats.error(page, f"HTTP {response.status} on {method} {path}")
        return response.status, response.getheader("Location") or "", text


class Stats(harness.Stats):
    """Besides the simulated browsers' figures, the time inside the app, per page."""

    def __init__(self) -> None:
        super().__init__()
        self.server: dict[str, list[float]] = defaultdict(list)
        # --reports: one PDF per profile (for the CPU baseline) and the downloads per profile.
        self.pdfs: dict[str, bytes] = {}
        self.downloads: dict[str, int] = defaultdict(int)


def download(browser: Browser, stats: Stats, base: str, profile: str) -> None:
    """Click "Download" and wait for the file as a browser with JavaScript does: the PDF
    at once, or the waiting page polled every 1.5 s until the report is ready."""
    started = time.perf_counter()
    response, data = browser.send("download (click)", "GET", f"{base}report.pdf", None, {})
    deadline = time.monotonic() + 300
    while response.status == 303 and time.monotonic() < deadline:
        time.sleep(1.5)
        response, data = browser.send(
            "waiting (poll)", "GET", f"{base}report/wait?format=json", None, {}
        )
        state = json.loads(data).get("state") if response.status == 200 else None
        if state == "failed":
            stats.error("download", "the report failed")
            return
        if state == "ready":
            response, data = browser.send("download (file)", "GET", f"{base}report.pdf", None, {})
        else:
            response.status = 303  # still waiting: poll again
    if response.status != 200 or not data.startswith(b"%PDF"):
        stats.error("download", f"no PDF: HTTP {response.status}")
        return
    stats.record("download", (time.perf_counter() - started) * 1000)
    with stats.lock:
        stats.pdfs.setdefault(profile, data)
        stats.downloads[profile] += 1


def founder(
    port: int,
    stats: Stats,
    kinds: dict[str, str],
    deadline: float,
    think: float,
    seed: int,
    profiles: list[str] | None = None,
    read: float | None = None,
) -> None:
    rng = random.Random(seed)
    browser = Browser(port, stats)
    queue = list(profiles or [])

    def pause() -> None:
        harness.pause(rng, think)

    # Founders arrive over the first pause, not all in the same millisecond.
    time.sleep(rng.uniform(0, think))
    try:
        while time.monotonic() < deadline:
            if profiles is not None and not queue:
                return
            profile_name = queue.pop(0) if profiles is not None else rng.choice(list(PROFILES))
            profile = PROFILES[profile_name]
            _, _, home = browser.request("home", "GET", "/")
            status, location, _ = browser.request(
                "start (POST)", "POST", "/assessments", [("csrf_token", CSRF.search(home).group(1))]
            )
            url = urllib.parse.urlsplit(location).path
            while time.monotonic() < deadline:
                pause()
                status, _, page = browser.request("question (GET)", "GET", url)
                match = QUESTION.search(page)
                if match is None:
                    break
                qid = match.group(1)
                value = profile.get(qid, default_answer(kinds[qid], TEXT_ANSWER))
                form = answer_form(CSRF.search(page).group(1), page, value)
                status, location, _ = browser.request("answer (POST)", "POST", url, form)
                if status != 302:
                    stats.error("answer (POST)", f"expected a redirect, got {status} for {qid}")
                    break
                url = urllib.parse.urlsplit(location).path
                if url.endswith("/check"):
                    pause()
                    browser.request("check answers", "GET", url)
                    pause()
                    browser.request("result", "GET", url[: -len("/check")] + "/result")
                    with stats.lock:
                        stats.finished[profile_name] += 1
                    if read is not None:
                        harness.pause(rng, read)
                        download(browser, stats, url[: -len("check")], profile_name)
                    pause()
                    browser.request("task list", "GET", url[: -len("check")])
                    break
    except OSError:
        return


def page_of(method: str, path: str) -> str | None:
    """The page name of a request, as the simulated browsers name it."""
    if path == "/":
        return "home"
    if path == "/assessments" and method == "POST":
        return "start (POST)"
    if "/questions/" in path:
        return "answer (POST)" if method == "POST" else "question (GET)"
    if path.endswith("/check"):
        return "check answers"
    if path.endswith("/result"):
        return "result"
    if path.endswith("/report/wait"):
        return "waiting (poll)"
    if path.startswith("/assessments/") and path.endswith("/"):
        return "task list"
    if "/plan/items/" in path:
        return "plan item"
    if path.endswith("/plan"):
        return "plan (filtered)" if "status=" in path else "plan"
    if path == "/login":
        return "login (POST)" if method == "POST" else "login (GET)"
    return None


def server_times(lines: list[str], stats: Stats, since: float) -> None:
    """Time spent inside the app per request, from the app's JSON request log when it
    writes one (`actcheck.web.ops`): what the server costs, without the queue and the
    client. Warm-up requests (before `since`) are left out."""
    for line in lines:
        if '"duration_ms"' not in line:
            continue
        try:
            entry = json.loads(line)
            when = dt.datetime.fromisoformat(entry["time"]).timestamp()
        except (ValueError, KeyError):
            continue
        page = page_of(entry.get("method", ""), entry.get("path", ""))
        if page is not None and when >= since:
            stats.server[page].append(float(entry["duration_ms"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--founders", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--think", type=float, default=0.5, help="mean pause between pages (s)")
    parser.add_argument(
        "--reports", action="store_true", help="download each report after reading the result"
    )
    parser.add_argument("--read", type=float, default=20.0, help="mean reading time (s)")
    parser.add_argument(
        "--report-workers",
        type=int,
        default=os.cpu_count() or 1,
        help="actcheck worker processes (default: one per core)",
    )
    parser.add_argument("--plan", action="store_true", help="founders read their plans")
    args = parser.parse_args(argv)
    given = " ".join(argv or sys.argv)
    if (args.reports or args.plan) and "--founders" not in given:
        args.founders = 50
    if args.plan and "--think" not in given:
        args.think = PLAN_THINK
    read = args.read if args.reports else None

    sys.path.insert(0, str(ROOT / "src"))
    from actcheck.database import make_engine, upgrade
    from actcheck.rules.loading import load_ruleset

    kinds = {q.id: q.kind.value for q in load_ruleset().questions.values()}
    with tempfile.TemporaryDirectory(prefix="actcheck-bench-") as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        seeded = plans.seed(url, args.founders) if args.plan else []
        port = harness.free_port()
        env = harness.production_env(url, tmp)
        command = [
            sys.executable, "-m", "gunicorn", "--workers", str(args.workers),
            "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "wsgi:app",
        ]  # fmt: skip
        # The server's own log (one line per request in production) goes to a file: it
        # would drown the figures.
        server_log = (Path(tmp) / "gunicorn.log").open("wb")
        process = harness.start_server(command, env, server_log)
        workers = [
            harness.start_server(
                [sys.executable, "-m", "actcheck", "worker"],
                {**env, "ACTCHECK_REPORT_WORKERS": str(args.report_workers)},
                server_log,
            )
            for _ in range(args.report_workers if args.reports else 0)
        ]
        stats = Stats()
        measure_from = float("inf")
        try:
            try:
                harness.wait_until_up(port, process, "/", timeout=30)
            except SystemExit:
                server_log.flush()
                print((Path(tmp) / "gunicorn.log").read_text(errors="replace")[-3000:])
                raise
            print(
                f"gunicorn: {args.workers} workers on SQLite; {args.founders} founders for "
                f"{args.duration:.0f} s, think time {args.think} s"
                + (f"; plans of {seeded[0].items} items" if seeded else ""),
                flush=True,
            )
            # Warm-up, not measured: every worker loads its templates and rule set once,
            # as it would before a deployment takes traffic.
            warm = [
                threading.Thread(
                    target=founder,
                    args=(port, Stats(), kinds, time.monotonic() + 60, 0.0, seed, list(PROFILES)),
                )
                for seed in range(args.workers * 2)
            ]
            harness.start_and_join(warm, lambda: 60)
            # --plan: every founder signs in, then some read a plan once, all unmeasured.
            readers = [Browser(port, Stats()) for _ in seeded]
            for browser, who in zip(readers, seeded, strict=True):
                plans.log_in(browser, who)
            warm = [
                threading.Thread(
                    target=plans.reader, args=(browser, who, time.monotonic() + 5, 0.0, seed)
                )
                for seed, (browser, who) in enumerate(zip(readers, seeded, strict=True))
            ][: args.workers * 2]
            harness.start_and_join(warm, lambda: 60)
            for browser in readers:
                browser.stats = stats
            measure_from = time.time()
            deadline = time.monotonic() + args.duration
            threads = [
                threading.Thread(
                    target=plans.reader,
                    args=(readers[seed], seeded[seed], deadline, args.think, seed),
                    daemon=True,
                )
                if args.plan
                else threading.Thread(
                    target=founder,
                    args=(port, stats, kinds, deadline, args.think, seed, None, read),
                    daemon=True,
                )
                for seed in range(args.founders)
            ]
            elapsed = harness.start_and_join(threads, lambda: args.duration + read_slack(read))
        finally:
            for worker in workers:
                harness.stop(worker, timeout=15)
            harness.stop(process, timeout=15)
            server_log.close()
            lines = (Path(tmp) / "gunicorn.log").read_text(errors="replace").splitlines()
            errors = [
                line
                for line in lines
                if "Traceback" in line or '"level": "error"' in line or "[ERROR]" in line
            ]
            for line in errors[:10]:
                print(f"server: {line}")
            if os.environ.get("ACTCHECK_BENCH_LOG"):
                Path(os.environ["ACTCHECK_BENCH_LOG"]).write_text("\n".join(lines))
            server_times(lines, stats, since=measure_from)

    ok = report(stats, elapsed, downloads=args.reports, pages=plans.PAGES if args.plan else None)
    if args.reports:
        ok = report_downloads(stats, args.read, args.think, args.report_workers) and ok
    return 0 if ok else 1


def read_slack(read: float | None) -> float:
    """How long past the deadline a founder may take: reading, then waiting for a report."""
    return 30 + (0 if read is None else 1.5 * read + 300)


def cpu_seconds(pdf: bytes) -> float:
    """CPU seconds this process takes to render the report `pdf` was made from (its
    embedded answers, assessed again): the baseline of the CPU limit."""
    from actcheck.rules import assess, load_ruleset, parse_document, read_answers
    from actcheck.services.report import ReportMeta, answers_from_pdf, render_pdf

    ruleset = load_ruleset()
    checked = read_answers(parse_document(answers_from_pdf(pdf)), ruleset, strict=False)
    result = assess(ruleset, checked.answers, warnings=checked.warnings)
    meta = ReportMeta(assessed_on=dt.date.today(), reference="AC-BENCH", lang="en")
    render_pdf(result, meta)  # fonts and templates loaded once, as in a running worker
    started = time.thread_time()
    render_pdf(result, meta)
    return time.thread_time() - started


def report_downloads(stats: Stats, read: float, think: float, report_workers: int) -> bool:
    times = sorted(stats.times.get("download", []))
    errors = len(stats.errors.get("download", []))
    if not times:
        print("\nno report was downloaded: MISSED")
        return False
    p50, p95 = percentile(times, 50), percentile(times, 95)
    print(
        f"\ndownloads: {len(times)} (by profile {dict(stats.downloads)}), errors {errors}; "
        f"click to file p50 {p50:.0f} ms, p95 {p95:.0f} ms, max {times[-1]:.0f} ms"
    )
    per_profile = {name: cpu_seconds(pdf) for name, pdf in stats.pdfs.items()}
    count = sum(stats.downloads.values())
    each = sum(per_profile[n] * k for n, k in stats.downloads.items()) / count
    print(
        "baseline: CPU seconds per report, rendered once each in this process: "
        + ", ".join(f"{n} {s:.2f}" for n, s in sorted(per_profile.items()))
        + f"; {each:.2f} on average"
    )
    if read > 0:
        ok = errors == 0 and p95 < TARGET_DOWNLOAD_P95_MS
        print(
            f"target (p95 from click to file under {TARGET_DOWNLOAD_P95_MS:.0f} ms after "
            f"{read:.0f} s of reading, no errors): {'met' if ok else 'MISSED'} "
            f"({p95 / TARGET_DOWNLOAD_P95_MS:.2f}x the target)"
        )
        return ok
    limit = count * each / report_workers * 1000
    ok = errors == 0 and p95 <= limit * 1.2
    print(
        f"CPU limit: {count} reports x {each:.2f} s / {report_workers} report worker(s) = "
        f"{limit:.0f} ms; p95 {p95:.0f} ms is {p95 / limit:.2f}x the limit "
        f"(target at most 1.20x, think {think} s): {'met' if ok else 'MISSED'}"
    )
    return ok


def report(
    stats: Stats,
    elapsed: float,
    *,
    downloads: bool = False,
    pages: tuple[str, ...] | None = None,
) -> bool:
    total = sum(len(v) for v in stats.times.values())
    print(
        f"\n{total} requests in {elapsed:.1f} s ({total / elapsed:.0f}/s); "
        f"assessments finished: {dict(stats.finished)}"
    )
    print(
        f"{'page':<16} {'requests':>9} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'errors':>7}"
        f"   {'server p50':>10} {'server p95':>10}"
    )
    ok = True
    for page in pages or (
        "home",
        "start (POST)",
        "question (GET)",
        "answer (POST)",
        "check answers",
        "result",
        "task list",
        *(("waiting (poll)",) if downloads else ()),
    ):
        times = sorted(stats.times.get(page, []))
        errors = len(stats.errors.get(page, []))
        if not times:
            print(f"{page:<16} {0:>9} {'-':>8} {'-':>8} {'-':>8} {errors:>7}")
            # No wait is good news (every report was ready before the click); every other
            # page must have been asked for.
            ok = ok and page == "waiting (poll)"
            continue
        p50, p95 = percentile(times, 50), percentile(times, 95)
        ok = ok and errors == 0 and p95 < TARGET_P95_MS
        server = sorted(stats.server.get(page, []))
        inside = (
            f"   {percentile(server, 50):>10.1f} {percentile(server, 95):>10.1f}" if server else ""
        )
        print(
            f"{page:<16} {len(times):>9} {p50:>8.1f} {p95:>8.1f} {times[-1]:>8.1f} {errors:>7}"
            + inside
        )
    harness.print_errors(stats)
    if any(stats.server.values()):
        print("(server p50/p95: time inside the app, from its request log; the other columns")
        print(" are what the simulated browsers saw: queue, network and client included)")
    verdict = "met" if ok else "MISSED"
    while_reports = " while reports render" if downloads else ""
    print(
        f"\ntarget (no errors, p95 < {TARGET_P95_MS:.0f} ms on every page{while_reports}): "
        f"{verdict}"
    )
    return ok


if __name__ == "__main__":
    sys.exit(main())
