"""Start-up cost of `actcheck assess FILE --json` and `actcheck questions --json` against a
bare `python -c pass` on the same machine, in the same run.

Target (issue 16): a whole `actcheck assess --json` process at most 5x a bare Python start-up
(median). `actcheck` is the console script that `pip install` makes (the command of the
target); `python -m actcheck` is shown beside it, for information: runpy adds its own imports.
Run: .venv/bin/python bench/cli_startup.py [RUNS]

The machine may be shared, so each round runs every command once, one after the other (load
then weighs on the baseline as on actcheck), and both the wall time and the CPU time of each
process (user + system, from `os.wait4`) are printed: on a loaded machine the wall time also
counts the time spent waiting for a core, the CPU time only the work. Bytecode is cached as a
`pip install` leaves it (`PYTHONDONTWRITEBYTECODE` is dropped for the commands), and the
rule-set cache is warm: one untimed run of each command writes both first.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
TARGET = 5.0


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """One whole process: its wall time and its CPU time (user + system), in seconds."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, env=env)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} exited with {proc.returncode}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    example = ROOT / "examples/cv-screening.yaml"
    # The `actcheck` console script, as installed (what founders and CI run), and
    # `python -m actcheck`, which also pays for runpy.
    actcheck = [str(Path(sys.executable).with_name("actcheck"))]
    module = [sys.executable, "-m", "actcheck"]
    with tempfile.TemporaryDirectory() as tmp:
        as_json = Path(tmp) / "cv-screening.json"
        as_json.write_text(json.dumps(yaml.safe_load(example.read_text())), encoding="utf-8")
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "actcheck assess YAML --json": [*actcheck, "assess", str(example), "--json"],
            "actcheck assess JSON --json": [*actcheck, "assess", str(as_json), "--json"],
            "actcheck questions --json": [*actcheck, "questions", "--json"],
            "python -m actcheck assess YAML": [*module, "assess", str(example), "--json"],
        }
        for cmd in commands.values():  # warm: bytecode and the rule-set cache written
            run_once(cmd, env)
        walls: dict[str, list[float]] = {label: [] for label in commands}
        cpus: dict[str, list[float]] = {label: [] for label in commands}
        for _ in range(runs):
            for label, cmd in commands.items():
                wall, cpu = run_once(cmd, env)
                walls[label].append(wall)
                cpus[label].append(cpu)
    base_wall = statistics.median(walls["python -c pass"])
    base_cpu = statistics.median(cpus["python -c pass"])
    print(f"{runs} rounds, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(
        f"{'':<32} {'wall: best':>11} {'median':>8} {'ratio':>6}   {'CPU: median':>11} {'ratio':>6}"
    )
    for label in commands:
        wall, cpu = statistics.median(walls[label]), statistics.median(cpus[label])
        ratios = (
            ("", "")
            if label.startswith("python")
            else (
                f"{wall / base_wall:5.1f}x",
                f"{cpu / base_cpu:5.1f}x",
            )
        )
        print(
            f"{label:<32} {min(walls[label]) * 1000:8.1f} ms {wall * 1000:5.1f} ms {ratios[0]:>6}"
            f"   {cpu * 1000:8.1f} ms {ratios[1]:>6}"
        )
    print(f"target: at most {TARGET:.0f}x a bare python start-up (median)")


if __name__ == "__main__":
    main()
