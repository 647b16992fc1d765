"""Replay the recorded podman vectors (``vectors/podman-*.jsonl``) with no podman present.

Each line is what the real podman did in one scenario (recorded by ``record_vectors.py``):
``exitcodes.resolve(**line["resolve"], profile=exitcodes.profiles.podman(line["podman"]))``
must give ``line["exit_code"]``, and ``exitcodes.classify`` must agree with ``line["state"]``.
The vectors must also stay in step with the scenario table (same names, same resolve calls).
"""

from __future__ import annotations

from typing import Any

import pytest

from podman_live.scenarios import (
    OBSERVED_VERSIONS,
    SCENARIOS,
    VECTOR_DIR,
    load_vectors,
    predict,
    profile_missing,
    run_exit_code,
    state_problems,
    vector_line,
    vector_path,
)

VECTORS: list[tuple[str, dict[str, Any]]] = [
    (path.stem, vec)
    for path in sorted(VECTOR_DIR.glob("podman-*.jsonl"))
    for vec in load_vectors(path)
]
_PARAMS = [pytest.param(vec, id=f"{stem}::{vec['name']}") for stem, vec in VECTORS]
_STATE_PARAMS = [
    pytest.param(vec, id=f"{stem}::{vec['name']}") for stem, vec in VECTORS if vec.get("state")
]


def _require_profile() -> None:
    missing = profile_missing()
    if missing:
        pytest.skip(missing)


@pytest.mark.parametrize("vec", _PARAMS)
def test_vector_predicted(vec: dict[str, Any]) -> None:
    """The library reproduces the recorded real podman exit code."""
    _require_profile()
    predicted = predict(vec["resolve"], vec["podman"])
    assert predicted == vec["exit_code"], (
        f"{vector_line(vec)}\n  recorded: real podman {vec['podman']} exited {vec['exit_code']};"
        f" exitcodes.resolve said {predicted}"
    )


@pytest.mark.parametrize("vec", _STATE_PARAMS)
def test_vector_state_consistent(vec: dict[str, Any]) -> None:
    """``exitcodes.classify`` agrees with the recorded inspect State."""
    _require_profile()
    run_code = run_exit_code(vec["resolve"], vec["exit_code"])
    problems = state_problems(vec["state"], vec["podman"], run_code)
    assert not problems, f"{vector_line(vec)}\n  " + "; ".join(problems)


@pytest.mark.parametrize("version", OBSERVED_VERSIONS)
def test_vectors_match_the_scenario_table(version: str) -> None:
    """Each observed version's vectors cover every scenario, in order, with the table's code
    for that version and its current resolve call."""
    path = vector_path(version)
    assert path.exists(), (
        f"{path} is missing: run `EXITCODES_PODMAN=<podman {version}>"
        " python tests/podman_live/record_vectors.py`"
    )
    recorded = load_vectors(path)
    assert [vec["name"] for vec in recorded] == [scenario.name for scenario in SCENARIOS], (
        "the vectors are out of step with scenarios.SCENARIOS:"
        " rerun `python tests/podman_live/record_vectors.py`"
    )
    for scenario, vec in zip(SCENARIOS, recorded, strict=True):
        assert vec["podman"] == version
        expected = scenario.expected(version)
        assert vec["exit_code"] == expected, f"{vector_line(vec)}\n  the table expects {expected}"
        assert vec["resolve"] == scenario.call(vec["stderr"]), (
            f"{vector_line(vec)}\n  the table's resolve call is now"
            f" {scenario.call(vec['stderr'])}: rerun `python tests/podman_live/record_vectors.py`"
        )
