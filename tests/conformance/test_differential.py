"""Differential property test: Hypothesis-generated daemon replies, real CLI vs the library.

Each Hypothesis example is a batch of generated cases (see ``differential.py``), run in a
thread pool, one stub server per case, against one real CLI; every case's real exit code must
equal ``exitcodes.resolve``'s. A failing batch lists every disagreeing case as a ready-to-paste
JSONL vector. Shrinking is off by default (a batch of subprocess runs is slow to shrink, and
the vectors already show each case); set ``EXITCODES_DIFF_SHRINK=1`` to turn it on.

Budget: ``EXITCODES_DIFF_CASES`` cases per CLI (default 150, in batches of 25; with twenty CLIs
that is 3,000 runs, about three minutes on two cores). Hypothesis draws them afresh on every
run. A case that a CLI is known never to exit on (``Scenario.hangs``) must time out instead.
"""

from __future__ import annotations

import os
import time

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conformance.differential import DiffCase, diff_cases, to_scenario
from conformance.runner import STATS, CliBinary, discover_clis, in_ci, missing_cli
from conformance.scenarios import failure_report, predict, run_many

pytestmark = pytest.mark.conformance

CLIS: list[CliBinary] = discover_clis()
BATCH = 25
CASES_PER_CLI = int(os.environ.get("EXITCODES_DIFF_CASES", "150"))
#: The floor under ``CI=true``: fresh generated cases per CLI and run.
MIN_CI_CASES = 100
PHASES = (Phase.explicit, Phase.reuse, Phase.generate) + (
    (Phase.shrink,) if os.environ.get("EXITCODES_DIFF_SHRINK") == "1" else ()
)


def check_batch(cli: CliBinary, cases: list[DiffCase]) -> list[str]:
    """Run ``cases`` against ``cli``; return one failure report per disagreement."""
    scenarios = [to_scenario(case) for case in cases]
    results = run_many([(cli, sc) for sc in scenarios])
    failures = []
    for scenario, result in zip(scenarios, results, strict=True):
        if scenario.hangs_on(cli.version):  # a known hang of this CLI: it must not exit
            if not result.timed_out:
                failures.append(
                    failure_report(scenario, cli, result, "no exit (a known hang of this CLI)")
                )
            continue
        try:
            predicted: int | str = predict(scenario.call, cli.version)
        except Exception as exc:  # the library raising is a disagreement too
            predicted = f"{type(exc).__name__}: {exc}"
        if result.exit_code is None or predicted != result.exit_code:
            failures.append(failure_report(scenario, cli, result, predicted))
    STATS.add(
        "differential", cli.label, len(cases), len(failures), sum(r.duration for r in results)
    )
    return failures


@pytest.mark.parametrize("cli", CLIS or [None], ids=lambda c: c.label if c else "no-docker-cli")
def test_differential(cli: CliBinary | None) -> None:
    """Generated cases: the real CLI and ``exitcodes.resolve`` agree on every exit code."""
    if cli is None:
        missing_cli("every docker CLI binary")
        return
    if in_ci() and CASES_PER_CLI < MIN_CI_CASES:
        pytest.fail(
            f"EXITCODES_DIFF_CASES={CASES_PER_CLI}: CI runs at least {MIN_CI_CASES} per CLI"
        )

    @settings(
        max_examples=max(1, CASES_PER_CLI // BATCH),
        deadline=None,
        phases=PHASES,
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )
    @given(st.lists(diff_cases(), min_size=BATCH, max_size=BATCH, unique=True))
    def batch(cases: list[DiffCase]) -> None:
        failures = check_batch(cli, cases)
        assert not failures, (
            f"{len(failures)} of {len(cases)} generated cases disagree:\n" + "\n".join(failures)
        )

    begin = time.monotonic()
    try:
        batch()
    finally:
        STATS.headline(
            f"differential on {cli.label}: {time.monotonic() - begin:.1f} s wall (batches of {BATCH}, in parallel)"
        )
