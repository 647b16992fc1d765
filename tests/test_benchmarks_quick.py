"""The benchmark runs (quick mode), so that it cannot rot. Nothing here looks at a time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench.py"


def test_quick_benchmark_runs_and_prints_every_table() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--quick"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for heading in (
        "## Per message",
        "## Import",
        "## Start-up",
        "## Cost growth",
        "## Batch",
        "## Memos",
    ):
        assert heading in out, out
    for row in (
        "classify(message)",
        'resolve("run", error=message)',
        "lines per second",
        "explain 137 / pass (paired ratio)",
        "what classify defers",
        "_message_plan",
    ):
        assert row in out, out
    assert "machine: " in out and "python: " in out
