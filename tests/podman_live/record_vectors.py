#!/usr/bin/env python3
"""Regenerate ``tests/podman_live/vectors/podman-<version>.jsonl`` from the real podman.

Runs every scenario of ``scenarios.SCENARIOS`` against the podman on this machine (as root,
after ``scripts/provision_podman.sh``) and writes one JSON line per scenario: name, podman
version, argv, the ``exitcodes.resolve`` keyword arguments (with the real stderr), the real
exit code, stderr, stdout and the inspect State (``null`` where no container is left). The
library is not consulted: the vectors are podman's answers. ``test_podman_vectors.py``
replays them with no podman present.

Usage (from the repository root, as root):
    python tests/podman_live/record_vectors.py [--out DIR] [--workers N] [--force]
    EXITCODES_PODMAN=.cache/podman5/5.8.6/podman python tests/podman_live/record_vectors.py
(the second after ``scripts/provision_podman5.sh``: podman 5.4.2 and 5.8.6 beside 4.3.1).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

# Run as a script: make ``tests/`` importable so ``podman_live.<module>`` resolves.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from podman_live.live import WORKERS, availability, run_plans
from podman_live.scenarios import SCENARIOS, VECTOR_DIR, vector, vector_line


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0] if lines else ""


def main(argv: list[str] | None = None) -> int:
    """Record the vectors; print a table of scenario -> exit code, stderr, phase."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=VECTOR_DIR, help="directory for the .jsonl")
    parser.add_argument("--workers", type=int, default=WORKERS, help="scenarios run at once")
    parser.add_argument(
        "--force", action="store_true", help="write even if a scenario did not run as planned"
    )
    args = parser.parse_args(argv)

    found = availability()
    if found.env is None:
        print(found.reason, file=sys.stderr)
        return 1
    env = found.env
    plans = [(scenario.name, scenario.plan) for scenario in SCENARIOS]
    captures, wall = run_plans(env, plans, workers=args.workers)

    lines = []
    broken = []
    for scenario in SCENARIOS:
        capture = captures[scenario.name]
        if capture.problems:
            broken.append(f"{scenario.name}: {'; '.join(capture.problems)}")
        vec = vector(scenario, capture, env)
        lines.append(vector_line(vec))
        phase = vec["resolve"].get("phase", "-") if "error" in vec["resolve"] else "-"
        print(
            f"{scenario.name:30} {capture.exit_code!s:>4}  {phase:6} {capture.seconds:5.1f}s "
            f"{_first_line(capture.stderr)[:100]}"
        )
    print(f"podman {env.version}: {len(SCENARIOS)} scenarios in {wall:.1f} s wall")
    if broken and not args.force:
        print("not written; these scenarios did not run as planned:", file=sys.stderr)
        for item in broken:
            print(f"  {item}", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"podman-{env.version}.jsonl"
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    print(f"wrote {len(lines)} vectors to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
