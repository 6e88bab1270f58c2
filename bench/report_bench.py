"""PDF report speed: the largest report against WeasyPrint alone, as whole processes, and
a cached fetch.

The largest report is `tests/report/fixtures/largest.yaml`: a high-risk provider that is
also a deployer, with every transparency duty and open points. The fair baseline is
WeasyPrint alone on a document of the same page count in the report's font: paragraphs of
text set in Inter (the package's own file, through @font-face) on the report's A4 page,
tagged for PDF/UA (`pdf_variant="pdf/ua-1"`), as the report is. Each is timed as a whole
process, start-up and exit included, with no cache:

- the report: `python -m actcheck report largest.yaml --no-cache` (import, rule set,
  answers, render, write);
- the baseline: `python -c "import weasyprint; HTML(filename).write_pdf(out, ...)"`.

The two run in turns, so that both see the same load. The ratio of their medians, wall
clock and CPU (user + system of the process and its children: WeasyPrint's import runs a
compiler to find its libraries), is printed against the target: at most 2x, aiming at 1.2x.
CPU time is the steadier figure on a shared machine.

Then where the time goes: one more process of each runs with timers around its sections
(import, rule set, context and Jinja, HTML parse, font loading, CSS, boxes, layout, draw
and write, garbage collection). Each timer counts CPU time exclusive of the sections inside
it, so the sections add up to the process; the difference between the two columns is what
is ours. `--cprofile FILE` also writes a cProfile of the report process, for digging.

Last, a cached fetch: `get_report` served by `ReportCache` (target: under 20 ms).

Measured on 7 December 2026 (2 shared CPUs, load average 4-6, 5 runs each): before, the
report took 3.76 s of CPU against the baseline's 1.92 s (1.96x; wall 2.02x); after pausing
the garbage collector during the render (it walked the render's live objects for an eighth
of the process) and keeping Jinja's compiled templates between processes, 3.11 s against
1.97 s (1.58x; wall 1.87x), the PDFs byte for byte the same. What is left is mostly the
report's own content: its layout (+0.6 s) and drawing (+0.2 s) over a document of plain
paragraphs, from about 1,500 elements (tables, badges, boxes, links) where the baseline has
330 paragraphs; the report with no CSS at all still makes twice the baseline's Python calls.
Tried and not kept: the contents' page numbers set without `leader()` (a twentieth of the
render's calls) moved them in the PDF's text order (positioned or floated, they are painted
after the page), which changed the extracted text; caching the parsed print CSS between
renders saved about 1% (29 November).

Run: .venv/bin/python bench/report_bench.py [RUNS] [--cprofile FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "report" / "fixtures" / "largest.yaml"
INTER = ROOT / "src" / "actcheck" / "static" / "fonts" / "Inter-Regular.otf"
ON = "2026-11-28"
REFERENCE = "AC-BENCH"
SENTENCE = (
    "The provider shall establish, implement, document and maintain a risk management "
    "system in relation to the high-risk AI system, as a continuous iterative process. "
)
#: The report's page, type size and leading (templates/report/report.css).
BASELINE_STYLE = (
    '@font-face { font-family: "Inter"; src: url("%s"); }\n'
    "@page { size: A4; margin: 24mm 18mm 20mm 18mm; }\n"
    'html { font-family: "Inter"; font-size: 9.4pt; line-height: 1.45; }\n'
)
#: The whole baseline process: WeasyPrint alone, tagged for PDF/UA.
BASELINE_CHILD = (
    "import sys, weasyprint\n"
    "weasyprint.HTML(filename=sys.argv[1]).write_pdf(sys.argv[2], pdf_variant='pdf/ua-1')\n"
)


def baseline_html(paragraphs: int) -> str:
    body = f"<p>{SENTENCE * 3}</p>\n" * paragraphs
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Plain document</title><style>{BASELINE_STYLE % INTER.as_uri()}</style>"
        f"</head><body><h1>Plain document</h1>\n{body}</body></html>\n"
    )


def page_count(pdf: Path | bytes) -> int:
    from pypdf import PdfReader

    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    return len(PdfReader(io.BytesIO(data)).pages)


def baseline_pages(paragraphs: int) -> int:
    import weasyprint

    return len(weasyprint.HTML(string=baseline_html(paragraphs)).render().pages)


def paragraphs_for(target: int) -> int:
    """The fewest paragraphs that fill `target` pages (a first guess from one page count,
    then a step at a time)."""
    guess = max(1, round(100 * target / baseline_pages(100)))
    while baseline_pages(guess) < target:
        guess += 1
    while guess > 1 and baseline_pages(guess - 1) >= target:
        guess -= 1
    return guess


def report_command(out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "actcheck",
        "report",
        str(FIXTURE),
        "-o",
        str(out),
        "--no-cache",
        "--date",
        ON,
        "--reference",
        REFERENCE,
    ]


def baseline_command(html: Path, out: Path) -> list[str]:
    return [sys.executable, "-c", BASELINE_CHILD, str(html), str(out)]


def run_process(cmd: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system, the process and its children) of `cmd`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


# -- where the time goes ---------------------------------------------------------------


class Sections:
    """CPU seconds per named section, each exclusive of the sections entered inside it."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = defaultdict(float)
        self.stack = ["other: start-up, exit, the rest"]
        self.mark = time.process_time()

    def enter(self, name: str) -> None:
        now = time.process_time()
        self.totals[self.stack[-1]] += now - self.mark
        self.stack.append(name)
        self.mark = now

    def leave(self) -> None:
        now = time.process_time()
        self.totals[self.stack.pop()] += now - self.mark
        self.mark = now

    @contextmanager
    def section(self, name: str) -> Iterator[None]:
        self.enter(name)
        try:
            yield
        finally:
            self.leave()

    def wrap(self, owner: Any, attribute: str, name: str) -> None:
        """Time every call of `owner.attribute` as section `name`."""
        original = owner.__dict__.get(attribute) if isinstance(owner, type) else None
        function = getattr(owner, attribute, None)
        if function is None:
            raise SystemExit(f"cannot time {name}: {owner!r} has no {attribute} any more")
        is_classmethod = isinstance(original, classmethod)
        target = original.__func__ if is_classmethod else function

        def timed(*args: Any, **kwargs: Any) -> Any:
            self.enter(name)
            try:
                return target(*args, **kwargs)
            finally:
                self.leave()

        setattr(owner, attribute, classmethod(timed) if is_classmethod else timed)

    def watch_gc(self) -> None:
        def callback(phase: str, info: dict[str, int]) -> None:
            if phase == "start":
                self.enter("garbage collection")
            elif self.stack[-1] == "garbage collection":
                self.leave()

        gc.callbacks.append(callback)


