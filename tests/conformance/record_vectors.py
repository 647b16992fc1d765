#!/usr/bin/env python3
"""Regenerate ``tests/conformance/vectors/*.jsonl`` from the real docker CLI binaries.

For every CLI found (see ``runner.discover_clis``; run ``scripts/provision_docker_clis.sh``
first for the release-tag builds and Debian's docker.io 20.10.24), or only those named with
``--cli``, this runs

* every table scenario (``scenarios.SCENARIOS``) -> ``vectors/table-docker-<version>.jsonl``
* the differential cases of one fixed-seed Hypothesis run (the same cases for every CLI)
  -> ``vectors/differential-docker-<version>.jsonl``

and writes one JSON line per case: scenario name, table row, CLI version, argv, behaviour
summary, the ``exitcodes.resolve`` keyword arguments, the real exit code, and a stderr excerpt.
A case the CLI is known never to exit on (``Scenario.hangs``) has no exit code and is not
written (the live suite checks that it still hangs).
``test_vectors.py`` replays them with no CLI present. The library is not consulted here: the
vectors are the real CLI's answers.

Usage (from the repository root):
    python tests/conformance/record_vectors.py [--seed N] [--diff-cases N] [--out DIR]
                                               [--cli VERSION ...]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

# Run as a script: make ``tests/`` importable so ``conformance.<module>`` resolves.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from conformance.differential import DiffCase, diff_cases, to_scenario
from conformance.runner import CliBinary, discover_clis
from conformance.scenarios import SCENARIOS, Scenario, run_many, vector, vector_line

DEFAULT_SEED = 20251127
BATCH = 25


def generated_cases(seed_value: int, count: int) -> list[DiffCase]:
    """``count`` distinct differential cases from a Hypothesis run with a fixed seed."""
    cases: list[DiffCase] = []

    @seed(seed_value)
    @settings(
        max_examples=max(1, -(-2 * count // BATCH)),  # cases repeat across batches
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(st.lists(diff_cases(), min_size=BATCH, max_size=BATCH, unique=True))
    def collect(batch: list[DiffCase]) -> None:
        cases.extend(batch)

    collect()
    unique = list(dict.fromkeys(cases))
    return unique[:count]


def record(cli: CliBinary, scenarios: list[Scenario], path: Path) -> tuple[int, int]:
    """Run ``scenarios`` against ``cli`` and write the vectors; returns (written, skipped)."""
    applicable = [sc for sc in scenarios if sc.applies_to(cli.version)]
    results = run_many([(cli, sc) for sc in applicable])
    written = skipped = 0
    with path.open("w", encoding="utf-8") as out:
        for scenario, result in zip(applicable, results, strict=True):
            if result.exit_code is None:
                skipped += 1
                print(
                    f"  not recorded (no exit code: {'timed out' if result.timed_out else result.notes}): {scenario.name}",
                    file=sys.stderr,
                )
                continue
            out.write(vector_line(vector(scenario, cli, result)) + "\n")
            written += 1
    return written, skipped


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the process exit status."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help="Hypothesis seed for the differential cases"
    )
    parser.add_argument(
        "--diff-cases", type=int, default=300, help="differential cases per CLI (default 300)"
    )
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "vectors")
    parser.add_argument(
        "--cli",
        action="append",
        metavar="VERSION",
        help="record only this CLI version (repeatable; default: every CLI found)",
    )
    args = parser.parse_args(argv)

    clis = [c for c in discover_clis() if not args.cli or c.version in args.cli]
    if not clis:
        print(
            "no docker CLI found; install one or run scripts/provision_docker_clis.sh",
            file=sys.stderr,
        )
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    cases = generated_cases(args.seed, args.diff_cases)
    diff_scenarios = [to_scenario(case) for case in cases]
    for cli in clis:
        begin = time.monotonic()
        table = record(cli, SCENARIOS, args.out / f"table-{cli.label}.jsonl")
        diff = record(cli, diff_scenarios, args.out / f"differential-{cli.label}.jsonl")
        print(
            f"{cli.label} ({cli.path}): {table[0]} table vectors, {diff[0]} differential vectors "
            f"(seed {args.seed}), {table[1] + diff[1]} not recorded, {time.monotonic() - begin:.1f} s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
