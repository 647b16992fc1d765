"""Offline: the vectors recorded from the real compose 2.26.1 and 2.40.3 binaries, replayed.

``tests/compose_live/vectors/<compose>/scenarios.jsonl`` hold what real compose answered
(``tests/compose_live/record.py``, against dockerd 26.1.5 and 28.5.2). Each vector's evidence
goes through :func:`exitcodes.engines.compose.resolve_compose`, which must give the real exit
code: there are no known disagreements, so none is marked.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from compose_live.replay import (
    all_vectors,
    evidence_from_inspect,
    evidence_from_ps,
    evidence_of,
)
from compose_live.scenarios import COMPOSE_VERSIONS, SCENARIOS

from exitcodes.engines.compose import profile, resolve_compose
from exitcodes.errors import MalformedEvidenceError

VECTORS = all_vectors()


def _id(vector: dict[str, Any]) -> str:
    return f"{vector['compose']}::{vector['name']}" + ("::race" if "race" in vector else "")


def test_both_versions_recorded_with_at_least_40_scenarios() -> None:
    """Issue 18: "at least 40 scenarios per compose version" on the real binaries."""
    for version in COMPOSE_VERSIONS:
        names = {v["name"] for v in VECTORS if v["compose"] == version}
        assert len(names) >= 40, version
        assert names == {s.name for s in SCENARIOS}, version


@pytest.mark.parametrize("vector", VECTORS, ids=_id)
def test_replay_events(vector: dict[str, Any]) -> None:
    """The code resolved from the events and stderr is the code the real compose exited with."""
    result = resolve_compose(evidence_of(vector), profile(vector["compose"]))
    assert result.exit_code == vector["exit_code"], result
    assert result.rule.applies_to(profile(vector["compose"]).version)


@pytest.mark.parametrize("vector", VECTORS, ids=_id)
def test_replay_inspect_and_ps_never_wrong(vector: dict[str, Any]) -> None:
    """From inspect states or ``compose ps``: the real code, or an error -- never another code.

    Both lose something (``--rm`` removes the container; ps has no exit times), so the
    resolver may have to refuse; a confident wrong answer is the failure.
    """
    for build in (evidence_from_inspect, evidence_from_ps):
        try:
            result = resolve_compose(build(vector), profile(vector["compose"]))
        except MalformedEvidenceError:
            continue
        assert result.exit_code == vector["exit_code"], (build.__name__, result)


def test_each_race_is_another_real_answer_of_a_recorded_scenario() -> None:
    """docs/compose.md: "compose's own races may change a code from one run to the next";
    each other answer seen is kept, with the evidence that explains it."""
    races = [v for v in VECTORS if "race" in v]
    assert {(v["compose"], v["name"]) for v in races} >= {
        ("2.26.1", "ecf-three-b"),
        ("2.26.1", "wait-timeout"),
        ("2.40.3", "wait-timeout"),
    }
    for race in races:
        recorded = _recorded(race["compose"], race["name"])
        assert "race" not in recorded and recorded["argv"] == race["argv"]
        assert recorded["exit_code"] != race["exit_code"]


def _recorded(version: str, name: str) -> dict[str, Any]:
    return next(v for v in VECTORS if v["compose"] == version and v["name"] == name)


def test_issue_claim_run_missing_command_exits_1() -> None:
    """Issue 18: "`compose run` attaches like `docker start -a`: a missing command may exit 1
    where `docker run` exits 127 (read from code, not yet run)" -- now run: 1 on both."""
    for version in COMPOSE_VERSIONS:
        vector = _recorded(version, "run-not-found")
        assert vector["exit_code"] == 1
        assert "executable file not found" in vector["stderr"]
        assert resolve_compose(evidence_of(vector), profile(version)).message is not None


def test_issue_claim_ctrl_c_gives_130_but_not_for_run() -> None:
    """Issue 18: "Ctrl-C gives 130" -- true for up and wait; run passes SIGINT on to the
    container, whose own code (7, from its trap) is compose's."""
    for version in COMPOSE_VERSIONS:
        for name in ("sigint-up", "sigint-up-abort", "sigint-up-ecf", "sigint-wait"):
            assert _recorded(version, name)["exit_code"] == 130, (version, name)
        assert _recorded(version, "sigint-run-forwarded")["exit_code"] == 7


def test_issue_claim_flag_errors_exit_1_only_since_2_33() -> None:
    """Issue 18: "flag errors exit 1" -- 2.26.1 exits 16 (CommandSyntaxFailure of the legacy
    metrics, removed by docker/compose 23351ece8 in 2.33.0); 2.40.3 exits 1."""
    assert _recorded("2.26.1", "unknown-flag")["exit_code"] == 16
    assert _recorded("2.40.3", "unknown-flag")["exit_code"] == 1


def test_issue_claim_wait_42_never_reaches_the_exit_status() -> None:
    """Issue 18: "`compose wait` (2.20.0) exits 42 when waiting fails"; pkg/compose/wait.go:
    ``return 42, err // Ignore abort flag in case of error in wait``. The real binaries exit
    130 when interrupted while waiting and 1 with no container to wait for: the os.Exit of
    the code is in cobra's PostRun, which an error skips."""
    for version in COMPOSE_VERSIONS:
        assert _recorded(version, "sigint-wait")["exit_code"] == 130
        assert _recorded(version, "wait-no-such-service")["exit_code"] == 1
    assert all(v["exit_code"] != 42 for v in VECTORS)
