"""How long the command line takes to answer: ``exitcodes explain 137`` against ``python -c pass``.

Run it with the interpreter to measure::

    python benchmarks/startup.py          # 31 paired runs
    python benchmarks/startup.py --runs 5

A command line is started once per question, so what it costs is mostly start-up: the
interpreter, then whatever the command imports before it answers. Both candidates are
run in fresh interpreters of the same Python, alternately (paired, in a rotating order),
with the byte code cached as for an installed package. The time is CPU time (user +
system) of the child, read with ``resource.getrusage(RUSAGE_CHILDREN)`` around each run,
so that a busy machine (which stretches the wall clock of both) changes it less. The
ratio is taken within each pair; the median over the pairs is held to the goal (at most
2). Nothing asserts a time: the goal is printed with "met" or "MISSED". A wrong answer
(not the output of ``exitcodes explain 137``, or another exit status) fails the run.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

GOAL = 2.0
"""``exitcodes explain 137`` may cost at most this many times ``python -c pass``."""

CANDIDATES: dict[str, tuple[str, ...]] = {
    "python -c pass": ("-c", "pass"),
    "python -m exitcodes explain 137": ("-m", "exitcodes", "explain", "137"),
}
"""The interpreter arguments of each candidate, measured side by side."""


def _env(cache: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PYTHON") and key != "COVERAGE_PROCESS_START"
    }
    env["PYTHONPATH"] = str(ROOT)  # the exitcodes of this tree, whatever is installed
    env["PYTHONPYCACHEPREFIX"] = cache  # byte-compiled once, as an installed package is
    return env


def _cpu_ms(arguments: Sequence[str], env: dict[str, str]) -> tuple[float, bytes]:
    """CPU milliseconds (user + system) of one fresh interpreter, and what it printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, *arguments],
        env=env,
        capture_output=True,
        check=False,
        cwd=tempfile.gettempdir(),
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{arguments} exited {done.returncode}: {done.stderr!r}")
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return used * 1000, done.stdout


def _expected_output(env: dict[str, str]) -> bytes:
    """What the slow path (the whole command line, no fast path) prints for 137."""
    code = "import sys; from exitcodes.cli._main import main; sys.exit(main(['explain', '137']))"
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        check=True,
        cwd=tempfile.gettempdir(),
    )
    return done.stdout


def measure(runs: int) -> dict[str, list[float]]:
    """CPU milliseconds of every candidate over *runs* paired rounds, checked answers."""
    with tempfile.TemporaryDirectory(prefix="exitcodes-pycache-") as cache:
        env = _env(cache)
        expected = _expected_output(env)  # also compiles the byte code into the cache
        samples: dict[str, list[float]] = {name: [] for name in CANDIDATES}
        names = list(CANDIDATES)
        for index in range(runs):
            shift = index % len(names)
            for name in names[shift:] + names[:shift]:
                used, out = _cpu_ms(CANDIDATES[name], env)
                if name != "python -c pass" and out != expected:
                    raise SystemExit(f"{name} printed {out!r}, not {expected!r}")
                samples[name].append(used)
    return samples


def report(runs: int) -> list[str]:
    """The start-up section of the benchmark: a Markdown table."""
    samples = measure(runs)
    base = samples["python -c pass"]
    cli = samples["python -m exitcodes explain 137"]
    ratio = statistics.median(c / b for c, b in zip(cli, base, strict=True) if b > 0)
    verdict = "met" if ratio <= GOAL else "MISSED"
    rows = [
        ("python -c pass, CPU ms", f"{statistics.median(base):.1f}", "", ""),
        ("python -m exitcodes explain 137, CPU ms", f"{statistics.median(cli):.1f}", "", ""),
        ("explain 137 / pass (paired ratio)", f"{ratio:.2f}", f"<= {GOAL:g}", verdict),
    ]
    lines = [
        f"## Start-up: {runs} paired fresh interpreters, CPU time, byte code cached, medians",
        "",
        "`exitcodes explain 137` answers from a table derived from the library",
        "(exitcodes/cli/_table.py) without importing the library or argparse; the ratio is",
        "taken within each pair.",
        "",
        "| measurement | value | goal | goal met |",
        "|---|---|---|---|",
    ]
    lines += [f"| {' | '.join(row)} |" for row in rows]
    return [*lines, ""]


def main(argv: Sequence[str] | None = None) -> int:
    """Print the start-up table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=31, help="paired rounds (default 31)")
    args = parser.parse_args(argv)
    for line in report(args.runs):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