def time_weasyprint(sections: Sections) -> None:
    """Timers around WeasyPrint's steps (looked up where `Document` calls them)."""
    import weasyprint
    from weasyprint import document
    from weasyprint.text import fonts

    sections.wrap(weasyprint.HTML, "__init__", "HTML parse")
    sections.wrap(fonts.FontConfiguration, "__init__", "font loading (@font-face)")
    sections.wrap(fonts.FontConfiguration, "add_font_face", "font loading (@font-face)")
    sections.wrap(document, "get_all_computed_styles", "CSS parse and cascade")
    sections.wrap(document, "build_formatting_structure", "boxes")
    # What `_render` does besides the three above is the layout.
    sections.wrap(document.Document, "_render", "layout")
    sections.wrap(document.Document, "write_pdf", "draw and write")


def child_sections(kind: str, args: list[str]) -> None:
    """Run the report (or the baseline) with section timers; print them as JSON."""
    sections = Sections()
    sections.watch_gc()
    with sections.section("import WeasyPrint"):
        import weasyprint
    time_weasyprint(sections)
    if kind == "baseline":
        html, out = args
        weasyprint.HTML(filename=html).write_pdf(out, pdf_variant="pdf/ua-1")
    else:
        with sections.section("import actcheck"):
            from actcheck import rules_cache
            from actcheck.rules import assess_document, load_ruleset, parse_document
            from actcheck.services.report import ReportMeta, render
        sections.wrap(render, "build_context", "context and Jinja")
        sections.wrap(render, "render_html", "context and Jinja")
        out = args[0]
        with sections.section("rule set and answers"):
            ruleset = load_ruleset(cache=rules_cache.for_command_line())
            result = assess_document(parse_document(FIXTURE.read_bytes()), ruleset)
        meta = ReportMeta(assessed_on=dt.date.fromisoformat(ON), reference=REFERENCE)
        pdf = render.render_pdf(result, meta)
        Path(out).write_bytes(pdf)
    sections.leave()  # the rest, up to here
    print(json.dumps(dict(sections.totals)))


def measure_sections(cmd_args: list[str]) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, __file__, "--sections", *cmd_args],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    totals: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return totals


