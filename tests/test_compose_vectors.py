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
    return f"{vector['compose']}::{vector['name']}"


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
