"""Start-up cost of `actcheck assess FILE --json` against a bare `python -c pass`.

Target: under 10x. Run: .venv/bin/python bench/cli_startup.py [RUNS]
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

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
    example = ROOT / "examples/cv-screening.yaml"
    with tempfile.TemporaryDirectory() as tmp:
        as_json = Path(tmp) / "cv-screening.json"
        as_json.write_text(json.dumps(yaml.safe_load(example.read_text())))
        bare = best_of([sys.executable, "-c", "pass"], runs)
        rows = [("python -c pass", bare)]
        for label, path in (("YAML", example), ("JSON", as_json)):
            cmd = [sys.executable, "-m", "actcheck", "assess", str(path), "--json"]
            rows.append((f"actcheck assess {label} --json", best_of(cmd, runs)))
    for label, (best, median) in rows:
        ratio = "" if label.startswith("python") else f"   {median / bare[1]:4.1f}x"
        print(f"{label:<32} best {best * 1000:6.1f} ms   median {median * 1000:6.1f} ms{ratio}")
    print("target: under 10x a bare python start-up (median)")


if __name__ == "__main__":
    main()
