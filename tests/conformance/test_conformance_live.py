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
    HANG_TIMEOUT,
    NEVER_EXITS,
    NOT_EXPRESSIBLE,
    ROWS,
    SCENARIOS,
    Scenario,
    covered_rows,
    failure_report,
    predict,
    run_many,
)
from exitcodes.errors import NeverExitsError

pytestmark = pytest.mark.conformance

CLIS: list[CliBinary] = discover_clis()
_ORIGINS = {
    "path": "a docker CLI on PATH (or $EXITCODES_DOCKER_CLI)",
    "cache": "the provisioned CLIs in .cache/docker-clis/",
}
#: The twenty CLIs the suite is built around: the eighteen docker/cli release-tag builds of
#: ../shared/docker-clis (chosen so that every exit-code change of the CLI has a binary on
#: each side), the docker on PATH (28.2.2) and Debian 12's docker.io (20.10.24).
EXPECTED_VERSIONS = (
    "19.03.15", "20.10.24", "20.10.27", "23.0.0", "23.0.1", "24.0.9", "25.0.3", "25.0.4",
    "26.1.0", "26.1.1", "26.1.2", "27.0.1", "27.5.1", "28.0.0", "28.2.2", "28.5.2", "29.0.0",
    "29.1.2", "29.1.3", "29.7.2",
)  # fmt: skip


@pytest.mark.parametrize("origin", sorted(_ORIGINS))
def test_cli_binary_available(origin: str) -> None:
    """The suite expects a docker CLI on PATH and the provisioned ones in the cache."""
    if not any(cli.origin == origin for cli in CLIS):
        missing_cli(_ORIGINS[origin])


@pytest.mark.parametrize("version", EXPECTED_VERSIONS)
def test_expected_cli_version_available(version: str) -> None:
    """Each of the twenty CLI versions is there (or given in $EXITCODES_DOCKER_CLIS)."""
    if not any(cli.version == version for cli in CLIS):
        missing_cli(f"docker CLI {version}")


@pytest.fixture(scope="session")
def live_results() -> dict[tuple[str, str], RunResult]:
    """Run every applicable (CLI, scenario) pair once, in parallel; keyed by (label, name)."""
    pairs = [(cli, sc) for cli in CLIS for sc in SCENARIOS if sc.applies_to(cli.version)]
    begin = time.monotonic()
    results = run_many(pairs)
    wall = time.monotonic() - begin
    rows = covered_rows()
    STATS.headline(
        f"table: {len(SCENARIOS)} scenarios covering {len(rows)} of {len(ROWS)} rows "
        f"({sum(r.startswith('O') for r in rows)} observed, {sum(r.startswith('S') for r in rows)} from the sources); "
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
    except NeverExitsError as exc:  # e.g. CLI 26.1.1, docker run --rm whose start failed
        predicted = f"{NEVER_EXITS} ({exc.rule})"
    except Exception as exc:  # the library raising is a disagreement too
        predicted = f"{type(exc).__name__}: {exc}"
    if result.timed_out:
        # Still running when the timeout hit (HANG_TIMEOUT for a known hang): it never exits.
        agree = predicted.startswith(NEVER_EXITS) if isinstance(predicted, str) else False
        suite = "hangs"
    else:
        agree = result.exit_code is not None and predicted == result.exit_code
        suite = "live"
    STATS.add(suite, cli.label, 1, 0 if agree else 1, result.duration)
    assert agree, failure_report(scenario, cli, result, predicted)
    assert scenario.hangs_on(cli.version) is result.timed_out, (
        f"{scenario.name}: Scenario.hangs (the run's timeout of {HANG_TIMEOUT} s) disagrees"
        f" with resolve on docker {cli.version}"
    )