def print_sections(report: dict[str, float], baseline: dict[str, float]) -> None:
    print("\nwhere the time goes (CPU s of one process each, sections exclusive)")
    print(f"  {'section':34s} {'report':>7s} {'baseline':>9s} {'ours':>7s}")
    names = list(report) + [n for n in baseline if n not in report]
    names.sort(key=lambda n: -(report.get(n, 0.0)))
    for name in names:
        mine, theirs = report.get(name, 0.0), baseline.get(name, 0.0)
        print(f"  {name:34s} {mine:7.3f} {theirs:9.3f} {mine - theirs:+7.3f}")
    mine, theirs = sum(report.values()), sum(baseline.values())
    print(f"  {'total (in the process)':34s} {mine:7.3f} {theirs:9.3f} {mine - theirs:+7.3f}")


def write_cprofile(path: Path, out: Path) -> None:
    """A cProfile of one whole report process, the 25 costliest calls printed."""
    import pstats

    code = (
        "import cProfile, sys\n"
        "stats, sys.argv = sys.argv[1], ['actcheck', *sys.argv[2:]]\n"
        "cProfile.run('from actcheck.cli import main\\ntry:\\n    main()\\n"
        "except SystemExit:\\n    pass', stats)\n"
    )
    subprocess.run(
        [sys.executable, "-c", code, str(path), *report_command(out)[3:]],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    print(f"\ncProfile of the report process: {path}")
    pstats.Stats(str(path)).sort_stats("cumulative").print_stats(25)


# -- the cached fetch ------------------------------------------------------------------


def cached_fetch(runs: int) -> tuple[float, float]:
    from actcheck.rules import assess_document, load_ruleset, parse_document
    from actcheck.services.report import ReportCache, ReportMeta, get_report

    ruleset = load_ruleset()
    result = assess_document(parse_document(FIXTURE.read_bytes()), ruleset)
    meta = ReportMeta(assessed_on=dt.date.fromisoformat(ON), reference=REFERENCE)
    with tempfile.TemporaryDirectory() as folder:
        cache = ReportCache(Path(folder))
        get_report(result, meta, cache=cache)  # renders once and fills the cache
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            get_report(result, meta, cache=cache)
            times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("runs", nargs="?", type=int, default=5)
    parser.add_argument("--cprofile", type=Path, help="write a cProfile of a report process")
    parser.add_argument("--sections", nargs="+", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.sections:
        child_sections(options.sections[0], options.sections[1:])
        return

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        report_pdf, baseline_pdf = folder / "report.pdf", folder / "baseline.pdf"
        subprocess.run(report_command(report_pdf), check=True, stderr=subprocess.DEVNULL)
        pages = page_count(report_pdf)
        paragraphs = paragraphs_for(pages)
        html = folder / "baseline.html"
        html.write_text(baseline_html(paragraphs), encoding="utf-8")
        subprocess.run(baseline_command(html, baseline_pdf), check=True)
        assert page_count(baseline_pdf) == pages

        print(f"before: {load()}")
        report: list[tuple[float, float]] = []
        baseline: list[tuple[float, float]] = []
        for _ in range(options.runs):  # in turns: both see the same load
            report.append(run_process(report_command(report_pdf)))
            baseline.append(run_process(baseline_command(html, baseline_pdf)))
        print(f"after:  {load()}  ({os.cpu_count()} CPUs)")

        def row(name: str, times: list[tuple[float, float]]) -> tuple[float, float]:
            wall = statistics.median(t[0] for t in times)
            cpu = statistics.median(t[1] for t in times)
            print(
                f"{name:34s} {pages:3d} pages   wall: median {wall:5.2f} s "
                f"(best {min(t[0] for t in times):5.2f})   CPU: median {cpu:5.2f} s "
                f"(best {min(t[1] for t in times):5.2f})"
            )
            return wall, cpu

        print(f"whole processes, {options.runs} runs each, no cache")
        mine = row("largest report (actcheck report)", report)
        theirs = row(f"WeasyPrint alone ({paragraphs} paragraphs)", baseline)
        print(
            f"ratio of the medians: wall {mine[0] / theirs[0]:.2f}x   "
            f"CPU {mine[1] / theirs[1]:.2f}x   (target: at most 2x, aiming at 1.2x)"
        )

        print_sections(
            measure_sections(["report", str(report_pdf)]),
            measure_sections(["baseline", str(html), str(baseline_pdf)]),
        )
        if options.cprofile:
            write_cprofile(options.cprofile, report_pdf)

    best, median = cached_fetch(max(options.runs, 20))
    print(
        f"\ncached fetch (get_report, ReportCache): best {best * 1000:.2f} ms   "
        f"median {median * 1000:.2f} ms   (target: under 20 ms)"
    )


if __name__ == "__main__":
    main()
