"""Live: real dockerd 20.10.24, 26.1.5, 28.5.2 and 29.7.2, each with two docker CLIs.

Every scenario of ``scenarios.py`` runs once per session against every provisioned daemon
(``conftest.engines_live``), with the machine's docker CLI 28.2.2 (role ``host``) and the
daemon's own CLI (role ``own``: 20.10.24, 26.1.5, 28.5.2, 29.7.2). Per scenario:

* ``test_ran``: the harness ran it as planned, and a recorded vector for this daemon and CLI
  (``vectors/<dockerd>/cli-<cli>.jsonl``) has the same exit code and stderr (ids masked);
* ``test_code``, ``test_state``, ``test_cause``, ``test_state_cause``: the library agrees with
  the real answer (``scenarios.check_*``), or the disagreement is listed in
  ``scenarios.DISAGREEMENTS`` with its evidence and the test is ``xfail(strict=True)``.

A daemon that could not start skips its tests with the reason (the daemon's own log lines);
the terminal summary lists every daemon and why any did not start.
"""

from __future__ import annotations

from typing import Any

import pytest

from engines_live.harness import stable
from engines_live.live import SELECTED, DaemonRun
from engines_live.scenarios import (
    SCENARIOS,
    Scenario,
    check_cause,
    check_code,
    check_state,
    check_state_cause,
    disagreement,
    recorded,
    vector,
    vector_line,
)

pytestmark = pytest.mark.engines

ROLES = ("host", "own")
_CASES = [
    pytest.param(version, role, scenario, id=f"{version}-{role}-{scenario.name}")
    for version in SELECTED
    for role in ROLES
    for scenario in SCENARIOS
]


def _run(engines_live: Any, version: str) -> DaemonRun:
    run: DaemonRun = engines_live[version]
    if run.daemon is None:
        pytest.skip(f"dockerd {version} could not start: {run.reason}")
    return run


def _vector(engines_live: Any, version: str, role: str, scenario: Scenario) -> dict[str, Any]:
    run = _run(engines_live, version)
    clis = list(run.captures)
    index = ROLES.index(role)
    if index >= len(clis):
        pytest.skip(f"dockerd {version}: no {role} CLI ran ({run.reason or 'none provisioned'})")
    cli = clis[index]
    captures = run.captures[cli]
    capture = captures[scenario.name]
    assert run.daemon is not None
    vec = vector(scenario, captures, run.daemon, cli)
    if capture.problems:
        pytest.fail(f"{vector_line(vec)}\n  harness: {'; '.join(capture.problems)}")
    return vec


def _expect_agreement(request: pytest.FixtureRequest, vec: dict[str, Any], check: str) -> None:
    reason = disagreement(vec, check)
    if reason is not None:
        request.applymarker(pytest.mark.xfail(strict=True, reason=reason))


@pytest.mark.parametrize("version", SELECTED)
def test_daemon_started(version: str, engines_live: Any) -> None:
    """The daemon started, imported the busybox image and ran ``sh -c 'exit 3'`` (3)."""
    run = _run(engines_live, version)
    assert not run.reason, run.reason


@pytest.mark.parametrize(("version", "role", "scenario"), _CASES)
def test_ran(version: str, role: str, scenario: Scenario, engines_live: Any) -> None:
    """The scenario ran as planned and matches its recorded vector, if there is one."""
    vec = _vector(engines_live, version, role, scenario)
    old = recorded(version, vec["cli"]).get(scenario.name)
    if old is not None:
        assert old["exit_code"] == vec["exit_code"], (
            f"{vector_line(vec)}\n  the recorded vector says {old['exit_code']}: rerun"
            " `python tests/engines_live/record_vectors.py`"
        )
        assert stable(old["stderr"]) == stable(vec["stderr"]), (
            f"{vector_line(vec)}\n  the recorded stderr was {old['stderr']!r}"
        )


@pytest.mark.parametrize(("version", "role", "scenario"), _CASES)
def test_code(
    version: str, role: str, scenario: Scenario, engines_live: Any, request: pytest.FixtureRequest
) -> None:
    """``exitcodes.resolve`` gives the real exit code."""
    vec = _vector(engines_live, version, role, scenario)
    _expect_agreement(request, vec, "code")
    problems = check_code(vec)
    assert not problems, f"{vector_line(vec)}\n  " + "; ".join(problems)


@pytest.mark.parametrize(("version", "role", "scenario"), _CASES)
def test_state(
    version: str, role: str, scenario: Scenario, engines_live: Any, request: pytest.FixtureRequest
) -> None:
    """``exitcodes.classify`` agrees with the captured inspect State."""
    if scenario.plan.inspect is None:
        pytest.skip("no container is left to inspect")
    vec = _vector(engines_live, version, role, scenario)
    if vec["state"] is None:
        pytest.skip("the container did not exist after the command (it failed before create)")
    _expect_agreement(request, vec, "state")
    problems = check_state(vec)
    assert not problems, f"{vector_line(vec)}\n  " + "; ".join(problems)


@pytest.mark.parametrize(("version", "role", "scenario"), _CASES)
def test_cause(
    version: str, role: str, scenario: Scenario, engines_live: Any, request: pytest.FixtureRequest
) -> None:
    """``exitcodes.explain_exit(code, output=stderr)`` ranks the right cause first."""
    if scenario.cause is None:
        pytest.skip("no single cause is expected from the CLI's output alone")
    vec = _vector(engines_live, version, role, scenario)
    _expect_agreement(request, vec, "cause")
    problems = check_cause(vec, scenario)
    assert not problems, f"{vector_line(vec)}\n  " + "; ".join(problems)


@pytest.mark.parametrize(("version", "role", "scenario"), _CASES)
def test_state_cause(
    version: str, role: str, scenario: Scenario, engines_live: Any, request: pytest.FixtureRequest
) -> None:
    """``exitcodes.explain({"State": state})`` ranks the right cause first."""
    if scenario.state_cause is None:
        pytest.skip("no single cause is expected from the State alone")
    vec = _vector(engines_live, version, role, scenario)
    if vec["state"] is None:
        pytest.skip("no container was left to inspect")
    _expect_agreement(request, vec, "state_cause")
    problems = check_state_cause(vec, scenario)
    assert not problems, f"{vector_line(vec)}\n  " + "; ".join(problems)
