"""Start-up cost of `actcheck assess FILE --json` against a bare `python -c pass`.

Target: under 10x. Run: .venv/bin/python bench/cli_startup.py [RUNS]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def best_of(cmd: list[str], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    bare = best_of([sys.executable, "-c", "pass"], runs)
    cli = best_of(
        [
            sys.executable,
            "-m",
            "actcheck",
            "assess",
            str(ROOT / "examples/cv-screening.yaml"),
            "--json",
        ],
        runs,
    )
    print(
        f"python -c pass                 best {bare[0] * 1000:6.1f} ms"
        f"   median {bare[1] * 1000:6.1f} ms"
    )
    print(
        f"actcheck assess FILE --json    best {cli[0] * 1000:6.1f} ms"
        f"   median {cli[1] * 1000:6.1f} ms"
    )
    print(f"ratio (median): {cli[1] / bare[1]:.1f}x   (target: under 10x)")


if __name__ == "__main__":
    main()
