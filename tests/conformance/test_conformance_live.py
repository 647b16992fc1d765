"""Live conformance: every table scenario against every available real docker CLI.

Each scenario runs the real binary against its own stub daemon (all of them in a thread pool,
once per session), and the exit code must equal
``exitcodes.resolve(**scenario.call, profile=exitcodes.profiles.docker(cli_version)).exit_code``.
A failure prints the scenario as a ready-to-paste JSONL vector.
"""

from __future__ import annotations

import time

import pytest

from conformance.runner import STATS, CliBinary, RunResult, discover_clis, missing_cli
from conformance.scenarios import (
    NOT_EXPRESSIBLE,
    ROWS,
    SCENARIOS,
    Scenario,
    covered_rows,
    failure_report,
    predict,
    run_many,
)

pytestmark = pytest.mark.conformance

CLIS: list[CliBinary] = discover_clis()
_ORIGINS = {
    "path": "a docker CLI on PATH (or $EXITCODES_DOCKER_CLI)",
    "cache": "Debian's docker.io in .cache/docker-clis/",
}


@pytest.mark.parametrize("origin", sorted(_ORIGINS))
def test_cli_binary_available(origin: str) -> None:
    """The suite expects a docker CLI on PATH and Debian's docker.io 20.10 in the cache."""
    if not any(cli.origin == origin for cli in CLIS):
        missing_cli(_ORIGINS[origin])


@pytest.fixture(scope="session")
def live_results() -> dict[tuple[str, str], RunResult]:
    """Run every applicable (CLI, scenario) pair once, in parallel; keyed by (label, name)."""
    pairs = [(cli, sc) for cli in CLIS for sc in SCENARIOS if sc.applies_to(cli.version)]
    begin = time.monotonic()
    results = run_many(pairs)
    wall = time.monotonic() - begin
    rows = covered_rows()
    STATS.headline(
        f"table: {len(SCENARIOS)} scenarios covering {len(rows)} of {len(ROWS)} reference rows "
        f"({sum(r.startswith('O') for r in rows)} observed-table, {sum(r.startswith('S') for r in rows)} summary-table); "
        f"{len(NOT_EXPRESSIBLE)} rows not expressible by a stub"
    )
    for cli in CLIS:
        STATS.clis[cli.label] = cli.path
    STATS.headline(f"live: {len(pairs)} CLI runs in {wall:.1f} s wall")
    return {(cli.label, sc.name): res for (cli, sc), res in zip(pairs, results, strict=True)}


_PARAMS = [pytest.param(cli, sc, id=f"{sc.name}@{cli.label}") for cli in CLIS for sc in SCENARIOS]
if not _PARAMS:
    _PARAMS = [pytest.param(None, None, id="no-docker-cli")]


@pytest.mark.parametrize(("cli", "scenario"), _PARAMS)
def test_live_scenario(
    cli: CliBinary | None, scenario: Scenario | None, live_results: dict[tuple[str, str], RunResult]
) -> None:
    """The real CLI's exit code equals the library's for this scenario."""
    if cli is None or scenario is None:
        missing_cli("every docker CLI binary")
        return
    if not scenario.applies_to(cli.version):
        pytest.skip(f"not applicable to docker {cli.version}: {scenario.note}")
    result = live_results[(cli.label, scenario.name)]
    try:
        predicted: int | str = predict(scenario.call_for(cli.version), cli.version)
    except Exception as exc:  # the library raising is a disagreement too
        predicted = f"{type(exc).__name__}: {exc}"
    agree = result.exit_code is not None and predicted == result.exit_code
    STATS.add("live", cli.label, 1, 0 if agree else 1, result.duration)
    assert agree, failure_report(scenario, cli, result, predicted)
