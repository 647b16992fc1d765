"""Offline: replay the recorded real-daemon vectors through the library, on every run.

``vectors/<dockerd>/cli-<cli>.jsonl`` hold what real dockerd 20.10.24, 26.1.5, 28.5.2 and
29.7.2 answered (recorded by ``record_vectors.py``; the live suite checks they still hold).
Each line is replayed through ``scenarios.check_*``: ``exitcodes.resolve`` must give the real
exit code, ``exitcodes.classify`` must agree with the real State, ``explain_exit`` /
``explain`` must rank the scenario's cause first. A disagreement listed in
``scenarios.DISAGREEMENTS`` is ``xfail(strict=True)``: when the library is fixed, it XPASSes
and fails until the entry is removed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from engines_live.scenarios import (
    BY_NAME,
    SCENARIOS,
    VECTOR_DIR,
    check_cause,
    check_code,
    check_state,
    check_state_cause,
    disagreement,
    load_vectors,
    recorded_call,
    vector_line,
)

VECTORS: list[tuple[str, dict[str, Any]]] = [
    (f"{path.parent.name}/{path.stem}", vec)
    for path in sorted(VECTOR_DIR.glob("*/cli-*.jsonl"))
    for vec in load_vectors(path)
]
"""``(<dockerd>/cli-<cli>, vector)`` for every recorded line."""


def _params(check: str, wanted: Callable[[dict[str, Any]], bool]) -> list[Any]:
    out = []
    for where, vec in VECTORS:
        if not wanted(vec):
            continue
        reason = disagreement(vec, check)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        out.append(pytest.param(vec, id=f"{where}::{vec['name']}", marks=marks))
    return out


def _scenario_has(field: str) -> Callable[[dict[str, Any]], bool]:
    return lambda vec: getattr(BY_NAME[vec["name"]], field) is not None


def test_every_daemon_and_cli_was_recorded() -> None:
    """Vectors exist for the four daemons, each with the host CLI 28.2.2 and its own CLI."""
    recorded = {where for where, _ in VECTORS}
    for dockerd in ("20.10.24", "26.1.5", "28.5.2", "29.7.2"):
        for cli in ("28.2.2", dockerd):
            assert f"{dockerd}/cli-{cli}" in recorded, (
                f"no vectors for dockerd {dockerd} with CLI {cli}:"
                f" run `python tests/engines_live/record_vectors.py {dockerd}` as root"
            )


@pytest.mark.parametrize("where", sorted({where for where, _ in VECTORS}) or ["none"])
def test_vectors_match_the_scenario_table(where: str) -> None:
    """Every file covers every scenario in order, with the table's current resolve call."""
    vecs = [vec for w, vec in VECTORS if w == where]
    assert [vec["name"] for vec in vecs] == [scenario.name for scenario in SCENARIOS], (
        f"{where} is out of step with scenarios.SCENARIOS: rerun record_vectors.py"
    )
    by_name = {vec["name"]: vec for vec in vecs}
    for vec in vecs:
        call = recorded_call(vec, by_name)
        assert vec["resolve"] == call, f"{vector_line(vec)}\n  the table's call is now {call}"


@pytest.mark.parametrize("vec", _params("code", lambda vec: True))
def test_code(vec: dict[str, Any]) -> None:
    """``exitcodes.resolve`` gives the recorded real exit code."""
    problems = check_code(vec)
    assert not problems, f"{vector_line(vec)}\n  " + "; ".join(problems)


@pytest.mark.parametrize("vec", _params("state", lambda vec: vec["state"] is not None))
def test_state(vec: dict[str, Any]) -> None:
    """``exitcodes.classify`` agrees with the recorded inspect State."""
    problems = check_state(vec)
    assert not problems, f"{vector_line(vec)}\n  " + "; ".join(problems)


@pytest.mark.parametrize("vec", _params("cause", _scenario_has("cause")))
def test_cause(vec: dict[str, Any]) -> None:
    """``explain_exit(code, output=stderr)`` ranks the scenario's cause first."""
    problems = check_cause(vec, BY_NAME[vec["name"]])
    assert not problems, f"{vector_line(vec)}\n  " + "; ".join(problems)


@pytest.mark.parametrize(
    "vec",
    _params(
        "state_cause",
        lambda vec: vec["state"] is not None and _scenario_has("state_cause")(vec),
    ),
)
def test_state_cause(vec: dict[str, Any]) -> None:
    """``explain({"State": state})`` ranks the scenario's cause first."""
    problems = check_state_cause(vec, BY_NAME[vec["name"]])
    assert not problems, f"{vector_line(vec)}\n  " + "; ".join(problems)
