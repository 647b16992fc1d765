"""Live podman conformance: the real podman, as root, for every scenario in ``scenarios.py``.

All scenarios run once per session (``conftest.podman_live``, a thread pool). Per scenario:

* ``test_real_exit_code``: the harness ran it as planned; on a podman of
  ``OBSERVED_VERSIONS`` (4.3.1, 5.4.2, 5.8.6) the exit code is the one that version was
  observed to give (``Scenario.expected(version)``); a recorded vector for this version agrees.
* ``test_profile_predicts``: ``exitcodes.resolve(**call, profile=profiles.podman(version))``
  gives the real exit code (skipped while the podman profile is not implemented).
* ``test_state_consistent``: ``exitcodes.classify`` agrees with the captured inspect State.

Without a usable podman (not installed, not root, no rootfs) the tests skip and say how to
provision; with ``CI=true`` they fail. Every failure prints the scenario as a JSONL vector.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from podman_live.live import LiveRun, availability, unavailable
from podman_live.scenarios import (
    OBSERVED_VERSIONS,
    SCENARIOS,
    Scenario,
    predict,
    profile_missing,
    recorded_vectors,
    run_exit_code,
    state_problems,
    vector,
    vector_line,
)

pytestmark = pytest.mark.podman

_IDS = [scenario.name for scenario in SCENARIOS]
_WITH_STATE = [scenario for scenario in SCENARIOS if scenario.plan.inspect is not None]
_HEX_ID = re.compile(r"\b[0-9a-f]{64}\b")


def _stable(value: Any) -> Any:
    """*value* with 64-hex container ids masked (they differ from run to run)."""
    if isinstance(value, str):
        return _HEX_ID.sub("<id>", value)
    if isinstance(value, dict):
        return {key: _stable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_stable(item) for item in value]
    return value


def test_podman_available() -> None:
    """Real podman runs here (else skip, or fail with ``CI=true``, saying how to provision)."""
    found = availability()
    if found.env is None:
        unavailable(found.reason)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=_IDS)
def test_real_exit_code(scenario: Scenario, podman_live: LiveRun) -> None:
    """The scenario ran as planned and podman's exit code is the known one."""
    env, captures = podman_live.need()
    capture = captures[scenario.name]
    vec = vector(scenario, capture, env)
    line = vector_line(vec)
    assert not capture.problems, f"{line}\n  harness: {'; '.join(capture.problems)}"
    real = capture.exit_code
    if env.version in OBSERVED_VERSIONS:
        expected = scenario.expected(env.version)
        assert real == expected, (
            f"{line}\n  podman {env.version} exited {real}; podman {env.version} was observed to exit {expected}"
        )
    recorded = recorded_vectors(env.version).get(scenario.name)
    if recorded is not None:
        assert recorded["exit_code"] == real, (
            f"{line}\n  the recorded vector says {recorded['exit_code']}: rerun"
            " `python tests/podman_live/record_vectors.py`"
        )
        assert _stable(recorded["resolve"]) == _stable(vec["resolve"]), (
            f"{line}\n  the recorded vector's resolve call differs: {recorded['resolve']}"
        )


@pytest.mark.parametrize("scenario", SCENARIOS, ids=_IDS)
def test_profile_predicts(scenario: Scenario, podman_live: LiveRun) -> None:
    """``exitcodes.resolve`` with the podman profile predicts the real exit code."""
    missing = profile_missing()
    if missing:
        pytest.skip(missing)
    env, captures = podman_live.need()
    capture = captures[scenario.name]
    if capture.problems:
        pytest.skip(f"the harness did not run it as planned: {'; '.join(capture.problems)}")
    vec = vector(scenario, capture, env)
    predicted = predict(scenario.call(capture.stderr), env.version)
    real = capture.exit_code
    assert predicted == real, (
        f"{vector_line(vec)}\n  real podman {env.version} exited {real};"
        f" exitcodes.resolve said {predicted}"
    )


@pytest.mark.parametrize("scenario", _WITH_STATE, ids=[s.name for s in _WITH_STATE])
def test_state_consistent(scenario: Scenario, podman_live: LiveRun) -> None:
    """``exitcodes.classify`` of the captured inspect State agrees with it."""
    missing = profile_missing()
    if missing:
        pytest.skip(missing)
    env, captures = podman_live.need()
    capture = captures[scenario.name]
    if capture.state is None:
        pytest.skip(f"no inspect State was captured ({'; '.join(capture.problems) or 'gone'})")
    run_code = run_exit_code(scenario.call(capture.stderr), capture.exit_code)
    problems = state_problems(capture.state, env.version, run_code)
    assert not problems, f"{vector_line(vector(scenario, capture, env))}\n  " + "; ".join(problems)
